"""An entry's picture: checked at its line, resized without metadata, shown with its credit."""

import json
import os
import re
import subprocess
from html import unescape
from importlib import resources

import pytest
from PIL import Image

from collaborare.core.images import rendition_widths
from collaborare.plugins.images import encode
from collaborare.site.build import build
from collaborare.site.incremental import BuildCache
from collaborare.site.linkcheck import check_links
from helpers import (
    SETTINGS,
    SITE,
    Project,
    assert_same_site,
    entry_text,
    problems_of,
    resolve,
    target_file,
    vnu_jar,
)

PICTURE_FIELDS = "image: immagini/{name}\nimage_alt: {alt}\nimage_credit: {credit}\n"
GPS_IFD = 0x8825


def photo(size=(1600, 1067), mode="RGB") -> Image.Image:
    """A picture with detail (gradients and noise), so that sizes and bytes are realistic."""
    noise = Image.effect_noise(size, 40).convert("L")
    gradient = Image.linear_gradient("L").resize(size)
    channels = [gradient, noise, Image.radial_gradient("L").resize(size)]
    if mode == "RGBA":
        channels.append(Image.linear_gradient("L").rotate(90).resize(size))
    return Image.merge(mode, channels)


def camera_exif(gps=False) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Fotocamera"  # Make
    exif[0x0110] = "Modello segreto"  # Model
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 54.0, 0.0), 3: "E", 4: (12.0, 29.0, 0.0)})
    return exif


def picture_entry(name, alt="Persone sedute in cerchio in una sala", credit="Foto di prova, CC0"):
    return entry_text(extra=PICTURE_FIELDS.format(name=name, alt=alt, credit=credit))


# -- the built site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def picture_site(tmp_path_factory):
    """The fixture collection with two entries with a picture: a 1600×1067 JPEG with camera
    EXIF (800 KB) and a 600×400 PNG with transparency; share images on, as published."""
    project = Project(tmp_path_factory.mktemp("pictures"), with_collection=True)
    pictures = project.content / "immagini"
    pictures.mkdir(exist_ok=True)
    photo().save(pictures / "cerchio.jpg", quality=92, exif=camera_exif())
    photo((600, 400), "RGBA").save(pictures / "logo.png")
    project.write("esperienze/con-foto.md", picture_entry("cerchio.jpg"), dedent=False)
    project.write(
        "esperienze/con-logo.md",
        picture_entry("logo.png", alt="Il logo del progetto", credit="Logo del progetto"),
        dedent=False,
    )
    cache = project.root / "cache-immagini"
    result = project.build(SHARE_IMAGES=True, IMAGE_CACHE_PATH=str(cache))
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    return project, result.output, cache


def page_html(output, url):
    return target_file(output, url).read_text(encoding="utf-8")


def tags(html, name):
    """The attributes of every <name> element, as dicts."""
    found = []
    for attributes in re.findall(rf"<{name}\b([^>]*)>", html):
        found.append(
            {key: unescape(value) for key, value in re.findall(r'([\w:-]+)="([^"]*)"', attributes)}
        )
    return found


def meta(html, prop):
    for attributes in tags(html, "meta"):
        if prop in (attributes.get("property"), attributes.get("name")):
            return attributes.get("content")
    return None


def srcset_files(output, page_url, srcset):
    return [(resolve(page_url, item.split()[0])[0], item.split()[1]) for item in srcset.split(",")]


def test_entry_page_shows_a_figure_with_every_size_alt_and_credit(picture_site):
    _project, output, _cache = picture_site
    url = "/esperienze/con-foto/"
    html = page_html(output, url)
    figure = re.search(r'<figure class="entry__figure">(.*?)</figure>', html, re.S).group(1)
    (source,) = tags(figure, "source")
    (img,) = tags(figure, "img")
    assert source["type"] == "image/webp"
    assert [w for _f, w in srcset_files(output, url, source["srcset"])] == [
        "480w",
        "800w",
        "1200w",
    ]
    for srcset in (source["srcset"], img["srcset"]):
        for path, width in srcset_files(output, url, srcset):
            with Image.open(target_file(output, path)) as rendition:
                assert f"{rendition.width}w" == width
    assert (img["width"], img["height"]) == ("1200", "800")
    assert img["alt"] == "Persone sedute in cerchio in una sala"
    assert img["sizes"] == source["sizes"] and "loading" not in img
    assert img["src"].endswith("immagine-1200.jpg")
    assert "<figcaption>Crediti immagine: Foto di prova, CC0</figcaption>" in figure


def test_renditions_are_never_larger_than_the_source(picture_site):
    project, output, _cache = picture_site
    source = project.content / "immagini" / "cerchio.jpg"
    folder = output / "esperienze" / "con-foto"
    made = sorted(p.name for p in folder.glob("immagine-*"))
    assert made == [f"immagine-{w}.{e}" for w in (1200, 480, 800) for e in ("jpg", "webp")]
    for path in folder.glob("immagine-*"):
        with Image.open(path) as rendition:
            assert rendition.width <= 1600 and rendition.height <= 1067
            assert abs(rendition.width / rendition.height - 1600 / 1067) < 0.01
        assert path.stat().st_size < source.stat().st_size
    # 600 px wide: 480 and its own width, never enlarged; with transparency, PNG fallback.
    logo = output / "esperienze" / "con-logo"
    assert sorted(p.name for p in logo.glob("immagine-*")) == [
        "immagine-480.png",
        "immagine-480.webp",
        "immagine-600.png",
        "immagine-600.webp",
    ]
    with Image.open(logo / "immagine-600.png") as rendition:
        assert rendition.size == (600, 400) and rendition.mode == "RGBA"


def test_renditions_carry_no_metadata(picture_site):
    project, output, _cache = picture_site
    with Image.open(project.content / "immagini" / "cerchio.jpg") as source:
        assert source.getexif()[0x0110] == "Modello segreto"  # the test can fail
    for path in (output / "esperienze" / "con-foto").glob("immagine-*"):
        with Image.open(path) as rendition:
            assert dict(rendition.getexif()) == {}, path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(rendition.info)
        assert b"Modello segreto" not in path.read_bytes()


def test_share_meta_uses_the_entrys_picture_and_others_keep_the_drawn_one(picture_site):
    _project, output, _cache = picture_site
    html = page_html(output, "/esperienze/con-foto/")
    assert meta(html, "og:image") == f"{SITE}/esperienze/con-foto/immagine-1200.jpg"
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "800")
    assert meta(html, "og:image:type") == "image/jpeg"
    assert meta(html, "og:image:alt") == "Persone sedute in cerchio in una sala"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert not (output / "esperienze" / "con-foto" / "condivisione.png").exists()
    linked_data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert linked_data["image"] == {
        "@type": "ImageObject",
        "contentUrl": f"{SITE}/esperienze/con-foto/immagine-1200.jpg",
        "width": 1200,
        "height": 800,
        "description": "Persone sedute in cerchio in una sala",
        "creditText": "Foto di prova, CC0",
    }
    other = page_html(output, "/esperienze/genitori-adesso/")
    assert meta(other, "og:image").endswith("/esperienze/genitori-adesso/condivisione.png")


def test_cards_show_a_small_lazy_picture_with_empty_alt(picture_site):
    _project, output, _cache = picture_site
    html = page_html(output, "/esperienze/")
    cards = re.findall(r'<article class="card">.*?</article>', html, re.S)
    with_picture = [card for card in cards if "card__picture" in card]
    assert len(with_picture) == 2
    card = next(card for card in with_picture if "con-foto/" in card)
    (img,) = tags(card, "img")
    assert img["alt"] == "" and img["loading"] == "lazy"
    assert img["src"].endswith("con-foto/immagine-480.jpg")
    assert (img["width"], img["height"]) == ("480", "320")


def test_open_data_lists_the_picture_only_when_it_was_made(picture_site):
    _project, output, _cache = picture_site
    records = {
        r["slug"]: r
        for r in json.loads((output / "dati/esperienze.json").read_text(encoding="utf-8"))[
            "entries"
        ]
    }
    record = records["con-foto"]
    assert record["image"] == f"{SITE}/esperienze/con-foto/immagine-1200.jpg"
    assert (output / "esperienze/con-foto/immagine-1200.jpg").is_file()
    assert record["image_credit"] == "Foto di prova, CC0"
    assert records["genitori-adesso"]["image"] is None
    csv = (output / "dati/esperienze.csv").read_text(encoding="utf-8")
    assert "image_credit" in csv.splitlines()[0]


def test_every_picture_url_resolves(picture_site):
    _project, output, _cache = picture_site
    report = check_links(output)
    assert [b for b in report.broken if "immagine-" in b[1]] == []
    assert report.internal > 0


def test_a_second_build_takes_the_renditions_from_the_cache(picture_site, tmp_path):
    project, output, cache = picture_site
    encoded = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(encoded) == 6 + 4 + 2  # two pictures' renditions and their picture.json
    again = project.build(tmp_path / "again", IMAGE_CACHE_PATH=str(cache))
    assert again.ok
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == encoded
    first = output / "esperienze/con-foto/immagine-800.webp"
    second = tmp_path / "again/esperienze/con-foto/immagine-800.webp"
    assert first.stat().st_ino == second.stat().st_ino  # one file, linked from the cache
    # A changed picture is encoded again, into a folder of its own.
    photo((900, 600)).save(project.content / "immagini" / "cerchio.jpg")
    changed = project.build(tmp_path / "changed", IMAGE_CACHE_PATH=str(cache))
    assert changed.ok
    assert sorted(p.name for p in (tmp_path / "changed/esperienze/con-foto").glob("*.webp")) == [
        "immagine-480.webp",
        "immagine-800.webp",
        "immagine-900.webp",
    ]
    assert len([p for p in cache.iterdir() if not p.name.startswith(".")]) == 3


@pytest.mark.slow  # among the longest of the suite: left out of the fast loop
def test_picture_pages_pass_the_nu_html_checker(picture_site):
    _project, output, _cache = picture_site
    documents = [
        str(target_file(output, url)) for url in ("/esperienze/con-foto/", "/esperienze/", "/")
    ]
    completed = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "gnu", *documents],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, (completed.stdout + completed.stderr)[-4000:]


@pytest.mark.parametrize("url", ["/esperienze/con-foto/", "/esperienze/"])
def test_picture_pages_have_no_axe_violations(browser, serve, picture_site, url):
    _project, output, _cache = picture_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(serve(output) + url)
    page.evaluate((resources.files("axe_playwright_python") / "axe.min.js").read_text())
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    # Every picture loaded, at the size its attributes reserved.
    sizes = page.evaluate(
        "() => Array.from(document.querySelectorAll('picture img'), i => "
        "[i.complete && i.naturalWidth > 0, Math.round(i.getBoundingClientRect().width)])"
    )
    assert sizes and all(loaded and width > 0 for loaded, width in sizes), sizes
    page.close()


# -- the check -----------------------------------------------------------------------------

ENTRY = "content/esperienze/e.md:9"


def save(project, name, picture, **options):
    path = project.content / "immagini" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, **options)
    return path


def test_a_good_picture_passes(project):
    save(project, "foto.jpg", photo((800, 533)), exif=camera_exif())
    project.write("esperienze/e.md", picture_entry("foto.jpg"), dedent=False)
    assert problems_of(project) == []


def test_missing_alt_and_credit_are_reported_at_the_image_line(project):
    save(project, "foto.jpg", photo((800, 533)))
    project.write("esperienze/e.md", entry_text(extra="image: immagini/foto.jpg\n"), dedent=False)
    assert problems_of(project) == [
        f"{ENTRY}: image_alt: manca il testo alternativo dell'immagine: aggiungi sotto 'image' "
        "una riga 'image_alt: ...' che dica in una frase che cosa mostra, per chi non la vede",
        f"{ENTRY}: image_credit: mancano i crediti dell'immagine: aggiungi sotto 'image' una "
        "riga 'image_credit: ...' con autore e licenza, ad esempio «Foto di Maria Rossi, "
        "CC BY 4.0»",
    ]


def test_missing_credit_alone(project):
    save(project, "foto.jpg", photo((800, 533)))
    project.write(
        "esperienze/e.md",
        entry_text(extra="image: immagini/foto.jpg\nimage_alt: Una sala piena di persone\n"),
        dedent=False,
    )
    (found,) = problems_of(project)
    assert found.startswith(f"{ENTRY}: image_credit: mancano i crediti dell'immagine")


def _animated(project):
    frames = [photo((500, 300)).convert("P"), Image.new("P", (500, 300), 3)]
    path = project.content / "immagini" / "gira.gif"
    path.parent.mkdir(parents=True, exist_ok=True)
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=200, loop=0)


def _truncated(project):
    path = save(project, "rotta.jpg", photo((800, 533)), quality=90)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _fake_avif(project):
    path = project.content / "immagini" / "video.avif"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))


def _disguised(project):
    path = project.content / "immagini" / "finta.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    photo((800, 533)).save(path, format="PNG")


def _heavy(project):
    # Noise does not compress: 1400×1400 RGB is about 5.9 MB as PNG.
    picture = Image.frombytes("RGB", (1400, 1400), os.urandom(1400 * 1400 * 3))
    save(project, "pesante.png", picture, compress_level=1)


IMAGE_CASES = {
    "missing file, near miss": (
        lambda project: save(project, "foto.jpg", photo((800, 533))),
        "fotto.jpg",
        "il file content/immagini/fotto.jpg non esiste; intendevi 'immagini/foto.jpg'?",
    ),
    "missing file": (
        lambda project: None,
        "nessuna.jpg",
        "il file content/immagini/nessuna.jpg non esiste; controlla il nome (maiuscole "
        "comprese) o aggiungi l'immagine in content/immagini/",
    ),
    "a PNG named .jpg": (
        _disguised,
        "finta.jpg",
        "content/immagini/finta.jpg non si può pubblicare: il contenuto non è un file JPG "
        "(l'estensione non corrisponde); salvalo di nuovo nel formato giusto",
    ),
    "not an image, with the right first bytes": (
        _fake_avif,
        "video.avif",
        "content/immagini/video.avif non è un'immagine JPEG, PNG, GIF, WebP o AVIF leggibile "
        "(il contenuto non corrisponde al formato, oppure il file è danneggiato o incompleto); "
        "salvala di nuovo da un programma di grafica",
    ),
    "truncated": (
        _truncated,
        "rotta.jpg",
        "content/immagini/rotta.jpg non è un'immagine JPEG, PNG, GIF, WebP o AVIF leggibile "
        "(il contenuto non corrisponde al formato, oppure il file è danneggiato o incompleto); "
        "salvala di nuovo da un programma di grafica",
    ),
    "too narrow": (
        lambda project: save(project, "piccola.png", photo((399, 600))),
        "piccola.png",
        "è larga 399 pixel, almeno 400: apparirebbe sgranata; usa un'immagine più grande",
    ),
    "too many pixels": (
        lambda project: save(project, "striscia.png", Image.new("L", (6001, 500))),
        "striscia.png",
        "misura 6001×500 pixel, al massimo 6000 per lato; riducila (per il sito bastano 2000 "
        "pixel di larghezza)",
    ),
    "too tall": (
        lambda project: save(project, "alta.png", Image.new("L", (800, 6001))),
        "alta.png",
        "misura 800×6001 pixel, al massimo 6000 per lato; riducila (per il sito bastano 2000 "
        "pixel di larghezza)",
    ),
    "animated": (
        _animated,
        "gira.gif",
        "le immagini animate non sono ammesse (distraggono e non si possono fermare); salva "
        "un solo fotogramma come PNG o JPEG",
    ),
    "GPS position": (
        lambda project: save(project, "casa.jpg", photo((800, 533)), exif=camera_exif(gps=True)),
        "casa.jpg",
        "contiene la posizione GPS in cui è stata scattata, che il file originale "
        "pubblicherebbe; toglila (nei programmi di foto: «Rimuovi posizione»; oppure "
        "exiftool -gps:all= nome.jpg) e salva di nuovo",
    ),
}


@pytest.mark.parametrize("case", list(IMAGE_CASES))
def test_each_picture_problem_has_its_message_at_the_image_line(project, case):
    make, name, message = IMAGE_CASES[case]
    make(project)
    project.write("esperienze/e.md", picture_entry(name), dedent=False)
    found = [p for p in problems_of(project) if p.startswith("content/esperienze/")]
    assert found == [f"{ENTRY}: image: {message}"]


def test_an_oversize_file_is_reported_at_the_image_line_too(project):
    _heavy(project)
    size = (project.content / "immagini" / "pesante.png").stat().st_size
    assert size > 5_000_000
    project.write("esperienze/e.md", picture_entry("pesante.png"), dedent=False)
    shown = f"{size:,}".replace(",", ".")
    assert problems_of(project) == [
        f"content/esperienze/e.md:9: image: content/immagini/pesante.png non si può "
        f"pubblicare: pesa {shown} byte, al massimo 5.000.000; riducilo (per le immagini "
        "bastano 2.000 pixel di lato)",
        f"content/immagini/pesante.png:1: file: pesa {shown} byte, al massimo 5.000.000; "
        "riducilo (per le immagini bastano 2.000 pixel di lato)",
    ]


def test_invoke_check_exits_non_zero_on_a_picture_problem(project):
    save(project, "piccola.png", photo((300, 200)))
    project.write("esperienze/e.md", picture_entry("piccola.png"), dedent=False)
    completed = project.check_command()
    assert completed.returncode != 0
    assert f"{ENTRY}: image: è larga 300 pixel" in completed.stdout + completed.stderr


def test_rendition_widths_never_enlarge():
    assert rendition_widths(4000) == [480, 800, 1200]
    assert rendition_widths(1200) == [480, 800, 1200]
    assert rendition_widths(1000) == [480, 800, 1000]
    assert rendition_widths(480) == [480]
    assert rendition_widths(400) == [400]


# -- the preview ---------------------------------------------------------------------------


@pytest.mark.slow  # among the longest of the suite: left out of the fast loop
def test_preview_edits_give_the_pictures_a_full_build_gives(tmp_path):
    """The preview's in-place builds (collaborare/site/incremental.py) keep, add and remove
    renditions as a full build into a new folder makes them."""

    project = Project(tmp_path / "project", with_collection=True)
    save(project, "uno.jpg", photo((1000, 667)))
    save(project, "due.png", photo((700, 700)))
    entry = project.write("esperienze/e.md", picture_entry("uno.jpg"), dedent=False)
    cache = BuildCache()
    overrides = project.overrides(
        SEARCH_INDEX=False, BUILD_WORKERS=1, IMAGE_CACHE_PATH=str(tmp_path / "cache")
    )

    def rebuild(listed_first=False):
        result = build(SETTINGS, tmp_path / "output", overrides, cache, listed_first)
        assert result.ok, [str(p) for p in result.problems] + result.build_errors
        if not listed_first:
            assert build(SETTINGS, tmp_path / "full", overrides).ok
            assert_same_site(tmp_path / "output", tmp_path / "full")

    def pictures():
        return sorted(p.name for p in (tmp_path / "output/esperienze/e").glob("immagine-*"))

    rebuild()
    rebuild()  # nothing changed: every rendition kept
    assert pictures() == [f"immagine-{w}.{e}" for w in (1000, 480, 800) for e in ("jpg", "webp")]
    entry.write_text(picture_entry("uno.jpg", alt="Altre persone in cerchio"), encoding="utf-8")
    rebuild(listed_first=True)
    rebuild()
    entry.write_text(picture_entry("due.png"), encoding="utf-8")
    rebuild(listed_first=True)
    rebuild()
    assert pictures() == [f"immagine-{w}.{e}" for w in (480, 700) for e in ("png", "webp")]
    entry.write_text(entry_text(), encoding="utf-8")
    rebuild(listed_first=True)
    rebuild()
    assert pictures() == []


@pytest.mark.parametrize(
    ("mode", "extension", "fallback", "fallback_mode"),
    [
        ("L", "jpg", "jpg", "RGB"),
        ("CMYK", "jpg", "jpg", "RGB"),
        ("RGBA", "webp", "png", "RGBA"),
        ("LA", "png", "png", "RGBA"),
        ("P", "gif", "png", "RGB"),
    ],
)
def test_every_colour_mode_gives_webp_and_its_fallback(
    tmp_path, mode, extension, fallback, fallback_mode
):
    source = tmp_path / f"source.{extension}"
    transparent = mode in ("RGBA", "LA")  # with an alpha that is not all opaque
    photo((900, 600), "RGBA" if transparent else "RGB").convert(mode).save(source)
    out = tmp_path / "out"
    out.mkdir()
    encode(source, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["picture.json", *(f"{w}.{e}" for w in (480, 800, 900) for e in ("webp", fallback))]
    )
    with Image.open(out / f"900.{fallback}") as rendition:
        assert (rendition.size, rendition.mode) == ((900, 600), fallback_mode)


def test_a_picture_is_turned_as_the_camera_says_before_its_exif_goes(tmp_path):
    exif = camera_exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    photo((1200, 800)).save(tmp_path / "girata.jpg", exif=exif)
    encode(tmp_path / "girata.jpg", tmp_path)
    assert json.loads((tmp_path / "picture.json").read_text())["sizes"] == [[480, 720], [800, 1200]]
    with Image.open(tmp_path / "800.jpg") as rendition:
        assert rendition.size == (800, 1200) and dict(rendition.getexif()) == {}


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("javascript:alert(1)", "un'immagine da un altro sito non è ammessa"),
        (
            "../../../../etc/passwd",
            "'../../../../etc/passwd' non è un'immagine di content/immagini/",
        ),
        ("immagini/manca.jpg", "il file content/immagini/manca.jpg non esiste"),
    ],
)
def test_the_image_field_must_name_a_picture_of_the_collection(project, image, message):
    project.write(
        "esperienze/i.md",
        entry_text(extra=f"image: '{image}'\nimage_alt: Una foto\nimage_credit: Foto mia\n"),
        dedent=False,
    )
    found = problems_of(project)
    assert len(found) == 1 and found[0].startswith(
        f"content/esperienze/i.md:9: image: {message}"
    ), found
