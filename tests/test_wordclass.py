"""Dutch word classes from spaCy's lookup tables and the rules of Dutch inflection."""

import pytest

from assistant.answer.entities import sector_names
from assistant.wordclass import is_adjective, is_noun, is_verb, modifies, only_verb


@pytest.mark.parametrize(
    "word",
    ["kreeg", "liep", "bedroeg", "krijgt", "bedraagt", "keurt", "valt", "geldt", "staan", "gaat", "bespreekt",
     "bevatte", "financierde", "verrichtten", "ondertekende", "opgebouwd"],
)
def test_finite_verbs_and_participles_are_only_verbs(word):
    assert only_verb(word)


@pytest.mark.parametrize(
    "word",
    ["sectoren", "contacten", "minister", "toelage", "prioriteiten", "acties", "draden",
     # compounds: a known first word (with a linking "s") and a noun
     "resultaatsverbintenissen", "werkgeversfederatie", "plaatsbezoeken", "bedrijfscontacten", "sectorconsulenten"],
)
def test_nouns_plurals_and_compounds_are_nouns(word):
    assert is_noun(word)
    assert not only_verb(word)
    assert not modifies(word)


@pytest.mark.parametrize("word", ["maximale", "rode", "telefonische", "vlaamse", "paritair", "grote"])
def test_adjectives_inflected_or_not_modify_a_noun(word):
    assert is_adjective(word)
    assert modifies(word)


def test_words_of_two_classes_are_neither_only_verb_nor_only_noun():
    # "werken" (the works / to work) and "gelden" (moneys / to apply)
    assert is_noun("werken") and is_verb("werken") and not only_verb("werken")
    assert is_noun("gelden") and is_verb("gelden") and not only_verb("gelden")


def test_unknown_words_modify_unless_hyphenated_nouns():
    assert modifies("intersectorale")  # not in the tables, inflected like an adjective
    assert not modifies("kbo-nummer")  # a hyphenated compound is a noun
    assert not is_noun("bedraagt")  # "bed" + "raagt" is no compound


def test_a_verb_after_convenant_or_sector_names_no_sector():
    assert sector_names("Hoe is het sectorconvenant opgebouwd volgens de uitleg?") == []
    assert sector_names("Wat brengt het convenant bouw op?") == ["bouw"]
    assert sector_names("Hoeveel krijgt de sector bouw?") == ["bouw"]


def test_an_adverb_or_clause_final_infinitive_after_convenant_or_sector_names_no_sector():
    # "eigenlijk" can only be an adjective or adverb: no sector, so no "Geen enkel document vermeldt 'eigenlijk'"
    assert sector_names("Hoe omschrijft de FAQ van 2017 wat een sectorconvenant eigenlijk is?") == []
    assert sector_names("Wanneer werd het convenant gesloten met de sector kappers?") == ["kappers"]
    # an infinitive that ends the clause is its verb; the same word inside the clause may be a name
    assert sector_names("Hoeveel consulenten kon de sector financieren?") == []
    assert sector_names("Hoeveel krijgt de sector besturen in 2021?") == ["besturen"]
    assert sector_names("Wat doet de sector van de kappers?") == ["kappers"]
    # an adjective before a noun is part of the sector's name
    assert sector_names("Hoeveel bedrijfscontacten moest de sector lokale besturen realiseren?") == ["lokale"]


def test_a_compound_of_sector_and_convenant_names_its_first_part():
    assert sector_names("Wat staat in het bouwsectorconvenant?") == ["bouw"]
    assert sector_names("Waarop lag de klemtoon in het modelsectorconvenant voor 2007-2009?") == []  # "model" is generic


def test_an_infinitive_after_te_is_a_verb_form():
    """"om vraag en aanbod op elkaar af te stemmen": "stemmen" is a verb there (also a noun), with
    its particle and the whole verb; an adjective ("te open") or a place ("te Mechelen") is none."""
    from assistant.wordclass import te_infinitives

    assert te_infinitives("om vraag en aanbod op elkaar af te stemmen?") == frozenset({"stemmen", "af", "afstemmen"})
    assert te_infinitives("Wat valt er te doen met te open vragen, gevestigd te Mechelen?") == frozenset({"doen"})


def test_an_infinitive_after_te_names_no_topic_of_the_question():
    """The question's separable verb after "te" is what is done, not a topic word: "stemmen" would
    otherwise name the documents on STEM, so that the page on the asked application reads as
    missing a topic of the question."""
    from assistant.answer.asking import verb_only_stems
    from assistant.textnl import stem

    acts = verb_only_stems("Welke online applicatie vermeldt het artikel om vraag en aanbod op elkaar af te stemmen?")
    assert {stem("stemmen"), stem("afstemmen")} <= acts
    assert stem("applicatie") not in acts and stem("aanbod") not in acts
