"""Vocabularies: Italy's territories resolve through the real hierarchy."""

import pytest

from collaborare.core.model import Checker
from collaborare.core.vocab import Vocabulary, packaged_municipalities
from collaborare.site.build import ROOT


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary.load()


@pytest.fixture(scope="module")
def checker(vocab):
    return Checker(vocab, ROOT)


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
    checker, name, municipality, province, region
):
    place, message = checker.resolve_place({"comune": name})
    assert message is None
    assert (place.municipality.name, place.province.label, place.region.label) == (
        municipality,
        province,
        region,
    )
    assert [label for label, _url in place.chain] == [region, province, municipality]


def test_homonymous_municipalities_need_their_province(checker):
    place, message = checker.resolve_place({"comune": "Samone"})
    assert place is None
    assert message == (
        "'Samone' is a municipality in more than one province (TN, TO); "
        "add 'provincia: TN' or the right one"
    )
    place, message = checker.resolve_place({"comune": "Samone", "provincia": "TO"})
    assert message is None and place.region.label == "Piemonte"


def test_provinces_by_name_or_plate_code_and_regions_by_any_name(vocab, checker):
    assert vocab.province("MB") is vocab.province("Monza e della Brianza")
    assert vocab.region("valle d’aosta").slug == "valle-d-aosta"
    assert vocab.region("Trentino-Alto Adige/Südtirol").slug == "trentino-alto-adige"
    place, message = checker.resolve_place({"area": "Brianza", "provincia": "MB"})
    assert message is None
    assert (place.level, place.label, place.region.label) == ("area", "Brianza", "Lombardia")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"regione": "Lombadia"}, "'Lombadia' is not a known region; did you mean 'Lombardia'?"),
        (
            {"comune": "Catanzar"},
            "'Catanzar' is not a known municipality; did you mean 'Catanzaro'?",
        ),
        (
            {"provincia": "Trevis"},
            "'Trevis' is not a known province or metropolitan city; did you mean 'Treviso'?",
        ),
        (
            {"area": "Brianza"},
            "the area 'Brianza' must say where it is; add 'provincia: ...' or 'regione: ...' on the next line",
        ),
        ({"comune": "Monza", "provincia": "Milano"}, "'Monza' is not a municipality of 'Milano'"),
        (
            {"provincia": "MB", "regione": "Veneto"},
            "'Monza e della Brianza' is not in 'Veneto' but in 'Lombardia'; correct 'regione' or 'provincia'",
        ),
        (
            {"nazionale": True, "regione": "Lazio"},
            "'nazionale: true' stands alone; list other places as separate items",
        ),
    ],
)
def test_wrong_places_get_a_message_with_a_suggestion(checker, item, message):
    assert checker.resolve_place(item) == (None, message)


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
