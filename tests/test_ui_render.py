"""How answers look in the chat: status styles, footnotes with passage, calculation tables."""

from __future__ import annotations

import dataclasses
import re

from assistant.financing import calculate, make_request
from assistant.types import Answer, Citation
from ingest.terms import corpus_registry
from tests.browser.support import CORPUS_DIR
from ui import render

QUOTE = "Het convenant loopt van 1 juli 2023 tot en met 30 juni 2025."


def _answered() -> Answer:
    return Answer("Looptijd?", "Van 1 juli 2023 tot en met 30 juni 2025 [1].", "answered",
                  [Citation(1, "003", "Sectorconvenant Social profit", "Artikel 1 › Looptijd", 4, QUOTE, 0.9)])


def test_answer_has_badge_text_and_expandable_footnote():
    html = render.render_answer(_answered())
    assert 'class="ca-answer ca-answered"' in html
    assert "Antwoord uit de documenten" in html
    assert "Van 1 juli 2023 tot en met 30 juni 2025 [1]." in html
    footnote = re.search(r"<details class=\"ca-cite\"[^>]*>(.*?)</details>", html, re.S).group(1)
    assert '<span class="ca-cite-n">[1]</span> Sectorconvenant Social profit</summary>' in footnote
    assert "Sectie: Artikel 1 › Looptijd · pagina 4" in footnote
    assert f'<blockquote class="ca-quote">{QUOTE}</blockquote>' in footnote


def test_not_found_looks_different_and_has_no_sources():
    html = render.render_answer(Answer("Pizza?", "Dat staat niet in de beschikbare documenten.", "not_found"))
    assert 'class="ca-answer ca-notfound"' in html
    assert "Niet gevonden in de documenten" in html
    assert "ca-cite" not in html and "ca-answered" not in html
    assert ".ca-notfound" in render.APP_CSS and "dashed" in render.APP_CSS.split(".ca-notfound {")[1].split("}")[0]


def test_user_and_document_text_is_escaped():
    citation = Citation(1, "x", "<b>Titel</b>", "A", None, "<script>alert(1)</script>", 0.5)
    html = render.render_answer(Answer("q", "a <img src=x onerror=alert(1)>", "answered", [citation]))
    assert "<script>" not in html and "<img" not in html and "<b>Titel" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert render.render_user("<i>vraag</i>") == "&lt;i&gt;vraag&lt;/i&gt;"


def test_notes_are_visible():
    answer = dataclasses.replace(_answered(), notes=["Geen sector genoemd; ik reken met Social profit."])
    assert '<div class="ca-notes">' in render.render_answer(answer)
    assert "Geen sector genoemd; ik reken met Social profit." in render.render_answer(answer)


def test_calculation_shows_steps_table_with_footnote_sources_and_assumptions():
    registry = corpus_registry(CORPUS_DIR)
    result = calculate(make_request(sector="social profit", achieved=5, total=7, asks=("resultaatsfinanciering",)), registry)
    data = result.to_dict()
    first = data["steps"][0]["citation"]
    citations = [Citation(1, first["doc_id"], "Social profit", first["section"], None, first["quote"], 1.0)]
    answer = Answer("Hoeveel?", "Resultaatsfinanciering: € 159.000,00.\n\nBerekening:\n1. x [1]", "calculation",
                    citations, calculation=result)
    html = render.render_answer(answer)
    assert 'class="ca-answer ca-calculation"' in html
    assert "Resultaatsfinanciering: € 159.000,00." in html
    assert "Berekening:" not in html  # the step list of the text is replaced by the table
    header = "| " + " | ".join(render.STEP_HEADERS) + " |"
    assert header in html
    rows = [line for line in html.splitlines() if line.startswith("| ") and line != header]
    assert len(rows) == len(data["steps"]) == 6
    assert rows[-1].startswith("| 6 | Totaal | € 519.400,00 + € 159.000,00 = € 678.400,00 |")
    assert rows[0].endswith("| [1] |")
    assert "**Aannames**" in html and data["assumptions"][0] in html


def test_calculation_rows_mark_user_values():
    calc = {"steps": [{"n": 1, "label": "L", "formula": "a | b", "rule": "r", "citation": {"note": "x"}}]}
    assert render.calculation_rows(calc) == [["1", "L", "a | b", "r", "door jou opgegeven"]]
    assert "a \\| b" in render.render_calculation(calc)


def test_pending_and_error_messages():
    assert "ca-streaming" in render.render_pending("Het convenant")
    assert "Zoeken in de documenten" in render.render_pending("")
    error = render.render_error("Er ging iets mis.")
    assert "ca-error" in error and "Er ging iets mis." in error


def test_history_leaves_out_failed_turns():
    turns = [{"question": "A?", "answer": "a", "status": "answered"},
             {"question": "B?", "answer": "fout", "status": "error"},
             {"question": "C?", "answer": "c", "status": "not_found"}]
    assert render.history_messages(turns) == [
        {"role": "user", "content": "A?"}, {"role": "assistant", "content": "a"},
        {"role": "user", "content": "C?"}, {"role": "assistant", "content": "c"},
    ]


def test_document_rows_sorted_with_period_and_time():
    docs = [
        {"doc_id": "b", "title": "Beta", "doc_type": "akkoord", "metadata": {"period": "2019-2024"}, "chunks": 6,
         "ingested_at": 0},
        {"doc_id": "a", "title": "alfa", "doc_type": "sectorconvenant", "metadata": {"period": "2023-07-01/2025-06-30"},
         "chunks": 80, "ingested_at": 1_700_000_000.0},
    ]
    rows = render.document_rows(docs)
    assert [r[0] for r in rows] == ["alfa", "Beta"]
    assert rows[0][2] == "2023-07-01 t/m 2025-06-30" and rows[0][3] == 80
    assert re.fullmatch(r"2023-11-1[45] \d\d:\d\d", rows[0][4])
    assert rows[1][4] == "" and rows[1][5] == "b"
    assert len(rows[0]) == len(render.DOCUMENT_HEADERS)


def test_public_api_pinned():
    assert sorted(render.__all__) == sorted([
        "APP_CSS", "DOCUMENT_HEADERS", "STEP_HEADERS", "calculation_rows", "document_rows", "doc_field",
        "history_messages", "period_label", "plain", "render_answer", "render_calculation", "render_citation",
        "render_error", "render_pending", "render_user",
    ])


def test_a_citation_links_the_public_address_of_its_document_when_known():
    from assistant.types import Citation
    from ui.render import render_citation

    with_source = Citation(1, "serv-werking", "Werking", "", None, "De SERV ondersteunt.", 0.9,
                           source="https://www.serv.be/serv/pagina/werking-sectorconvenants")
    html_out = render_citation(with_source)
    assert 'href="https://www.serv.be/serv/pagina/werking-sectorconvenants"' in html_out
    assert 'rel="noopener noreferrer"' in html_out
    assert with_source.to_dict()["source"] == "https://www.serv.be/serv/pagina/werking-sectorconvenants"
    without = Citation(1, "faq", "FAQ", "", None, "Wat is een sectorconvenant?", 0.9)
    assert "href" not in render_citation(without) and "source" not in without.to_dict()
    # only a web address is linked
    assert "href" not in render_citation({**without.to_dict(), "source": "javascript:alert(1)"})
