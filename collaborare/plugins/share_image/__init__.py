"""Draws each published entry's share image (og:image) at build time with Pillow.

A 1200×630 PNG with the entry's title, its places and the site's name, written next to the
entry's page as ``<folder>/<slug>/condivisione.png`` and listed nowhere else (no sitemap,
no open data). The font is Pillow's own default (Aileron, embedded in Pillow): no network
font, no system font, so two builds on any machine draw the same pixels; the PNG carries no
timestamp, so the bytes are the same too.
"""

from __future__ import annotations

import io
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from collaborare.core.kinds import ENTRY_KINDS
from collaborare.site.runtime import Runtime

FILENAME = "condivisione.png"
WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (7, 59, 112)  # --primary-dark
ACCENT = (255, 191, 71)  # --focus
WHITE = (255, 255, 255)
PALE = (214, 228, 242)


def image_path(entry) -> str:
    """The image's path in the site, relative to its root."""
    return f"{entry.url}{FILENAME}"


def place_line(entry) -> str:
    """The entry's places, each with its region when it is smaller than one:
    «Catanzaro (Calabria)», so that a name read out of context is not ambiguous."""

    def named(place):
        region = getattr(place, "region", None)
        if (
            region is not None
            and place.level not in ("regione", "nazionale")
            and region.label != place.label
        ):
            return f"{place.label} ({region.label})"
        return "Italia" if place.level == "nazionale" else place.label

    return ", ".join(named(place) for place in entry.places)


def alt_text(article, sitename: str) -> str:
    entry = article.entry
    title = Markup(article.title).striptags()
    places = place_line(entry)
    return f"{entry.kind_label}: «{title}»" + (f", {places}" if places else "") + f". {sitename}"


def _font(size):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _wrap(text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or font.getlength(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(text: str, width: int, sizes=(68, 60, 52, 46, 40), max_lines=4):
    """The largest font size at which the text holds in max_lines; ellipsis otherwise."""
    for size in sizes:
        font = _font(size)
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines:
            return font, size, lines
    lines = lines[:max_lines]
    while lines[-1] and font.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += "…"
    return font, size, lines


def draw(title: str, kind_label: str, places: str, sitename: str) -> bytes:
    """The PNG bytes of one share image."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    text_width = WIDTH - 2 * MARGIN
    small = _font(30)
    pen.text((MARGIN, MARGIN - 8), kind_label.upper(), font=small, fill=ACCENT)
    font, size, lines = _fit(title, text_width)
    y = MARGIN + 56
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=WHITE)
        y += int(size * 1.2)
    if places:
        place_font = _font(34)
        place_lines = _wrap(places, place_font, text_width)[:2]
        y += 16
        for line in place_lines:
            pen.text((MARGIN, y), line, font=place_font, fill=PALE)
            y += 44
    pen.line(
        (MARGIN, HEIGHT - MARGIN - 24, WIDTH - MARGIN, HEIGHT - MARGIN - 24), fill=PALE, width=2
    )
    pen.text((MARGIN, HEIGHT - MARGIN - 8), sitename, font=small, fill=WHITE)
    out = io.BytesIO()
    # A few colours and their antialiased edges: 32 of them keep the text smooth, and the
    # file is a third of the size and about three times quicker to make than full-colour
    # PNG at level 9 (measured here: 20 ms an image instead of 60).
    image = image.quantize(colors=32, method=Image.Quantize.FASTOCTREE)
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


def published(context):
    collection = context.get("collection") or {}
    by_kind = collection.get("by_kind") or {}
    for kind in ENTRY_KINDS:
        for article in by_kind.get(kind.slug, []):
            if getattr(article, "status", "published") != "draft":
                yield article


class ShareImageGenerator(Generator):
    def generate_output(self, writer):
        if not self.settings.get("SHARE_IMAGES"):
            return  # local builds and the preview (pelicanconf.py)
        sitename = self.settings["SITENAME"]
        output = Path(self.output_path)
        # The preview rebuilds in place (collaborare/site/incremental/): an unchanged image is
        # left as it is and marked kept, so the in-place build does not remove it as stale.
        cache = Runtime.of(self.settings).page_cache
        for article in published(self.context):
            if getattr(article, "picture", None):
                continue  # its own picture is its share image (plugins/images)
            entry = article.entry
            data = draw(
                Markup(article.title).striptags(), entry.kind_label, place_line(entry), sitename
            )
            target = output / image_path(entry)
            if target.exists() and target.read_bytes() == data:
                if cache is not None:
                    cache.pages.keep(image_path(entry))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def add_filters(generator):
    generator.env.filters["share_image"] = image_path
    generator.env.filters["share_image_alt"] = lambda article: alt_text(
        article, generator.settings["SITENAME"]
    )


def get_generators(pelican):
    return ShareImageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
