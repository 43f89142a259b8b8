"""Check every internal link of a built site: pages, fragments, assets, feeds and sitemap.

External links are listed (for a person to check), never fetched: builds and tests must not
depend on the network.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from collaborare.core.messages import render

LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("form", "action"),
}
LOCAL = "http://site.invalid"


@dataclass
class Report:
    broken: list = field(default_factory=list)  # (page, link, reason)
    external: list = field(default_factory=list)
    internal: int = 0


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append(value)
            elif name == "srcset" and value:  # "url 480w, url 800w": every picture size
                self.links.extend(item.split()[0] for item in value.split(",") if item.strip())


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def check_links(output: Path, site_url: str = "http://localhost:8000") -> Report:
    output = Path(output)
    base_path = urlparse(site_url).path.rstrip("/")
    report = Report()
    external = set()
    parsed = {}

    def page(path: Path) -> _Page:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    def target(path_in_site: str) -> Path | None:
        if base_path and path_in_site.startswith(base_path + "/"):
            path_in_site = path_in_site[len(base_path) :]
        candidate = output / unquote(path_in_site).lstrip("/")
        if path_in_site.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate

    def check(source: str, page_url: str, link: str):
        if link.startswith(("mailto:", "tel:")) or not link:
            return
        absolute = urljoin(page_url, link)
        if absolute.startswith(site_url.rstrip("/") + "/") or absolute == site_url:
            absolute = LOCAL + "/" + absolute[len(site_url.rstrip("/")) :].lstrip("/")
        parts = urlparse(absolute)
        if f"{parts.scheme}://{parts.netloc}" != LOCAL:
            external.add(link)
            return
        report.internal += 1
        file = target(parts.path)
        if not file.is_file():
            report.broken.append((source, link, render("linkcheck.no_file")))
            return
        fragment = urldefrag(absolute)[1]
        if fragment and file.suffix == ".html" and fragment not in page(file).ids:
            report.broken.append(
                (
                    source,
                    link,
                    render(
                        "linkcheck.no_fragment",
                        fragment=fragment,
                        page=file.relative_to(output).as_posix(),
                    ),
                )
            )

    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        page_url = f"{LOCAL}/{relative}"
        for link in page(path).links:
            check(relative, page_url, link)
    for xml_file in sorted(output.rglob("*.xml")):
        relative = xml_file.relative_to(output).as_posix()
        root = ET.parse(xml_file).getroot()
        for element in root.iter():
            name = element.tag.rsplit("}", 1)[-1]
            url = element.text if name == "loc" else element.get("href") if name == "link" else None
            if url:
                check(relative, f"{LOCAL}/{relative}", url.strip())
    report.broken.sort()
    report.external = sorted(external)
    return report
