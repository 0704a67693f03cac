"""One presenter for calculations (assistant/financing/render.py): the chat answer, the chat's step
table and the calculator tab show the same steps, worded in one place."""

from __future__ import annotations

from assistant.financing import calculate, make_request
from assistant.financing import render as present
from assistant.types import CalculationFailed
from ingest.terms import corpus_registry
from tests.browser.support import CORPUS_DIR
from ui import render
from ui.calculator_form import run_form

SP = "003_115f85ea577e561c"


def _result():
    registry = corpus_registry(CORPUS_DIR)
    request = make_request(sector="social profit", achieved=5, total=7, asks=("resultaatsfinanciering",))
    return registry, calculate(request, registry)


def test_chat_table_and_calculator_tab_show_the_same_steps():
    registry, result = _result()
    chat = render.calculation_rows(result)
    assert chat == render.calculation_rows(result.to_dict())  # typed result or its JSON form
    form = run_form({"sector": "social profit", "achieved": "5", "total": "7", "asks": ["resultaatsfinanciering"]},
                    registry, {SP: "Sectorconvenant Social profit"}).steps
    assert [row[:4] for row in chat] == [row[:4] for row in form]
    assert [row[:4] for row in chat] == [[str(s.n), s.label, s.formula, s.rule] for s in result.steps]
    assert form[0][4] == "Sectorconvenant Social profit › Artikel 2" and chat[0][4] == "Artikel 2"


def test_answer_text_numbers_each_cited_sentence_once_and_marks_user_values():
    _, result = _result()
    seen: list[str] = []

    def cite(citation):
        key = citation["quote"]
        if key not in seen:
            seen.append(key)
        return seen.index(key) + 1

    text = present.answer_text(result, cite)
    head, steps = text.split(f"\n\n{present.STEPS_HEADING}\n")
    assert head.startswith("Resultaatsfinanciering: € 159.000,00 (Sectorconvenant Social profit")
    assert present.summary_text(text) == head
    assert steps.splitlines()[0].startswith("1. Inspanningsfinanciering: € 742.000,00 × 70% = € 519.400,00 [1]")
    assert len(seen) == len({s.citation["quote"] for s in result.steps if s.citation and "doc_id" in s.citation})
    own = calculate(make_request(subsidy="500.000", split="80/20", achieved=3, total=4, pro_rata="ja"))
    assert f"({present.USER_GIVEN})" in present.answer_text(own, cite)


def test_failure_text_names_a_missing_term_or_the_reason():
    missing = CalculationFailed("resultaatsregel ontbreekt: geef de regel op", "resultaatsregel")
    assert present.failure_text(missing) == (
        "Dit kan ik niet berekenen: de documenten geven niet alles wat nodig is. Resultaatsregel ontbreekt: geef de regel op")
    assert present.failure_text(CalculationFailed("onbekende sector 'bouw'")) == (
        "Deze berekening kan ik niet maken: onbekende sector 'bouw'")
    assert present.summary_text("Deze berekening kan ik niet maken: x") == "Deze berekening kan ik niet maken: x"
