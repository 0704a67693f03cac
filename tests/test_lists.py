"""Questions after several items: a number that counts them names no topic, and a list a chosen
item belongs to is shown whole (assistant.answer.asking.count_stems, units.list_of, display.whole_list)."""

from __future__ import annotations

import pytest

from assistant.answer.asking import count_stems, items_asked
from assistant.answer.display import render
from assistant.answer.select import Candidate, VocabularyIndex, idf_table, profile
from assistant.answer.units import list_of, sentences_of
from assistant.textnl import tokens
from assistant.types import ScoredChunk
from tests.test_answer_select import chunk

TAXI = ("Tijdens die werkingsperiode krijgt het Sociaal Fonds subsidies van de overheid.\n\n"
        "De 3 grote thema’s in het nieuwe convenant zijn:\n\n"
        "- De kwalitatieve instroom van chauffeurs in de sector blijven bevorderen.\n"
        "- Door middel van een actief retentie- en competentiebeleid een duurzame tewerkstelling faciliteren.\n"
        "- Diversiteit en evenredige arbeidsdeelname waarborgen. Werken aan non-discriminatie.\n\n"
        "Hier kan men het sectorconvenant raadplegen.")
LEAD = "De 3 grote thema’s in het nieuwe convenant zijn:"


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("Om welke twee redenen sluit de Vlaamse overheid addenda af?", "twee"),
        ("Wat zijn de drie grote thema's van het nieuwe taxiconvenant?", "drie"),
        ("Welke 3 sectoren traden toe?", "3"),
        ("Hoe heten de twaalf sectoren die tekenden?", "twaalf"),
        ("Welke organisaties namen deel?", ""),  # a word after "welke" that is no number
        ("Hoeveel subsidie krijgt een sector voor twee jaar?", ""),  # a number in the topic, not a count
        ("Welke sectoren kregen twee consulenten?", ""),
    ],
)
def test_a_number_after_the_question_words_counts_the_items_asked(question, counted):
    assert count_stems(question) == frozenset(tokens(counted))
    assert items_asked(question) == ({"twee": 2, "drie": 3, "3": 3, "twaalf": 12}[counted] if counted else None)


def test_the_count_of_items_asked_weighs_nothing():
    vocab = VocabularyIndex(idf_table(["De sector sluit voor twee jaar een convenant.", "Addenda verlengen het convenant."]))
    q = profile("Om welke twee redenen sluit de overheid addenda af?", vocab)
    assert not set(tokens("twee")) & set(q.weights)
    assert set(tokens("redenen addenda")) <= set(q.weights)


def test_every_bullet_after_a_lead_is_read_with_it():
    """Bullets that end in a full stop are still one list: each item keeps what it is one of."""
    units = sentences_of(TAXI)
    assert f"{LEAD} Door middel van een actief retentie- en competentiebeleid een duurzame tewerkstelling faciliteren." in units
    assert f"{LEAD} Diversiteit en evenredige arbeidsdeelname waarborgen." in units
    assert "Hier kan men het sectorconvenant raadplegen." in units  # the list ends with the bullets


def test_a_list_item_knows_its_list():
    first = f"{LEAD} De kwalitatieve instroom van chauffeurs in de sector blijven bevorderen."
    lead, items = list_of(TAXI, first)
    assert lead == LEAD
    assert [i[:20] for i in items] == ["De kwalitatieve inst", "Door middel van een ", "Diversiteit en evenr", "Werken aan non-discr"]
    assert list_of(TAXI, "Hier kan men het sectorconvenant raadplegen.") is None
    assert list_of(TAXI, LEAD) == (lead, items)  # the lead, chosen itself, stands for its list


def test_numbered_items_go_on_a_list_however_they_end():
    """"1. ..." followed by "2. ..." is one list, though the first item ends in "…" and holds a colon."""
    text = ("Er zijn echter twee weigeringen:\n"
            " 1. Opleidingen in de hobbysfeer: bloemschikken, kunstschilderen, tuinieren…\n"
            " 2. Opleidingen die leiden naar een zelfstandig beroep : bedrijfsbeheer…\n\n"
            "Een maand na de laatste dag is de laatste kans.")
    units = sentences_of(text)
    lead, items = list_of(text, units[1])
    assert lead == "Er zijn echter twee weigeringen:" and [i[:5] for i in items] == ["1. Op", "2. Op"]
    # an item's number, after its lead, counts nothing
    from assistant.answer.values import lead_value
    step = "De stappen zijn: 2. De werknemer mailt het attest ten laatste 15 dagen na de inschrijving."
    assert lead_value(step, "amount", {}, ("dag",)) == "15 dagen"
    # a number that does not follow on starts no item of the same list
    skipped = text.replace(" 2. Opleidingen", " 4. Opleidingen")
    assert list_of(skipped, sentences_of(skipped)[1]) is None


def test_short_items_before_a_long_line_end_their_list_unless_it_is_a_bullet():
    """A numbered item that leads bullets ("1. ... voorwaarden voldoen:" / "• ...;" / "• ... B.") does
    not lead the numbered items after its last bullet ("2. ...", "3. ..."), nor does a lead's
    run of short bullets lead the sentence after it; a short line followed by bullets
    ("Van vier naar drie premielevels" / "- Level 1: ...") goes on into them."""
    text = ("1. De werkgever richt de aanvraag aan het secretariaat van het Sociaal Fonds en aan volgende voorwaarden voldoen:\n"
            "  • in het bezit zijn van een P-verhuizerskaart;\n"
            "  • minimum één jaar ononderbroken in dienst zijn van het bedrijf op datum van de aanvraag;\n"
            "  • in het bezit zijn van het rijbewijs B.\n"
            " 2. De aanvraag dient toe te komen op het Sociaal Fonds minstens 1 maand voor de aanvang van de opleiding.\n"
            " 3. Het secretariaat keurt de aanvraag al dan niet goed binnen de 14 dagen na ontvangst.")
    units = sentences_of(text)
    assert units[-2:] == ["2. De aanvraag dient toe te komen op het Sociaal Fonds minstens 1 maand voor de aanvang van de opleiding.",
                          "3. Het secretariaat keurt de aanvraag al dan niet goed binnen de 14 dagen na ontvangst."]
    assert units[3].endswith("voldoen: in het bezit zijn van het rijbewijs B.")
    module = ("Aansluitend kan je een module zorgkundige volgen van 4 weken:\n • 70 uur theorie\n • 50 uur stage.\n"
              "Wil je meer weten over de inhoud van de opleidingen en de plaats waar ze doorgaan?")
    assert sentences_of(module)[-1] == "Wil je meer weten over de inhoud van de opleidingen en de plaats waar ze doorgaan?"
    levels = ("Hieronder vind je een overzicht van wat wijzigt:\nVan vier naar drie premielevels\n"
              "- Level 1: Basis – voor elk bedrijf binnen het paritair comité\n"
              "- Level 2: Opleidingsplan – jaarlijks in te dienen vóór eind maart")
    assert sentences_of(levels)[-1] == ("Hieronder vind je een overzicht van wat wijzigt: Level 2: Opleidingsplan – "
                                        "jaarlijks in te dienen vóór eind maart")


def test_a_long_lead_is_read_with_a_short_list():
    """A lead longer than a label is still read with a run of short bullets when both fit in a unit."""
    text = ("Daarin engageren de sectorale sociale partners zich om in hun sector engagementen op te nemen "
            "met betrekking tot:\n\n- aansluiting onderwijs – arbeidsmarkt\n- levenslang leren\n- diversiteit\n\n"
            "Sectorconsulenten voeren deze engagementen op het terrein uit.")
    assert ("Daarin engageren de sectorale sociale partners zich om in hun sector engagementen op te nemen met "
            "betrekking tot: aansluiting onderwijs – arbeidsmarkt; levenslang leren; diversiteit") in sentences_of(text)


def test_a_list_read_with_its_whole_long_lead_is_known_as_a_list():
    """The lead is long and its last clause says nothing, so each item is read with the whole
    clause (their first item fits a unit with it); ``list_of`` finds the lead the items carry."""
    lead = ("Daarin engageren de sectorale sociale partners zich om in hun sector engagementen op te nemen en "
            "verder uit te werken in nauwe samenwerking met alle betrokken actoren met betrekking tot:")
    text = (f"{lead}\n\n- het versterken van de aansluiting tussen het onderwijs en de arbeidsmarkt in de hele sector;\n"
            "- het levenslang leren van alle werknemers.\n\nEinde.")
    units = sentences_of(text)
    assert units[1] == f"{lead} het versterken van de aansluiting tussen het onderwijs en de arbeidsmarkt in de hele sector;"
    assert list_of(text, units[2]) == (lead, ("het versterken van de aansluiting tussen het onderwijs en de arbeidsmarkt in "
                                              "de hele sector;", "het levenslang leren van alle werknemers."))


def _answer(question: str) -> str:
    vocab = VocabularyIndex(idf_table(sentences_of(TAXI)))
    hit = ScoredChunk(chunk("t1", TAXI, doc="taxi", title="Sectorconvenant taxi"), 1.0)
    first = next(u for u in sentences_of(TAXI) if u.startswith(f"{LEAD} De kwalitatieve"))
    text, citations = render(profile(question, vocab), [Candidate(first, 0, 2, {}, 1.0)], [hit])
    assert citations[0].doc_id == "taxi"
    return text


def test_a_question_after_themes_is_answered_by_the_whole_list():
    text = _answer("Wat zijn de grote thema's van het nieuwe taxiconvenant?")
    assert "instroom" in text and "retentie" in text and "Diversiteit" in text
    assert text.count(LEAD) == 1


def test_a_question_after_a_value_gets_the_item_alone():
    text = _answer("Hoeveel chauffeurs stromen in volgens het nieuwe convenant?")
    assert "instroom" in text and "retentie" not in text
