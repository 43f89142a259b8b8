"""An entry's picture (front matter ``image``): what the check asks of it, and its sizes.

The file must be a picture of content/immagini/ that the site can publish (files.py), in a
format we accept judged by its content, not its extension (Pillow identifies it from its
first bytes), not animated, large enough to look sharp and small enough to resize quickly,
without the GPS position where it was taken, and whole (decoded once). ``image_alt`` and ``image_credit`` go with it. Every problem is
reported at the ``image`` line, where the contributor looks for the picture.

The build (collaborare/plugins/images) makes ``renditions`` of it: the widths listed in
WIDTHS that are smaller than the picture, and the picture's own width, never larger.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import cast

from .files import IMAGE_TYPES, inside, static_problem
from .messages import Message, message
from .problems import Problem
from .text import suggest

# Pillow's name of each format we accept -> the extensions a file of it may have.
ACCEPTED_FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
    "AVIF": (".avif",),
}
# The entry page shows the picture up to 42rem (672 CSS px, so 1344 device px on a
# phone's 2x screen): narrower than 400 px it would be blown up and blurred even on a
# phone. Past 6000 px a side (a 24-megapixel camera's 6000×4000) the file only costs
# memory and build time: 2000 px is plenty for the widest rendition.
MIN_WIDTH = 400
MAX_SIDE = 6000
WIDTHS = (480, 800, 1200)
GPS_IFD = 0x8825  # the EXIF block with the position where a photo was taken
# The fields that go with a picture -> the catalogue's message when one is missing.
COMPANIONS = {"image_alt": "image.alt_missing", "image_credit": "image.credit_missing"}


def image_problems(rel: str, meta: dict, document, content_root: Path, files) -> list[Problem]:
    """Every problem of an entry's picture and of the fields that go with it, at the line
    of ``image``. A picture that passes is added to ``document.links``, so that the
    preview checks the entry again when the file goes."""
    image = meta.get("image")
    if not isinstance(image, str) or not image:
        return []  # the schema reports a wrong type or an empty value
    line = document.line_of(("image",))
    problems = []
    found = file_problem(image, Path(content_root), files)
    if found:
        problems.append(Problem(rel, line, "image", found))
    else:
        document.links.append((line, "image", Path(content_root) / image))
    for name, missing in COMPANIONS.items():
        if name not in meta:
            problems.append(Problem(rel, line, name, missing))
    return problems


def file_problem(image: str, content_root: Path, files) -> Message | None:
    """Why ``image`` does not name a picture the site can show (None if it does)."""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", image):
        return message("image.remote")
    target = content_root / image
    if not image.startswith("immagini/") or ".." in Path(image).parts:
        return message("image.not_in_folder", value=image)
    if not os.path.lexists(target):
        return _missing(image, content_root, files)
    if target not in files:
        return message("image.refused", image=image, reason=str(_refused(target, content_root)))
    return picture_problem(target, image)


def _missing(image: str, content_root: Path, files) -> Message:
    pictures = sorted(
        path.relative_to(content_root).as_posix()
        for path in files
        if path.suffix.lower() in IMAGE_TYPES and inside(path, content_root / "immagini")
    )
    close = suggest(image, pictures)
    if close:
        return message("image.missing_suggest", image=image, close=close)
    return message("image.missing", image=image)


def _refused(target: Path, content_root: Path) -> Message:
    """Why a file that exists is not among those the site publishes (files.scan)."""
    if target.is_symlink() or not inside(target, content_root):
        return message("image.symlink")
    if not target.is_file():
        return message("image.not_file")
    return static_problem(target, content_root) or message("image.hidden")


def picture_problem(path: Path, image: str) -> Message | None:
    """What is wrong with the picture's content: format, animation, size, damage."""
    from PIL import Image

    with warnings.catch_warnings():
        # A huge declared size is reported below as too large, not as a warning.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=list(ACCEPTED_FORMATS)) as picture:
                # Opened by the plugin of one of ACCEPTED_FORMATS, which sets the format.
                shown = cast(str, picture.format)
                width, height = picture.size
                animated = getattr(picture, "is_animated", False)
                if path.suffix.lower() not in ACCEPTED_FORMATS[shown]:
                    return message(
                        "image.wrong_extension",
                        image=image,
                        shown=shown,
                        suffix=path.suffix[1:].upper(),
                    )
                problem = _shape_problem(width, height, animated) or _gps_problem(picture)
                if problem:
                    return problem
                if shown == "JPEG":  # decoded at 1/8 scale: every byte read, 64× fewer pixels
                    picture.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                picture.load()
        except Image.DecompressionBombError:
            return message("image.bomb", limit=MAX_SIDE)
        except Exception:  # noqa: BLE001 - a hostile file may make any decoder raise anything
            return message("image.unreadable", image=image)
    return None


def _gps_problem(picture) -> Message | None:
    """The build strips metadata from what it resizes, but the original file is in the
    public repository and published as it is (body links may name it): a position where a
    photo was taken (often someone's home) must go before it is committed."""
    if picture.getexif().get_ifd(GPS_IFD):
        return message("image.gps")
    return None


def _shape_problem(width: int, height: int, animated: bool) -> Message | None:
    if animated:
        return message("image.animated")
    if width > MAX_SIDE or height > MAX_SIDE:
        return message("image.too_large", width=width, height=height, limit=MAX_SIDE)
    if width < MIN_WIDTH:
        return message("image.too_small", width=width, limit=MIN_WIDTH)
    return None


def rendition_widths(width: int) -> list[int]:
    """The widths the site makes of a picture ``width`` pixels wide: never enlarged."""
    smaller = [w for w in WIDTHS if w < width]
    widest = min(width, WIDTHS[-1])
    return smaller if widest in smaller else [*smaller, widest]
