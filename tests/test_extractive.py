"""The extractive writer on hand-made passages: exact choices, markers and citations."""

from __future__ import annotations

import pytest

from assistant.generate.extractive import ExtractiveWriter, answer_type, sentences_of
from assistant.types import Chunk, ScoredChunk


def chunk(cid: str, text: str, section: str = "Artikel 6", doc: str = "conv", title: str = "Sectorconvenant Bouw") -> Chunk:
    return Chunk(cid, doc, title, "sectorconvenant", section, 0, 0, len(text), text, cid)


def hits(*chunks: Chunk) -> list[ScoredChunk]:
    return [ScoredChunk(c, 1.0 / (i + 1)) for i, c in enumerate(chunks)]


def test_first_sentence_holds_the_asked_date_and_carries_its_marker():
    a = chunk("a", "Artikel 6. Evaluatie\n\nDe sector bezorgt ten laatste op 15 oktober 2026 een voortgangsrapport. "
                   "Het departement geeft richtlijnen voor de rapportage.")
    b = chunk("b", "De sector organiseert jaarlijks een webinar over leerbeleid.", section="Artikel 4")
    composed = ExtractiveWriter().compose("Tegen wanneer moet het voortgangsrapport binnen?", hits(b, a))
    assert composed.text.startswith("De sector bezorgt ten laatste op 15 oktober 2026 een voortgangsrapport [1].")
    assert [(c.n, c.chunk_id, c.section) for c in composed.citations] == [(1, "a", "Artikel 6")]
    assert composed.answer_type == "date" and composed.typed_match
    assert composed.support == pytest.approx(0.5)  # "voortgangsrapport" and "binnen"... half the weight


def test_money_question_prefers_the_sentence_with_an_amount_and_drops_long_parentheticals():
    a = chunk("a", "De maximale subsidie wordt toegekend voor de inzet van 5 VTE op jaarbasis.", section="Artikel 5")
    b = chunk("b", "De Vlaamse Regering betaalt een maximale subsidie van 530.000,00 EUR aan Constructiv "
                   "(ondernemingsnummer: 0123.456.789 - bankrekeningnummer: BE00 0000 0000 0000).", section="Artikel 1")
    composed = ExtractiveWriter().compose("Wat is de maximale subsidie?", hits(a, b))
    first = composed.text.split(" [")[0]
    assert "530.000,00 EUR" in first and "bankrekeningnummer" not in composed.text
    assert "bankrekeningnummer" in composed.citations[0].quote  # the citation keeps the full passage


def test_a_list_introduction_brings_its_items():
    a = chunk("a", "Bij de afrekening wordt het volgende beoordeeld:\n- 70% is de inspanningsfinanciering;\n"
                   "- 30% is de resultaatsfinanciering.", section="Artikel 2")
    composed = ExtractiveWriter().compose("Hoe wordt de afrekening beoordeeld?", hits(a))
    assert "70% is de inspanningsfinanciering" in composed.text and "30%" in composed.text


def test_sentences_of_joins_slide_bullets_and_splits_long_lines():
    units = sentences_of("Financiering\n- resultaatsfinanciering (20 %)\n- inspanningsfinanciering (80 %)\n\n"
                         + "Dit is een lange zin over de sector die veel woorden bevat en verder gaat. " * 3)
    assert units[0] == "Financiering; resultaatsfinanciering (20 %); inspanningsfinanciering (80 %)"
    assert len(units) == 4
    dated = sentences_of("Nieuwsbericht\n\n18 juli 2023\n\nDe Vlaamse Regering sloot 38 convenants af.")
    assert dated == ["Nieuwsbericht", "18 juli 2023: De Vlaamse Regering sloot 38 convenants af."]


def test_no_passages_no_answer():
    composed = ExtractiveWriter().compose("Wat is de looptijd?", [])
    assert composed.text == "" and composed.citations == [] and composed.support == 0.0


def test_answer_types():
    assert answer_type("Tegen wanneer moet het eindrapport binnen?") == "date"
    assert answer_type("Wat is de looptijd van het convenant?") == "period"
    assert answer_type("Hoeveel bedraagt de subsidie?") == "money"
    assert answer_type("Hoeveel sectoren doen mee?") == "amount"
    assert answer_type("Wie ontvangt de subsidie?") == "money"  # the money cue wins over 'wie'
    assert answer_type("Welke acties staan in het actieplan?") is None
