"""The time budget for work on untrusted input (collaborare/core/budget.py), issue 14."""

import threading

from collaborare.core.validation import file as file_phase
from helpers import entry_text, problems_of


def test_a_body_that_renders_too_slowly_is_a_problem_not_a_stalled_build(project, monkeypatch):
    monkeypatch.setattr(file_phase, "RENDER_BUDGET_SECONDS", 0.2)
    project.write("esperienze/parentesi.md", entry_text(body="[" * 20_000 + "\n"), dedent=False)
    assert problems_of(project) == [
        "content/esperienze/parentesi.md:11: testo: il testo richiede più di 0.2 secondi per "
        "essere impaginato, di solito per una lunga sequenza di [ * _ ` o < senza chiusura; togli "
        "i simboli ripetuti o dividi il testo"
    ]
    assert not project.build().ok


def test_the_budget_also_stops_work_in_another_thread():
    from collaborare.core.budget import OverBudget, budget
    from collaborare.core.markup import render

    outcome = []

    def run():
        try:
            with budget(0.2):
                render("[" * 20_000)
            outcome.append("finished")
        except OverBudget:
            outcome.append("stopped")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert outcome == ["stopped"]
