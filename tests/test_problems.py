"""Problems (collaborare/core/problems.py): as printed, and as GitHub annotations."""

from hypothesis import given, settings
from hypothesis import strategies as st

from collaborare.core.problems import Problem


def test_problems_become_github_annotations():
    problem = Problem(
        "content/esperienze/x.md",
        9,
        "territories[1]",
        "place.unknown",
        value="Lombadia",
        what="una regione nota",
        suggestion="Lombardia",
    )
    assert problem.github_annotation() == (
        "::error file=content/esperienze/x.md,line=9::territories[1]: 'Lombadia' non è una "
        "regione nota; intendevi 'Lombardia'?"
    )
    assert Problem("a.md", 1, "f", "schema.other", detail="50% done\nnext").github_annotation() == (
        "::error file=a.md,line=1::f: non è valido secondo lo schema (50%25 done%0Anext)"
    )


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(max_size=40))
def test_an_annotation_is_one_line_whose_file_property_cannot_be_broken_out_of(path, message):
    annotation = Problem(path, 3, "testo", "schema.other", detail=message).github_annotation()
    assert "\n" not in annotation and "\r" not in annotation
    prefix, _, _rest = annotation.partition(",line=3::")
    assert (
        prefix.startswith("::error file=")
        and "," not in prefix
        and ":" not in prefix[len("::error") :]
    )
    assert "\n" not in str(Problem(path, 3, "testo", "body.empty"))


def test_annotations_escape_file_names_and_problem_lines_show_control_characters():
    problem = Problem(
        "content/esperienze/x\n::error file=README.md,line=1::FORGED\n.md",
        1,
        "nome del file",
        "body.empty",
    )
    annotation = problem.github_annotation()
    assert "\n" not in annotation
    assert annotation == (
        "::error file=content/esperienze/x%0A%3A%3Aerror file=README.md%2C"
        "line=1%3A%3AFORGED%0A.md,line=1::nome del file: il testo dopo l'intestazione è vuoto; "
        "scrivi la scheda sotto la riga '---' di chiusura"
    )
    assert "\n" not in str(problem)
    comma = Problem("content/esperienze/a,line=999,title=FORGED.md", 1, "file", "file.empty")
    assert comma.github_annotation().startswith(
        "::error file=content/esperienze/a%2Cline=999%2Ctitle=FORGED.md,line=1::"
    )
