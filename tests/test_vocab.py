"""Vocabularies: Italy's territories resolve through the real hierarchy."""

import pytest

from collaborare.core.validation.values import place as place_rule
from collaborare.core.vocab import Vocabulary, packaged_municipalities


def test_twenty_regions_and_every_province_with_istat_and_plate_codes(vocab):
    assert len(vocab.regions) == 20
    assert len(vocab.provinces) == 107
    assert len({p.istat for p in vocab.provinces.values()}) == 107
    assert all(len(r.istat) == 2 and r.istat.isdigit() for r in vocab.regions.values())
    assert all(len(p.istat) == 3 and p.istat.isdigit() for p in vocab.provinces.values())
    assert all(p.region in vocab.regions for p in vocab.provinces.values())
    assert vocab.provinces["NO"].label == "Novara"


def test_provinces_match_the_packaged_municipalities_dataset(vocab):
    assert {m.province for m in packaged_municipalities()} == set(vocab.provinces)


@pytest.mark.parametrize(
    ("name", "municipality", "province", "region"),
    [
        ("Forlì", "Forlì", "Forlì-Cesena", "Emilia-Romagna"),
        ("forli", "Forlì", "Forlì-Cesena", "Emilia-Romagna"),
        ("Sant'Agata Bolognese", "Sant'Agata Bolognese", "Bologna", "Emilia-Romagna"),
        ("Sant’Agata bolognese", "Sant'Agata Bolognese", "Bologna", "Emilia-Romagna"),
        ("San Daniele del Friuli", "San Daniele del Friuli", "Udine", "Friuli-Venezia Giulia"),
        ("Reggio nell'Emilia", "Reggio nell'Emilia", "Reggio nell’Emilia", "Emilia-Romagna"),
        ("Catanzaro", "Catanzaro", "Catanzaro", "Calabria"),
    ],
)
def test_a_municipality_resolves_to_its_province_and_region(
    vocab, name, municipality, province, region
):
    place, message = place_of(vocab, {"comune": name})
    assert message is None
    assert (place.municipality.name, place.province.label, place.region.label) == (
        municipality,
        province,
        region,
    )
    assert [label for label, _url in place.chain] == [region, province, municipality]


def test_homonymous_municipalities_need_their_province(vocab):
    place, message = place_of(vocab, {"comune": "Samone"})
    assert place is None
    assert message.code == "place.municipality_ambiguous"
    assert str(message) == (
        "'Samone' è il nome di un comune in più province (TN, TO); "
        "aggiungi 'provincia: TN' o quella giusta"
    )
    place, message = place_of(vocab, {"comune": "Samone", "provincia": "TO"})
    assert message is None and place.region.label == "Piemonte"


def test_provinces_by_name_or_plate_code_and_regions_by_any_name(vocab):
    assert vocab.province("MB") is vocab.province("Monza e della Brianza")
    assert vocab.region("valle d’aosta").slug == "valle-d-aosta"
    assert vocab.region("Trentino-Alto Adige/Südtirol").slug == "trentino-alto-adige"
    place, message = place_of(vocab, {"area": "Brianza", "provincia": "MB"})
    assert message is None
    assert (place.level, place.label, place.region.label) == ("area", "Brianza", "Lombardia")


@pytest.mark.parametrize(
    ("item", "code", "message"),
    [
        (
            {"regione": "Lombadia"},
            "place.unknown",
            "'Lombadia' non è una regione nota; intendevi 'Lombardia'?",
        ),
        (
            {"comune": "Catanzar"},
            "place.unknown",
            "'Catanzar' non è un comune noto; intendevi 'Catanzaro'?",
        ),
        (
            {"provincia": "Trevis"},
            "place.unknown",
            "'Trevis' non è una provincia o città metropolitana nota; intendevi 'Treviso'?",
        ),
        (
            {"comune": "Qwxzyk"},
            "place.unknown_spelling",
            "'Qwxzyk' non è un comune noto; controlla come è scritto",
        ),
        (
            {"area": "Brianza"},
            "place.area_needs_where",
            "l'area 'Brianza' deve dire dove si trova; aggiungi 'provincia: ...' o "
            "'regione: ...' nella riga sotto",
        ),
        (
            {"comune": "Monza", "provincia": "Milano"},
            "place.municipality_not_in_province",
            "'Monza' non è un comune di 'Milano'",
        ),
        (
            {"comune": "Monza", "regione": "Veneto"},
            "place.municipality_not_in_region",
            "'Monza' non è un comune di 'Veneto'",
        ),
        (
            {"provincia": "MB", "regione": "Veneto"},
            "place.province_not_in_region",
            "'Monza e della Brianza' non è in 'Veneto' ma in 'Lombardia'; correggi 'regione' "
            "o 'provincia'",
        ),
        (
            {"nazionale": True, "regione": "Lazio"},
            "place.national_alone",
            "'nazionale: true' sta da solo; scrivi gli altri luoghi come elementi separati",
        ),
        (
            {"comune": "Monza", "area": "Brianza"},
            "place.area_in_municipality",
            "un'area sta in una provincia o in una regione, non in un comune; togli 'comune' "
            "oppure 'area'",
        ),
        (
            {"nazionale": False},
            "place.which",
            "indica quale luogo: 'comune', 'provincia', 'regione', 'area' o 'nazionale: true'",
        ),
    ],
)
def test_wrong_places_get_a_message_with_a_suggestion(vocab, item, code, message):
    place, found = place_of(vocab, item)
    assert place is None
    assert (found.code, str(found)) == (code, message)


def test_roles_are_the_six_of_the_content_format_with_italian_labels():
    vocab = Vocabulary.load()
    assert list(vocab.roles) == [
        "promotore",
        "capofila",
        "partner",
        "finanziatore",
        "sostenitore",
        "rete",
    ]
    for role in vocab.roles.values():
        assert role.label and role.description.endswith(".")


def test_the_organisations_file_is_valid_and_every_record_resolves():
    vocab = Vocabulary.load()
    assert vocab.organization_problems == []
    for slug, record in vocab.organizations.items():
        assert (
            record.slug == slug and record.name and record.actor_type in vocab.actor_types.values()
        )
        assert record.url == "" or record.url.startswith("https://")
        assert record.page_url == f"organizzazioni/{slug}/"


def test_organisations_are_found_by_slug_name_or_alias(tmp_path):
    import shutil

    from collaborare.core.vocab import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "organizzazioni.yaml").write_text(
        "- slug: coop-aurora\n  name: Cooperativa sociale Aurora\n  type: impresa-sociale\n"
        "  aliases:\n    - Aurora\n- slug: ente-beta\n  name: Ente Beta\n  type: terzo-settore\n"
        "  url: https://beta.example/\n",
        encoding="utf-8",
    )
    vocab = Vocabulary.load(data)
    assert vocab.organizations["ente-beta"].url == "https://beta.example/"
    assert vocab.organizations["coop-aurora"].aliases == ("Aurora",)
    assert vocab.organization_named("cooperativa sociale aurora").slug == "coop-aurora"
    assert vocab.organization_named("AURORA").slug == "coop-aurora"
    assert vocab.organization_named("Altro") is None
    assert vocab.suggest_organization("coop-auroa") == "coop-aurora"
    assert vocab.suggest_organization("Ente Betta") == "ente-beta"
    assert vocab.suggest_organization("nulla di simile") is None


def test_a_missing_organisations_file_means_no_organisations(tmp_path):
    import shutil

    from collaborare.core.vocab import DATA_DIR

    shutil.copytree(DATA_DIR, tmp_path / "data")
    (tmp_path / "data" / "organizzazioni.yaml").unlink()
    vocab = Vocabulary.load(tmp_path / "data")
    assert vocab.organizations == {} and vocab.organization_problems == []


def test_partial_dates_of_sources_read_in_italian():
    from collaborare.core.sources import partial_date_label

    assert [partial_date_label(v) for v in ("2024", "2024-01", "2024-03-05")] == [
        "2024",
        "gennaio 2024",
        "5 marzo 2024",
    ]


def place_of(vocab, item):
    """(Place, None) or (None, Message): the place rule of core/validation/values.py."""
    return place_rule(item, vocab)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            None,
            "manca il file data/vocabolari/temi.yaml: ripristinalo dal repository "
            "(git checkout -- data/vocabolari/temi.yaml)",
        ),
        (
            "slug: x\n",
            "data/vocabolari/temi.yaml deve essere un elenco di voci, ognuna preceduta da '- ' "
            "e fatta di righe 'campo: valore'",
        ),
        (
            "- slug: [x\n",
            "data/vocabolari/temi.yaml:2: il file non è YAML valido in UTF-8; controlla "
            "l'indentazione (solo spazi) e le virgolette, oppure ripristinalo dal repository",
        ),
    ],
)
def test_a_missing_or_broken_vocabulary_is_said_in_italian_without_traceback(
    project, content, said
):
    themes = project.root / "data" / "vocabolari" / "temi.yaml"
    if content is None:
        themes.unlink()
    else:
        themes.write_text(content, encoding="utf-8")
    completed = project.check_command()
    assert completed.returncode == 1
    assert completed.stderr.strip() == said
    assert "Traceback" not in completed.stdout + completed.stderr
