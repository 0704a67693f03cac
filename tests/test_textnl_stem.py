"""Stems: every form of a word gets one stem, the present tense's "-t" included."""

from __future__ import annotations

import pytest

from assistant.textnl import stem, tokens


@pytest.mark.parametrize(("forms", "expected"), [
    (("krijgt", "krijgen", "krijg"), "krijg"),
    (("bedraagt", "bedragen", "bedrag"), "bedrag"),
    (("bezorgt", "bezorgen"), "bezorg"),
    (("ondertekent", "ondertekenen"), "onderteken"),
    (("betaald", "betalen"), "betal"),  # the participle's "-d"
    (("geld", "geldt", "gelden"), "gell"),
    (("vindt", "vinden"), "vinn"),
    (("telt", "tellen"), "tell"),  # one short vowel: the infinitive doubles the consonant
    (("stelt", "stellen"), "stell"),
    (("rapport", "rapporten"), "rappor"),  # a noun in "-t": its forms still agree with each other
    (("kreeg", "kregen", "krijgt", "krijgen"), "krijg"),  # a strong verb's past: by its dictionary form
    (("ontstonden", "ontstaan"), "ontstan"),
    (("afspraken", "afspraak"), "afsprak"),  # a noun whose vowel changes in the plural
    (("initiatieven", "initiatief"), "initiatief"),  # f/v
    (("audiovisuele", "audiovisueel"), "audiovisueel"),
])
def test_forms_of_one_word_share_a_stem(forms, expected):
    assert {stem(f) for f in forms} == {expected}


def test_the_t_rule_keeps_words_apart_that_differ_in_more_than_the_ending():
    assert stem("dienst") != stem("dient")  # service and serves
    assert stem("resultaat") == "resultat"  # a vowel before "t": no verb ending
    assert stem("moet") == stem("moeten")


def test_a_third_person_question_meets_the_infinitive_in_the_text():
    question = set(tokens("Hoeveel subsidie krijgt de sector maximaal?"))
    text = set(tokens("De sector kan maximaal 98.000 euro subsidie krijgen."))
    assert question <= text


def test_a_paraphrase_in_another_tense_meets_the_text():
    question = set(tokens("Wanneer zijn de sectorconvenants ontstaan?"))
    text = set(tokens("De sectorconvenants ontstonden eind jaren '90."))
    assert question <= text


def test_a_word_that_is_a_dictionary_form_itself_keeps_its_own_stem():
    # the lemma list maps the infinitive "tellen" to the noun "tel": only inflections are mapped
    assert stem("tellen") == stem("telt") != stem("tel")
    assert stem("werken") == stem("werkt")
    assert stem("onderwijs") != stem("onderwijzen")  # a noun is not read as the verb


def test_a_separable_verb_split_by_te_meets_its_whole():
    assert stem("uitbetaald") in tokens("een toelage uit te betalen aan het Fonds")
    assert stem("indienen") in tokens("het rapport in te dienen")
    assert tokens("op de website") == tokens("website")  # no "te": no compound



def test_a_word_in_two_thesaurus_groups_matches_the_members_of_both():
    from assistant.textnl import equivalent_stems

    pc = equivalent_stems(tokens("PC")[0])
    assert pc[0] == stem("pc") and {stem("paritair"), stem("comité")} <= set(pc)
    assert stem("pc") in equivalent_stems(stem("paritair")) and stem("pc") in equivalent_stems(stem("comité"))
    assert stem("paritair") not in equivalent_stems(stem("comité"))  # the groups stay apart


def test_full_time_is_the_fte_of_a_covenant():
    """"voor hoeveel voltijdse sectorconsulenten" is answered by "4 VTE sectorconsulenten"."""
    from assistant.textnl import equivalent_stems

    assert tokens("vte")[0] in equivalent_stems(tokens("voltijdse")[0])
    assert tokens("voltijds")[0] in equivalent_stems(tokens("VTE")[0])
    assert tokens("voltijdsequivalenten")[0] in equivalent_stems(tokens("VTE")[0])


def test_a_kbo_number_and_a_maximum_match_their_other_names():
    """"Welk KBO-nummer ...?" is answered by an "ondernemingsnummer"; "maximaal" by "een maximum van"."""
    from assistant.textnl import equivalent_stems

    assert tokens("ondernemingsnummer")[0] in equivalent_stems(tokens("KBO-nummer")[0])
    assert tokens("maximum")[0] in equivalent_stems(tokens("maximaal")[0])
    assert tokens("minimaal")[0] in equivalent_stems(tokens("minimum")[0])
    assert tokens("minimum")[0] not in equivalent_stems(tokens("maximum")[0])


def test_a_separable_verb_a_question_splits_is_rejoined():
    from assistant.textnl import rejoined_verbs, stem

    # the particle after the finite verb, with words or a phrase between them
    assert rejoined_verbs("Welke twee sectoren traden toe tot de sectorconvenants van 2021-2022?") == [stem("toetreden")]
    assert rejoined_verbs("Wanneer vond de digitale kick-off plaats?") == [stem("plaatsvinden")]
    assert stem("toetreden") == stem("toetreding")  # the text's noun of the same verb
    # a particle before the verb, or no particle, joins nothing
    assert rejoined_verbs("Aan wie wordt de subsidie betaald?") == []
    assert rejoined_verbs("Hoeveel bedraagt de subsidie voor de bouw?") == []
    # only within one clause
    assert rejoined_verbs("De sector trad. Toe!") == []


def test_a_particle_before_a_noun_phrase_is_a_preposition():
    from assistant.textnl import rejoined_verbs, stem

    # a main clause puts the particle after its objects: before an article, a possessive or a
    # number it heads a prepositional phrase, and joins no verb ("aanvragen", "inkrijgen")
    assert rejoined_verbs("Naar welk e-mailadres stuur ik mijn vragen aan het departement?") == []
    assert rejoined_verbs("Hoeveel subsidie kreeg de bakkerijsector in 2018?") == []
    assert rejoined_verbs("Op welke dag werd de sectorfoto voorgesteld, en op welk event?") == []
    # a prepositional phrase or the next clause may follow the particle
    assert rejoined_verbs("Hoeveel délégués namen deel aan de bijeenkomsten?") == [stem("deelnemen")]
    assert rejoined_verbs("Welke minister volgde in 2004 Landuyt op en combineerde onderwijs en werk?") == [
        stem("opvolgen")
    ]


def test_a_finite_verb_that_is_also_a_noun_is_rejoined_with_the_particle_that_closes_the_clause():
    from assistant.textnl import rejoined_verbs, stem

    # "zit" and "zet" are dictionary forms of their own (nouns), yet with the closing particle verbs
    assert rejoined_verbs("Wie zit de intersectorale begeleidingsgroep voor?") == [stem("voorzitten")]
    assert rejoined_verbs("Met welke partner zet VIVO dat aanbod op?") == [stem("opzetten")]
    # the particle does not close the clause (a year follows): the noun stays a noun
    assert rejoined_verbs("Hoeveel consulenten heeft die sector in 2021-2022?") == []


def test_question_words_and_pronominal_adverbs_name_nothing():
    """"De hoeveelste generatie ...?" asks a rank and "hingen daaraan vast" points back: neither word
    is one a passage must share (a closed class of general Dutch, not a list from any question)."""
    assert tokens("De hoeveelste generatie liep toen?") == ["generatie", "lop"]
    assert tokens("Hoeveel acties hingen daaraan vast, en wie schreef eraan mee?") == ["actie", "hang", "vass", "schref", "mee"]
    assert "waarin" not in tokens("Waarin verschilt het addendum?")


def test_the_plural_of_comite_is_a_comite_and_a_pc():
    """"Welke paritaire comités ...?" is answered by "sector Textiel (PC 120 en PC 214)"."""
    from assistant.textnl import equivalent_stems

    for plural in ("comités", "comité's"):
        assert stem("pc") in equivalent_stems(tokens(plural)[0])
        assert stem("comité") in equivalent_stems(tokens(plural)[0])


def test_a_split_verb_also_reads_as_its_agent_noun():
    from assistant.textnl import agent_nouns, stem

    # the person who does it: the verb's stem with "-er", "-der" after an "r"
    assert agent_nouns("Wie zit de sectorcommissie voor?") == [stem("voorzitter")]
    assert agent_nouns("Welke organisaties namen deel aan het lerend netwerk?") == [stem("deelnemer")]
    assert agent_nouns("Wie voert de acties uit?") == [stem("uitvoerder")]
    # only nouns of the dictionary; no split verb, no agent noun
    assert agent_nouns("Wanneer vond de digitale kick-off plaats?") == []
    assert agent_nouns("Wie is de voorzitter?") == []


def test_an_age_is_asked_as_a_count_of_years():
    """"Tot welke leeftijd ...?" is answered by "-26-jarigen" or "jonger dan 26 jaar": a count of years."""
    from assistant.answer.kinds import answer_type
    from assistant.textnl import equivalent_stems

    age = equivalent_stems(tokens("leeftijd")[0])
    assert {tokens("jaar")[0], tokens("-26-jarigen")[-1], tokens("oud")[0]} <= set(age)
    assert answer_type("Tot welke leeftijd kan een jongere daarvan gebruikmaken?") == "amount"
    assert answer_type("Welke leeftijdsgrens geldt voor werknemers met ontslag?") == "amount"
    assert answer_type("Voor welke leeftijdsgroep is het project bedoeld?") == "name"  # a group is named


def test_a_size_is_asked_as_an_amount():
    """"Wat is de minimale omvang van ...?" asks how large, as "Hoe groot ...?" does (general Dutch)."""
    from assistant.answer.kinds import answer_type

    assert answer_type("Wat is de minimale omvang van een opleiding voor opleidingsverlof?") == "amount"
    assert answer_type("Hoe groot is de sector?") == "amount"
