"""Bounds on a number (answer.bounds): a row on the other side of the question's threshold does not answer."""

from __future__ import annotations

import pytest

from assistant.answer.bounds import bounds, other_side


@pytest.mark.parametrize(("text", "expected"), [
    ("< 20 voltijdse werknemers: € 37,5 per uur", {"20": "below"}),
    (">= 20 voltijdse werknemers: € 18,75 per uur", {"20": "above"}),
    ("≥ 20 werknemers", {"20": "above"}),
    ("ondernemingen met minder dan 40 werknemers", {"40": "below"}),
    ("bedrijven met 20 werknemers of meer", {"20": "above"}),
    ("ondernemingen vanaf 50 werknemers", {"50": "above"}),
    ("minstens 10 en minder dan 20 werknemers", {"10": "above", "20": "below"}),
    ("tot 2 maanden na de start van de opleiding", {}),  # a term, no threshold
    ("een bedrag van € 1.400 per chauffeur", {}),
])
def test_bounds_read_symbols_and_dutch_comparisons(text, expected):
    assert bounds(text) == expected


def test_a_follow_up_keeps_its_own_bound_before_the_question_it_continues():
    rewritten = "En voor een onderneming met 20 of meer werknemers (Hoeveel betaalt het fonds bij minder dan 20 werknemers)?"
    assert bounds(rewritten) == {"20": "above"}
    assert other_side(rewritten, "< 20 voltijdse werknemers: € 37,5 per gevolgd uur")
    assert not other_side(rewritten, ">= 20 voltijdse werknemers: € 18,75 per gevolgd uur")
    assert not other_side("Hoeveel betaalt het fonds per uur?", "< 20 voltijdse werknemers: € 37,5")  # no bound asked
    assert not other_side(rewritten, "< 50 werknemers: € 10")  # another number


def test_the_selector_leaves_out_the_row_on_the_other_side_of_the_bound():
    from tests.test_answer_select import _selector_over
    from assistant.answer.select import profile
    from assistant.types import ScoredChunk

    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Het bedrag hangt af van het aantal werknemers:\n\n"
             "  • < 20 voltijdse werknemers: € 37,5 per gevolgd uur opleiding per deelnemer met een maximum van € 300,00 per opleidingsdag\n"
             "  • >= 20 voltijdse werknemers: € 18,75 per gevolgd uur opleiding per deelnemer met een maximum van € 150,00 per opleidingsdag\n",
    })
    q = profile("Hoeveel per uur voor een onderneming met 20 of meer voltijdse werknemers?", vocabulary)
    selection = selector.select(q, [ScoredChunk(chunks[0], 0.5)], units=units, query_vector=None, dense_scores={},
                                dense_top=0.5, documents={})
    texts = [c.text for c in selection.candidates]
    assert any("18,75" in t for t in texts) and not any("37,5" in t for t in texts)
