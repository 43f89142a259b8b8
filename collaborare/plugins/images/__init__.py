"""Resizes each entry's picture at build time into WebP and fallback widths, without metadata."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from collaborare.core.images import WIDTHS, rendition_widths
from collaborare.site.runtime import Runtime

# Part of every cache key: change it when the encoding below changes, so that the cached
# renditions of an earlier encoding are never served again.
ENCODING = "webp-q80-m4;jpeg-q82-progressive;png-opt;draft;lanczos-gap3;v1"
WEBP_OPTIONS = {"quality": 80, "method": 4}
FALLBACK_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}
# The file next to the entry's page: never where a file of content/immagini/ (which
# Pelican copies as it is) or another entry's picture could be.
NAME = "immagine-{width}.{extension}"


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: str  # path in the site, from its root
    fallback: str


@dataclass(frozen=True)
class Picture:
    """What the templates show of an entry's picture: every rendition, smallest first."""

    renditions: tuple[Rendition, ...]
    fallback_type: str  # the MIME type of the fallback files
    alt: str
    credit: str

    @property
    def largest(self) -> Rendition:
        return self.renditions[-1]

    @property
    def smallest(self) -> Rendition:
        return self.renditions[0]

    def srcset(self, siteurl: str, webp: bool = True) -> str:
        return ", ".join(
            f"{siteurl}/{r.webp if webp else r.fallback} {r.width}w" for r in self.renditions
        )


@dataclass
class Encoded:
    """The renditions of one picture in the cache folder, and their sizes."""

    folder: Path
    fallback: str  # "jpg" or "png"
    sizes: list[tuple[int, int]]


@dataclass
class PictureCache:
    """Renditions on disk keyed by the picture's content, so that a picture is encoded once
    whatever the builds, previews and output folders; and, for one build, the pictures
    already found (a preview's fast path sends the finalized signal again)."""

    folder: Path
    found: dict = field(default_factory=dict)  # (source path, stamp) -> Encoded

    def get(self, source: Path) -> Encoded:
        info = source.stat()
        stamp = (str(source), info.st_mtime_ns, info.st_size, info.st_ino)
        if stamp not in self.found:
            self.found[stamp] = self._load_or_encode(source)
        return self.found[stamp]

    def _load_or_encode(self, source: Path) -> Encoded:
        digest = hashlib.blake2b(ENCODING.encode(), digest_size=16)
        with open(source, "rb") as stream:
            digest.update(stream.read())
        folder = self.folder / digest.hexdigest()
        meta = folder / "picture.json"
        if not meta.is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".encoding-", dir=self.folder))
            try:
                encode(source, staging)
                # Whole or not at all: two builds encoding at once keep the first one's.
                with contextlib.suppress(OSError):
                    staging.rename(folder)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
        data = json.loads(meta.read_text(encoding="utf-8"))
        return Encoded(folder, data["fallback"], [tuple(size) for size in data["sizes"]])


def encode(source: Path, folder: Path):
    """Write ``<width>.webp`` and ``<width>.<jpg|png>`` of every rendition width into
    ``folder``, turned upright as the camera said, then without any metadata (EXIF with
    GPS position and camera, XMP, comments): Pillow writes them only when asked."""
    from PIL import Image, ImageOps

    with Image.open(source) as original:
        icc = original.info.get("icc_profile")  # colours, not personal data: kept
        # A large JPEG is decoded at 1/2, 1/4 or 1/8 scale while both sides stay at least
        # the widest rendition (whichever way it is turned): several times quicker.
        original.draft(None, (WIDTHS[-1], WIDTHS[-1]))
        upright = ImageOps.exif_transpose(original)
        alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        picture = upright.convert("RGBA" if alpha else "RGB")
        fallback = "JPEG" if original.format in ("JPEG", "WEBP", "AVIF") and not alpha else "PNG"
    extension = "jpg" if fallback == "JPEG" else "png"
    sizes = []
    for width in rendition_widths(picture.width):
        height = max(1, round(picture.height * width / picture.width))
        resized = (
            picture
            if width == picture.width
            # reducing_gap: a quick box reduction first, Lanczos for the last factor of 3.
            else picture.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        extra = {"icc_profile": icc} if icc else {}
        resized.save(folder / f"{width}.webp", "WEBP", **WEBP_OPTIONS, **extra)
        resized.save(
            folder / f"{width}.{extension}", fallback, **FALLBACK_OPTIONS[fallback], **extra
        )
        sizes.append((width, height))
    (folder / "picture.json").write_text(
        json.dumps({"fallback": extension, "sizes": sizes}), encoding="utf-8"
    )


def picture_cache(settings) -> PictureCache:
    """This build's cache (on its settings), in IMAGE_CACHE_PATH or the project's
    .cache/immagini/ (git-ignored), outside the output folder, which every build replaces."""
    runtime = Runtime.of(settings)
    if runtime.pictures is None:
        root = Path(settings.get("COLLECTION_ROOT") or Path(settings["PATH"]).parent)
        folder = settings.get("IMAGE_CACHE_PATH") or root / ".cache" / "immagini"
        runtime.pictures = PictureCache(Path(folder))
    return runtime.pictures


def entry_articles(generator):
    for name in ("articles", "translations", "drafts", "drafts_translations"):
        yield from getattr(generator, name, ())


def attach_pictures(generator):
    """Give every entry with a picture its ``picture``, encoding what the cache lacks."""
    cache = picture_cache(generator.settings)
    content = Path(generator.settings["PATH"])
    for article in entry_articles(generator):
        entry = getattr(article, "entry", None)
        if entry is None or not entry.image:
            continue
        encoded = cache.get(content / entry.image)
        article.picture_files = encoded
        article.picture = Picture(
            tuple(
                Rendition(
                    width,
                    height,
                    article.url + NAME.format(width=width, extension="webp"),
                    article.url + NAME.format(width=width, extension=encoded.fallback),
                )
                for width, height in encoded.sizes
            ),
            "image/jpeg" if encoded.fallback == "jpg" else "image/png",
            entry.image_alt,
            entry.raw.get("image_credit", ""),  # required with the picture (core/images.py)
        )


def place(cached: Path, target: Path) -> bool:
    """Put a cached rendition at ``target`` (a hard link: no copy, same bytes); False if
    it was there already (the preview's in-place build then keeps it)."""
    with contextlib.suppress(OSError):
        if os.path.samefile(cached, target):
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:  # another file system, or one without links
        shutil.copyfile(cached, target)
    return True


class PicturesGenerator(Generator):
    """Writes each entry picture's renditions next to the entry's page."""

    def generate_output(self, writer):
        output = Path(self.output_path)
        page_cache = Runtime.of(self.settings).page_cache  # the preview's
        articles = self.context.get("articles", []) + self.context.get("drafts", [])
        for article in articles:
            picture = getattr(article, "picture", None)
            if picture is None:
                continue
            encoded = article.picture_files
            for width, _height in encoded.sizes:
                for extension in ("webp", encoded.fallback):
                    path = article.url + NAME.format(width=width, extension=extension)
                    cached = encoded.folder / f"{width}.{extension}"
                    if not place(cached, output / path) and page_cache is not None:
                        page_cache.pages.keep(path)


def get_generators(pelican):
    return PicturesGenerator


def register():
    signals.article_generator_finalized.connect(attach_pictures)
    signals.get_generators.connect(get_generators)
