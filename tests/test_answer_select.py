"""The answer selector's parts: units, named things, asked values, the fitted models, the split."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import replace
import json

import numpy as np
import pytest

from assistant.answer.entities import coverage, mentioned_in, mentions, missing_from, squash, years_of
from assistant.answer.model import LinearModel, SelectorWeights, load_weights
from assistant.answer.select import AnswerSelector, Candidate, VocabularyIndex, choose, idf_table, profile, relative
from assistant.answer.units import sentences_of, split_sentences
from assistant.answer.asking import asked_stems, asks_a_name
from assistant.answer.kinds import answer_type, asks_itself
from assistant.answer.values import has_type, lead_value, type_strength, value_near
from assistant.answer.dating import time_stems
from assistant.answer.vocabulary import covered
from assistant.textnl import stem, token_set, tokens
from assistant.types import Chunk, ScoredChunk
from eval.questions import parse_questions
from tests.fakes import FakeEmbeddings


def chunk(cid: str, text: str, *, doc: str = "conv", title: str = "Sectorconvenant Bouw 2013-2014", section: str = "Artikel 1") -> Chunk:
    return Chunk(cid, doc, title, "sectorconvenant", section, 0, 0, len(text), text, cid)


# ----------------------------------------------------------------------------- units


def test_abbreviations_do_not_end_a_sentence():
    units = split_sentences(
        "Op 9 september 2016 werd prof.dr. Luc Sels aangesteld als eerste voorzitter. Het partnerschap "
        "overlegt maandelijks (m.u.v. de zomervakantie) en wordt voorgezeten door Dhr. Dr. Frank Baert."
    )
    assert units == [
        "Op 9 september 2016 werd prof.dr. Luc Sels aangesteld als eerste voorzitter.",
        "Het partnerschap overlegt maandelijks (m.u.v. de zomervakantie) en wordt voorgezeten door Dhr. Dr. Frank Baert.",
    ]
    # a limit's "max." before a sum ends no sentence either
    limit = ("CEVORA betaalt het inschrijvingsgeld terug. Voor taalcursussen is de tussenkomst bovendien beperkt "
             "tot max. € 6,20 per gevolgd lesuur.")
    assert split_sentences(limit) == ["CEVORA betaalt het inschrijvingsgeld terug.",
                                      "Voor taalcursussen is de tussenkomst bovendien beperkt tot max. € 6,20 per gevolgd lesuur."]


def test_an_over_long_sentence_is_cut_at_clause_marks():
    parts = ["De heer Jan Peeters, voorzitter van de eerste werkgeversfederatie van de sector"] * 8
    line = "; ".join(f"{p} {i}" for i, p in enumerate(parts)) + "."
    units = split_sentences(line)
    assert len(units) > 1
    assert all(len(u) <= 480 for u in units)
    assert "".join(u.replace(" ", "") for u in units) == line.replace(" ", "")


def test_an_over_long_sentence_keeps_a_label_with_its_number():
    line = ("De Vlaamse Regering verbindt er zich toe in het kader van voorliggende overeenkomst tijdens de periode "
            "van 1 juli 2023 tot en met 30 juni 2025 een maximale subsidie van 742.000,00 EUR uit te betalen aan "
            "VIVO vzw, Sainctelettesquare 13-15 te 1000 Brussel (ondernemingsnummer: 0472.871.139 - "
            "bankrekeningnummer: BE50 0013 4839 8818) ter financiering van 7 VTE sectorconsulenten.")
    # no cut inside the parenthesis (the payee's numbers belong to the sentence), nor after a label's
    # colon before a number or a code ("bankrekeningnummer: BE50")
    assert split_sentences(line) == [line]
    assert split_sentences(line.replace("(", "").replace(")", "")) == [line.replace("(", "").replace(")", "")]
    # a colon before a word, outside parentheses, still cuts an over-long sentence
    listing = ("De Vlaamse Regering stimuleert en ondersteunt de uitvoering van voorliggende overeenkomst en de "
               "opvolging ervan door de sectorconsulenten en de sociale partners van de sector, in nauw overleg met "
               "het departement Werk en Sociale Economie en de andere betrokken partners, op de volgende wijze: "
               "het organiseren van ad hoc-overleg met de sociale partners, op vraag van de sectoren, en het "
               "organiseren van klankbordvergaderingen.")
    units = split_sentences(listing)
    assert len(units) == 2
    assert units[0].endswith("op de volgende wijze:")
    assert units[1].startswith("het organiseren van ad hoc-overleg")


def test_a_structural_label_stays_with_its_number():
    """A covenant whose articles run on in one line: the sentence splitter cuts "Artikel 2." after
    "Artikel" (it reads "2." as a list item), which left the label at the end of the sentence
    before and the article's unit without it; a bare "Art. 3." is no unit of its own either."""
    line = ("Verbintenissen van de Vlaamse Regering Artikel 1. De Vlaamse Regering verbindt er zich toe een toelage "
            "van 76.500,00 EUR uit te betalen ter financiering van 1,5 VTE sectorconsulenten. Artikel 2. De Vlaamse "
            "Regering stimuleert en ondersteunt de uitvoering van voorliggende overeenkomst, door het organiseren "
            "van netwerkbijeenkomsten.")
    units = sentences_of(line)
    assert units[0] == "Verbintenissen van de Vlaamse Regering"
    assert units[1].startswith("Artikel 1. De Vlaamse Regering verbindt") and units[1].endswith("sectorconsulenten.")
    assert units[2].startswith("Artikel 2. De Vlaamse Regering stimuleert")
    assert split_sentences("Dit geldt voor de hele looptijd van het convenant en voor elke partij die het ondertekent. "
                           "Art. 3. De sector stelt een actieplan op en voert het uit binnen de looptijd.") == [
        "Dit geldt voor de hele looptijd van het convenant en voor elke partij die het ondertekent.",
        "Art. 3. De sector stelt een actieplan op en voert het uit binnen de looptijd."]


def test_a_line_inside_an_open_parenthesis_goes_on_on_the_next_line():
    text = ("Autocardiensten (Metrologielaan 8 - 1130 Brussel; bankrekeningnummer:\n"
            "BE10 4389 2151 8104; ondernemingsnummer: 0427.483.651) ter financiering van 2 VTE sectorconsulenten.")
    assert sentences_of(text) == [text.replace("\n", " ")]


def test_bullets_keep_their_date_line():
    units = sentences_of("Nieuwsbericht\n\n18 juli 2023\n\nDe Vlaamse Regering sloot 38 convenants af.")
    assert units == ["Nieuwsbericht", "18 juli 2023: De Vlaamse Regering sloot 38 convenants af."]


def test_hard_wrapped_lines_are_one_sentence_and_a_name_line_heads_its_title():
    text = ("Hilde CREVITS\n\nVice minister-president en Vlaams minister van  \nEconomie, Innovatie, Werk, "
            "Sociale economie en  \nLandbouw\n\n- Een eerste punt dat lang genoeg is om geen korte regel te zijn\n"
            "- een tweede punt dat ook lang genoeg is voor een eigen regel")
    assert sentences_of(text) == [
        "Hilde CREVITS: Vice minister-president en Vlaams minister van Economie, Innovatie, Werk, Sociale economie en Landbouw",
        "Een eerste punt dat lang genoeg is om geen korte regel te zijn",  # a bullet starts a new line
        "een tweede punt dat ook lang genoeg is voor een eigen regel",
    ]
    # a line that ends a thought (no article, preposition or comma at its end) stays a line
    assert sentences_of("Duurzaam HR-beleid voor alle werkgevers\nTalentontwikkeling in de hele sector") == [
        "Duurzaam HR-beleid voor alle werkgevers; Talentontwikkeling in de hele sector"]


# ----------------------------------------------------------------------------- named things


def test_mentions_from_the_question_form():
    m = mentions("Welke werkgeversfederatie ondertekende het autobus- en autocarconvenant 2013-2014 van FBAA?")
    assert m.years == ("2013", "2014") and m.sectors == ("autocar",) and m.names == ("fbaa",)
    assert mentions("Hoeveel sectorconsulenten heeft de bouwsector?").sectors == ("bouw",)
    assert mentions("Onder welk paritair comité 314 valt de sector textielverzorging?").pcs == ("314",)
    assert mentions("Welke sectoren maken een nulmeting?").all == ()
    assert years_of("2023-2025") == ["2023", "2024", "2025"]
    assert years_of("2023-25", expand=False) == ["2023", "2025"]


def test_mentioned_in_words_compounds_and_numbers():
    hay = squash("Het kappersbedrijf en de bouwsector (PC 124) in 2013")
    assert mentioned_in("bouw", hay) and mentioned_in("kappers", hay) and mentioned_in("124", hay)
    assert not mentioned_in("metaal", hay) and not mentioned_in("2015", hay)
    assert missing_from(["bouw", "horeca"], hay) == ["horeca"]
    assert coverage(["bouw", "horeca"], "de bouwsector") == 0.5 and coverage([], "x") == 1.0


def test_a_name_written_in_one_word_is_mentioned_by_a_text_that_writes_it_in_two():
    hay = squash("De sector Lokale Besturen en de sector social profit; het metaal")
    assert mentioned_in("lokalebesturen", hay) and mentioned_in("socialprofit", hay)
    assert mentions("Hoeveel mensen werken er in de lokalebesturensector?").sectors == ("lokalebesturen",)
    # the parts in another order, a word not written apart, a short name: not mentioned
    assert not mentioned_in("profitsocial", hay) and not mentioned_in("metaalsector", hay)
    assert not mentioned_in("taxibus", squash("de taxi bus"))  # parts of fewer than four letters


# ----------------------------------------------------------------------------- asked values


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Tegen wanneer moet het voortgangsrapport binnen?", "date"),
        ("Wat is de looptijd van het convenant?", "period"),
        ("Hoeveel bedraagt de maximale toelage?", "money"),
        ("Hoeveel sectorconsulenten zijn er?", "amount"),
        ("Welk overlegorgaan keurt het kader goed?", "name"),
        ("Waarom bestaan convenants?", None),
        ("Hoe heten de drie adviseurs?", "who"),
        ("Hoe laat begint de infosessie?", "time"),
        ("Hoeveel VTE sectorconsulenten worden met de subsidie gefinancierd?", "amount"),
        ("Hoeveel krijgt de sector aan subsidie?", "money"),
        ("Hoeveel is de toelage?", "money"),
        ("De hoeveelste generatie convenants liep toen?", "rank"),  # a rank: "8ste generatie"
        # a question that opens by asking a year asks it, whatever count it names after
        ("In welk jaar zat het aantal arbeidsongevallen op zijn laagste punt?", "year"),
        ("Vanaf welk werkingsjaar steeg het aantal opleidingsuren?", "year"),
        ("In welk leerjaar zit het grootste aantal leerlingen?", "amount"),  # a grade, not a year
        # what someone earns is a sum of money, in any tense
        ("En hoeveel verdient zo'n instructeur bruto per maand?", "money"),
        ("Hoeveel verdienden de consulenten in 2019?", "money"),
        ("Hoeveel leerlingen verdienen een attest?", "amount"),  # a count of those who earn something
    ],
)
def test_answer_type(question, kind):
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # the phrase ends at its head noun, before the finite verb
        ("Welke resultaatsverbintenissen staan er in het convenant?", "resultaatsverbintenissen"),
        ("Hoe heten de drie intersectorale adviseurs van de negende generatie?", "intersectorale adviseurs"),
        ("Hoeveel 'rode draden' werden er geselecteerd?", "rode draden"),
        ("Onder welk paritair comité valt de sector?", "paritair comité"),
        ("Welke 12 sectoren sloten een addendum af?", "sectoren"),
        ("Hoeveel telefonische contacten verrichtten de sectoren?", "telefonische contacten"),
        ("Welke maximale toelage kreeg de sector?", "maximale toelage"),
        ("Hoeveel prioriteiten bevatte het convenant?", "prioriteiten"),
        ("Welk overlegorgaan keurt per generatie het kader goed?", "overlegorgaan"),
        ("Welke acv-centrale zat mee aan tafel?", "acv-centrale"),  # a hyphenated compound is one noun
        ("Hoeveel VTE sectorconsulenten financiert het convenant?", "VTE sectorconsulenten"),  # an abbreviation
        ("Hoeveel krijgt de bouwsector?", ""),  # the verb comes first: no phrase names the answer
        ("Hoeveel bedroeg de maximale subsidie?", ""),
        ("Wie controleert de naleving?", ""),  # no phrase names the answer
        ("Wat is de looptijd?", ""),
        # a noun that only classifies the phrase after it is passed over, unless nothing follows it
        ("Welk soort bijkomende oproepen stelt Fedustria voor?", "bijkomende oproepen"),
        ("Welke vorm van overleg organiseert de Vlaamse Regering?", "overleg"),
        ("Welke vormen zijn er?", "vormen"),
        ("Welke vorm krijgt het overleg?", "vorm"),
        # a definition asked: the term it defines, quoted or not
        ("Hoe omschrijft het decreet van 13 maart 2009 het begrip sectorconsulent?", "sectorconsulent"),
        ("Wat verstaat het decreet onder 'administratie'?", "administratie"),
        ("Wat betekent het woord inclusie?", "inclusie"),
        ("Wat verstaat het decreet onder een INSZ-nummer?", "insz-nummer"),
        # without "het begrip": the object that closes the question, not a prepositional phrase's noun
        ("Hoe omschrijft de inleiding van de sectorfoto 2012 de sectorconvenants?", "sectorconvenants"),
        ("Hoe definieert de FAQ een addendum?", "addendum"),
        ("Hoe omschrijft de SERV de rol van de sectoren in het beleid?", ""),
        # "hoeveel" with its verb first names nothing, "welke" before a copula looks further
        ("Hoeveel werd er voor de adviseur uitgetrokken?", ""),
        # a pronoun stands for a noun named before: it names nothing itself
        ("En hoeveel van hen kregen een beroepskwalificatie?", ""),
        ("Hoeveel van hun werknemers volgden een opleiding?", "werknemers"),  # a possessive: its noun follows
    ],
)
def test_asked_stems_are_the_phrase_after_the_question_word(question, words):
    assert asked_stems(question) == tuple(tokens(words))


@pytest.mark.parametrize(
    ("question", "words"),
    [
        # "naast"/"behalve" X: the noun phrase X, up to punctuation, a preposition or a verb
        ("Naast de onderhandelingen: welke taken heeft het departement nog?", "onderhandelingen"),
        ("Op wie richten de acties zich naast de huidige werknemers van de sector?", "huidige werknemers sector"),
        ("Hoeveel rode draden werden er naast de drie decretale kapstokken geselecteerd volgens de SERV?",
         "drie decretale kapstokken"),
        ("Naast de afstemming tussen school en arbeidsmarkt: welke speerpunten noemt het bericht?",
         "afstemming tussen school arbeidsmarkt"),
        # a word the rest of the question uses too is asked as well, not only given
        ("Welke sectoren kregen naast de bouwsector een addendum voor de bouwsector?", ""),
        ("Hoeveel krijgt de sector?", ""),
    ],
)
def test_what_naast_or_behalve_gives_as_known(question, words):
    from assistant.answer.asking import given_stems

    assert given_stems(question) == frozenset(tokens(words))


def test_given_words_weigh_as_context_and_leave_the_focus():
    vocab = VocabularyIndex(idf_table(["De onderhandelingen lopen.", "Het departement doet de opvolging en evaluatie."]))
    q = profile("Naast de onderhandelingen: welke taken heeft het departement nog?", vocab)
    plain = profile("Welke taken heeft het departement nog naast?", vocab)
    given = next(iter(tokens("onderhandelingen")))
    assert given in q.weights and given not in q.focus
    assert q.weights[given] == pytest.approx(vocab.weight(given) * 0.5)
    assert next(iter(tokens("departement"))) in q.focus
    assert set(plain.focus) == set(plain.weights)  # a trailing "naast" gives nothing


def test_a_unit_without_the_asked_phrase_scores_lower_on_it_though_its_heading_holds_it():
    vocab = VocabularyIndex(idf_table(["De resultaatsverbintenissen van de sector.", "De minister tekent het convenant."]))
    q = profile("Welke resultaatsverbintenissen staan er in het convenant?", vocab)
    assert q.asked and set(q.asked) <= set(q.weights)
    # the section heading names the phrase too: it counts for the words the unit shares with the
    # question (lex_header), not for the asked phrase, which the unit itself must hold
    hits = [ScoredChunk(chunk("c1", "De minister tekent het convenant. De resultaatsverbintenissen zijn drie.",
                              section="Artikel 5 › Resultaatsverbintenissen"), 1.0)]
    ranked = AnswerSelector().candidates(q, hits, units={}, query_vector=None, dense_scores={}, documents={})
    features = {c.text: c.features for c in ranked}
    minister = features["De minister tekent het convenant."]
    assert minister["asked"] == 0.0 < features["De resultaatsverbintenissen zijn drie."]["asked"]
    assert minister["lex_header"] > minister["lex"]


def test_lead_value_picks_the_value_near_the_question_words():
    text = "In de periode van 1 januari 2018 tot en met 31 december 2019 een maximale toelage van 98.000,00 EUR."
    assert lead_value(text, "money", {"toelag": 1.0}) == "98.000,00 EUR"
    assert lead_value(text, "period", {}) == "1 januari 2018 tot en met 31 december 2019"
    # a date asked ("Tot wanneer loopt het convenant?") from a span: the whole span leads, not its start
    span = "tijdens de periode van 1 juli 2023 tot en met 30 juni 2025 een maximale subsidie van 742.000,00 EUR"
    assert lead_value(span, "date", {"lop": 1.0}) == "1 juli 2023 tot en met 30 juni 2025"
    report = "bezorgt ten laatste op 30 september 2024 een voortgangsrapport en op 30 september 2025 een eindrapport"
    assert lead_value(report, "date", {"voortgangsrapport": 1.0}) == "30 september 2024"  # two dates, no span
    assert lead_value("Verspreid over 34 sectoren.", "amount", {}) == "34 sectoren"
    assert lead_value("Tussen 12 en 34 sectoren.", "amount", {}) is None  # two counts: no guess
    # of several counts, the one whose counted noun the question names leads
    funded = "een maximale toelage van 76.500,00 EUR (Landsroemlaan 20, 1083 Brussel) ter financiering van 1,5 VTE sectorconsulenten"
    assert lead_value(funded, "amount", {"vte": 1.0, "sectorconsulent": 1.0}) == "1,5 VTE"
    # the counted noun may also be the word after the count's own ("1,5 VTE sectorconsulenten")
    assert lead_value(funded, "amount", {stem("sectorconsulenten"): 1.0}) == "1,5 VTE"
    assert lead_value(funded, "amount", {"bedrijfscontact": 1.0}) is None
    assert lead_value("Tussen 12 sectoren en 34 sectoren.", "amount", {"sector": 1.0}) is None  # two named: no guess
    # of counts the question's words name, the one of the asked noun ("Vanaf hoeveel werknemers ...?")
    path = ("Voor bedrijven van 20 werknemers of meer geldt het groeipad: 3 individuele opleidingsdagen vanaf 2024, "
            "4 individuele opleidingsdagen vanaf 2025")
    words = {stem(w): 1.0 for w in ("werknemers", "groeipad", "individuele", "opleidingsdagen")}
    assert lead_value(path, "amount", words) is None
    assert lead_value(path, "amount", words, ("werknemer",)) == "20 werknemers"
    # not a term of a sum ("4 + 1 gratis opleidingsdagen" does not grant one day)
    free = "4 + 1 gratis opleidingsdagen voor 2 arbeiders"
    assert lead_value(free, "amount", {"gratis": 1.0, stem("opleidingsdagen"): 1.0, "arbeider": 1.0}, ("gratis", stem("opleidingsdagen"))) is None
    assert type_strength(text, "period") == 1.0 and type_strength("Geen bedrag.", "money") == 0.0


def test_thousands_grouped_by_spaces_are_one_value():
    assert lead_value("Iedereen aan boord: 120 000 mensen extra aan het werk.", "amount", {"mens": 1.0}) == "120 000 mensen"
    assert lead_value("een maximale toelage van 1 200 000 EUR uit te betalen", "money", {"toelag": 1.0}) == "1 200 000 EUR"
    assert lead_value("In 2013 2 000 deelnemers.", "amount", {}) == "2 000 deelnemers"  # a year is no thousands group
    assert lead_value("een toelage van 816.000,00 EUR", "money", {}) == "816.000,00 EUR"


# ----------------------------------------------------------------------------- models


def test_linear_model_round_trip_and_probability():
    model = LinearModel(("a", "b"), (1.0, 0.0), (2.0, 1.0), (1.0, -1.0), 0.5)
    assert model.logit({"a": 3.0, "b": 1.0}) == pytest.approx(0.5 + 1.0 - 1.0)
    assert model.prob({"a": 1.0, "b": 0.0}) == pytest.approx(1 / (1 + np.exp(-0.5)))
    weights = SelectorWeights(model, model, 0.4, 0.3)
    again = SelectorWeights.from_json(weights.to_json())
    assert again == weights


def test_shipped_weights_are_fitted():
    weights = load_weights()
    assert "dense" in weights.unit.names and "best_logit" in weights.answerable.names
    assert 0.0 < weights.threshold < 1.0


def test_selector_picks_the_unit_that_answers_and_cites_it():
    embed = FakeEmbeddings()
    a = chunk("a", "De sector bezorgt ten laatste op 15 oktober 2026 een voortgangsrapport. Het departement geeft richtlijnen.")
    b = chunk("b", "De sector organiseert jaarlijks een webinar over leerbeleid.", section="Artikel 4")
    units = {}
    for c in (a, b):
        texts = tuple(sentences_of(c.text))
        units[c.id] = (texts, np.array(embed.embed_documents(list(texts)), dtype=np.float32))
    vocabulary = VocabularyIndex(idf_table([a.embed_text, b.embed_text]))
    question = "Tegen wanneer moet het voortgangsrapport binnen?"
    q = profile(question, vocabulary)
    unit_model = LinearModel(("lex", "typed"), (0.0, 0.0), (1.0, 1.0), (2.0, 2.0), 0.0)
    answerable = LinearModel(("best_logit",), (0.0,), (1.0,), (1.0,), 0.0)
    selector = AnswerSelector(SelectorWeights(unit_model, answerable, 0.5, 2.0))
    selection = selector.select(
        q, [ScoredChunk(b, 0.5), ScoredChunk(a, 0.4)], units=units,
        query_vector=np.array(embed.embed_query(question), dtype=np.float32), dense_scores={}, dense_top=0.5,
        documents={},
    )
    assert selection.text == "15 oktober 2026: De sector bezorgt ten laatste op 15 oktober 2026 een voortgangsrapport [1]."
    assert [(c.n, c.chunk_id) for c in selection.citations] == [(1, "a")]
    assert selection.answerable > 0.5 and selection.kind == "date"


def test_the_decision_knows_whether_a_value_is_asked():
    """A question for a value (an amount, a date, a comité) is refused at another rate than one for a
    name or an explanation; the fitted decision sees which it is, apart from whether the best unit
    holds such a value near the question's words."""
    vocabulary = VocabularyIndex(idf_table(["De sector bezorgt op 15 oktober 2026 een voortgangsrapport aan VIVO."]))
    unit = Candidate("De sector bezorgt op 15 oktober 2026 een voortgangsrapport aan VIVO.", 0, 0, {
        "lex_header": 1.0, "focus": 1.0, "dense": 0.9, "typed": 1.0, "asks_type": 1.0, "ent_unit": 1.0, "ent_doc": 1.0,
        "ent_about": 1.0, "doc_cov": 1.0, "doc_missing": 0.0, "sector_about": 1.0, "year_doc": 1.0, "name_doc": 1.0,
        "unit_missing": 0.0, "value_near": 1.0})
    model = LinearModel(("lex",), (0.0,), (1.0,), (1.0,), 0.0)
    for question, asks in (("Tegen wanneer moet het voortgangsrapport binnen?", 1.0),
                           ("Aan wie bezorgt de sector het voortgangsrapport?", 0.0),
                           ("Op welk telefoonnummer bereik ik VIVO?", 1.0),  # a number is a figure
                           ("Naar welk e-mailadres stuur ik het voortgangsrapport?", 0.0),  # an address is none
                           ("In welk jaar bezorgt de sector het voortgangsrapport?", 0.0)):  # a year, as a name
        features = AnswerSelector.question_features(profile(question, vocabulary), [unit], 0.9, model)
        assert features["asks_value"] == asks
    from eval.decision import QUESTION_FEATURES
    assert "asks_value" in QUESTION_FEATURES


def test_rest_is_the_coverage_of_words_the_documents_opening_lacks():
    """'ziekteverzuim' is what is asked within the Bouw covenant; 'bouwsector' and the period only
    say which document, so the title-like subsidy sentence covers none of what is asked."""
    embed = FakeEmbeddings()
    text = ("Sectorconvenant 2013-2014 van de bouwsector. De Vlaamse Regering kent de bouwsector in 2013-2014 een "
            "toelage toe. Het ziekteverzuim in de sector daalt.")
    c = chunk("c", text)
    texts = tuple(sentences_of(c.text))
    units = {"c": (texts, np.array(embed.embed_documents(list(texts)), dtype=np.float32))}
    vocabulary = VocabularyIndex(idf_table([c.embed_text]))
    question = "Wat is het ziekteverzuim in de bouwsector in 2013-2014?"
    q = profile(question, vocabulary)
    doc = type("Doc", (), {"text": "Sectorconvenant 2013-2014 van de bouwsector.\n" + "x " * 2000 + text})()
    selector = AnswerSelector(SelectorWeights(
        LinearModel(("rest",), (0.0,), (1.0,), (1.0,), 0.0), LinearModel(("best_rest",), (0.0,), (1.0,), (1.0,), 0.0),
        0.5, 2.0))
    ranked = selector.candidates(q, [ScoredChunk(c, 0.5)], units=units,
                                 query_vector=np.array(embed.embed_query(question), dtype=np.float32),
                                 dense_scores={}, documents={"conv": doc})
    rest = {cand.text: cand.features["rest"] for cand in ranked}
    assert rest["Het ziekteverzuim in de sector daalt."] == 1.0
    assert rest["De Vlaamse Regering kent de bouwsector in 2013-2014 een toelage toe."] == 0.0
    assert ranked[0].text == "Het ziekteverzuim in de sector daalt."


def test_a_party_a_document_repeats_is_what_it_is_about_wherever_it_first_names_it():
    """A covenant names its sector fund after a long list of signatories: past its opening, yet
    named throughout. A name named once, past the opening, is not what the document is about."""
    from assistant.answer.topics import NAME_MENTIONS

    body = "De sector zet in op opleiding. " * 40
    fund = " ".join(f"Het traject {i} van VIVO loopt." for i in range(NAME_MENTIONS))
    ent_about = {}
    for name, text, passage in (("repeated", f"{body}{fund}", "Het project mikt op 2000 gebruikers."),
                                ("once", f"{body}Het traject van VIVO loopt.", "Het project mikt op 2000 gebruikers."),
                                # a programme or organisation the retrieved passage itself names ("het FLA van de RSZ"
                                # explained on a page about training rights) is what that passage is about
                                ("in the passage", f"{body}Het traject van VIVO loopt.", "VIVO mikt op 2000 gebruikers.")):
        c = chunk("c", passage)
        doc = type("Doc", (), {"text": text, "title": c.title})()
        q = profile("Hoeveel gebruikers wil VIVO halen?", VocabularyIndex(idf_table([text])))
        ranked = AnswerSelector().candidates(q, [ScoredChunk(c, 1.0)], units={}, query_vector=None,
                                             dense_scores={}, documents={c.doc_id: doc})
        ent_about[name] = ranked[0].features["ent_about"]
    assert ent_about == {"repeated": 1.0, "once": 0.0, "in the passage": 1.0}


def test_a_page_of_no_one_sector_states_a_sectors_facts_in_the_unit_that_names_it():
    """An overview of a generation names a sector in the passage about it: that unit is about the
    sector, its other units are not. A sector's own covenant that names another sector in passing
    is not about that one anywhere."""
    text = "De dienstenchequesector hanteert mystery calls. Andere sectoren meten."
    question = "Wat gebruikt de dienstenchequesector als nulmeting?"
    q = profile(question, VocabularyIndex(idf_table([text])))
    assert q.named.sectors

    def sector_about(c: Chunk) -> dict[str, float]:
        doc = type("Doc", (), {"text": "Overzicht van de generatie 2021-2022.\n" + "x " * 2000 + c.text})()
        ranked = AnswerSelector().candidates(q, [ScoredChunk(c, 1.0)], units={}, query_vector=None,
                                             dense_scores={}, documents={c.doc_id: doc})
        return {cand.text: cand.features["sector_about"] for cand in ranked}

    overview = sector_about(chunk("o", text, doc="overview", title="Sectorconvenants generatie 2021-2022"))
    assert overview["De dienstenchequesector hanteert mystery calls."] == 1.0
    assert overview["Andere sectoren meten."] == 0.0
    own = chunk("b", text, doc="bouw", title="Sectorconvenant Bouw 2021-2022")
    own.metadata["sector"] = "Bouw"
    assert set(sector_about(own).values()) == {0.0}


def test_a_label_line_on_an_overview_page_names_the_sector_of_the_sentences_under_it():
    """A sector-fund overview lists each sector under a label line ("Paritair comité 109 en 215
    (confectiesector) www.ivoc.be") and states its facts in sentences that do not name it again:
    those sentences are about the label's sector and what it names, up to the next label."""
    from assistant.answer.units import is_label

    assert is_label("Paritair comité 109 en 215 (confectiesector)  www.ivoc.be")
    assert is_label("We zetten deze voordelen op een rijtje: Paritair comité 111 (metaal)  www.tofam.be")
    assert not is_label("Deze pc's komen tussen voor maximum 640 euro.") and not is_label("Een rijtje:")
    text = ("Paritair comité 109 en 215 (confectiesector)  www.ivoc.be\nDe fondsen komen tussen voor maximum 640 euro.\n\n"
            "Paritair comité 111 (metaal)  www.tofam.be\nDe fondsen komen tussen voor maximum 100 euro.")
    q = profile("Wat is het maximum in de confectiesector?", VocabularyIndex(idf_table([text])))
    assert q.named.sectors
    c = chunk("o", text, doc="overview", title="Extra voordelen van de sectorfondsen")
    doc = type("Doc", (), {"text": "Sectorfondsen bieden opleidingen.\n" + "x " * 2000 + text})()
    ranked = AnswerSelector().candidates(q, [ScoredChunk(c, 1.0)], units={}, query_vector=None,
                                         dense_scores={}, documents={c.doc_id: doc})
    about = {cand.text: cand.features["sector_about"] for cand in ranked}
    assert about["De fondsen komen tussen voor maximum 640 euro."] == 1.0
    assert about["De fondsen komen tussen voor maximum 100 euro."] == 0.0
    # what the question names besides the sector (the fund behind the label's address) counts the same way
    q = profile("Hoeveel betaalt Tofam in de metaal (PC 111) maximaal terug?", VocabularyIndex(idf_table([text])))
    ranked = AnswerSelector().candidates(q, [ScoredChunk(c, 1.0)], units={}, query_vector=None,
                                         dense_scores={}, documents={c.doc_id: doc})
    about = {cand.text: cand.features["ent_about"] for cand in ranked}
    assert about["De fondsen komen tussen voor maximum 100 euro."] == 1.0
    assert about["De fondsen komen tussen voor maximum 640 euro."] == 0.0


def test_a_year_that_names_the_document_read_asks_no_period_of_its_figures():
    """"Hoeveel ... volgens de sectorfoto 2012?": 2012 names the report the asker read, whose
    figures are of 2010; a unit of that report is not of another period. The same year still binds
    the figures of any other document, and a year asked outside the "volgens" phrase binds all."""
    text = "In 2010 zijn 53 personen met een IBO gestart."
    q = profile("Hoeveel personen startten met een IBO volgens de sectorfoto 2012?", VocabularyIndex(idf_table([text])))

    def year_other(doc: str, sources: tuple[str, ...], question=q) -> float:
        c = chunk("s", text, doc=doc, title="Sectorfoto 2012 audiovisuele sector")
        ranked = AnswerSelector().candidates(question, [ScoredChunk(c, 1.0)], units={}, query_vector=None,
                                             dense_scores={}, documents={}, sources=sources)
        return ranked[0].features["year_other"]

    assert year_other("foto", ("foto",)) == 0.0
    assert year_other("foto", ("ander",)) == 1.0
    asked = profile("Hoeveel personen startten in 2012 met een IBO volgens de sectorfoto?", VocabularyIndex(idf_table([text])))
    assert year_other("foto", ("foto",), asked) == 1.0


def test_choose_adds_list_items_after_an_introduction():
    from assistant.answer.select import Candidate

    ranked = relative([
        Candidate("De sector pakt de volgende prioriteiten aan:", 0, 0, {}, 3.0),
        Candidate("HR-beleid", 0, 1, {}, 1.0),
        Candidate("Talentontwikkeling", 0, 2, {}, 0.5),
        Candidate("Iets anders", 1, 0, {}, 2.9),
    ])
    assert [c.text for c in choose(ranked, 0.5)] == ["De sector pakt de volgende prioriteiten aan:", "HR-beleid", "Talentontwikkeling"]
    plain = relative([Candidate("A zin.", 0, 0, {}, 3.0), Candidate("B zin.", 1, 0, {}, 2.0), Candidate("C zin.", 1, 1, {}, 0.0)])
    assert [c.text for c in choose(plain, 0.3)] == ["A zin.", "B zin."]  # exp(-1) = 0.37 >= 0.3
    assert [c.text for c in choose(plain, 0.5)] == ["A zin."]
    # a slide title repeated on the next slide (with or without its dash) is shown once
    repeated = relative([Candidate("Inhoud addenda 2021 –", 0, 0, {}, 3.0), Candidate("Inhoud addenda 2021", 1, 0, {}, 2.9),
                         Candidate("Focus op acties.", 1, 1, {}, 2.8)])
    assert [c.text for c in choose(repeated, 0.3)] == ["Inhoud addenda 2021 –", "Focus op acties."]


def test_a_unit_of_another_sector_ranks_after_every_unit_of_the_asked_one():
    """When the question names a sector or comité, a unit whose document is about another one
    (sector_about 0, which sector_verdict never lets answer) is not the best unit while a unit of the
    asked sector exists, and gets score 0; with none of the asked sector the order is the logits'."""
    from assistant.answer.select import Candidate

    other = Candidate("Vanaf 1/1/2024: 3 opleidingsdagen (PC 200).", 0, 0, {"sector_about": 0.0}, 5.0)
    asked = Candidate("De werknemer heeft recht op 4 dagen in 2023, en 5 vanaf 2024.", 3, 0, {"sector_about": 1.0}, 2.0)
    ranked = relative([other, asked])
    assert [c.text for c in ranked] == [asked.text, other.text]
    assert [c.score for c in ranked] == [1.0, 0.0]
    alone = relative([other, replace(asked, features={"sector_about": 0.0})])
    assert [c.text for c in alone] == [other.text, asked.text]
    assert alone[1].score == pytest.approx(math.exp(-3.0))


def test_a_date_without_its_year_leads_with_the_year_the_document_writes_it_with():
    from assistant.answer.display import with_year

    texts = ["Vanaf 1 september aangepast systeem voor opleidingscheques.", "De bepalingen treden in werking op 1 september 2019."]
    assert with_year("1 september", texts) == "1 september 2019"
    assert with_year("1 september", [*texts, "Vanaf 1 september 2020 digitaal."]) == "1 september"  # two years: none chosen
    assert with_year("1 september", texts[:1]) == "1 september"
    assert with_year("1 september 2019", texts) == "1 september 2019"
    assert with_year("30 juni", ["uiterlijk op 30 juni 2023"]) == "30 juni 2023"
    # the answer leads with it, from the passages of the first unit's document
    from assistant.answer.display import render

    page = "Vanaf 1 september aangepast systeem voor opleidingscheques.\n\nDe bepalingen treden in werking op 1 september 2019."
    other = "Het nieuwe stelsel start op 1 september 2020."
    hits = [ScoredChunk(chunk("p1", page, doc="cheques", title="Opleidingscheques"), 1.0),
            ScoredChunk(chunk("o1", other, doc="ander", title="Ander stelsel"), 0.5)]
    question = "Vanaf welke datum gold het aangepaste systeem van de opleidingscheques?"
    q = profile(question, VocabularyIndex(idf_table(sentences_of(page + " " + other))))
    text, _ = render(q, [Candidate(sentences_of(page)[0], 0, 0, {}, 1.0)], hits)
    assert text.startswith("1 september 2019: Vanaf 1 september")


def test_choose_adds_the_next_sentence_when_it_leans_back_on_the_best_one():
    from assistant.answer.select import Candidate

    ranked = relative([
        Candidate("We vertrokken vanuit een omgevingsanalyse.", 0, 3, {}, 3.0),
        Candidate("Die omvat een cijfermatig deel en een inschatting van trends.", 0, 4, {}, 0.0),
        Candidate("Iets anders.", 1, 0, {}, -5.0),
    ])
    assert [c.text[:12] for c in choose(ranked, 0.5)] == ["We vertrokke", "Die omvat ee"]
    # a sentence that opens on its own does not join on that ground, nor does one that leans back
    # on another sentence than the best one
    own = relative([Candidate("We vertrokken vanuit een omgevingsanalyse.", 0, 3, {}, 3.0),
                    Candidate("De sector telt 40 fondsen.", 0, 4, {}, 0.0)])
    assert [c.text[:12] for c in choose(own, 0.5)] == ["We vertrokke"]
    elsewhere = relative([Candidate("We vertrokken vanuit een omgevingsanalyse.", 0, 3, {}, 3.0),
                          Candidate("Daaronder vallen stages.", 1, 4, {}, 0.0)])
    assert [c.text[:12] for c in choose(elsewhere, 0.5)] == ["We vertrokke"]


def test_choose_adds_the_items_a_count_of_the_asked_thing_announces():
    from assistant.answer.select import Candidate

    vocabulary = VocabularyIndex(idf_table(["fasen methodiek monitoringsproces"]))
    q = profile("Uit welke fasen bestaat de methodiek voor het monitoringsproces?", vocabulary)
    slide = [
        Candidate("Sectoren staan er niet alleen voor!; Methodiek monitoringsproces", 0, 7, {}, 3.0),
        Candidate("Ontwikkeld door experten; 3 fasen", 0, 8, {}, 1.0),
        Candidate("Nulmeting (bij voorkeur een correspondentietest)", 0, 9, {}, 0.0),
        Candidate("Actiefase; Opvolgmeting", 0, 10, {}, 0.0),
        Candidate("Klemtoon in addendum op nulmeting", 0, 11, {}, 0.0),
        Candidate("Iets anders.", 1, 0, {}, 2.9),
    ]
    # the unit after the best one announces three phases; two units hold them (one holds two)
    assert [c.order for c in choose(relative(slide), 0.5, asked=q)] == [7, 8, 9, 10]
    # the best unit itself may announce them; a number word counts as well
    own = relative([Candidate("De methodiek telt drie fasen.", 0, 0, {}, 3.0), Candidate("Nulmeting", 0, 1, {}, 0.0),
                    Candidate("Actiefase", 0, 2, {}, 0.0), Candidate("Opvolgmeting", 0, 3, {}, 0.0),
                    Candidate("Iets anders", 0, 4, {}, 0.0)])
    assert [c.text for c in choose(own, 0.5, asked=q)] == ["De methodiek telt drie fasen.", "Nulmeting", "Actiefase", "Opvolgmeting"]
    # a count of something the question does not ask for, a figure too large for a list, or a
    # passage that ends before the count is reached announces nothing
    other = relative([Candidate("De sector telt 3 consulenten", 0, 0, {}, 3.0), Candidate("Nulmeting", 0, 1, {}, 0.0)])
    assert [c.text for c in choose(other, 0.5, asked=q)] == ["De sector telt 3 consulenten"]
    large = relative([Candidate("Samen 50 fasen", 0, 0, {}, 3.0), Candidate("Nulmeting", 0, 1, {}, 0.0)])
    assert [c.text for c in choose(large, 0.5, asked=q)] == ["Samen 50 fasen"]
    short = relative([Candidate("Er zijn 3 fasen", 0, 0, {}, 3.0), Candidate("Nulmeting", 0, 1, {}, 0.0)])
    assert [c.text for c in choose(short, 0.5, asked=q)] == ["Er zijn 3 fasen"]


def test_an_introduction_is_followed_by_the_numbered_sections_of_its_document():
    from types import SimpleNamespace

    from assistant.answer.headings import with_headings

    text = ("Het sectorconvenant loopt twee jaar.\n\nDe sector pakt de volgende prioriteiten aan\n\n"
            "1.Duurzaam HR-beleid het fonds is overtuigd dat werkgevers met een HR-beleid hun werknemers beter inzetten.\n\n"
            "Concrete acties:\n\n- Informeren\n\n2.Talentontwikkeling\n\nHet fonds wil dat werknemers zich ontwikkelen.\n\n"
            "3. Diversiteit\n\nEen divers personeelsbestand.\n\n1. Iets van een andere lijst\n")
    cut = text.index("Concrete acties")
    parts = [Chunk("a", "d", "Sectorconvenant", "page", "", 0, 0, cut, text[:cut], "a"),
             Chunk("b", "d", "Sectorconvenant", "page", "", 0, cut, len(text), text[cut:], "b")]
    documents = {"d": SimpleNamespace(text=text)}
    vocabulary = VocabularyIndex(idf_table([text]))
    q = profile("Welke prioriteiten pakt de sector aan?", vocabulary)
    intro = Candidate("De sector pakt de volgende prioriteiten aan", 0, 1, {}, 1.0)
    hits = [ScoredChunk(parts[0], 1.0)]
    chosen = with_headings([intro], q, hits, documents, [ScoredChunk(parts[1], 0.0)])
    # each item by its first words, from the passage that holds it (the second passage joins the hits)
    assert [(c.text, c.rank) for c in chosen] == [
        ("De sector pakt de volgende prioriteiten aan", 0),
        ("1.Duurzaam HR-beleid het fonds is overtuigd dat werkgevers met een …", 0),
        ("2.Talentontwikkeling", 1), ("3. Diversiteit", 1)]
    assert [h.chunk.id for h in hits] == ["a", "b"]
    # an introduction of something the question does not ask, or a list within the passage itself
    other = profile("Welke acties neemt de sector?", vocabulary)
    assert with_headings([intro], other, [ScoredChunk(parts[0], 1.0)], documents, [ScoredChunk(parts[1], 0.0)]) == [intro]
    whole = Chunk("w", "d", "Sectorconvenant", "page", "", 0, 0, len(text), text, "w")
    assert with_headings([intro], q, [ScoredChunk(whole, 1.0)], documents, []) == [intro]


def test_choose_leads_with_the_item_a_question_asks_by_its_place():
    from assistant.answer.select import Candidate

    vocabulary = VocabularyIndex(idf_table(["ondersteuning overleg klankbordvergaderingen intervisiemomenten"]))
    items = [
        Candidate("De Vlaamse Regering ondersteunt de uitvoering door:", 0, 0, {}, 2.5),
        Candidate("1. het organiseren van ad hoc-overleg;", 0, 1, {}, 2.0),
        Candidate("2. het organiseren van klankbordvergaderingen;", 0, 2, {}, 3.0),
        Candidate("3. het organiseren van intervisiemomenten.", 0, 3, {}, 0.5),
        Candidate("3. iets in een ander stuk.", 1, 0, {}, 0.4),
    ]
    third = profile("Welke ondersteuning organiseert de regering als derde punt, naast overleg?", vocabulary)
    assert choose(relative(items), 0.5, asked=third)[0].text == "3. het organiseren van intervisiemomenten."
    # no ordinal, an ordinal before a plural, or the best unit already the asked item: as ranked
    for question in ("Welke ondersteuning organiseert de regering?", "Welke ondersteuning gaven de eerste convenants?",
                     "Welke ondersteuning is het tweede punt?"):
        assert choose(relative(items), 0.5, asked=profile(question, vocabulary))[0].text.startswith("2. ")


def test_choose_takes_a_weaker_unit_only_when_it_adds_a_word_the_question_asks():
    from assistant.answer.select import Candidate

    vocabulary = VocabularyIndex(idf_table(["prioriteiten talentontwikkeling diversiteit sector"]))
    q = profile("Welke prioriteiten rond talentontwikkeling en diversiteit heeft de sector?", vocabulary)
    ranked = relative([
        Candidate("De sector kiest talentontwikkeling als eerste prioriteit.", 0, 0, {}, 3.0),
        Candidate("Talentontwikkeling blijft voor de sector een prioriteit.", 1, 0, {}, 1.5),  # nothing new
        Candidate("Ook diversiteit is een prioriteit.", 2, 0, {}, 1.0),  # adds "diversiteit"
        Candidate("Diversiteit en talentontwikkeling staan centraal.", 3, 0, {}, 0.9),
    ])
    texts = [c.text for c in choose(ranked, 0.1, more=2, asked=q)]
    # exp(-1.5) = 0.22 and exp(-2) = 0.14 are above 0.1 and below NEAR_TIE: only the unit with a new word joins
    assert texts == ["De sector kiest talentontwikkeling als eerste prioriteit.", "Ook diversiteit is een prioriteit."]
    # without the question, on the score alone: the next two units
    assert [c.text for c in choose(ranked, 0.1, more=2)][1:] == [
        "Talentontwikkeling blijft voor de sector een prioriteit.", "Ook diversiteit is een prioriteit."]
    assert len(choose(ranked, 0.1, more=1)) == 2
    # a near tie (>= NEAR_TIE of the best) joins without a new word
    tie = relative([Candidate("A prioriteit sector.", 0, 0, {}, 3.0), Candidate("B prioriteit sector.", 1, 0, {}, 2.5)])
    assert [c.text for c in choose(tie, 0.1, more=2, asked=q)] == ["A prioriteit sector.", "B prioriteit sector."]


def test_choose_leads_with_a_unit_that_holds_the_asked_value_when_the_best_one_has_none():
    from assistant.answer.select import Candidate

    ranked = relative([
        Candidate("We werken in de loop van de convenantperiode een menu uit.", 0, 0, {"typed": 0.0}, 11.2),
        Candidate("Een andere zin over de sector.", 1, 0, {"typed": 0.0}, 10.9),
        Candidate("Het convenant loopt van 1 juli 2023 tot en met 30 juni 2025.", 8, 0, {"typed": 1.0}, 9.7),
    ])
    dated = "Het convenant loopt van 1 juli 2023 tot en met 30 juni 2025."
    first = "We werken in de loop van de convenantperiode een menu uit."
    # a date is asked: the unit with the date leads (exp(9.7 - 11.2) = 0.22 >= 0.02), the best one follows
    assert [c.text for c in choose(ranked, 1.01, 0.02, value_asked=True)] == [dated, first]
    assert [c.text for c in choose(ranked, 1.01, 0.5, value_asked=True)] == [first]  # 0.22 < 0.5
    # no value asked ("Wie ..."): the best unit alone
    assert [c.text for c in choose(ranked, 1.01, 0.02)] == [first]


def test_a_definite_phrase_of_the_asked_noun_is_led_by_the_name_before_it():
    """"Welke sectororganisatie wil het personeelstekort aanpakken?": the best unit speaks of "De
    sectororganisatie" and names none; the sentence before it names the organisation and leads."""
    from assistant.answer.select import Candidate

    vocabulary = VocabularyIndex({})
    q = profile("Welke sectororganisatie wil het personeelstekort in de horeca aanpakken?", vocabulary)
    named = "Horeca Vorming wil deze problematiek gericht aanpakken."
    anaphor = "De sectororganisatie zet in op opleidingen en coaching in de horeca."
    best = Candidate(anaphor, 0, 5, {"typed": 0.0}, 10.0)
    lists = Candidate("Kok en kelner staan op de lijst van knelpuntberoepen.", 0, 3, {"typed": 0.0}, 7.0)
    before = Candidate(named, 0, 4, {"typed": 1.0}, 4.0)
    ranked = relative([best, lists, before])
    assert q.kind == "name" and [c.text for c in choose(ranked, 1.01, 0.2, asked=q)] == [named, anaphor]
    # not when the sentence before names no one, nor when the best unit opens with another noun
    unnamed = relative([best, lists, Candidate(named, 0, 4, {"typed": 0.0}, 4.0)])
    assert [c.text for c in choose(unnamed, 1.01, 0.2, asked=q)] == [anaphor]
    other = relative([Candidate("De sector zet in op opleidingen.", 0, 5, {"typed": 0.0}, 10.0), before])
    assert [c.text for c in choose(other, 1.01, 0.2, asked=q)] == ["De sector zet in op opleidingen."]


def test_a_name_two_sentences_on_that_leans_back_joins_the_answer():
    """"Met welke organisatie werken sectorfondsen samen om werkzoekenden naar hun sector te leiden?":
    the best unit names no organisation; the sentence after the next one goes on with them
    ("Hiervoor ...") and names it: both join."""
    from assistant.answer.select import Candidate

    q = profile("Met welke organisatie werken sectorfondsen samen om werkzoekenden te leiden?", VocabularyIndex({}))
    best = Candidate("Sommige sectorfondsen richten zich ook naar werkzoekenden.", 0, 2, {"typed": 0.0}, 10.0)
    middle = Candidate("Via gerichte opleidingen willen ze werklozen toeleiden naar de sector.", 0, 3, {"typed": 0.0}, 8.0)
    named = Candidate("Hiervoor wordt samengewerkt met VDAB.", 0, 4, {"typed": 1.0}, 7.0)
    texts = [c.text for c in choose(relative([best, middle, named]), 1.01, 1.01, asked=q)]
    assert q.kind == "who" and texts == [best.text, middle.text, named.text]
    # not when the third sentence does not lean back, nor names anyone
    plain = Candidate("Werkgevers betalen een bijdrage aan VDAB.", 0, 4, {"typed": 1.0}, 7.0)
    assert [c.text for c in choose(relative([best, middle, plain]), 1.01, 1.01, asked=q)] == [best.text]
    unnamed = Candidate("Hiervoor wordt samengewerkt met partners.", 0, 4, {"typed": 0.0}, 7.0)
    assert [c.text for c in choose(relative([best, middle, unnamed]), 1.01, 1.01, asked=q)] == [best.text]


def test_choose_leads_with_the_first_unit_that_holds_more_of_the_asked_value():
    """"Wanneer zijn de sectorconvenants ontstaan?": the best unit holds no date; the next one holds
    part of one ("eind jaren '90") and leads before a lower unit of another page with a whole date."""
    from assistant.answer.select import Candidate

    first = "De uitvoering van de opdrachten is in handen van zo'n 120 sectorconsulenten."
    decade = "De sectorconvenants ontstonden eind jaren '90."
    dated = "18/10/2023: de sociale partners tekenden opnieuw in op de negende generatie."
    ranked = relative([
        Candidate(first, 0, 0, {"typed": 0.0}, 11.0),
        Candidate(decade, 0, 1, {"typed": 0.5}, 10.7),
        Candidate(dated, 1, 0, {"typed": 1.0}, 9.6),
    ])
    assert [c.text for c in choose(ranked, 1.01, 0.2, value_asked=True)] == [decade, first]
    # a best unit that holds part of the value is led only by one that holds all of it
    partly = relative([Candidate(decade, 0, 1, {"typed": 0.5}, 11.0), Candidate(first, 0, 0, {"typed": 0.0}, 10.9),
                       Candidate(dated, 1, 0, {"typed": 1.0}, 10.0)])
    assert [c.text for c in choose(partly, 1.01, 0.2, value_asked=True)] == [dated, decade]


# ----------------------------------------------------------------------------- split and summary


def test_split_by_document_and_by_hash():
    from eval.split import part_of, test_documents

    assert "convenant-bouw-2013-2014" in test_documents() and "003_115f85ea577e561c" not in test_documents()
    lines = [
        json.dumps({"id": "x1", "kind": "fact", "question": "q?", "must": [[1]], "sources": ["convenant-bouw-2013-2014"]}),
        json.dumps({"id": "x2", "kind": "fact", "question": "q?", "must": [[1]], "sources": ["003_115f85ea577e561c"]}),
        json.dumps({"id": "e", "kind": "refusal", "question": "q?"}),  # sha1('e') is odd
        json.dumps({"id": "c", "kind": "refusal", "question": "q?"}),  # sha1('c') is even
    ]
    questions = parse_questions(lines, source="t")
    assert [part_of(q) for q in questions] == ["test", "tune", "test", "tune"]


def test_summary_table_reads_each_run(tmp_path):
    from eval.summary import run_dir, summary_markdown

    def write(pipeline, part, fact):
        d = run_dir(tmp_path, pipeline, "dev", part)
        d.mkdir(parents=True)
        overall = {"fact_accuracy": fact, "fact_accuracy_n": 10, "refusal_accuracy": 0.5, "refusal_accuracy_n": 4,
                   "latency_p50_ms": 50.0, "latency_p95_ms": 90.0}
        (d / "metrics.json").write_text(json.dumps({"rows": {"overall": overall}}))

    write("assistant", "tune", 0.9)
    write("naive", "tune", 0.6)
    table = summary_markdown(tmp_path)
    assert "| dev | tune | 90.0% (9/10) / 60.0% (6/10) |" in table
    assert "| dev | test |" not in table


# ----------------------------------------------------------------------------- topics, new kinds


def _sector_covenants_and(title: str, text: str) -> dict:
    """Twelve sectors' covenants, each opening with its sector, and one more document ("news")."""
    from types import SimpleNamespace

    common = "De Vlaamse Regering en de sociale partners sluiten een sectorconvenant. " * 3
    docs = {f"d{i}": SimpleNamespace(title=f"Sectorconvenant {name}", text=f"Sector {name}. {common}De sector {name} groeit.")
            for i, name in enumerate(["textielverzorging", "bouw", "metaal", "kappers", "chemie", "horeca",
                                      "vervoer", "handel", "voeding", "hout", "glas", "papier"])}
    docs["news"] = SimpleNamespace(title=title, text=f"{text} {common}")
    return docs


def test_topic_words_are_the_words_that_open_few_documents():
    from assistant.answer.topics import TopicIndex

    docs = _sector_covenants_and("Nieuws", "")
    del docs["news"]
    docs["d0"].text = "Onlangs opgericht. " + docs["d0"].text  # a word said once in passing is no topic
    index = TopicIndex.from_documents(docs)
    assert index.topics(["textielverzorg", "sectorconvenant", "regering", "2021", "opgericht"]) == ("textielverzorg",)
    assert index.coverage(["textielverzorg"], "d0") == 1.0 and index.coverage(["textielverzorg"], "d1") == 0.0
    assert index.coverage([], "d1") == 1.0
    assert index.is_topic("textiel")  # the start of a compound the documents use
    # a number word is a count, never a topic, even where it opens as few documents as a sector name
    docs["d1"].text = "Twee sectoren, twee fondsen en twee thema's. " + docs["d1"].text
    counted = TopicIndex.from_documents(docs)
    assert counted.topics([stem("twee"), "textielverzorg"]) == ("textielverzorg",)
    assert counted.is_topic(stem("bouw"))


def test_a_question_that_says_where_it_read_names_those_documents():
    """"volgens de SERV" names the pages the SERV publishes (the publisher is in the address, not
    the text), "volgens die FAQ" a text of that kind; "volgens het sectorconvenant" names none,
    as every covenant's title says "sectorconvenant"."""
    from types import SimpleNamespace

    from assistant.answer.topics import attributed

    docs = {f"d{i}": SimpleNamespace(title=f"Sectorconvenant {name}", text=f"Sector {name}. De SERV volgt het op.",
                                     metadata={}, doc_type="sectorconvenant")
            for i, name in enumerate(["textielverzorging", "bouw", "metaal", "kappers", "chemie", "horeca",
                                      "vervoer", "handel", "voeding", "hout", "glas", "papier"])}
    docs["serv"] = SimpleNamespace(title="Werking sectorconvenants", text="Een sectorconvenant heet formeel ...",
                                   metadata={"source": "https://www.serv.be/sectorconvenants/werking"}, doc_type="beleidstekst")
    docs["faq"] = SimpleNamespace(title="Veelgestelde vragen", text="Hoe vraag ik een convenant aan?", metadata={},
                                  doc_type="faq")
    assert attributed("Wat is volgens de SERV de formele benaming van een sectorconvenant?", docs) == ("serv",)
    assert attributed("Binnen welke termijn, volgens die FAQ, moet een sector indienen?", docs) == ("faq",)
    assert attributed("Volgens de SERV-pagina over de werking: wat is een sectorconvenant?", docs) == ("serv",)
    # the phrase ends with its clause: "bouw" after the colon is what is asked, not where it was read
    assert attributed("Volgens die FAQ: hoeveel bedraagt de subsidie in de bouw?", docs) == ("faq",)
    assert attributed("Hoe hoog is het ziekteverzuim volgens het sectorconvenant?", docs) == ()
    # without "volgens", a party named by its acronym: its pages ("Wat zegt de SERV over ...?")
    assert attributed("Wat zegt de SERV over het sectorconvenant bouw?", docs) == ("serv",)
    assert attributed("Wat zegt de werkgroep over het sectorconvenant bouw?", docs) == ()
    # a name that opens the publisher's one-word name, and outweighs years two other covenants share
    docs["vivo"] = SimpleNamespace(title="Sectorconvenant", text="Zo'n 120 sectorconsulenten in 34 sectoren.",
                                   metadata={"source": "https://www.vivosocialprofit.org/x"}, doc_type="beleidstekst")
    for name in ("bouw", "metaal"):
        docs[f"{name}-2018"] = SimpleNamespace(title=f"Sectorconvenant 2018-2019 {name}", text="Artikel 1.", metadata={},
                                               doc_type="sectorconvenant")
    assert attributed("Hoeveel sectoren telde men volgens de VIVO-pagina over het convenant 2018-2019?", docs) == ("vivo",)
    assert attributed("Hoeveel prioriteiten bevatte het convenant 2018-2019 van VIVO?", docs) == ("vivo",)


def test_the_documents_that_open_with_a_previous_question_s_topic():
    """A follow-up that names nothing of its own ("Over welke periode liep dat convenant?") asks
    about the document the previous question was about: the one whose title and opening hold its
    topic words ("textielverzorging"), not one that only uses them further on."""
    from types import SimpleNamespace

    from assistant.answer.topics import opened_by

    common = "De Vlaamse Regering en de sociale partners sluiten een sectorconvenant. "
    docs = {f"d{i}": SimpleNamespace(title=f"VR 2018 DOC.{i}", text=f"Sectorconvenant {name}. {common}"
                                     f"De sector {name} groeit. De sector {name} werft aan. {name} blijft.")
            for i, name in enumerate(["textielverzorging", "bouw", "metaal", "kappers", "chemie", "horeca",
                                      "vervoer", "handel", "voeding", "hout", "glas", "papier"])}
    docs["overview"] = SimpleNamespace(title="Overzicht", text=common * 12 + "Ook de textielverzorging doet mee.")
    assert opened_by("Hoeveel bedroeg de toelage voor de textielverzorging (PC 110)", docs) == ("d0",)
    assert opened_by("Hoeveel bedroeg de toelage", docs) == ()  # no topic word: no document


def test_a_verb_of_the_question_names_no_topic():
    """"Wie ondertekende ...?": a news item that opens with "ondertekenen" makes that verb open few
    documents, as a topic word does; it names what is done, which a covenant need not write (it
    lists its signatories), so the covenant that names the asked sector is not read as missing a
    topic of the question. A word that may also be a noun ("onderzoeken") stays a possible topic."""
    from assistant.answer.topics import TopicIndex

    docs = _sector_covenants_and("Nieuws", "Ministers ondertekenen convenants. Zij ondertekenden ze vandaag; ook "
                                 "de vakbonden ondertekenen.")
    index = TopicIndex.from_documents(docs)
    question = "Wie ondertekende het sectorconvenant van de textielverzorging?"
    q = profile(question, VocabularyIndex(idf_table([d.text for d in docs.values()])))
    signed = stem("ondertekende")
    assert index.is_topic(signed)  # by the index alone the verb would be a topic word
    assert q.acts == frozenset({signed})
    assert index.topics(q.topic_candidates) == ("textielverzorg",)
    assert index.coverage(index.topics(q.topic_candidates), "d0") == 1.0
    assert index.coverage(index.topics(q.weights), "d0") == 0.5
    assert profile("Welke onderzoeken onderzoekt het departement?", VocabularyIndex({})).acts == frozenset()
    # an acronym is a name, though "serv" folded is a verb form
    assert profile("Wat is volgens de SERV de formele benaming?", VocabularyIndex({})).acts == frozenset()
    assert profile("Wat is volgens de serv de formele benaming?", VocabularyIndex({})).acts == frozenset({"serv"})


def test_the_asked_noun_names_no_topic():
    """"Welke functie had X ...?": the answer is the function ("Directeur VVSG"), which the covenant
    states without the noun "functie"; a noun that opens few documents (a news item on functions) is
    a topic word by the index alone, but as the asked phrase it is no topic the covenant lacks."""
    from assistant.answer.topics import TopicIndex

    docs = _sector_covenants_and("Functies", "Functies in de sector. De functie van een consulent; elke functie telt, "
                                 "zegt de functie-analist.")
    index = TopicIndex.from_documents(docs)
    q = profile("Welke functie had de ondertekenaar van het sectorconvenant textielverzorging?",
                VocabularyIndex(idf_table([d.text for d in docs.values()])))
    function = stem("functie")
    assert index.is_topic(function) and q.asked == (function,)
    assert index.topics(q.topic_candidates) == ("textielverzorg",)
    assert index.coverage(index.topics(q.weights), "d0") == 0.5


def test_a_verb_the_index_lacks_is_no_unknown_subject():
    """A split separable verb's parts are verb forms too ("hingen ... vast"); a verb the index lacks
    says what is done in the question's own words and does not count as a subject the documents
    lack, while an unknown noun does."""
    vocabulary = VocabularyIndex(idf_table(["Het convenant telt 50 acties.", "De sector telt 4 hoofdstukken."]))
    q = profile("Hoeveel acties hingen daaraan vast?", vocabulary)
    assert q.acts == frozenset({stem("hingen"), stem("vast")})
    assert q.unknown == 0.0 and q.weights[stem("hingen")] > 0
    assert profile("Hoeveel acties telde het draaiboek?", vocabulary).unknown > 0.3


def test_frequency_and_identifier_kinds():
    from assistant.answer.values import has_type, value_near

    assert answer_type("Hoe vaak overlegt het partnerschap?") == "frequency"
    assert answer_type("Wat is het ondernemingsnummer van de vzw?") == "identifier"
    assert has_type("Het partnerschap overlegt maandelijks.", "frequency")
    assert has_type("We overleggen minstens 3x/jaar.", "frequency")
    assert not has_type("Het partnerschap werd in 2016 opgericht.", "frequency")
    assert lead_value("ondernemingsnummer 0472.871.139 van VIVO", "identifier", {}) == "0472.871.139"
    assert not has_type("Het convenant loopt van 2013 - 2014 en start op 1 januari 2013.", "identifier")
    assert value_near("37 sectorconvenants; kleinhandel", "amount", {stem("sectorconvenant"): 1.0}) == 1.0
    assert value_near("Van 1872 in 2019 naar 4107 in 2021", "amount", {stem("sectorconvenant"): 1.0, "2021": 1.0}) == 0.0
    # the asked compound by its last part, the noun it counts: "48 bezochte bedrijven" for "Hoeveel voedingsbedrijven ...?"
    food = stem("voedingsbedrijven")
    assert value_near("Het rapport brengt de gegevens samen van 48 bezochte bedrijven.", "amount", {food: 1.0}, asked=(food,)) == 1.0
    assert value_near("Het rapport brengt de gegevens samen van 48 bezochte bedrijven.", "amount", {food: 1.0}) == 0.0
    # a bare figure line is read with the line before it, which names what it counts; a figure with
    # words of its own is not
    asked = {stem("telefonische"): 1.0, stem("contacten"): 1.0, "2021": 1.0}
    label = frozenset({stem("telefonische"), stem("contacten")})
    assert value_near("Van 1872 in 2019 naar 4107 in 2021", "amount", asked, context=label) == 1.0
    assert value_near("Van 1872 in 2019 naar 4107 in 2021", "amount", asked, context=frozenset({stem("bezoeken")})) == 0.0
    assert value_near("Er kwamen 1872 mentoren bij in 2021", "amount", asked, context=label) == 0.0
    # a question word counts as the coverage signals count it: a compound the text writes apart
    # ("plaatsbezoeken" and a slide's "Plaats bezoeken: van 1216 ...") is near by its parts
    asked = {stem("plaatsbezoeken"): 1.0, "2019": 1.0}
    compounds = {stem("plaatsbezoeken"): ((stem("plaats"), stem("bezoeken")),)}
    line = "Plaats bezoeken: van 1216 in 2019 – 2020 naar 4945 in 2021 – 2022"
    assert value_near(line, "amount", asked) == 0.0
    assert value_near(line, "amount", asked, compounds=compounds) == 1.0
    assert value_near("Van 1216 in 2019 naar 4945 in 2021 voor bezoeken", "amount", asked, compounds=compounds) == 0.0


@pytest.mark.parametrize("question, kind", [
    ("Naar welk e-mailadres stuur ik mijn vragen over de sectorconvenants?", "email"),
    ("Wat is het telefoonnummer van het sectorfonds?", "phone"),
    ("Op welke website staan de sectorfoto's?", "website"),
    ("Wat is het postadres van het departement?", "address"),
    ("In welke stad is dat fonds gevestigd?", "address"),
    ("Sinds wanneer is het fonds in Gent gevestigd?", "date"),  # where it is seated is no address asked
    ("Wat is het adres van de maatschappelijke zetel van de vzw?", "address"),
    ("Wat is het ondernemingsnummer van de vzw?", "identifier"),
    # the site is where something is read, not what is asked; a count of its visitors is asked
    ("Welke periode kan je op de site van het fonds raadplegen?", "period"),
    # a compound of "periode" or "termijn" names a period as well ("referteperiode", "opzegtermijn")
    ("Over welke referteperiode worden de prestaties berekend?", "period"),
    ("Welke opzegtermijn geldt bij een opzegging van het convenant?", "period"),
    ("Hoeveel bezoekers haalde de website in 2024?", "amount"),
])
def test_contact_details_are_kinds_of_value(question, kind):
    assert answer_type(question) == kind


@pytest.mark.parametrize("question, kind", [
    # a money verb in a perfect or passive tense asks a sum; a counted noun after "hoeveel" a count
    ("Hoeveel heeft de Vlaamse overheid voor de studie betaald?", "money"),
    ("Hoeveel werd er aan de sector uitgekeerd?", "money"),
    ("Hoeveel sectorconsulenten heeft de sector betaald?", "amount"),
])
def test_a_money_verb_in_a_perfect_tense_asks_a_sum(question, kind):
    assert answer_type(question) == kind


def test_contact_details_in_a_unit():
    contact = "Team Sectorconvenants; Koning Albert II-laan 35 bus 20; 1030 Brussel; T: 02 553 44 33; sectorconvenants@vlaanderen.be"
    assert lead_value(contact, "email", {}) == "sectorconvenants@vlaanderen.be"
    assert lead_value(contact, "phone", {}) == "02 553 44 33"
    assert lead_value(contact, "address", {}) == "Koning Albert II-laan 35 bus 20; 1030 Brussel"
    assert not has_type(contact, "website")  # the domain of an e-mail address is no website
    assert lead_value("Meer info op www.werk.be/sectorconvenants.", "website", {}) == "www.werk.be/sectorconvenants"
    fund = "Werklieden (Metrologielaan 8 - 1130 Brussel; bankrekeningnummer: BE10 4389 2151 8104; ondernemingsnummer: 0427.483.651)"
    assert lead_value(fund, "address", {}) == "Metrologielaan 8 - 1130 Brussel"
    assert not has_type(fund, "phone")  # an enterprise number and an account number are no telephone numbers
    assert lead_value("Bel 0472 12 34 56 of +32 9 123 45 67", "phone", {}) == "0472 12 34 56"
    # a blanked address holds none
    assert not has_type("Co-valent vzw - Xxxxxx Xxxxxxxxxx 00 te 0000 Xxxxxxx (ondernemingsnummer: 0666.836.891)", "address")
    assert not has_type("In 2010 werkten er 141.968 Vlamingen bij een lokaal bestuur.", "phone")


@pytest.mark.parametrize("question, kind", [
    # a year is asked as a year, not as a name ("welk" + noun)
    ("In welk jaar werd het eerste sectorconvenant gesloten?", "year"),
    ("Sinds welk jaar voert het fonds de opleidingen uit?", "year"),
    ("Vanaf welk werkjaar geldt de nieuwe regeling?", "year"),
    ("In welk schooljaar start de werkvorm?", "year"),
    ("In welk leerjaar start de stage?", "name"),  # a grade, no year
    ("Welke werkgeversfederatie tekent het convenant?", "name"),
])
def test_a_year_is_asked_as_a_year(question, kind):
    assert answer_type(question) == kind


def test_a_year_in_a_unit():
    assert has_type("Het eerste convenant werd in 2001 gesloten.", "year")
    assert has_type("Ondertekend op 15 maart 2019.", "year")  # the year of a date
    assert not has_type("De sector telt minstens 2000 gebruikers.", "year")  # a count, not a year
    assert not has_type("De sector telt 35 consulenten.", "year")
    # the answer leads with the year the question does not name itself
    asked = {s: 1.0 for s in tokens("In welk jaar werd het convenant 2019-2020 ondertekend?")}
    assert lead_value("Het convenant 2019-2020 werd in 2018 ondertekend.", "year", asked) == "2018"


def test_a_length_in_days_or_hours_is_a_period_and_a_thousand_a_count():
    assert has_type("Het moet gaan om een opleiding met een totale minimumduur van 8 uur (1 dag).", "period")
    assert has_type("De opleiding duurt twee weken.", "period")
    assert not has_type("De opleiding start om kwart na negen.", "period")
    assert has_type("Crevits wil het komende halfjaar meer dan duizend mensen opleiden.", "amount")
    assert not has_type("Crevits wil meer mensen opleiden.", "amount")


def test_a_deadline_after_an_event_is_a_date():
    """"Tot wanneer ...?" is answered by a time counted from an event as fully as by a calendar date."""
    deadline = "Een maand na de laatste dag van de opleiding is de allerlaatste kans om een budget aan te vragen."
    assert has_type(deadline, "date") and type_strength(deadline, "date") == 1.0
    assert has_type("Je kan de cheques tot 2 maanden na de start van je opleiding aanvragen.", "date")
    assert not has_type("Je moet wel werken onder het Paritair Comité 110.", "date")
    assert type_strength("De kick-off vond plaats in het najaar.", "date") == 0.5


def test_a_season_of_a_year_names_no_topic():
    """"in de zomer van 2021" names a time (checked as its year), so a page dated "2021-08" need not
    write "zomer"; a month of a dated text ("het decreet van 17 februari 2023") still names it."""
    assert time_stems("Hoeveel vacatures stonden open toen Crevits in de zomer van 2021 een actieplan opstelde?") == {"zomer"}
    assert time_stems("Wat is volgens het decreet van 17 februari 2023 de maximale looptijd?") == frozenset()
    assert time_stems("Waar ligt de zomer van de sector?") == frozenset()  # no year: a season as a word


def test_a_season_or_part_of_a_year_with_its_year_is_a_date():
    """"het najaar van 2015" or "eind 2012" answers "Wanneer ...?" as "september 2015" does, and leads
    the answer; a year alone stays a partial date."""
    text = "In het najaar van 2015 kwam er eveneens een einde aan het Brugse verhaal."
    assert has_type(text, "date") and type_strength(text, "date") == 1.0
    assert has_type("Eind 2012 nam VDAB de beslissing om de opleidingen stop te zetten.", "date")
    assert has_type("Het partnerschap ging in de zomer van 2016 van start.", "date")
    assert not has_type("In 2015 kwam er een einde aan.", "date") and type_strength("In 2015 kwam er een einde aan.", "date") == 0.5
    assert not has_type("Het eind van het verhaal kwam in Brugge.", "date")
    asked = {s: 1.0 for s in tokens("Wanneer kwam er een einde aan de opleidingen in Brugge?")}
    assert lead_value(text, "date", asked) == "najaar van 2015"
    assert has_type("De convenants lopen van begin 2021 tot eind 2022.", "period")  # two of them: a period


def test_a_date_written_with_slashes_and_a_two_digit_year():
    assert has_type("Vanaf 1/7/25 start dan de uitvoering van de verlengde convenanten.", "date")
    assert has_type("Het addendum werd op 23/07/2010 afgesloten.", "date")
    assert not has_type("De convenants worden verlengd (07/25-06/26).", "date")
    asked = {s: 1.0 for s in tokens("Vanaf welke datum start de uitvoering?")}
    assert lead_value("Vanaf 1/7/25 start dan de uitvoering van de verlengde convenanten.", "date", asked) == "1/7/25"


def test_a_day_of_a_month_without_its_year_is_a_date():
    text = "Na de lancering op een digitale kick-off op 11 oktober volgen de onderhandelingen tot 1 juli 2023."
    assert has_type("De kick-off vond plaats op 11 oktober.", "date")
    assert not has_type("De kick-off vond plaats in het najaar.", "date")
    asked = {s: 1.0 for s in tokens("Wanneer vond de digitale kick-off plaats?")}
    assert lead_value(text, "date", asked) == "11 oktober"
    starts = {s: 1.0 for s in tokens("Wanneer starten de nieuwe convenants?")}
    assert lead_value("De kick-off was op 11 oktober; de nieuwe convenants starten op 1 juli 2023.", "date", starts) == "1 juli 2023"
    # a date is no count: "op 11 oktober" holds no amount
    assert not has_type("De kick-off vond plaats op 11 oktober.", "amount")


@pytest.mark.parametrize(("question", "kind"), [
    # a question for what a term means asks no value of the kind the term names
    ("Wat verstaat het decreet onder een INSZ-nummer?", None),
    ("Waar staat de afkorting VESOC voor?", None),
    # the rest of the question is still read: its second part asks a date
    ("Waar staat WIP voor, en wanneer werd het afgesloten?", "date"),
    ("Wat is het ondernemingsnummer van de vzw?", "identifier"),
])
def test_a_definition_question_asks_no_value_of_its_term(question, kind):
    assert answer_type(question) == kind


def test_a_comite_question_asks_its_number_and_a_division_asks_shares():
    from assistant.answer.values import has_type

    assert answer_type("Onder welk paritair comité valt de sector textielverzorging?") == "comite"
    assert answer_type("Welke paritaire comités vallen onder het convenant?") == "comite"
    assert answer_type("Wat is het paritair comité van de autobus- en autocarbedrijven?") == "comite"
    assert answer_type("Wat is het comité van de sector?") is None  # a comité is paritair or named "PC"
    assert lead_value("Sectorconvenant van de sector textielverzorging (PC 110)", "comite", {}) == "PC 110"
    assert not has_type("De sector textielverzorging tekent het convenant.", "comite")
    # a price of nothing answers what something costs ("Wat kost ...?"); a word of cost alone does not
    assert lead_value("30 bedrijfsstages, zonder kosten voor de school.", "money", {}) == "zonder kosten"
    assert has_type("Cevora biedt gratis opleidingen aan.", "money") and not has_type("De kosten worden gedeeld.", "money")
    # the abbreviation between the name and the number: "Paritair Subcomité (PSC) 149.01"
    assert has_type("Bedrijven die behoren tot het Paritair Subcomité (PSC) 149.01 voor elektriciens.", "comite")
    assert mentions("Werknemers van paritair comité (PC) 118 of 220.").pcs == ("118",)
    assert answer_type("Hoe was de financiering verdeeld tussen inspanning en resultaat?") == "amount"
    assert answer_type("Hoe is de verhouding tussen beide delen?") == "amount"
    # "een aantal" is "some": no count asked; "het aantal" and "welk aantal" ask one
    assert answer_type("Op welk niveau moesten een aantal nieuwe maatregelen worden uitgewerkt?") == "name"
    assert answer_type("Wat is het aantal sectorconsulenten?") == answer_type("Welk aantal werknemers telt de sector?") == "amount"


def test_a_quantifier_makes_a_year_like_number_a_count_and_money_is_no_identifier():
    from assistant.answer.values import has_type

    assert has_type("We mikken op minstens 2000 gelijktijdig geregistreerde gebruikers.", "amount")
    assert lead_value("We mikken op minstens 2000 gelijktijdig geregistreerde gebruikers.", "amount", {}) == "2000 gelijktijdig"
    assert not has_type("In 2000 werd het fonds opgericht.", "amount")
    text = "een maximale toelage van 204.000,00 EUR uit te betalen aan het Fonds (ondernemingsnummer: 0427.483.651)"
    assert lead_value(text, "identifier", {}) == "0427.483.651"
    assert not has_type("een maximale toelage van 204.000,00 EUR", "identifier")
    # the number of a list item orders, it does not count; "bedraagt" asks money
    assert not has_type("11. Het belang van inclusie, eerder dan diversiteit.", "amount")
    assert not has_type("5.1. Onderwijs en arbeidsmarkt: de commissie vraagt steun.", "amount")  # a section number
    assert has_type("Er kwamen 5.1 miljoen bij.", "amount")
    assert lead_value("11. Er zijn 4 rode draden.", "amount", {}) == "4 rode"
    assert answer_type("Hoeveel bedraagt het addendum?") == "money"


def test_comite_numbers_are_not_counts_and_decades_partly_answer_when():
    from assistant.answer.values import has_type

    assert lead_value("Sectorconvenant van de textielverzorging (PC 110): 1 VTE", "amount", {}) == "1 VTE"
    assert not has_type("De sector textielverzorging (paritair comité 110) tekent.", "amount")
    assert has_type("De sector (PC 110) telt 12 consulenten.", "amount")
    assert answer_type("Welk percentage van de subsidie is resultaatsfinanciering?") == "amount"
    assert answer_type("Hoeveel bedraagt de subsidie?") == "money"
    # money is asked as a sum; a subsidy named in a who-, what- or why-question asks that
    assert answer_type("Hoeveel resultaatsfinanciering krijgen we?") == "money"
    assert answer_type("Welke maximale toelage kreeg de sector?") == "money"
    assert answer_type("Hoe groot is het totale budget voor de opleidingen?") == "money"
    assert answer_type("Wie ontvangt de subsidie?") == "who"
    assert answer_type("Aan welke organisatie wordt de subsidie uitbetaald?") == "who"
    assert answer_type("Wat telt als subsidiabele kost?") is None
    assert answer_type("Waarvoor dient de financiering?") is None
    assert answer_type("De maximale subsidie?") == "money"  # an elliptical follow-up that names a sum
    assert type_strength("De convenants ontstonden in de jaren '90.", "date") == 0.5
    assert type_strength("De convenants ontstonden in de jaren negentig.", "date") == 0.5
    assert type_strength("Het convenant werd op 6 februari 2012 ondertekend.", "date") == 1.0
    assert type_strength("De convenants zijn een succes.", "date") == 0.0


def _selector_over(texts_by_chunk, unit_names=("lex", "typed"), answer_names=("best_logit",), fields_by_chunk=None,
                   **chunk_fields):
    """``chunk_fields`` hold for every chunk, ``fields_by_chunk`` (chunk id -> fields) for one."""
    embed = FakeEmbeddings()
    chunks = [chunk(cid, text, **{**chunk_fields, **(fields_by_chunk or {}).get(cid, {})})
              for cid, text in texts_by_chunk.items()]
    units = {}
    for c in chunks:
        texts = tuple(sentences_of(c.text))
        units[c.id] = (texts, np.array(embed.embed_documents(list(texts)), dtype=np.float32))
    vocabulary = VocabularyIndex(idf_table([c.embed_text for c in chunks]))
    n = len(unit_names)
    selector = AnswerSelector(SelectorWeights(
        LinearModel(unit_names, (0.0,) * n, (1.0,) * n, (2.0,) * n, 0.0),
        LinearModel(answer_names, (0.0,), (1.0,), (1.0,), 0.0), 0.5, 2.0))
    return embed, chunks, units, vocabulary, selector


def test_year_other_marks_units_about_other_years():
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "In 2010 werkten er 141.968 Vlamingen bij een lokaal bestuur. In 2012 werkten er 150.000 Vlamingen bij een lokaal bestuur.",
    })
    question = "Hoeveel Vlamingen werkten er in 2012 bij een lokaal bestuur?"
    ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(chunks[0], 0.5)], units=units,
                                 query_vector=np.array(embed.embed_query(question), dtype=np.float32),
                                 dense_scores={}, documents={})
    other = {c.text[:7]: c.features["year_other"] for c in ranked}
    assert other == {"In 2010": 1.0, "In 2012": 0.0}
    question = "Hoeveel Vlamingen werkten er bij een lokaal bestuur?"  # no year asked: no unit is about another year
    ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(chunks[0], 0.5)], units=units,
                                 query_vector=None, dense_scores={}, documents={})
    assert {c.features["year_other"] for c in ranked} == {0.0}


def test_the_form_of_an_asked_figure_is_weighed_a_name_is_not():
    """typed_value: a unit holds the asked figure's form (a count here); a "welke ..." question is
    answered by a common noun as often as by a name, so a proper name is no value's form for it."""
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Sectorfondsen reiken opleidingsplannen en databanken aan. Het fonds werkt samen met VDAB in Brussel. "
             "Het fonds telt 12 consulenten.",
    }, unit_names=("lex", "typed_value"))

    def signals(question):
        ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(chunks[0], 0.5)], units=units,
                                     query_vector=None, dense_scores={}, documents={})
        return {c.text[:12]: (c.features["typed"], c.features["typed_value"]) for c in ranked}

    assert signals("Welke instrumenten reiken sectorfondsen aan?") == {
        "Sectorfondse": (0.0, 0.0), "Het fonds we": (1.0, 0.0), "Het fonds te": (0.0, 0.0)}
    assert signals("Hoeveel consulenten telt het fonds?") == {
        "Sectorfondse": (0.0, 0.0), "Het fonds we": (0.0, 0.0), "Het fonds te": (1.0, 1.0)}


def test_the_documents_a_question_says_it_read_mark_their_units():
    """source_doc: the units of the documents the question names as where it read ("volgens de
    SERV", passed on by the retrieval as SearchResult.preferred) are 1, others 0; all are 1 when it
    names none. A selector that weighs the signal answers from the named document."""
    _, chunks, units, vocabulary, selector = _selector_over({
        "s": "Een sectorconvenant heet formeel een protocol van samenwerking.",
        "f": "Een sectorconvenant heet ook een akkoord van samenwerking.",
    }, unit_names=("lex", "source_doc"), fields_by_chunk={"s": {"doc": "serv", "title": "SERV"},
                                                          "f": {"doc": "faq", "title": "FAQ"}})
    q = profile("Hoe heet een sectorconvenant volgens de FAQ?", vocabulary)
    hits = [ScoredChunk(chunks[0], 0.9), ScoredChunk(chunks[1], 0.8)]

    def marks(sources):
        ranked = selector.candidates(q, hits, units=units, query_vector=None, dense_scores={}, documents={}, sources=sources)
        return {c.text.split(" een ")[-1]: c.features["source_doc"] for c in ranked}

    assert marks(("faq",)) == {"protocol van samenwerking.": 0.0, "akkoord van samenwerking.": 1.0}
    assert marks(()) == {"protocol van samenwerking.": 1.0, "akkoord van samenwerking.": 1.0}
    chosen = selector.select(q, hits, units=units, query_vector=None, dense_scores={}, dense_top=0.5, documents={},
                             sources=("faq",))
    assert "akkoord van samenwerking" in chosen.candidates[0].text


def test_a_figure_of_another_period_is_not_found():
    """A count asked for 2012 and the best unit counts 2010 only: not found, the reason names the
    unit's year; the same unit answers for 2010, and a question of another kind is not checked."""
    from types import SimpleNamespace

    from assistant.answer.gate import period_verdict

    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "In 2010 werkten er 141.968 Vlamingen bij een lokaal bestuur. De sector telt drie soorten besturen."})

    def verdict(question):
        q = profile(question, vocabulary)
        ranked = selector.candidates(q, [ScoredChunk(chunks[0], 0.5)], units=units, query_vector=None,
                                     dense_scores={}, documents={})
        return period_verdict(SimpleNamespace(kind=q.kind, candidates=ranked, conflict=False, parts=()))

    refused = verdict("Hoeveel Vlamingen werkten er in 2012 bij een lokaal bestuur?")
    assert not refused.answerable and "2010" in refused.reason and "2012" not in refused.reason
    assert verdict("Hoeveel Vlamingen werkten er in 2010 bij een lokaal bestuur?").answerable
    assert verdict("Welke besturen telde de sector in 2012?").answerable  # no count or sum asked
    # a unit that names no period, of a document that opens on another generation: the reason says
    # so without naming a period the unit does not name
    doc = SimpleNamespace(text="Inleiding: 8ste generatie sectorconvenants. Elke sector krijgt 85.000 euro.")
    _, chunks, units, vocabulary, selector = _selector_over({"g": doc.text})
    q = profile("Hoeveel krijgt een sector in de negende generatie?", vocabulary)
    ranked = selector.candidates(q, [ScoredChunk(chunks[0], 0.5)], units=units, query_vector=None,
                                 dense_scores={}, documents={chunks[0].doc_id: doc})
    assert ranked[0].text == "Elke sector krijgt 85.000 euro."
    refused = period_verdict(SimpleNamespace(kind=q.kind, candidates=ranked, conflict=False, parts=()))
    assert not refused.answerable
    assert refused.reason == "De passage die het dichtst in de buurt komt, gaat over een andere periode dan de gevraagde."


def test_a_date_of_another_generation_is_not_found_and_a_date_of_another_year_is():
    """A date asked for the tenth generation and the best unit dates the start of the ninth (its
    document's): not found. A date is not held to a named year: a report on 2013-2014 is ratified
    in December 2012."""
    from types import SimpleNamespace

    from assistant.answer.gate import period_verdict

    def verdict(question, text, opening):
        doc = SimpleNamespace(text=f"{opening} {text}")
        _, chunks, units, vocabulary, selector = _selector_over({"g": doc.text})
        q = profile(question, vocabulary)
        ranked = selector.candidates(q, [ScoredChunk(chunks[0], 0.5)], units=units, query_vector=None,
                                     dense_scores={}, documents={chunks[0].doc_id: doc})
        assert ranked[0].text == text
        return period_verdict(SimpleNamespace(kind=q.kind, candidates=ranked, conflict=False, parts=()))

    start = "De nieuwe sectorconvenants starten op 1 juli 2023."
    opening = "De negende generatie sectorconvenants is gelanceerd."
    assert not verdict("Wanneer starten de sectorconvenants van de tiende generatie?", start, opening).answerable
    assert verdict("Wanneer starten de sectorconvenants van de negende generatie?", start, opening).answerable
    ratified = "Het rapport werd bekrachtigd op 13 december 2012."
    assert verdict("Wanneer werd het rapport over 2013-2014 bekrachtigd?", ratified, "Een rapport van de Vlor.").answerable
def test_a_document_names_a_period_only_when_it_names_every_year_of_it():
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Tijdens de legislatuur 2019-2024 overleggen de partners twee keer per jaar.",
        "b": "In het convenant 2018-2019 overleggen de partners twee keer per jaar.",
    })
    question = "Hoe vaak overleggen de partners in het convenant 2018-2019?"
    hits = [ScoredChunk(chunks[0], 0.5), ScoredChunk(chunks[1], 0.4)]
    ranked = selector.candidates(profile(question, vocabulary), hits, units=units, query_vector=None,
                                 dense_scores={}, documents={})  # each passage stands for its document
    # "2019-2024" names 2019 but not the period 2018-2019: no half credit for one of its years
    assert {c.text[:8]: c.features["year_doc"] for c in ranked} == {"Tijdens ": 0.0, "In het c": 1.0}


def test_a_year_named_relative_to_the_time_of_writing_is_that_year():
    """A page dated 2020 that says "vorig jaar" speaks of 2019: the document names the asked year,
    and its unit is about 2019 (and 2018), not only about another year."""
    from types import SimpleNamespace

    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "date 2020-09 De opleidingen zitten in de lift. Zo waren er vorig jaar 4.774 inschrijvingen, tegenover 4.398 in 2018.",
    })
    question = "Hoeveel inschrijvingen telden de opleidingen in 2019?"

    def features(text_of_doc):
        doc = SimpleNamespace(text=text_of_doc)
        ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(chunks[0], 0.5)], units=units,
                                     query_vector=None, dense_scores={}, documents={chunks[0].doc_id: doc})
        return next(c.features for c in ranked if "4.774" in c.text)

    dated = features(chunks[0].text)
    assert (dated["year_doc"], dated["year_other"]) == (1.0, 0.0)
    undated = features(chunks[0].text.replace("date 2020-09 ", ""))  # when it was written is unknown
    assert (undated["year_doc"], undated["year_other"]) == (0.0, 1.0)


def test_a_faq_question_line_heads_the_answers_after_it():
    """On a page of questions and answers, the question line says what the sentences after it answer:
    its words count for them as a heading's do (lex_header, focus), until the next question line."""
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Kan je nog een budget aanvragen als de opleiding afgelopen is? Een maand na de laatste dag is de "
             "allerlaatste kans. Wie kan een budget aanvragen? Iedere arbeider van de sector.",
    })
    question = "Tot wanneer kan je nog een budget aanvragen als de opleiding afgelopen is?"
    ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(chunks[0], 0.5)], units=units,
                                 query_vector=None, dense_scores={}, documents={})
    features = {c.text[:8]: c.features for c in ranked}
    answer, other = features["Een maan"], features["Iedere a"]
    assert answer["lex"] < answer["lex_header"] == features["Kan je n"]["lex_header"]
    assert other["lex_header"] < answer["lex_header"]  # under the next question line, not this one's


def test_a_document_is_named_by_the_publisher_in_its_address():
    from dataclasses import replace

    from assistant.answer.entities import mentioned_in, squash
    from assistant.answer.topics import identity, publisher
    from assistant.compounds import name_words

    assert publisher("https://www.serv.be/serv/pagina/werking") == "serv"
    assert publisher("https://vorm-dc.be/sectorinfo/") == "vorm-dc"
    assert publisher("") == "" and publisher("werk.be") == ""  # no address, or no scheme: no publisher
    assert identity("Werking", {"source": "https://www.serv.be/x"}) == "Werking (serv)"
    assert identity("Werking", {}) == "Werking"
    # a name written in one word is also written in the words it is made of, one of them a
    # dictionary word: a page on fondsbeton.be that never writes "beton" is about the betonsector
    assert identity("Inleiding", {"source": "https://www.fondsbeton.be/nl/x"}) == "Inleiding (fondsbeton; fonds beton)"
    assert mentioned_in("beton", squash(identity("Inleiding", {"source": "https://www.fondsbeton.be/nl/x"})))
    assert name_words("fonds127") == "fonds 127" and name_words("podiumkunsten") == "podium kunsten"
    assert name_words("vlaanderen") == "vlaanderen" and name_words("bbtk") == "bbtk"  # a word, or no split
    # the keyword index holds the publisher as well, so "volgens de SERV" finds the page
    page = Chunk("p", "werking", "Werking", "page", "", 0, 0, 5, "Tekst", "p", metadata={"source": "https://www.serv.be/x"})
    assert page.keyword_text == "Werking\nTekst\nserv" and "serv" in tokens(page.keyword_text)
    assert chunk("q", "Tekst").keyword_text == chunk("q", "Tekst").embed_text  # no address: as embedded
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Bovendien werden 4 rode draden geselecteerd.", "b": "Bovendien werden 5 rode draden geselecteerd."})
    chunks = [replace(chunks[0], metadata={"source": "https://www.serv.be/serv/pagina/werking"}),
              replace(chunks[1], doc_id="other", metadata={"source": "https://www.vivosocialprofit.org/x"})]
    question = "Hoeveel rode draden werden er geselecteerd volgens de SERV?"
    ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(c, 0.5) for c in chunks], units=units,
                                 query_vector=None, dense_scores={}, documents={})
    # the page on serv.be never writes "SERV"; its address does
    assert {c.text[:18]: c.features["name_doc"] for c in ranked} == {"Bovendien werden 4": 1.0, "Bovendien werden 5": 0.0}


def test_a_document_is_named_by_its_kind():
    from dataclasses import replace

    from assistant.answer.topics import identity

    assert identity("Veelgestelde vragen", {}, "faq") == "Veelgestelde vragen [FAQ veelgestelde]"
    # a text of no kind of its own at a public address is a web page ("volgens de SERV-pagina")
    assert identity("Werking", {"source": "https://www.serv.be/x"}, "beleidstekst") == \
        "Werking (serv) [pagina webpagina website site bericht]"
    assert identity("Werking", {}, "beleidstekst") == "Werking"  # no address: a text, no page
    assert identity("Werking", {"source": "https://x.be/c.pdf"}, "sectorconvenant") == "Werking (x)"
    page = Chunk("w", "werking", "Werking", "beleidstekst", "", 0, 0, 5, "Tekst", "w",
                 metadata={"source": "https://www.serv.be/x"})
    assert {"serv", "pagina", "websit"} <= set(tokens(page.keyword_text))
    faq = Chunk("f", "faq", "Vragen over convenants", "faq", "", 0, 0, 5, "Tekst", "f")
    assert "faq" in tokens(faq.keyword_text)  # "volgens de FAQ" finds it by keywords too
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Per generatie wordt een kader door VESOC goedgekeurd.", "b": "Per generatie wordt een kader door de SERV goedgekeurd."})
    chunks = [replace(chunks[0], doc_type="faq"), replace(chunks[1], doc_id="other", doc_type="nieuwsbericht")]
    hits = [ScoredChunk(c, 0.5) for c in chunks]
    by_kind = {}
    for question in ("Wie keurt per generatie het kader goed, volgens de FAQ?",
                     "Wie keurt per generatie het kader goed, volgens het persbericht?"):
        ranked = selector.candidates(profile(question, vocabulary), hits, units=units, query_vector=None,
                                     dense_scores={}, documents={})
        by_kind[question.split()[-1]] = {("VESOC" if "VESOC" in c.text else "SERV"): c.features["doc_cov"] for c in ranked}
    # the question's word for the kind is in the document of that kind only
    faq_first = by_kind["FAQ?"]
    assert faq_first["VESOC"] > faq_first["SERV"]
    news_first = by_kind["persbericht?"]
    assert news_first["SERV"] > news_first["VESOC"]


def test_year_other_marks_units_about_other_generations():
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "De negende generatie sectorconvenants eindigt op 30 juni 2025. De 10de generatie start op 1 juli 2026.",
    })
    question = "Wanneer start de tiende generatie sectorconvenants?"
    ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(chunks[0], 0.5)], units=units,
                                 query_vector=None, dense_scores={}, documents={})
    assert {c.text[:10]: c.features["year_other"] for c in ranked} == {"De negende": 1.0, "De 10de ge": 0.0}


def test_a_unit_that_names_no_generation_is_of_its_documents_generation():
    embed, chunks, units, vocabulary, selector = _selector_over({
        "eight": "Inleiding: 8ste generatie sectorconvenants. Elke sector krijgt 85.000 euro voor het addendum.",
        "nine": "De negende generatie sectorconvenants is afgesloten. Elke sector krijgt 90.000 euro voor het addendum.",
        "none": "Het convenant is afgesloten. Elke sector krijgt 80.000 euro voor het addendum.",
    })
    question = "Hoeveel krijgt een sector voor het addendum in de negende generatie?"
    hits = [ScoredChunk(c, 0.5) for c in chunks]
    ranked = selector.candidates(profile(question, vocabulary), hits, units=units, query_vector=None,
                                 dense_scores={}, documents={})
    other = {c.text: c.features["year_other"] for c in ranked if "euro" in c.text}
    # the eighth generation's sum is of another generation; a document that names none may hold it
    assert other == {"Elke sector krijgt 85.000 euro voor het addendum.": 1.0,
                     "Elke sector krijgt 90.000 euro voor het addendum.": 0.0,
                     "Elke sector krijgt 80.000 euro voor het addendum.": 0.0}


def test_a_title_is_a_unit_only_when_it_holds_the_asked_value():
    title = "Addendum 2020 bij het sectorconvenant van de sector uitzendarbeid (PC 322)"
    _, chunks, units, vocabulary, selector = _selector_over(
        {"t": f"{title}\nDe Vlaamse Regering verlengt het convenant met een jaar."}, title=title)

    def texts_for(question):
        ranked = selector.candidates(profile(question, vocabulary), [ScoredChunk(chunks[0], 0.5)], units=units,
                                     query_vector=None, dense_scores={}, documents={})
        return [r.text for r in ranked]

    assert texts_for("Onder welk paritair comité valt de uitzendsector?")[0] == title
    assert title not in texts_for("Wat doet de Vlaamse Regering met het convenant?")

    # a text whose first line is a sentence (taken as its title) answers with it
    sentence = "Dualimento is een project dat gefinancierd wordt door het Europees Sociaal Fonds."
    _, chunks, units, vocabulary, selector = _selector_over(
        {"d": f"{sentence}\nHet project loopt sinds 2019 in de voedingssector."}, title=sentence)
    assert sentence in texts_for("Wie financiert het Dualimento-project?")


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Naar welk fonds gaat de toelage, en in welke stad is dat gevestigd?",
         ["Naar welk fonds gaat de toelage", "in welke stad is dat gevestigd"]),
        ("Welk percentage is inspanningsfinanciering en welk percentage resultaatsfinanciering?",
         ["Welk percentage is inspanningsfinanciering", "welk percentage resultaatsfinanciering"]),
        ("Voor welke periode wordt het convenant afgesloten, en kan het stilzwijgend verlengd worden?",
         ["Voor welke periode wordt het convenant afgesloten", "kan het stilzwijgend verlengd worden"]),
        ("Welke rol spelen werkgevers en werknemers?", []),  # "en" between nouns
        ("Wie en wat?", []),  # a part without a word of its own
        ("Wat is het verschil tussen inspanning en resultaat?", []),
    ],
)
def test_question_parts(question, parts):
    from assistant.answer.parts import question_parts

    assert question_parts(question) == parts


def test_a_question_in_two_parts_shows_the_best_unit_of_each_and_is_decided_on_the_whole_or_its_weakest_part():
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "De toelage gaat naar het Fonds voor Bestaanszekerheid. Het convenant loopt twee jaar.",
        "b": "Het fonds is gevestigd in de stad Gent. De sector telt veel kappers.",
    })
    question = "Naar welk fonds gaat de toelage, en in welke stad is het fonds gevestigd?"
    from assistant.answer.parts import question_parts

    parts = [(profile(question, vocabulary, focus=p), np.array(embed.embed_query(p), dtype=np.float32))
             for p in question_parts(question)]
    hits = [ScoredChunk(chunks[0], 0.5), ScoredChunk(chunks[1], 0.4)]
    selection = selector.select(
        profile(question, vocabulary), hits, units=units, query_vector=np.array(embed.embed_query(question), dtype=np.float32),
        dense_scores={}, dense_top=0.5, documents={}, parts=parts,
    )
    assert selection.text == ("Fonds voor Bestaanszekerheid: De toelage gaat naar het Fonds voor Bestaanszekerheid [1]. "
                              "Het fonds is gevestigd in de stad Gent [2].")
    assert [c.chunk_id for c in selection.citations] == ["a", "b"]
    assert len(selection.parts) == 2
    # answered when the whole question's best unit supports it, as for a question in one part, or
    # when the weakest part's does: the larger probability decides
    whole = selection.candidates[0].features["logit"]
    weak = min(p.features["best_logit"] for p in selection.parts)
    assert whole != pytest.approx(weak)
    assert selection.answerable == pytest.approx(1 / (1 + np.exp(-max(whole, weak))))
    assert selection.question_features["best_logit"] == pytest.approx(max(whole, weak))


def test_a_who_answer_leads_with_the_one_new_name_or_the_asked_article():
    from assistant.answer.display import article_lead, name_lead
    from assistant.answer.select import Candidate

    vocabulary = VocabularyIndex({})
    hits = [ScoredChunk(chunk("a", "x", section="Artikel 3 › Thema 2"), 0.5)]

    def lead(question, text):
        q, unit = profile(question, vocabulary), Candidate(text, 0, 0, {})
        return article_lead(q, unit, hits) or name_lead(q, unit)

    assert lead("Wie zit de begeleidingsgroep voor?", "De begeleidingsgroep wordt voorgezeten door de SERV.") == "SERV"
    assert lead("Welke minister bevoegd voor Werk tekende het engagement?",
                "Vlaams minister van Werk Hilde Crevits tekende het engagement.") == "Hilde Crevits"
    # a name is cut only at a word the question names and before a capital, not into "voor Bestaanszekerheid"
    assert lead("Naar welk fonds gaat de toelage?", "De toelage gaat naar het Fonds voor Bestaanszekerheid.") == (
        "Fonds voor Bestaanszekerheid")
    # two names the question does not name: no guess
    assert lead("Wie vertegenwoordigt de werkgevers?", "De heer Kris Cuypers en de heer Luc Kiekens.") is None
    # the only name is the one the question already names
    assert lead("Wie financiert de SERV?", "De SERV krijgt een dotatie.") is None
    assert lead("In welk artikel staat de looptijd?", "Het convenant loopt twee jaar.") == "Artikel 3"
    assert lead("Hoeveel bedraagt de subsidie?", "Het Fonds krijgt 98.000 EUR van VIVO.") is None  # not a who-question
    # a capital that opens a line, a list item or follows a number, an adjective of origin, and a
    # name the question names by its initials are no lead
    assert lead("Welke prioriteiten pakt de sector aan?", "1.Duurzaam HR-beleid mediarte.be wil dat de werkgevers") is None
    assert lead("Welk probleem pakken ze aan?", "120.000 Vlamingen extra aan een job helpen.") is None
    assert lead("Met welk doel werken ze samen?", "Het beleid van de Vlaamse regering.") is None
    assert lead("Uit welke fasen bestaat de methodiek?", "Methodiek monitoringsproces\nOntwikkeld door experten") is None
    assert lead("Welke taken heeft het departement WSE?", "Het Departement Werk en Sociale Economie publiceert cijfers.") is None
    assert lead("Wie ondertekende het convenant?", "Het convenant werd ondertekend door minister Crevits.") == "Crevits"


def test_an_elliptical_follow_up_asks_the_previous_kind_and_a_period_is_asked_only_by_a_question_word():
    vocabulary = VocabularyIndex({})
    question = "Voor de bouwsector in dezelfde periode (Hoeveel bedroeg de toelage in 2013-2014)?"
    q = profile(question, vocabulary, focus="En voor de bouwsector in dezelfde periode?", inherited_kind="money")
    assert q.kind == "money"
    q = profile("Over welke periode liep dat convenant (Hoeveel bedroeg de toelage)?", vocabulary,
                focus="Over welke periode liep dat convenant?", inherited_kind="money")
    assert q.kind == "period"
    assert answer_type("Hoeveel consulenten had de sector in dezelfde periode?") == "amount"
    assert answer_type("Voor welke periode geldt het convenant?") == "period"


def test_a_follow_up_with_a_question_of_its_own_does_not_inherit_the_previous_kind():
    vocabulary = VocabularyIndex({})
    # "wat als ..." asks what happens, not the previous question's sum
    q = profile("En wat als de werkgever de consulent niet vervangt (Hoeveel subsidie krijgt de sector)?", vocabulary,
                focus="En wat als de werkgever de consulent niet vervangt?", inherited_kind="money")
    assert q.kind is None
    # "hoe zat het met ..." is Dutch for "what about ...": the previous question again
    q = profile("En hoe zat het met de plaatsbezoeken (Hoeveel telefonische contacten waren er)?", vocabulary,
                focus="En hoe zat het met de plaatsbezoeken?", inherited_kind="amount")
    assert q.kind == "amount"
    assert asks_itself("Wat met de bouwsector?") is False
    assert asks_itself("Wat moet er met het rapport gebeuren?") is True
    # a yes/no question opens with its finite verb: a question of its own, which asks no sum because
    # it names the subsidy; an elliptical follow-up does not open with a verb
    question = "Komt de periode van ziekte van een sectorconsulent in aanmerking voor de subsidie?"
    assert asks_itself(question) is True and answer_type(question) is None
    assert asks_itself("Geldt dat ook voor de bouw?") is True
    assert asks_itself("En de subsidie?") is False and answer_type("En de subsidie?") == "money"
    assert asks_itself("Ook tijdens de zomer?") is False


def test_a_follow_up_that_is_a_condition_only_asks_the_previous_kind():
    """"En als ...?" states when, not what: its verb ("gevestigd is", "duurt") names no kind of its own;
    a main clause after the condition asks its own."""
    vocabulary = VocabularyIndex({})

    def kind(focus: str, previous: str, inherited: str) -> str | None:
        return profile(f"{focus} ({previous})", vocabulary, focus=focus, inherited_kind=inherited).kind

    assert kind("En als de werkgever in het Brussels Hoofdstedelijk Gewest gevestigd is?", "Hoeveel bedraagt de premie?", "money") == "money"
    assert kind("En als de opleiding 32 uur of langer duurt?", "Hoeveel bedraagt de premie per uur?", "money") == "money"
    assert kind("En als hij geen outplacement volgt, vanaf welk moment loopt die termijn dan?", "Hoeveel bedraagt de premie?",
                "money") == "date"
    assert answer_type("Waar is het fonds gevestigd?") == "address"  # a question of its own still asks it


def test_a_lead_count_shows_no_function_word_after_it():
    assert lead_value("Als je 20 of meer werknemers tewerkstelt, moet je een opleidingsplan opstellen.", "amount",
                      {"werknem": 1.0}) == "20"
    assert lead_value("Er zijn 35 sectorconsulenten.", "amount", {"sectorconsulent": 1.0}) == "35 sectorconsulenten"


def test_a_follow_up_asks_the_previous_phrase_only_when_it_names_none_and_asks_nothing_of_its_own():
    vocabulary = VocabularyIndex(idf_table(["De telefonische contacten en de plaatsbezoeken van de rode draden."]))

    def asked(focus: str, previous: str) -> tuple[str, ...]:
        return profile(f"{focus} ({previous})", vocabulary, focus=focus, inherited_kind="amount").asked

    previous = "Hoeveel telefonische contacten waren er?"
    assert asked("En voor de bouw?", previous) == tuple(tokens("telefonische contacten"))
    assert asked("En hoe zat het met de plaatsbezoeken?", previous) == tuple(tokens("plaatsbezoeken"))
    assert asked("Welke zijn dat?", "Hoeveel rode draden zijn er?") == tuple(tokens("rode draden"))
    assert asked("Waarom gebeurde dat?", previous) == ()


def test_a_noun_for_the_form_of_the_value_is_not_part_of_the_asked_phrase():
    vocabulary = VocabularyIndex(idf_table(["Op 6 februari 2012 vond het event plaats.", "De groepssectorfoto van de dag."]))
    assert profile("Op welke dag werd de groepssectorfoto voorgesteld?", vocabulary).asked == ()
    assert profile("Welk KBO-nummer heeft het fonds?", VocabularyIndex(idf_table(["Het kbo nummer van het fonds."]))).asked == ("kbo",)


def test_a_follow_up_that_names_a_kind_of_value_asks_that_kind_not_the_previous_one():
    vocabulary = VocabularyIndex({})
    q = profile("De maximale subsidie (Wat is de looptijd van het convenant)?", vocabulary,
                focus="de maximale subsidie", inherited_kind="period")
    assert q.kind == "money"
    q = profile("Het voortgangsrapport (Tegen wanneer moet het eindrapport binnen)?", vocabulary,
                focus="het voortgangsrapport", inherited_kind="date")
    assert q.kind == "date"


def test_other_passages_of_the_document_join_only_for_a_kind_of_value():
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Het convenant steunt de sector bij opleidingen.",
        "b": "De toelage van 98.000,00 EUR gaat naar het Fonds voor Bestaanszekerheid.",
    })
    hits, others = [ScoredChunk(chunks[0], 0.5)], [ScoredChunk(chunks[1], 0.0)]

    def texts(question):
        q = profile(question, vocabulary)
        selection = selector.select(q, hits, units=units, query_vector=None, dense_scores={}, dense_top=0.5,
                                    documents={}, document_chunks=others)
        return {c.text for c in selection.candidates}

    assert "De toelage van 98.000,00 EUR gaat naar het Fonds voor Bestaanszekerheid." in texts(
        "Hoeveel bedraagt de toelage van het convenant?")
    assert texts("Wie ontvangt het geld van het convenant?") == {"Het convenant steunt de sector bij opleidingen."}


def test_other_passages_of_the_document_name_whom_the_question_names():
    """A signatory "namens ABVV-Metaal" stands in a passage of the covenant that the search did not
    return (a long list of signatories): that passage's person lines naming the organisation join; a
    line naming only the document's own sector does not, nor any line for a question naming no one."""
    embed, chunks, units, vocabulary, selector = _selector_over({
        "a": "Tussen de Vlaamse Regering, hierbij vertegenwoordigd door: De heer Ben Weyts, Vlaams minister.",
        "b": "De heer Rohnny Champagne, Voorzitter ABVV-Metaal; Mevrouw Lieve De Preter, secretaris Metea.",
        "c": "Het convenant steunt de Bouw bij opleidingen van De heer Jan Peeters.",
    })
    hits, others = [ScoredChunk(chunks[0], 0.5)], [ScoredChunk(chunks[1], 0.0), ScoredChunk(chunks[2], 0.0)]

    def texts(question):
        q = profile(question, vocabulary)
        selection = selector.select(q, hits, units=units, query_vector=None, dense_scores={}, dense_top=0.5,
                                    documents={}, document_chunks=others)
        return {c.text for c in selection.candidates}

    assert any("Champagne" in t for t in texts("Wie tekende het convenant namens ABVV-Metaal?"))
    assert not any("Peeters" in t for t in texts("Wie tekende het convenant namens de Bouw?"))  # the title's sector
    assert not any("Champagne" in t for t in texts("Wie tekende het convenant?"))


def test_coverage_does_not_depend_on_the_order_of_a_set_of_stems():
    """Word weights are summed exactly (math.fsum), so iterating the question's focus stems in
    another hash order (another PYTHONHASHSEED) gives the same feature to the last bit, and
    `make fit` writes the same weights in every process."""
    from assistant.answer.cover import word_coverage as _coverage

    weights = {f"w{i}": 0.1 * (i + 1) / 3 for i in range(12)}
    q = profile("", VocabularyIndex(idf_table(["x"])))
    q = type(q)(q.text, weights, frozenset(weights), None, q.named, 0.0)
    toks = frozenset(f"w{i}" for i in range(0, 12, 2))
    orders = [list(weights), list(reversed(weights)), sorted(weights, key=lambda s: weights[s] * 7 % 1)]
    values = {_coverage(q, toks, order) for order in orders}
    assert len(values) == 1
    plain = {sum(weights[s] for s in order if s in toks) / sum(weights[s] for s in order) for order in orders}
    assert values.pop() == pytest.approx(plain.pop())


def test_the_fitted_decision_reads_exactly_the_signals_the_selector_computes():
    """weights.json's answerability model was fit on eval.decision.QUESTION_FEATURES, and every one of
    them is computed for a question (a signal read as 0 because it is no longer computed, or one
    computed and never weighed, would be a silent change of the decision)."""
    from assistant.answer.select import AnswerSelector, Candidate
    from eval.decision import QUESTION_FEATURES
    from eval.fit import UNIT_FEATURES

    vocabulary = VocabularyIndex(idf_table(["de sectorconsulenten van de bouwsector krijgen een toelage"]))
    # focus: weighed by the decision (best_focus), no longer by the unit model; typed: read by the
    # decision (type_missing, who_missing), the unit model weighs typed_value
    cand = Candidate("x", 0, 0, {k: 0.5 for k in (*UNIT_FEATURES, "focus", "typed")})
    unit = LinearModel(("dense",), (0.0,), (1.0,), (1.0,), 0.0)
    signals = AnswerSelector.question_features(profile("Hoeveel toelage krijgt de bouwsector?", vocabulary), [cand], 0.5, unit)
    weights = load_weights()
    assert weights.answerable.names == QUESTION_FEATURES and weights.unit.names == UNIT_FEATURES
    assert set(signals) == set(QUESTION_FEATURES), set(signals) ^ set(QUESTION_FEATURES)
    assert signals["asks_value"] == 1.0 and signals["best_focus"] == 0.5 and signals["type_missing"] == 1.0
    assert "typed" not in UNIT_FEATURES and "typed_value" in UNIT_FEATURES


def test_focus_ctx_counts_the_words_of_the_sentence_before():
    """'Het partnerschap komt samen ... Het stelt een rapport op.': the second sentence answers a
    question about the partnership's report although it does not name the partnership."""
    embed = FakeEmbeddings()
    text = "Het Vlaams Partnerschap Duaal Leren komt vier keer per jaar samen. Het stelt elk jaar een monitoringsrapport op."
    c = chunk("c", text, title="Partnerschap")
    texts = tuple(sentences_of(c.text))
    units = {"c": (texts, np.array(embed.embed_documents(list(texts)), dtype=np.float32))}
    vocabulary = VocabularyIndex(idf_table([c.embed_text, "andere tekst over sectoren"]))
    question = "Welk rapport maakt het Vlaams Partnerschap Duaal Leren?"
    q = profile(question, vocabulary)
    selector = AnswerSelector(SelectorWeights(
        LinearModel(("focus_ctx",), (0.0,), (1.0,), (1.0,), 0.0), LinearModel(("best_logit",), (0.0,), (1.0,), (1.0,), 0.0),
        0.5, 2.0))
    ranked = selector.candidates(q, [ScoredChunk(c, 0.5)], units=units,
                                 query_vector=np.array(embed.embed_query(question), dtype=np.float32),
                                 dense_scores={}, documents={})
    by_text = {cand.text: cand.features for cand in ranked}
    second = by_text["Het stelt elk jaar een monitoringsrapport op."]
    first = by_text["Het Vlaams Partnerschap Duaal Leren komt vier keer per jaar samen."]
    assert second["focus"] < 0.5 < second["focus_ctx"]
    assert second["focus_ctx"] >= first["focus_ctx"] == first["focus"]


def test_counts_written_as_words_and_frequencies_with_a_number():
    assert has_type("De drie intersectorale adviseurs zetten hun engagement voort.", "amount")
    assert not has_type("Een werkgroep stelt een plan op.", "amount")  # "een" is the article
    assert value_near("Voor het eerst ondersteunen drie intersectorale adviseurs de sectoren.", "amount",
                      {"intersectoral": 1.0, "adviseur": 1.0}) == 1.0
    assert lead_value("Er zijn twaalf sectoren.", "amount", {"sector": 1.0}) == "twaalf sectoren"
    # two counts: the one whose noun the question names, else none
    assert lead_value("binnen 4 hoofdstukken acht prioriteiten", "amount", {"prioriteit": 1.0}) == "acht prioriteiten"
    assert lead_value("binnen 4 hoofdstukken acht prioriteiten", "amount", {"hoofdstuk": 1.0}) == "4 hoofdstukken"
    assert lead_value("binnen 4 hoofdstukken acht prioriteiten", "amount", {"actie": 1.0}) is None
    assert has_type("We streven ernaar om elke 5 jaar een onderzoek te doen.", "frequency")
    assert not has_type("Het onderzoek loopt 5 jaar.", "frequency")


def test_a_name_is_a_person_or_organisation_as_written_not_a_sentence_opening_capital():
    from assistant.answer.values import has_type

    assert has_type("Voor Verso, Ingrid Lieten", "who")  # a name in ordinary case, no acronym
    assert has_type("Het vormingsaanbod wordt samen met FeBi opgezet.", "name")
    assert has_type("Hilde CREVITS: Vice minister-president", "who")
    assert not has_type("Blijvend inzetten op de aanpak van de krapte op de arbeidsmarkt.", "who")
    assert not has_type("De verhuissector beperkt zich tot een risicoanalyse.", "name")


def test_a_word_that_names_the_form_of_the_value_is_no_topic_word_when_no_document_uses_it():
    question = "Op welke datum werd het convenant ondertekend?"
    signed = stem("ondertekend")
    without = profile(question, VocabularyIndex({"convenant": 1.0, signed: 2.0}))
    assert "datum" not in without.weights and without.unknown == 0.0
    with_it = profile(question, VocabularyIndex({"convenant": 1.0, signed: 2.0, "datum": 3.0}))
    assert with_it.weights["datum"] == 3.0
    # a topic word no document uses still counts as unknown
    other = profile("Op welke datum speelt de bekerfinale?", VocabularyIndex({"convenant": 1.0}))
    assert other.unknown == pytest.approx(0.5)  # "bekerfinale"; "speelt", a verb form, names no subject


def test_the_clauses_of_a_cut_sentence_carry_one_citation_after_the_last():
    from assistant.answer.display import render
    from assistant.answer.select import Candidate

    hits = [ScoredChunk(chunk("a", "x"), 0.5), ScoredChunk(chunk("b", "y"), 0.4)]
    q = profile("Wat is het ondernemingsnummer van VIVO?", VocabularyIndex({}))
    label = Candidate("uit te betalen aan VIVO vzw (ondernemingsnummer:", 0, 3, {})
    value = Candidate("0472.871.139) ter financiering van 7 VTE sectorconsulenten.", 0, 4, {})
    other = Candidate("De sector bezorgt een voortgangsrapport;", 1, 0, {})
    text, citations = render(q, [label, value, other], hits)
    assert text == ("0472.871.139: uit te betalen aan VIVO vzw (ondernemingsnummer: 0472.871.139) ter financiering "
                    "van 7 VTE sectorconsulenten [1]. De sector bezorgt een voortgangsrapport [2].")
    assert [(c.n, c.doc_id) for c in citations] == [(1, "conv"), (2, "conv")]
    assert citations[0].quote.endswith("(ondernemingsnummer: … 0472.871.139) ter financiering van 7 VTE sectorconsulenten.")



@pytest.mark.parametrize(("text", "missing"), [
    ("De drie intersectorale adviseurs ondersteunen samenwerking tussen sectoren.", 1.0),  # no name at all
    ("De intersectorale adviseurs zijn Jan Peeters, An Claes en Els Maes.", 0.0),
])
def test_a_who_question_whose_best_unit_names_no_one_is_marked(text, missing):
    embed, chunks, units, vocabulary, selector = _selector_over({"a": text})
    question = "Hoe heten de intersectorale adviseurs?"
    q = profile(question, vocabulary)
    assert q.kind == "who"
    selection = selector.select(q, [ScoredChunk(chunks[0], 0.5)], units=units,
                                query_vector=np.array(embed.embed_query(question), dtype=np.float32),
                                dense_scores={}, dense_top=0.5, documents={})
    assert selection.question_features["who_missing"] == missing
    assert selection.question_features["type_missing"] == 0.0  # a name is no value kind: its own signal
    # "Wie ...?" asks who, which a group answers as well ("de sociaalrechtelijke inspecteurs"): only
    # a question that asks a name as such marks a best unit that names no one
    question = "Wie ondersteunt de samenwerking tussen sectoren?"
    q = profile(question, vocabulary)
    assert q.kind == "who" and not q.names_asked
    selection = selector.select(q, [ScoredChunk(chunks[0], 0.5)], units=units,
                                query_vector=np.array(embed.embed_query(question), dtype=np.float32),
                                dense_scores={}, dense_top=0.5, documents={})
    assert selection.question_features["who_missing"] == 0.0


@pytest.mark.parametrize(("question", "asked"), [
    ("Hoe heten de drie intersectorale adviseurs?", True),
    ("Hoe heette de minister die tekende?", True),
    ("Welke namen staan onder het protocol?", True),
    ("Wat is de naam van het fonds?", True),
    ("Wie controleert de naleving van het decreet?", False),
    ("Welke minister ondertekende het convenant?", False),
])
def test_a_name_is_asked_as_such_only_by_hoe_heet_or_welke_naam(question, asked):
    assert asks_a_name(question) is asked


def test_a_title_in_quotes_is_a_name_and_an_apostrophe_is_not():
    assert has_type("Via de addenda ‘sectorgerichte aanpak van de Oekraïne crisis 23-24’ zetten twaalf sectoren ...", "who")
    assert has_type('Het project "werkplekleren in de zorg" loopt af.', "name")
    assert not has_type("De sectoren van de PC's 318 en 319 werken samen.", "who")
    assert not has_type("de sectorale vormingsfondsen", "who")


def test_a_name_under_its_title_ends_that_title_and_a_name_above_a_bare_title_heads_it():
    below = ("Vlaams minister van Welzijn, Gezin en Armoedebestrijding;\n\nMevrouw Hilde CREVITS\n\n"
             "Vlaams minister van Brussel, Jeugd en Media,\n\nDe heer Benjamin DALLE\n\n"
             "Namens de sociale partners van de sector Social profit (PC 330),\n\nmet als vertegenwoordigers:")
    assert sentences_of(below) == [
        "Vlaams minister van Welzijn, Gezin en Armoedebestrijding; Mevrouw Hilde CREVITS",
        "Vlaams minister van Brussel, Jeugd en Media, De heer Benjamin DALLE",
        "Namens de sociale partners van de sector Social profit (PC 330),",
        "met als vertegenwoordigers",
    ]
    above = ("Namens de Vlaamse regering,\n\nJan JAMBON\n\nMinister-president van de Vlaamse Regering en  \n"
             "Vlaams minister van Buitenlandse Zaken\n\nHilde CREVITS\n\nVice minister-president en Vlaams minister van  \n"
             "Economie, Innovatie, Werk")
    assert sentences_of(above) == [
        "Namens de Vlaamse regering,",
        "Jan JAMBON: Minister-president van de Vlaamse Regering en Vlaams minister van Buitenlandse Zaken",
        "Hilde CREVITS: Vice minister-president en Vlaams minister van Economie, Innovatie, Werk",
    ]


def test_a_clause_that_ends_in_a_colon_leads_the_items_of_its_list():
    """A signature block's role lines ("met als vertegenwoordigers voor de werkgevers:") are leads
    of their own, not the end of the line before, and each signatory's unit is read with its role;
    a list ends after an item that ends in neither ";" nor ","; a long lead leads with its last
    clause, or, when that says nothing ("..., door:"), whole if it fits in one unit with the item."""
    block = ("Tussen de Vlaamse Regering, hierbij vertegenwoordigd door:\n"
             "De heer Pascal Smet, Vlaams minister van Onderwijs, Jeugd, Gelijke kansen en\n"
             "Brussel\n"
             "en de sociale partners van de sector van de private autobus- en\n"
             "autocarbedrijven:\n"
             "met als vertegenwoordigers voor de werkgevers:\n"
             "De heer Jean Wyns, Algemeen voorzitter FBAA;\n"
             "De heer Paul Laeremans, Afgevaardigd bestuurder FBAA\n"
             "en als vertegenwoordigers voor de werknemers:\n"
             "De heer Frank Moreels, Federaal secretaris van de vakbond BTB\n"
             "Artikel 1. De Vlaamse Regering betaalt een toelage van 204.000,00 EUR aan het fonds.")
    assert sentences_of(block) == [
        "Tussen de Vlaamse Regering, hierbij vertegenwoordigd door:",
        "Tussen de Vlaamse Regering, hierbij vertegenwoordigd door: De heer Pascal Smet, Vlaams minister van "
        "Onderwijs, Jeugd, Gelijke kansen en Brussel",
        "en de sociale partners van de sector van de private autobus- en autocarbedrijven:",
        "met als vertegenwoordigers voor de werkgevers:",
        "met als vertegenwoordigers voor de werkgevers: De heer Jean Wyns, Algemeen voorzitter FBAA",  # a short line
        "met als vertegenwoordigers voor de werkgevers: De heer Paul Laeremans, Afgevaardigd bestuurder FBAA",
        "en als vertegenwoordigers voor de werknemers:",
        "en als vertegenwoordigers voor de werknemers: De heer Frank Moreels, Federaal secretaris van de vakbond BTB",
        "Artikel 1. De Vlaamse Regering betaalt een toelage van 204.000,00 EUR aan het fonds.",
    ]
    # a hard-wrapped clause in lower case still goes on the line before; a long lead whose last
    # clause says nothing ("..., door:") leads its list whole when it and the first item fit in one
    # unit (units.MAX_UNIT_CHARS), so each item says whose act it is (before split-v26: no lead)
    article = ("Artikel 2. De Vlaamse Regering stimuleert en ondersteunt de uitvoering van voorliggende\n"
               "overeenkomst, door:\n"
               "1. het organiseren van ad hoc-overleg met de sociale partners, op vraag van de sectoren;\n"
               "2. het organiseren van klankbordvergaderingen waarbij knelpunten worden besproken;")
    lead = "Artikel 2. De Vlaamse Regering stimuleert en ondersteunt de uitvoering van voorliggende overeenkomst, door:"
    assert sentences_of(article) == [
        lead,
        f"{lead} 1. het organiseren van ad hoc-overleg met de sociale partners, op vraag van de sectoren;",
        f"{lead} 2. het organiseren van klankbordvergaderingen waarbij knelpunten worden besproken;",
    ]
    long_lead = ("De xxxx Xxxxxxxx, Vlaams minister van Werk, Economie, Innovatie en Sport;\n"
                 "en de sociale partners van de sector textielverzorging, met als vertegenwoordigers voor de werkgevers:\n"
                 "De xxxx Xxxxxx Xxxxx, voorzitter FBT van de sector")
    assert sentences_of(long_lead)[-1] == "met als vertegenwoordigers voor de werkgevers: De xxxx Xxxxxx Xxxxx, voorzitter FBT van de sector"


def test_a_compound_the_index_never_uses_is_matched_by_its_two_parts():
    from assistant.answer.cover import word_coverage as _coverage

    vocabulary = VocabularyIndex.from_texts([
        "Het sectorconvenant voor de social profit loopt van 1 juli 2023 tot en met 30 juni 2025.",
        "Het convenant van de bouwsector loopt twee jaar.",
    ])
    q = profile("Tot wanneer loopt het social-profitconvenant?", vocabulary)
    assert q.compounds == {"profitconvenan": (("profit", "convenan"),)}
    both = token_set("Het sectorconvenant voor de social profit loopt tot 30 juni 2025.")
    one = token_set("Het convenant van de bouwsector loopt tot 30 juni 2025.")
    assert _coverage(q, both) == 1.0
    assert _coverage(q, one) < 1.0
    # a unit that holds one of the two parts holds half of the compound's weight
    weight = q.weights["profitconvenan"] / sum(q.weights.values())
    without = token_set("Het eindigt op 30 juni 2025.")
    assert _coverage(q, one) - _coverage(q, without) == pytest.approx(weight / 2 + q.weights[stem("loopt")] / sum(q.weights.values()))
    assert _coverage(q, token_set("De winst (profit) loopt op tot 2025.")) == pytest.approx(_coverage(q, one))  # the other half
    # an indexed word is never split, and a word of parts the index lacks has no split
    assert profile("Wanneer loopt het sectorconvenant?", vocabulary).compounds == {}
    assert profile("Wanneer loopt het wielerconvenant?", vocabulary).compounds == {}


def test_a_long_unit_is_shown_around_the_phrase_that_names_what_is_asked():
    from assistant.answer.display import window

    unit = ("Het partnerschap heeft een aantal concrete bevoegdheden, met name het erkennen van een onderneming als "
            "werkplek, controle uitoefenen op de uitvoering van de overeenkomsten op de werkplek, ondernemingen "
            "informeren over duaal leren, het ondersteunen en mobiliseren van ondernemingen in functie van het aanbod "
            "van werkplekken, adviesverlening in duaal leren en het opstellen van een jaarlijks monitoringsrapport.")
    vocabulary = VocabularyIndex(idf_table([unit]))
    shown = window(unit, profile("Welk rapport stelt het partnerschap elk jaar op?", vocabulary))
    assert len(shown) < len(unit) and shown.endswith("monitoringsrapport.") and shown.startswith("… ")
    # a short asked word counts as itself, not as the end of a longer one ("voortdurende")
    long = ("De partijen willen een structurele samenwerking voor onbepaalde duur, " + "met veel andere woorden, " * 12
            + "met het oog op een voortdurende ontwikkeling.")
    assert "onbepaalde duur" in window(long, profile("Voor welke duur willen de partijen samenwerken?", VocabularyIndex(idf_table([long]))))
    # without an asked phrase: around the question's words
    assert window(unit, profile("Wat mag het partnerschap erkennen?", vocabulary)).startswith("Het partnerschap heeft")
    # of two mentions, the one of the asked noun itself ("Interreg-programma", not "Interreg-project")
    garage = ("Het Interreg-project Garage 4.0 financiert de helft van de opleidingen van de garagesector, "
              + "met opleidingen voor werkzoekenden en studenten, " * 5
              + "met geld van het Interreg-programma van de Euregio Maas-Rijn.")
    shown = window(garage, profile("Welk Interreg-programma financiert de helft?", VocabularyIndex(idf_table([garage]))))
    assert "Euregio Maas-Rijn" in shown


def test_without_an_asked_phrase_the_window_holds_the_most_of_the_questions_rare_words():
    """A signatory line that opens with its title's years and closes with a document number: the
    window is centred where the question's words weigh most (the union's name), not on the middle
    one of its matches, which the numbers pull to the title."""
    from assistant.answer.display import window

    unit = ("Sectorconvenant 2018-2019 van de sector kleding (PC 109 & PC 215) tussen de Vlaamse Regering, "
            + "vertegenwoordigd door de minister van Werk, " * 6
            + "en voor de werknemers: De heer Bart De Crock, verantwoordelijke ACLVB; "
            + "verder nog andere ondertekenaars, " * 10 + "VR 2018 0203 DOC.0188/34 2018 2019 blad 3 van 12")
    vocabulary = VocabularyIndex(idf_table([unit, "Het kledingconvenant 2018-2019.", "Het convenant 2018-2019."]))
    shown = window(unit, profile("Wie ondertekende het kledingconvenant 2018-2019 voor de vakbond ACLVB?", vocabulary))
    assert len(shown) < len(unit) and "Bart De Crock" in shown and "ACLVB" in shown


def test_of_several_mentions_of_the_asked_noun_the_window_shows_the_one_the_question_names_and_what_follows():
    from assistant.answer.display import window

    unit = ("Protocol van samenwerking tussen de Vlaamse regering en de sociale partners van de sector van de montage. "
            "Tussen de Vlaamse regering, vertegenwoordigd door Vlaams minister van Onderwijs en Vorming, Marleen "
            "Vanderpoorten, Vlaams minister van Werkgelegenheid en Toerisme, Renaat Landuyt, Vlaams minister van "
            "Economie, Buitenlands Beleid, Buitenlandse Handel en Huisvesting, Jaak Gabriels, en de sociale partners "
            "van de sector, vertegenwoordigd door de heer Jan Peeters, voorzitter van de werkgeversfederatie.")
    vocabulary = VocabularyIndex(idf_table([unit]))
    q = profile("Welke Vlaamse minister van Werkgelegenheid en Toerisme tekende het protocol van de montage?", vocabulary)
    assert "minister" in q.asked
    shown = window(unit, q)
    assert len(shown) < len(unit) and "Werkgelegenheid en Toerisme, Renaat Landuyt" in shown
    q = profile("Welke Vlaamse minister van Economie tekende het protocol van de montage?", vocabulary)
    assert "Economie, Buitenlands Beleid, Buitenlandse Handel en Huisvesting, Jaak Gabriels" in window(unit, q)


def test_a_question_for_a_purpose_is_shown_the_purpose_the_sentence_gives():
    from assistant.answer.display import window

    unit = ("De partijen onderstrepen de noodzaak om te komen tot een structurele samenwerking voor onbepaalde duur, "
            "betreffende een geoptimaliseerde overeenstemming tussen enerzijds het beleid inzake opleiding en "
            "werkervaring van de Vlaamse regering, en anderzijds de vormings- en tewerkstellingsinspanningen van de "
            "sector voor zowel werkzoekenden als werknemers, met het oog op een duurzame en voortdurende "
            "ontwikkeling van de werkgelegenheidsperspectieven binnen de sector.")
    vocabulary = VocabularyIndex(idf_table([unit]))
    shown = window(unit, profile("Met welk doel willen de partijen structureel samenwerken?", vocabulary))
    assert len(shown) < len(unit) and "met het oog op een duurzame" in shown and "werkgelegenheidsperspectieven" in shown
    # the same unit for a question that asks no purpose: around the question's words
    shown = window(unit, profile("Voor welke duur willen de partijen structureel samenwerken?", vocabulary))
    assert "onbepaalde duur" in shown and "werkgelegenheidsperspectieven" not in shown


def test_a_compound_is_covered_by_its_parts_as_the_stemmer_reduces_them_standing_alone():
    # "plaatsbezoeken" in the question, "plaats bezoeken" in a slide; "plaats" alone stems to "plat",
    # while the index also knows "plaats" (from "plaatsen")
    texts = ["Verviervoudiging telefonische contacten en plaats bezoeken", "Zij plaatsen de vacatures online."]
    vocabulary = VocabularyIndex(idf_table(texts))
    assert {"plaats", "plat", "bezoek"} <= set(vocabulary.idf)
    q = profile("Hoeveel plaatsbezoeken waren er?", vocabulary)
    assert ("plat", "bezoek") in q.compounds["plaatsbezoek"]
    assert covered("plaatsbezoek", token_set(texts[0]), q.compounds)
    assert not covered("plaatsbezoek", token_set("telefonische contacten"), q.compounds)


def test_a_year_written_with_an_apostrophe_is_that_year():
    # "de convenants ’13-’14" are those of 2013-2014; the century as POSIX strptime reads "%y"
    unit = "In 2012 werden de convenants voor de periode ’10-’12 verlengd en werd gestart met de convenants ’13-’14."
    assert years_of(unit) == ["2012", "2010", "2011", "2013", "2014"]
    assert years_of("eind jaren '90") == ["1990"] and years_of("de periode '13–'14", expand=False) == ["2013", "2014"]
    assert mentioned_in("2013", squash(unit)) and not mentioned_in("2015", squash(unit))
    # a quoted word or a quoted full year is no short year
    assert years_of("via addenda ‘diversiteit en inclusie’ in ‘2021’") == ["2021"]
    assert squash("rond ‘werkbaar werk’").split() == ["rond", "werkbaar", "werk"]


def test_dense_ctx_is_the_meaning_of_a_unit_with_the_one_before_it():
    """The second unit's vector plus the first one's, normalised, against the question's: the
    meaning counterpart of focus_ctx; the first unit has nothing before it. The decision reads it
    from the best unit (best_dense_ctx)."""
    c = chunk("c", "De sector organiseert netwerkdagen. Die gaan vier keer per jaar door.", title="Sector")
    texts = tuple(sentences_of(c.text))
    assert len(texts) == 2
    units = {"c": (texts, np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=np.float32))}
    vocabulary = VocabularyIndex(idf_table([c.embed_text, "andere tekst over sectoren"]))
    q = profile("Hoe vaak gaan de netwerkdagen door?", vocabulary)
    selector = AnswerSelector(SelectorWeights(
        LinearModel(("dense",), (0.0,), (1.0,), (1.0,), 0.0), LinearModel(("best_logit",), (0.0,), (1.0,), (1.0,), 0.0),
        0.5, 2.0))
    ranked = selector.candidates(q, [ScoredChunk(c, 0.5)], units=units,
                                 query_vector=np.array([0.0, 1.0, 0.0], dtype=np.float32), dense_scores={}, documents={})
    by_text = {cand.text: cand.features for cand in ranked}
    first, second = by_text[texts[0]], by_text[texts[1]]
    assert first["dense"] == 0.0 and first["dense_ctx"] == 0.0
    assert second["dense"] == pytest.approx(1.0)
    assert second["dense_ctx"] == pytest.approx(1 / np.sqrt(2))
    assert ranked[0].text == texts[1]
    features = AnswerSelector.question_features(q, ranked, 0.5, selector.weights.unit)
    assert features["best_dense_ctx"] == pytest.approx(1 / np.sqrt(2))


def test_a_split_separable_verb_weighs_as_the_indexed_whole_and_an_unindexed_one_as_nothing():
    vocab = VocabularyIndex(idf_table(["Met het toetreden van de begrafenissector groeit het bereik.", "De sector tekent."]))
    q = profile("Welke sectoren traden toe tot de convenants?", vocab)
    assert tokens("toetreden")[0] in q.weights
    # "plaatsvinden" is in no document: rejoining it adds no unknown word to the question
    plain = profile("Wanneer vond de sector het?", vocab)
    joined = profile("Wanneer vond de sector het plaats?", vocab)
    assert tokens("plaatsvinden")[0] not in joined.weights
    # "vond ... plaats" is a verb, whose words name no subject the documents lack; "vond" alone
    # may be a noun
    assert joined.unknown == 0.0 and plain.unknown == pytest.approx(0.5)


def test_a_compound_of_more_words_or_of_a_word_the_index_writes_only_inside_longer_ones_is_matched_by_its_parts():
    from assistant.answer.cover import word_coverage as _coverage

    vocabulary = VocabularyIndex.from_texts([
        "Sectorconvenant 2013-2014 van de sector van de private autobus- en autocarbedrijven.",
        "Het convenant van de bouwsector loopt twee jaar.",
        "De sector social profit telt zeven paritaire comités.",
    ])
    # "autocar" only starts "autocarbedrijven" in the index; the split needs six letters or more
    q = profile("Wat is de looptijd van het convenant van de autocarsector?", vocabulary)
    assert q.compounds["autocarsector"] == (("autocar", "sector"),)
    assert _coverage(q, token_set("De sector van de autocarbedrijven sluit een convenant.")) > \
        _coverage(q, token_set("De bouwsector sluit een convenant."))
    # three words ("social", "profit", "sector"), each one the index uses
    q = profile("Hoeveel krijgt de socialprofitsector?", vocabulary)
    assert q.compounds["socialprofitsector"] == (("social", "profit", "sector"),)
    assert covered("socialprofitsector", token_set("De sector social profit krijgt een subsidie."), q.compounds)
    assert not covered("socialprofitsector", token_set("De sector social krijgt een subsidie."), q.compounds)
    # a part of fewer than six letters known only inside a longer word gives no split ("bouwsec...")
    assert "filmsector" not in profile("Hoe lang loopt het convenant van de filmsector?", vocabulary).compounds


def test_the_degree_a_hoe_asks_and_prepositions_name_no_topic():
    """"Hoe vaak ...?" asks a frequency: a text says "tweejaarlijks", not "vaak"; "volgens
    mediarte" says where the answer was read, not what it is about. Neither weighs as a topic word;
    "Hoe heten ...?" asks a name and a verb after "hoe" is what is done, so they are no degree."""
    from assistant.answer.asking import degree_stems, preposition_stems

    assert degree_stems("Hoe vaak wordt het sectorconvenant afgesloten?") == {stem("vaak")}
    assert degree_stems("Hoe hoog is de toelage voor 2024?") == {stem("hoog")}
    assert degree_stems("Hoe heten de drie intersectorale adviseurs?") == frozenset()
    assert degree_stems("Hoe verloopt de opvolging van het convenant?") == frozenset()
    vocabulary = VocabularyIndex(idf_table([
        "Het sectorconvenant is een tweejaarlijkse overeenkomst volgens mediarte.", "Vaak vraagt men een verslag.",
        "Tijdens de looptijd volgt de sector het convenant op.",
    ]))
    q = profile("Hoe vaak wordt het sectorconvenant volgens mediarte afgesloten?", vocabulary)
    assert stem("vaak") not in q.weights and stem("volgens") not in q.weights
    assert {stem("sectorconvenant"), stem("mediarte"), stem("afgesloten")} <= set(q.weights)
    assert stem("tijdens") not in profile("Wat doet de sector tijdens de looptijd?", vocabulary).weights
    # read word by word: "overheid" stems as the preposition "over" does, and stays
    assert stem("overheid") == stem("over")
    assert preposition_stems("Wat zegt de overheid over de looptijd?") == frozenset()
    assert preposition_stems("Hoe lang loopt het convenant volgens de FAQ?") == {stem("volgens")}


def test_a_web_address_s_top_level_domain_names_no_topic():
    """"volgens de blogpost op golfbrekers.be": the site's name names its page, ".be" nothing (a
    few documents write a web address, so "be" would weigh as a rare word the answer lacks)."""
    from assistant.answer.asking import domain_stems

    assert domain_stems("Hoeveel krijgt elke sector volgens de blogpost op golfbrekers.be?") == {stem("be")}
    assert domain_stems("Wat staat er op www.werk.be en op mediarte.be/nl?") == {stem("be")}
    assert domain_stems("Wat is het rekeningnummer BE50 0013?") == frozenset()
    vocabulary = VocabularyIndex(idf_table(["Elke sector krijgt 85.000 euro (golfbrekers.be).", "De sector groeit."]))
    q = profile("Hoeveel krijgt elke sector volgens golfbrekers.be?", vocabulary)
    assert stem("be") not in q.weights and stem("golfbrekers") in q.weights


def test_the_words_of_a_documents_title_count_for_each_of_its_units():
    """lex_named: a covenant's title line holds the sector and period a question names, yet
    answers nothing; every unit of the document is credited with the words its title states, so
    the sentence that holds the asked words scores above the title line, which still has the larger
    plain ``lex``."""
    title = "Sectorconvenant 2018-2019 van de sector textielverzorging"
    _, chunks, units, vocabulary, selector = _selector_over({
        "a": f"{title}. De sector engageert zich tot drie resultaatsverbintenissen rond opleiding.",
    }, unit_names=("lex_named",), title="VR 2018 0203 DOC.0188/43")
    chunks = [dataclasses.replace(c, metadata={"display_title": title}) for c in chunks]
    q = profile("Welke resultaatsverbintenissen gelden in het sectorconvenant 2018-2019 van de textielverzorging?",
                vocabulary)
    ranked = selector.candidates(q, [ScoredChunk(chunks[0], 0.5)], units=units, query_vector=None,
                                 dense_scores={}, documents={})
    by_text = {c.text[:14]: c.features for c in ranked}
    title_line, answer = by_text["Sectorconvenan"], by_text["De sector enga"]
    assert title_line["lex"] > answer["lex"]
    assert answer["lex_named"] > title_line["lex_named"] > title_line["lex"] - 1e-9
    assert ranked[0].text.startswith("De sector engageert")


_TIED_DOCUMENTS = """
import sys
from types import SimpleNamespace
from assistant.answer.topics import attributed
names = ["textielverzorging", "bouw", "metaal", "kappers", "chemie", "horeca", "vervoer", "handel", "voeding", "hout"]
docs = {f"d{i}": SimpleNamespace(title=f"Sectorconvenant {name}", text=f"Sector {name}.", metadata={},
                                 doc_type="sectorconvenant") for i, name in enumerate(names)}
docs["bericht"] = SimpleNamespace(title="Nieuws over de bouw", text="Een bericht.", metadata={}, doc_type="nieuwsbericht")
docs["folder"] = SimpleNamespace(title="Folder over metaal", text="Een folder.", metadata={}, doc_type="beleidstekst")
print(",".join(attributed("Wat staat er volgens die folder en het bericht over opleiding?", docs)))
"""


def test_the_documents_a_question_names_do_not_depend_on_the_hash_seed():
    """Two documents that each hold one word of the "volgens ..." phrase tie: they come in index
    order, whatever order Python's (per process) hash seed gives a set of words."""
    import os
    import subprocess
    import sys

    seen = set()
    for seed in ("0", "1", "2", "3", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _TIED_DOCUMENTS], env=env, capture_output=True, text=True, check=True)
        seen.add(out.stdout.strip())
    assert seen == {"bericht,folder"}


def test_the_next_piece_of_a_cut_sentence_does_not_repeat_the_list_lead():
    from assistant.answer.display import repeated_lead

    before = "Tussen de Vlaamse Regering, hierbij vertegenwoordigd door:"
    after = "hierbij vertegenwoordigd door: Mevrouw Hilde Crevits, Vlaams minister van Onderwijs;"
    assert after[repeated_lead(before, after):] == "Mevrouw Hilde Crevits, Vlaams minister van Onderwijs;"
    whole = "met als vertegenwoordigers voor de werkgevers:"  # the whole clause as the lead
    assert repeated_lead(whole, f"{whole} De heer Erik Magnus") == len(whole) + 1
    # no colon, or no repeat: nothing to leave out
    assert repeated_lead("De sector engageert zich,", "De sector engageert zich, en meer") == 0
    assert repeated_lead(before, "Mevrouw Hilde Crevits") == 0


def test_a_noun_that_only_classifies_what_is_asked_names_no_topic():
    from assistant.answer.asking import form_stems

    assert form_stems("Welk soort bijkomende oproepen stelt Fedustria voor?") == {stem("soort")}
    assert form_stems("Welke drie soorten oproepen zijn er?") == {stem("drie"), stem("soorten")}
    assert form_stems("Welke vormen zijn er?") == frozenset()  # nothing follows: the noun is what is asked
    vocabulary = VocabularyIndex(idf_table(["Fedustria stelt nieuwe open oproepen voor.", "Een soort overleg."]))
    q = profile("Welk soort oproepen stelt Fedustria voor?", vocabulary)
    assert stem("soort") not in q.weights and q.asked == (stem("oproepen"),)


def test_what_a_question_asks_second_names_no_topic():
    """"Naar welk fonds gaat de toelage ..., en in welke stad is dat gevestigd?" asks a city too: a
    word only a few documents open with ("stad") is no topic the answer's document must hold; a
    question word before a preposition ("en hoeveel in de negende generatie?") names its topic."""
    from assistant.answer.asking import later_asked_stems

    two = "Naar welk fonds gaat de toelage van het kappersconvenant 2013-2014, en in welke stad is dat gevestigd?"
    assert later_asked_stems(two) == (stem("stad"),) and asked_stems(two) == (stem("fonds"),)
    assert later_asked_stems("Hoeveel convenants waren er in 2021-2022, en hoeveel in de negende generatie?") == ()
    assert later_asked_stems("Welke sector tekende in 2013?") == ()
    vocabulary = VocabularyIndex(idf_table(["Het fonds in Gent.", "De stad Antwerpen.", "De toelage."]))
    q = profile(two, vocabulary)
    assert stem("stad") in q.weights and stem("stad") not in q.topic_candidates
    assert stem("toelage") in q.topic_candidates


def test_a_count_is_near_a_question_word_counted_in_content_words():
    """"8 vertegenwoordigers van de representatieve werkgeversorganisaties" holds a count three
    content words before "werkgeversorganisaties": articles and prepositions do not push the asked
    noun out of the window; four content words do."""
    from assistant.answer.values import value_near

    asked = {stem("zetels"): 1.0, stem("werkgeversorganisaties"): 1.0}
    near = "De raad telt: 8 vertegenwoordigers van de representatieve werkgeversorganisaties van de sector."
    assert value_near(near, "amount", asked, asked=(stem("zetels"),)) == 1.0
    far = "De raad telt 8 vertegenwoordigers uit verschillende grote regionale werkgeversorganisaties."
    assert value_near(far, "amount", asked, asked=(stem("zetels"),)) == 0.0
    # a date's or year's window counts every word: "18/10/2023: De sociale gesprekspartners ..." is not
    # near "social profit" three content words on
    year = {s: 1.0 for s in tokens("In welk jaar is de paritaire organisatie van de social profit ontstaan?")}
    assert value_near("18/10/2023: De sociale gesprekspartners voor de socialprofitsectoren tekenden.", "year", year) == 0.0


def test_a_sum_of_money_in_millions_or_as_a_share_of_the_wage_bill():
    """"147 miljoen €" is a sum with its currency after it; a contribution or refund set as a share
    of the wage bill ("maximum 0,10% van de loonmassa") is how a sector fund states a sum, and leads
    the answer to "Hoe hoog is de tussenkomst?"; a share of something else is no sum."""
    money = {stem("tussenkomst"): 1.0}
    assert has_type("Ze gaven niet minder dan 147 miljoen € uit.", "money")
    assert lead_value("Ze gaven niet minder dan 147 miljoen € uit.", "money", money) == "147 miljoen €"
    unit = "Daartegenover staat een tegemoetkoming van maximum 0,10% van de loonmassa van de onderneming."
    assert has_type(unit, "money") and lead_value(unit, "money", money) == "0,10% van de loonmassa"
    assert has_type("De bijdrage is vastgelegd op 0,20% van de brutolonen.", "money")
    assert not has_type("30% van de subsidie is resultaatsfinanciering.", "money")


def test_a_code_or_a_number_the_question_names_leads_no_count():
    """A number written with a leading zero is a code ("werkgeverscategorie 087"), never a count (a
    group of "120 000" is no code); a number the question names itself ("categorie 187") does not
    lead the answer to "Hoeveel werkgevers ...?"."""
    from assistant.answer.values import _counts

    assert not has_type("Een nieuwe werkgever krijgt automatisch de werkgeverscategorie 087.", "amount")
    assert [m.group(0) for m in _counts("120 000 mensen extra aan het werk")] == ["120 000 mensen"]
    q = {s: 1.0 for s in tokens("Hoeveel werkgevers vallen onder werkgeverscategorie 187?")}
    assert lead_value("Een overzetting van categorie 187 naar 087 is geen probleem.", "amount", q, (stem("werkgevers"),)) is None
    assert lead_value("Er vallen 1.250 werkgevers onder categorie 187.", "amount", q, (stem("werkgevers"),)) == "1.250 werkgevers"
    # the whole number is compared as the question writes it, not its leading digits
    q = {s: 1.0 for s in tokens("Hoeveel werkgevers telde de sector op 1 januari?")}
    assert lead_value("Op 1 januari telde de sector 1.250 werkgevers.", "amount", q, (stem("werkgevers"),)) == "1.250 werkgevers"
    q = {s: 1.0 for s in tokens("Zijn het er nog altijd 1.250 werkgevers, of hoeveel werkgevers zijn het nu?")}
    assert lead_value("Vroeger waren er 1.250 werkgevers, nu 1.400 werkgevers.", "amount", q, (stem("werkgevers"),)) == "1.400 werkgevers"


def test_a_year_asked_by_a_compound_of_jaar_names_the_form_not_the_answer():
    """"In welk opleidingsjaar ...?" asks a year as "In welk jaar ...?" does: the compound names the
    value's form, so a unit that repeats it ("Het opleidingsjaar 2018-2019 was uitzonderlijk") is not
    the answer by that word; a grade ("leerjaar") or an age ("levensjaar") is what is asked."""
    from assistant.answer.asking import cue_stems

    assert cue_stems("In welk opleidingsjaar bereikte het aantal uren een piek?") == {stem("opleidingsjaar"), stem("aantal")}
    assert cue_stems("In welk leerjaar zit de leerling?") == frozenset()
    assert cue_stems("Vanaf welk levensjaar mag dat?") == frozenset()
    q = profile("In welk opleidingsjaar bereikte het aantal uren een piek?",
                VocabularyIndex(idf_table(["Het opleidingsjaar 2018-2019.", "Een piek in 2014-2015."])))
    assert q.kind == "year" and q.asked == ()


def test_an_address_holds_no_count():
    """A house number, box number and postcode count nothing: a contact block answers no "Hoeveel
    ...?"; a number before a capitalised noun that follows no street is a count ("1500 Vlamingen")."""
    from assistant.answer.values import has_type, value_near

    contact = "IDEA Consult NV Kunstlaan 1-2, bus 16 B 1210 Brussel T: F: info@ideaconsult.be"
    assert not has_type(contact, "amount")
    assert value_near(f"Luc Sels, KU Leuven, {contact}", "amount", {stem("consult"): 1.0}) == 0.0
    assert has_type("Dit jaar kwamen 1500 Vlamingen naar het event.", "amount")
    assert value_near("Adres: Kerkstraat 12, 1210 Brussel. Er waren 16 focusgroepen.", "amount",
                      {stem("focusgroepen"): 1.0}) == 1.0
    assert has_type("Bel 02 553 44 33 of kom langs.", "amount") is False


def test_a_sum_of_money_counts_no_asked_noun():
    """"Hoeveel bedrijfscontacten ...?" asks a count of what it names: a subsidy's sum in euro does
    not answer it; an amount asked without a noun, or by a money noun, may be a sum."""
    from assistant.answer.values import counted, has_type, type_strength, value_near

    unit = "Een maximale toelage van 392.000,00 EUR wordt uitbetaald aan V.V.S.G. vzw voor de bedrijfscontacten."
    contacts = asked_stems("Hoeveel bedrijfscontacten moest de sector realiseren?")
    assert counted("amount", contacts) == "count" and counted("amount", ()) == "amount"
    assert counted("amount", asked_stems("Hoeveel werkingsmiddelen krijgt de sector?")) == "amount"
    assert not has_type(unit, "amount", contacts) and type_strength(unit, "amount", contacts) == 0.0
    assert value_near(unit, "amount", {stem("bedrijfscontacten"): 1.0}, asked=contacts) == 0.0
    assert has_type(unit, "amount") and has_type(unit, "amount", asked_stems("Hoeveel werd er uitgetrokken?"))
    assert has_type("Er waren 1.250 bedrijfscontacten.", "amount", contacts)


def test_an_identifier_or_article_number_is_no_count():
    """An enterprise or account number and the number of an article, section or annex count
    nothing: "Artikel 1 ... (ondernemingsnummer: 0872.324.958) ter financiering van 6 VTE
    sectorconsulenten" holds one count, which leads the answer to "Hoeveel sectorconsulenten ...?";
    a count written with thousands separators stays a count."""
    from assistant.answer.values import has_type, lead_value

    unit = ("Artikel 1. De Vlaamse Regering betaalt een maximale subsidie van 636.000,00 EUR aan het Vormingsfonds "
            "vzw, Xxxxxxxxx 00x xxx 000 xx 0000 Xxxxxxx (ondernemingsnummer: 0872.324.958 - bankrekeningnummer: "
            "XX00 0000 0000 0000) ter financiering van 6 VTE sectorconsulenten.")
    consultants = asked_stems("Hoeveel sectorconsulenten heeft de uitzendsector?")
    assert lead_value(unit, "amount", {stem("sectorconsulenten"): 1.0, stem("uitzendsector"): 1.0}, consultants) == "6 VTE"
    assert not has_type("Artikel 5. De sector verbindt er zich toe de subsidie aan te wenden.", "amount")
    assert not has_type("Zie bijlage 2 en § 3 (ondernemingsnummer: 0451.857.573).", "amount", consultants)
    assert lead_value("In 2010 werkten er 141.968 Vlamingen bij een lokaal bestuur.", "amount", {}) == "141.968 Vlamingen"


def test_a_premium_contribution_or_refund_is_a_sum_of_money():
    """"premie", "bijdrage" and "tussenkomst" name sums of money, alone or as a compound's head."""
    from assistant.answer.kinds import names_money

    assert answer_type("Hoeveel premie per opleidingsuur betaalt Vormelek uit?") == "money"
    assert names_money(asked_stems("Hoeveel werkgeversbijdrage betaalt een bedrijf?"))
    assert answer_type("Hoeveel tussenkomst krijg ik voor een cursus?") == "money"
    assert not names_money(asked_stems("Hoeveel cursisten volgen de opleiding?"))


def test_an_ordinal_ranks_and_counts_nothing():
    """"7de specialisatiejaar", "3de graad" and "achtste generatie" rank: they answer "De hoeveelste
    ...?" (kind "rank"), never "Hoeveel ...?"; "11 trajecten" beside them is the count."""
    from assistant.answer.values import _counts

    line = "Elektrotechnicus duaal (7de specialisatiejaar); Podiumtechnieken duaal (3de graad TSO)"
    assert _counts(line) == [] and not has_type(line, "amount") and has_type(line, "rank")
    assert [m.group(0) for m in _counts("Volta ondersteunt 11 trajecten in de 21ste eeuw")] == ["11 trajecten"]
    assert lead_value("Inleiding: 8ste generatie sectorconvenants", "rank", {}) == "8ste generatie"
    assert lead_value("Dit is de achtste generatie.", "rank", {}) == "achtste generatie"
    assert answer_type("Hoeveel trajecten ondersteunt Volta?") == "amount"


def test_a_fuller_value_leads_only_from_the_best_units_document():
    """When the best unit lacks the asked value, a unit that holds it leads (typed_ratio) only from
    the same document: another document's year is not the one asked about."""
    from assistant.answer.choice import choose

    best = Candidate("Het FVB en minister Smet ondertekenden maandag een convenant.", 0, 0, {"typed": 0.0}, 1.0)
    other = Candidate("Sectorconvenant 2013-2014 van de bouwsector.", 1, 0, {"typed": 1.0}, 0.12)
    same = Candidate("Dat was in 2005.", 0, 1, {"typed": 1.0}, 0.12)
    assert choose([best, other], 0.2, 0.02, value_asked=True, documents=["fvb", "bouw"])[0] is best
    assert choose([best, other], 0.2, 0.02, value_asked=True)[0] is other  # without documents: as before
    assert choose([best, same, other], 0.2, 0.02, value_asked=True, documents=["fvb", "bouw"]) == [same, best]


def test_a_sectors_compound_is_had_by_its_bare_name():
    """A page on "de bouw" has the topic "bouwsector" (general covenant vocabulary: "Xsector" is the
    sector X); a page on neither has it not."""
    from assistant.answer.topics import _Words

    bouw = _Words.of(frozenset(tokens("Jaarlijks zoeken we in de bouw 12.500 mensen.")))
    assert bouw.has(stem("bouwsector")) and bouw.has(stem("bouw"))
    assert not _Words.of(frozenset(tokens("De horeca zoekt koks."))).has(stem("bouwsector"))


def test_a_website_names_what_it_hosts():
    """"Hoe heet de digitale bibliotheek ...?" is answered by "... digitale bibliotheek:
    buildingyourlearning.be": a website is a name; an e-mail address is not one."""
    assert has_type("Leerkrachten kunnen terecht in onze digitale bibliotheek: buildingyourlearning.be.", "who")
    assert not has_type("Leerkrachten kunnen terecht in onze digitale bibliotheek.", "who")
    assert not has_type("mail naar info@constructiv.be voor meer", "name")
