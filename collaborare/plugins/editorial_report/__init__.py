"""Shows the editors' report at /redazione/ in local builds only (EDITORIAL_REPORT setting)."""

from __future__ import annotations

import datetime as dt

from pelican import signals
from pelican.generators import Generator

from collaborare.core.reading import check_collection
from collaborare.core.report import build_report
from collaborare.site.runtime import Runtime


class EditorialReportGenerator(Generator):
    def generate_output(self, writer):
        if not self.settings.get("EDITORIAL_REPORT"):
            return
        runtime = Runtime.of(self.settings)
        checker = runtime.checker
        collection = runtime.collection or check_collection(self.path, checker)
        today = self.settings.get("EDITORIAL_REPORT_TODAY") or dt.date.today()
        writer.write_file(
            "redazione/index.html",
            self.get_template("report"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="redazione/",
            report=build_report(collection, checker.vocab, today),
            report_date=today,
        )


def get_generators(pelican):
    return EditorialReportGenerator


def register():
    signals.get_generators.connect(get_generators)
