"""Open data (collaborare/plugins/open_data): the JSON, the CSV, the schema and the guide page."""

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import SITE, entry_text


def test_open_data_json_has_every_entry_with_resolved_territories(fixture_site):
    output, result, _pages = fixture_site
    document = json.loads((output / "dati/esperienze.json").read_text(encoding="utf-8"))
    records = {record["slug"]: record for record in document["entries"]}
    assert set(records) == {e.slug for e in result.collection.published}
    guarneriana = records["biblioteca-guarneriana"]
    assert guarneriana["url"] == f"{SITE}/esperienze/biblioteca-guarneriana/"
    assert guarneriana["territories"] == [
        {
            "level": "comune",
            "label": "San Daniele del Friuli",
            "region": {
                "slug": "friuli-venezia-giulia",
                "name": "Friuli-Venezia Giulia",
                "istat": "06",
            },
            "province": {"slug": "udine", "name": "Udine", "istat": "030", "sigla": "UD"},
            "municipality": {
                "slug": "san-daniele-del-friuli",
                "name": "San Daniele del Friuli",
                "cadastral_code": "H816",
            },
        }
    ]
    assembly = records["assemblea-ragazzi-emilia-romagna"]
    assert assembly["period"] == {"start": "2023-01", "end": "2023-09", "ongoing": False}
    assert set(assembly) == {
        "slug",
        "kind",
        "title",
        "summary",
        "url",
        "date",
        "modified",
        "authors",
        "themes",
        "territories",
        "actor_types",
        "organizations",
        "period",
        "sources",
        "sources_note",
        "image",
        "image_alt",
        "image_credit",
        "related",
        "strumenti",
    }
    assert assembly["strumenti"] == ["cerchio-di-ascolto"]


def test_open_data_carries_the_strumenti_and_the_links_to_them(fixture_site):
    output, _result, _pages = fixture_site
    document = json.loads((output / "dati/esperienze.json").read_text(encoding="utf-8"))
    records = {record["slug"]: record for record in document["entries"]}
    tool = records["cerchio-di-ascolto"]
    assert tool["kind"] == "strumento"
    assert tool["url"] == f"{SITE}/strumenti/cerchio-di-ascolto/"
    assert (tool["territories"], tool["period"], tool["strumenti"]) == ([], None, [])
    assert records["tavolo-poverta-brianza"]["strumenti"] == [
        "cerchio-di-ascolto",
        "mappa-delle-risorse",
    ]
    assert records["coso-catanzaro"]["strumenti"] == []
    raw = (output / "dati/esperienze.csv").read_bytes().decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["mappa-delle-risorse"]["kind"] == "strumento"
    assert rows["tavolo-poverta-brianza"]["strumenti"] == "cerchio-di-ascolto;mappa-delle-risorse"
    schema = json.loads((output / "dati/schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["strumenti"]["items"] == {"$ref": "#/$defs/slug"}
    assert schema["x-required-by-kind"]["strumenti"] == []
    guide = (output / "dati/index.html").read_text(encoding="utf-8")
    assert "<code>strumento</code>" in guide and "<dt><code>strumenti</code></dt>" in guide


def test_open_data_csv_opens_in_a_spreadsheet(fixture_site):
    output, result, _pages = fixture_site
    raw = (output / "dati/esperienze.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(result.collection.published)
    row = next(r for r in rows if r["slug"] == "monzese-poverta-educativa")
    assert row["actor_types"] == "terzo-settore;fondazione"
    # "Name (ruolo); Other (ruolo)", names as data/organizzazioni.yaml writes them.
    entry = next(e for e in result.collection.published if e.slug == "monzese-poverta-educativa")
    assert row["organizations"] == "; ".join(
        f"{o.name} ({o.role.slug})" for o in entry.organizations
    )
    assert [o.slug for o in entry.organizations] == [
        "un-ponte-per",
        "fondazione-comunita-monza-brianza",
    ]
    assert (row["regions"], row["region_istat"], row["province_sigla"], row["areas"]) == (
        "Lombardia",
        "03",
        "MB",
        "Monzese",
    )


def test_open_data_schema_lists_the_vocabularies(fixture_site):
    output, _result, _pages = fixture_site
    schema = json.loads((output / "dati/schema.json").read_text(encoding="utf-8"))
    assert "coesione-sociale" in schema["$defs"]["theme"]["enum"]
    assert "biblioteca" in schema["$defs"]["actorType"]["enum"]


def test_open_data_and_feeds_are_byte_identical_across_builds(project, tmp_path):
    project.write("esperienze/una.md", entry_text(), dedent=False)
    project.write(
        "esperienze/due.md", entry_text(title="Seconda scheda", date="2026-02-01"), dedent=False
    )
    first = project.build(output=tmp_path / "a")
    second = project.build(output=tmp_path / "b")
    assert first.ok and second.ok
    for name in (
        "dati/esperienze.json",
        "dati/esperienze.csv",
        "feed/tutto.atom.xml",
        "sitemap.xml",
    ):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_a_csv_cell_never_starts_a_formula_and_keeps_its_text(cell):
    from collaborare.plugins.open_data import neutralised

    safe = neutralised(cell)
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert safe in (cell, "'" + cell)


# What the open data holds: text (any character but lone surrogates, which YAML and JSON
# cannot carry), whole numbers, true/false/null, nested lists and mappings.
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(st.characters(exclude_categories=["Cs"])),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(st.characters(exclude_categories=["Cs"]), max_size=8), children)
    ),
    max_leaves=30,
)


@given(_JSON_VALUES)
@settings(max_examples=300, deadline=None)
def test_open_data_json_is_what_json_dumps_writes(value):
    import json

    from collaborare.plugins.open_data import json_text

    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_open_data_csv_cells_never_start_a_formula(project):
    project.write(
        "esperienze/formula.md",
        entry_text(
            title='\'=HYPERLINK("https://evil.example/x","Clicca")\'',
            extra='authors:\n  - "+cmd|\' /C calc\'!A0"\n  - "@SUM(1+1)"\n',
        ),
        dedent=False,
    )
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    text = (result.output / "dati" / "esperienze.csv").read_text(encoding="utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["title"].startswith("'=HYPERLINK(")
    assert row["authors"] == "'+cmd|' /C calc'!A0;@SUM(1+1)"
    for value in row.values():
        assert value[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_a_drafts_slug_never_reaches_the_open_data(project):
    project.write(
        "esperienze/bozza.md", entry_text(title="Una bozza", extra="status: draft\n"), dedent=False
    )
    project.write("esperienze/pubblica.md", entry_text(extra="related:\n  - bozza\n"), dedent=False)
    result = project.build(SEARCH_INDEX=False)
    assert result.ok, [str(p) for p in result.problems] + result.build_errors
    data = json.loads((result.output / "dati" / "esperienze.json").read_text(encoding="utf-8"))
    assert [entry["related"] for entry in data["entries"]] == [[]]
    assert "bozza" not in (result.output / "dati" / "esperienze.csv").read_text(encoding="utf-8")
