"""`invoke new` forgives: Italian questions, wrong answers asked again, places by name."""

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from collaborare.core import scaffold
from collaborare.core.messages import MESSAGES, render
from collaborare.core.scaffold import Console, ScaffoldError, create, next_steps
from collaborare.core.vocab import Vocabulary
from collaborare.site.build import ROOT, check
from helpers import uncomment_examples

SUMMARY = "Un gruppo di cittadini cura un orto condiviso con il Comune."


class Script:
    """A console that answers from a list and keeps the whole conversation."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.transcript = []

    def ask(self, question):
        if not self.answers:
            raise EOFError
        answer = self.answers.pop(0)
        self.transcript.append(f"{question}{answer}")
        return answer

    def say(self, text):
        self.transcript.append(text)

    @property
    def console(self):
        return Console(self.ask, self.say)


def said(script):
    """What the scaffold said besides its questions (its explanations of wrong answers)."""
    return [line for line in script.transcript if "\n> " not in line]


def test_wrong_answers_are_explained_in_italian_and_asked_again(project):
    script = Script(
        "corto",  # summary too short
        SUMMARY,
        "coesione, welfare-culturale",  # 'coesione' is not a theme
        "coesione-sociale, Welfare culturale",  # a label is as good as a slug
        "Bergamoo",
        "Bergamo",  # a municipality and a province
        "3",
        "1",
        "terzo-setore",
        "terzo-settore, Scuole",
    )
    path = create(
        project.root,
        "esperienza",
        "Un orto a Bergamo",
        summary=None,
        tags=[],
        territories=[],
        console=script.console,
    )
    assert said(script) == [
        "il sommario ha 5 caratteri; scrivine almeno 20. Riprova.",
        "«coesione» non è un tema ammesso; intendevi «coesione-sociale»? Riprova.",
        "«Bergamoo» non è un comune, una provincia o una regione italiana; intendevi "
        "«Bergamo»? Riprova.",
        "scrivi un numero da 1 a 2. Riprova.",
        "«terzo-setore» non è un tipo di soggetto ammesso; intendevi «terzo-settore»? Riprova.",
    ]
    questions = [line.split("\n> ")[0] for line in script.transcript if "\n> " in line]
    assert questions[0] == "Sommario: una o due frasi in testo semplice (da 20 a 300 caratteri)."
    assert "Temi ammessi:\n  coesione-sociale: Coesione sociale\n" in questions[2]
    assert questions[6] == (
        "«Bergamo» può essere più di un luogo:\n  1. il comune di Bergamo (BG)\n"
        "  2. la provincia di Bergamo\nQuale? (il numero)"
    )
    assert (
        "Valori ammessi:\n  amministrazione-pubblica: Amministrazioni pubbliche\n"
        in (questions[-1])
    )
    text = path.read_text(encoding="utf-8")
    # Every answer given before a wrong one is still there.
    assert f"summary: {SUMMARY}\n" in text
    assert "tags:\n- coesione-sociale\n- welfare-culturale\n" in text
    assert "territories:\n- comune: Bergamo\n" in text
    assert "actors:\n- terzo-settore\n- scuola\n" in text
    assert check(project.root).problems == []


@pytest.mark.parametrize(
    ("typed", "item"),
    [
        ("Monza", {"comune": "Monza"}),
        ("Lombardia", {"regione": "Lombardia"}),
        ("MB", {"provincia": "Monza e della Brianza"}),
        ("nazionale", {"nazionale": True}),
        ("comune=Samone,provincia=TO", {"comune": "Samone", "provincia": "TO"}),
    ],
)
def test_a_place_typed_by_name_is_resolved(project, typed, item):
    from collaborare.core.scaffold import parse_place

    assert parse_place(typed, Vocabulary.load(project.root / "data")) == item


def test_an_ambiguous_place_without_a_terminal_says_what_to_write(project):
    with pytest.raises(ScaffoldError) as raised:
        create(
            project.root,
            "esperienza",
            "A Samone",
            summary=SUMMARY,
            tags=["coesione-sociale"],
            territories=["Samone"],
        )
    assert raised.value.code == "scaffold.place_ambiguous"
    assert str(raised.value) == (
        "--territory: «Samone» può essere più di un luogo:\n"
        "  1. il comune di Samone (TN)\n"
        "  2. il comune di Samone (TO)\n"
        "scrivi quale, come «comune=Samone,provincia=TN» oppure «comune=Samone,provincia=TO»"
    )
    assert not (project.content / "esperienze" / "a-samone.md").exists()


def test_a_wrong_option_is_asked_again_on_a_terminal(project):
    script = Script("coesione-sociale", "", "")
    path = create(
        project.root,
        "riflessione",
        "Perché collaborare",
        summary=SUMMARY,
        tags=["coesion-sociale"],
        territories=[],
        console=Console(script.ask, script.say),
    )
    # The wrong theme is explained, then asked; the empty places and actors are optional.
    assert said(script)[0] == (
        "«coesion-sociale» non è un tema ammesso; intendevi «coesione-sociale»?"
    )
    assert path.parent.name == "riflessioni"


def test_without_a_terminal_nothing_is_asked_and_nothing_written(project):
    with pytest.raises(ScaffoldError) as raised:
        create(
            project.root,
            "esperienza",
            "Senza luogo",
            summary=SUMMARY,
            tags=["coesione-sociale"],
            territories=[],
        )
    assert str(raised.value) == (
        "manca --territory: un luogo, per esempio --territory Bergamo; scrivi il nome di un "
        "comune, di una provincia o di una regione (per esempio Bergamo, Monza e della "
        "Brianza, Lombardia), oppure nazionale; più luoghi separati da ';'. Si può anche "
        "scrivere comune=Samone,provincia=TO o area=Brianza,provincia=MB"
    )
    with pytest.raises(ScaffoldError) as raised:
        create(
            project.root,
            "esperienza",
            "Senza temi",
            summary=SUMMARY,
            tags=["nessuno"],
            territories=["Forlì"],
        )
    assert str(raised.value) == "--tag: «nessuno» non è un tema ammesso; scegli dall'elenco"
    assert list((project.content / "esperienze").iterdir()) == []


def test_an_interrupted_conversation_writes_nothing(project):
    with pytest.raises(ScaffoldError, match="interrotto: nessun file scritto"):
        create(
            project.root,
            "esperienza",
            "Interrotta",
            summary=None,
            tags=[],
            territories=[],
            console=Script().console,
        )
    assert list((project.content / "esperienze").iterdir()) == []


def test_the_result_says_what_to_do_next(project):
    path = project.content / "esperienze" / "un-orto.md"
    assert next_steps(path, project.root, "draft") == (
        "Scritto content/esperienze/un-orto.md (bozza, non pubblicata).\n"
        "Passi successivi:\n"
        "  1. scrivi il testo e completa i campi (quelli facoltativi sono commentati, con i "
        "valori ammessi);\n"
        "  2. controlla la scheda: invoke check content/esperienze/un-orto.md\n"
        "  3. guardala nel sito: invoke preview, poi apri http://localhost:8000/bozze/un-orto/\n"
        "Quando è pronta, cambia 'status: draft' in 'status: published' (CONTRIBUTING.md, "
        "«Dalla bozza alla pubblicazione»)."
    )


def test_invoke_new_without_a_terminal_never_asks(tmp_path):
    """All options given (as in CI): no question, an Italian message for what is wrong."""
    from collaborare.site.build import ROOT

    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "new",
            "esperienza",
            "Una prova senza terminale",
            "--summary",
            SUMMARY,
            "--tag",
            "coesione-sociale",
            "--territory",
            "Atlantide",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.strip() == (
        "invoke new: --territory: «Atlantide» non è un comune, una provincia o una regione "
        "italiana; scrivi il nome di un comune, di una provincia o di una regione (per esempio "
        "Bergamo, Monza e della Brianza, Lombardia), oppure nazionale; più luoghi separati da "
        "';'. Si può anche scrivere comune=Samone,provincia=TO o area=Brianza,provincia=MB"
    )
    assert not (ROOT / "content" / "esperienze" / "una-prova-senza-terminale.md").exists()


def test_a_wrong_date_option_is_explained_and_asked_on_a_terminal(project):
    script = Script("2026-11-25", "", "")
    path = create(
        project.root,
        "riflessione",
        "Una data sbagliata",
        summary=SUMMARY,
        tags=["coesione-sociale"],
        territories=[],
        date="2026-02-30",
        console=script.console,
    )
    assert said(script) == [
        "«2026-02-30» non è una data; scrivi AAAA-MM-GG, per esempio 2026-11-25"
    ]
    assert "date: '2026-11-25'" in path.read_text(encoding="utf-8")


def test_a_wrong_status_or_kind_is_named_with_what_is_allowed(project):
    values = {"summary": SUMMARY, "tags": ["facilitazione"], "territories": []}
    with pytest.raises(ScaffoldError) as raised:
        create(project.root, "riflessione", "Uno stato", status="pubblicata", **values)
    assert str(raised.value) == (
        "--status: «pubblicata» non è uno stato ammesso; scrivi uno di: draft, published"
    )
    with pytest.raises(ScaffoldError) as raised:
        create(project.root, "esperienze", "Un tipo", **values)
    assert str(raised.value) == (
        "--kind: «esperienze» non è un tipo di scheda ammesso; intendevi «esperienza»? "
        "scrivi uno di: esperienza, riflessione, strumento"
    )


def test_a_new_entry_passes_the_check_and_builds(project):
    path = create(
        project.root,
        "esperienza",
        "Un orto condiviso a Forlì",
        summary="Un gruppo di cittadini cura un orto condiviso con il Comune.",
        tags=["coesione-sociale"],
        territories=["comune=Forlì", "area=Brianza,provincia=MB"],
        actors=["gruppo-informale"],
        date="2026-11-25",
    )
    assert path == project.content / "esperienze" / "un-orto-condiviso-a-forli.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../schema/entry.schema.json\n")
    for field in (
        "organizations",
        "period",
        "sources",
        "authors",
        "modified",
        "image",
        "image_alt",
        "image_credit",
        "related",
        "strumenti",
    ):
        assert f"\n# {field}:" in text, field
    assert check(project.root).problems == []
    result = project.build()
    assert result.ok, result.build_errors
    assert (
        "Bozza, non pubblicata: content/esperienze/un-orto-condiviso-a-forli.md" in result.summary()
    )
    # Uncommenting the optional examples must give a valid entry too, once filled in.
    filled = (
        uncomment_examples(text)
        .replace("https://...", "https://example.org/")
        .replace("slug-di-un-altra-scheda", "altra")
    )
    filled = filled.replace("slug-di-uno-strumento", "un-world-cafe")
    path.write_text(filled, encoding="utf-8")
    create(
        project.root,
        "strumento",
        "Un World Café",
        summary="Un metodo di conversazione a tavoli per gruppi grandi e diversi.",
        tags=["facilitazione"],
        territories=[],
    )
    (project.content / "esperienze" / "altra.md").write_text(
        text.replace("title: Un orto condiviso a Forlì", "title: Altra scheda"), encoding="utf-8"
    )
    (project.content / "immagini").mkdir()
    Image.new("RGB", (480, 320), "teal").save(project.content / "immagini" / "nome-del-file.jpg")
    assert [str(p) for p in check(project.root).problems] == []


def test_a_reflection_needs_no_territory(project):
    path = create(
        project.root,
        "riflessione",
        "Perché collaborare",
        summary="Una riflessione sulle ragioni per collaborare tra enti diversi.",
        tags=["co-progettazione"],
        territories=[],
    )
    assert path.parent.name == "riflessioni"
    assert check(project.root).problems == []


def test_new_refuses_to_overwrite_and_asks_for_what_is_missing(project):
    kwargs = {
        "summary": "Un sommario abbastanza lungo per la prova.",
        "tags": ["coesione-sociale"],
        "territories": ["comune=Catanzaro"],
    }
    create(project.root, "esperienza", "Doppione", **kwargs)
    with pytest.raises(ScaffoldError) as raised:
        create(project.root, "riflessione", "Doppione", **kwargs)
    assert str(raised.value) == (
        "--slug: content/esperienze/doppione.md esiste già; scegli un altro titolo "
        "o un altro nome di file (--slug)"
    )
    with pytest.raises(ScaffoldError) as raised:
        create(project.root, "esperienza", "Senza sommario", summary=None, tags=[], territories=[])
    assert str(raised.value) == (
        "manca --summary: Sommario: una o due frasi in testo semplice (da 20 a 300 caratteri)."
    )
    answers = iter(
        ["Un sommario scritto rispondendo alla domanda.", "welfare-culturale", "regione=Lazio", ""]
    )
    path = create(
        project.root,
        "esperienza",
        "Con domande",
        summary=None,
        tags=[],
        territories=[],
        console=Console(lambda question: next(answers), print),
    )
    assert "- regione: Lazio" in path.read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError) as raised:
        create(
            project.root,
            "esperienza",
            "Luogo strano",
            territories=["citta=Roma"],
            **{k: v for k, v in kwargs.items() if k != "territories"},
        )
    assert str(raised.value).startswith("--territory: «citta=Roma»: scrivi coppie chiave=valore")


def test_invoke_new_from_the_command_line(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "new",
            "esperienza",
            "Già presente",
            "--summary",
            "x",
            "--tag",
            "coesione-sociale",
            "--territory",
            "comune=Catanzaro",
            "--slug",
            "genitori-adesso",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert completed.returncode == 1
    assert (
        "invoke new: --slug: content/esperienze/genitori-adesso.md esiste già" in completed.stderr
    )


def test_a_new_strumento_has_its_sections_and_no_places(project):
    path = create(
        project.root,
        "strumento",
        "Cerchio di ascolto",
        summary="Un incontro in cerchio in cui ciascuno parla a turno, senza interruzioni.",
        tags=["facilitazione"],
        territories=[],
        date="2026-11-25",
    )
    assert path == project.content / "strumenti" / "cerchio-di-ascolto.md"
    text = path.read_text(encoding="utf-8")
    for heading in ("Che cos'è", "Quando aiuta", "Come si conduce", "Limiti"):
        assert f"\n## {heading}\n" in text
    for field in ("territories", "period", "actors", "strumenti"):
        assert f"{field}:" not in text, field
    assert check(project.root).problems == []
    with pytest.raises(ScaffoldError, match="uno strumento non ha luoghi né tipi di soggetto"):
        create(
            project.root,
            "strumento",
            "Altro",
            summary="x" * 30,
            tags=["facilitazione"],
            territories=["regione=Lazio"],
        )


# -- every text comes from the catalogue (collaborare/core/messages.py) --------------------


def _fields(code: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(MESSAGES[code]) if name}


def _scaffold_codes(node) -> list[str]:
    """The codes an argument can be: a "scaffold." literal, or either side of an 'if'."""
    if isinstance(node, ast.IfExp):
        return _scaffold_codes(node.body) + _scaffold_codes(node.orelse)
    if isinstance(node, ast.Constant) and str(node.value).startswith("scaffold."):
        return [node.value]
    return []


def test_every_code_scaffold_uses_is_in_the_catalogue_and_gets_its_parameters():
    """Scan scaffold.py for codes as test_validation_rules scans the validation package,
    then check each call: a code given first (ScaffoldError("scaffold.x", ...),
    messages.render(...)) gets exactly its template's fields; a code handed to a helper
    (_one_of, _terms) gets the fields the helper passes with that parameter."""
    source = Path(scaffold.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r"""["'](scaffold\.[a-z_]+)["']""", source))
    assert used - set(MESSAGES) == set()
    assert {code for code in MESSAGES if code.startswith("scaffold.")} == used  # none unused
    tree = ast.parse(source)
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    # The helpers that raise a code they receive: helper -> parameter -> fields passed.
    passes: dict[str, dict[str, set[str]]] = {}
    for name, function in functions.items():
        parameters = {argument.arg for argument in function.args.args}
        for call in ast.walk(function):
            if (
                isinstance(call, ast.Call)
                and getattr(call.func, "id", None) == "ScaffoldError"
                and isinstance(call.args[0], ast.Name)
                and call.args[0].id in parameters
            ):
                passes.setdefault(name, {})[call.args[0].id] = {k.arg for k in call.keywords}
    assert set(passes) == {"_one_of", "_terms"}
    checked = set()
    for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
        given = {keyword.arg for keyword in call.keywords}
        for code in _scaffold_codes(call.args[0]) if call.args else []:
            assert given == _fields(code), (code, call.lineno)
            checked.add(code)
        helper = getattr(call.func, "id", None)
        if helper in passes:
            positional = [argument.arg for argument in functions[helper].args.args]
            bound = dict(zip(positional, call.args, strict=False))
            bound |= {keyword.arg: keyword.value for keyword in call.keywords}
            for parameter, fields in passes[helper].items():
                for code in _scaffold_codes(bound.get(parameter)):
                    assert fields == _fields(code), (code, call.lineno)
                    checked.add(code)
    assert checked == used


def test_a_scaffold_error_renders_through_the_catalogue_and_keeps_its_code():
    error = ScaffoldError("scaffold.date", value="2026-13-01")
    assert error.code == "scaffold.date"
    assert (
        str(error)
        == render("scaffold.date", value="2026-13-01")
        == ("«2026-13-01» non è una data; scrivi AAAA-MM-GG, per esempio 2026-11-25")
    )
    wrapped = error.of_option("date")
    assert (wrapped.code, str(wrapped)) == ("scaffold.date", f"--date: {error}")
