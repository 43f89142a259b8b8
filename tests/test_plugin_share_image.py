"""Share images (collaborare/plugins/share_image): one per published entry in its folder,
drawn reproducibly, named in og:image; none in local builds (issue 16)."""


def meta(html: str, key: str) -> str | None:
    import re

    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_every_entry_has_a_share_image_under_its_own_folder(site):
    import struct

    entries = [
        path
        for folder in ("esperienze", "riflessioni", "strumenti")
        for path in (site / folder).glob("*/index.html")
        if path.parent.name != "pagina"
    ]
    assert entries
    for page in entries:
        html = page.read_text(encoding="utf-8")
        image = meta(html, "og:image")
        assert image and image.endswith(
            "/" + page.parent.relative_to(site).as_posix() + "/condivisione.png"
        )
        png = (page.parent / "condivisione.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == (
            str(width),
            str(height),
        )
        assert (width, height) == (1200, 630)
        assert meta(html, "og:image:alt")
        assert meta(html, "twitter:card") == "summary_large_image"
    # Listed nowhere else: only the entry's own page names its image.
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".xml", ".json", ".csv", ".txt"}:
            assert "condivisione.png" not in path.read_text(encoding="utf-8", errors="replace"), (
                path
            )


def test_local_builds_draw_no_share_image(fixture_site):
    output, _result, _pages = fixture_site
    assert not list(output.rglob("condivisione.png"))
    html = (output / "esperienze" / "coso-catanzaro" / "index.html").read_text(encoding="utf-8")
    assert meta(html, "og:image") is None and meta(html, "twitter:card") == "summary"


def test_share_image_shows_title_and_place_and_is_reproducible():
    import io

    from PIL import Image

    from collaborare.plugins.share_image import draw

    first = draw(
        "Genitori adesso: un titolo abbastanza lungo da andare a capo più volte",
        "Esperienza",
        "Catanzaro, Valle d’Aosta",
        "Collaborare e partecipare",
    )
    assert first == draw(
        "Genitori adesso: un titolo abbastanza lungo da andare a capo più volte",
        "Esperienza",
        "Catanzaro, Valle d’Aosta",
        "Collaborare e partecipare",
    )
    assert first != draw("Un altro titolo", "Esperienza", "Catanzaro", "Collaborare e partecipare")
    assert Image.open(io.BytesIO(first)).size == (1200, 630)


def test_pages_that_are_not_entries_keep_a_summary_card(site):
    html = (site / "il-focus" / "index.html").read_text(encoding="utf-8")
    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"


def test_share_image_places_name_their_region(site):
    html = (site / "esperienze" / "coso-catanzaro" / "index.html").read_text(encoding="utf-8")
    assert "Catanzaro (Calabria)" in meta(html, "og:image:alt")
