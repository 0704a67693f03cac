"""Forms met on unseen fund and news pages (the twenty-fourth to twenty-sixth writers' first runs):
a fund named by its address or in passing, a sector word that is none, a year named by its place
in time, an object "het" that points back, a compound of "geld"."""

from __future__ import annotations

import pytest

from assistant.answer.entities import coverage, sector_names, sector_words
from assistant.answer.kinds import answer_type
from assistant.answer.topics import self_named
from assistant.answer.values import has_type, lead_value, type_strength
from assistant.followup import is_followup


def test_a_name_of_two_words_is_mentioned_by_the_address_that_writes_it_as_one():
    assert coverage(["horeca forma"], "De arbeidsdeal (vlaanderen horecaforma)") == 1.0
    assert coverage(["commerce training"], "Richtlijnen (commercetraining)") == 1.0
    assert coverage(["horeca forma"], "De horeca kiest een andere forma") == 0.0


@pytest.mark.parametrize("question", [
    # an infinitive before a conjunction ends its clause: a verb, no sector
    "Hoe lang moet een chauffeur al in de sector werken voordat zijn werkgever de tussenkomst kan krijgen?",
    # "sector" as the first part of a compound names no sector with the adjective before it
    "Op hoeveel opleidingsdagen hebben werknemers recht, als er geen afwijkende sector-cao is?",
])
def test_a_verb_or_an_adjective_of_a_compound_names_no_sector(question):
    assert sector_names(question) == []


def test_sector_names_still_read_by_form():
    assert sector_names("Hoeveel krijgt de audiovisuele sector?") == ["audiovisuele"]
    assert sector_names("Hoeveel consulenten werken in de sector bouw?") == ["bouw"]


def test_an_industry_named_as_such_is_a_sector():
    assert sector_names("Wanneer werd het partnerschap voor de voedingsindustrie bekrachtigd?") == ["voedings"]
    assert sector_names("Hoeveel werknemers telt de papiernijverheid?") == ["papier"]
    assert sector_names("Wat verwacht de industrie van de overheid?") == []  # industry as such names none


def test_a_union_named_by_an_acronym_and_a_sector_word_names_no_sector():
    """"ACV-Metaal" is a union that signs many covenants (the montage protocol's too): its sector word
    does not make the question ask about the metal sector; the sector named apart still counts."""
    known = sector_words(["Metaal- en technologische industrie", "Bouw"])
    assert sector_names("En wie tekende er namens ACV-Metaal?", known) == []
    assert sector_names("Wie tekende namens ACV-Bouw?", known) == []
    assert sector_names("Wie tekende het convenant van de metaal namens ABVV-Metaal?", known) == ["metaal"]
    assert sector_names("Hoeveel consulenten heeft de bouw?", known) == ["bouw"]


def test_a_page_is_about_the_fund_it_names_in_passing_when_the_name_holds_its_publisher():
    text = "Sectoraal opleidingskrediet\n\nJe kan het inzetten voor opleidingen van Sociaal Fonds Podiumkunsten."
    source = {"source": "https://www.podiumkunsten.be/loopbaan/sectoraal-opleidingskrediet"}
    assert self_named(["sociaal fonds podiumkunsten"], source, text) == "sociaal fonds podiumkunsten"
    # the page must write the name, and the name must hold the publisher's
    assert self_named(["sociaal fonds podiumkunsten"], source, "Sectoraal opleidingskrediet") == ""
    assert self_named(["sociaal fonds podiumkunsten"], {"source": "https://www.cevora.be/x"}, text) == ""
    assert self_named(["sociaal fonds podiumkunsten"], {}, text) == ""


def test_a_month_of_a_year_named_by_its_place_in_time_is_a_date():
    deadline = "Premie-aanvragen kunnen worden aangevraagd tot februari van het daaropvolgende jaar."
    assert has_type(deadline, "date") and type_strength(deadline, "date") == 1.0
    assert lead_value(deadline, "date", {}) == "februari van het daaropvolgende jaar"


def test_a_year_named_by_its_place_in_time_is_half_a_date_or_period():
    paid = "Deze premie wordt automatisch uitbetaald in het begin van het volgende jaar."
    # a date of its kind, less precise than a day or a month of a year
    assert type_strength(paid, "date") == 0.5 and has_type(paid, "date")
    assert lead_value(paid, "date", {}) == "begin van het volgende jaar"
    window = "De aanvraag wordt ingediend voor opleidingen gevolgd in het lopende of het voorgaande kalenderjaar."
    assert type_strength(window, "period") == 0.5 and has_type(window, "period")
    assert type_strength("De aanvraag wordt ingediend bij het fonds.", "date") == 0.0
    assert not has_type("De aanvraag wordt ingediend bij het fonds.", "date")


HISTORY = [{"role": "user", "content": "Hoeveel bedraagt het vormingsbudget?"}, {"role": "assistant", "content": "640 euro."}]


@pytest.mark.parametrize("question, followup", [
    ("Tot wanneer kan ik het nog aanvragen als mijn opleiding al afgelopen is?", True),
    ("Hoe vraag ik het aan?", True),
    ("Kan ik het formulier online indienen?", False),  # the article before a noun
    ("Is het nodig om een attest te hebben?", False),  # a dummy subject
])
def test_an_object_het_after_the_subject_points_back(question, followup):
    assert is_followup(question, HISTORY) is followup
    assert is_followup(question, None) is False


def test_a_compound_of_geld_asks_money():
    assert answer_type("Hoeveel inschrijvingsgeld vraagt het fonds voor de opleiding?") == "money"
    assert answer_type("Hoe lang is het attest geldig?") == "period"


def test_a_pages_date_line_is_no_part_of_a_quote_or_a_title_shown():
    from assistant.answer.dating import document_year, undated
    from assistant.turn.answer import not_found_text
    from assistant.types import Chunk, ScoredChunk

    text = "date 2022-01 Het aantal leerlingen is met een vijfde toegenomen."
    assert undated(text) == "Het aantal leerlingen is met een vijfde toegenomen."
    assert undated("date 2022-01-15: Het bericht.") == "Het bericht."
    assert undated("Het aantal van 2022-01 blijft.") == "Het aantal van 2022-01 blijft."
    assert document_year(text) == 2022  # the signals still read the date
    chunk = Chunk(id="k#0", doc_id="k", title="Date 2022-01 Het aantal leerlingen", doc_type="nieuwsbericht", section="",
                  position=0, start=0, end=len(text), text=text, content_hash="h")
    assert "‘Het aantal leerlingen’" in not_found_text([ScoredChunk(chunk, 1.0, ("dense",))])


@pytest.mark.parametrize("text, years", [
    ("Zo snel zelfs dat 2000 vacatures niet ingevuld geraken.", []),  # a count of a noun
    ("In 2019 werden 5 projecten goedgekeurd.", ["2019"]),  # a verb follows a year
    ("Hoeveel werknemers volgden in 2021 een gratis opleiding?", ["2021"]),
    ("Hoeveel délégués namen in 2024 effectief deel?", ["2024"]),  # an adverb
    ("het convenant 2023-2025 loopt", ["2023", "2024", "2025"]),
])
def test_a_number_that_counts_the_noun_after_it_is_no_year(text, years):
    from assistant.answer.entities import years_of

    assert years_of(text) == years


def test_welk_deel_van_asks_a_share_and_deel_names_no_counted_noun():
    from assistant.answer.asking import cue_stems

    question = "En welk deel van de deelnemers in 2012 behaalde dat certificaat?"
    assert answer_type(question) == "amount"
    assert "del" in cue_stems(question)  # the value's form, as "percentage" or "aandeel" is
    assert answer_type("Welk aandeel van de inschrijvingen was vrouw?") == "amount"
    assert answer_type("Welk minimumaandeel theorie moet een opleiding bevatten?") == "amount"  # a compound of it


def test_a_month_named_with_its_year_names_no_topic():
    from assistant.answer.dating import month_stems, time_stems

    assert month_stems("Hoeveel euro voorzag het akkoord van december 2020?") == {"december"}
    assert month_stems("Wat zegt het decreet van 17 februari 2023?") == frozenset()  # a day: a text's date
    assert time_stems("Hoeveel euro voorzag het akkoord van december 2020?") == frozenset()  # still a weighed word


def test_a_document_that_writes_a_compounds_parts_uses_the_topic():
    from types import SimpleNamespace

    from assistant.answer.topics import TopicIndex
    from assistant.textnl import stem

    doc = SimpleNamespace(title="Opleidingsproject", metadata={}, doc_type="webpagina",
                          text="Ook opdrachten als interim tellen mee voor de anciënniteit.")
    other = SimpleNamespace(title="Vakantie", metadata={}, doc_type="webpagina", text="Over vakantie en verlof.")
    index = TopicIndex.from_documents({"project": doc, "vakantie": other})
    topic = stem("interimopdrachten")
    assert index.coverage([topic], "project") == 1.0
    assert index.coverage([topic], "vakantie") == 0.0


def test_a_rate_per_unit_of_measure_is_given_by_its_abbreviation():
    from assistant.answer.gate import _abbreviates

    assert _abbreviates("km", "kilometer") and _abbreviates("wk", "week")
    assert not _abbreviates("km", "maand") and not _abbreviates("kilometer", "km")
    from types import SimpleNamespace

    from assistant.answer.gate import rate_verdict

    text = "De fietsvergoeding stijgt van 0,23 euro per km naar 0,24 euro per km."
    unit = SimpleNamespace(text=text, rank=0, order=1)
    hit = SimpleNamespace(chunk=SimpleNamespace(title="Sectorakkoord", header=""))
    selection = SimpleNamespace(text=text, kind="money", candidates=(unit,), hits=(hit,), parts=(), conflict=False)
    assert rate_verdict("Hoeveel bedraagt de fietsvergoeding per kilometer?", selection).answerable
    assert not rate_verdict("Hoeveel bedraagt de fietsvergoeding per maand?", selection).answerable


def test_op_welk_moment_asks_a_date_and_a_season_of_the_year_answers_it():
    from assistant.answer.asking import cue_stems
    from assistant.textnl import stem

    question = "Op welk moment van het jaar berekent het fonds zelf hoeveel opleidingsvergoeding een bedrijf krijgt?"
    assert answer_type(question) == "date"
    assert stem("moment") in cue_stems(question)
    unit = "We berekenen één maal per jaar hoeveel de vergoeding bedraagt (in het voorjaar, volgende op het cursusjaar)."
    assert type_strength(unit, "date") == 0.5 and not has_type(unit, "date")  # less than a date
    assert type_strength("Het akkoord kwam er in de zomer van 2021.", "date") == 1.0


def test_an_elided_compound_names_its_sector():
    assert sector_names("Hoeveel bedraagt de toelage in het sectorconvenant van de metaal- en technologische industrie?") == ["metaal"]


def test_every_retrieved_document_about_the_named_sector_may_answer():
    """Two copies of one covenant (one with its opening only, one with its articles): both are read."""
    from types import SimpleNamespace

    from assistant.answer.entities import Mentions
    from assistant.turn.answer import answer_documents

    def hit(doc_id: str):
        chunk = SimpleNamespace(doc_id=doc_id, title=doc_id, metadata={}, doc_type="sectorconvenant", text="")
        return SimpleNamespace(chunk=chunk)

    documents = {
        "metaal-a": SimpleNamespace(text="Sectorconvenant van de sector metaal. Tussen de Vlaamse Regering ..."),
        "lokale-besturen": SimpleNamespace(text="Sectorconvenant van de sector lokale besturen. Artikel 1 ..."),
        "metaal-b": SimpleNamespace(text="Contract. Sectorconvenant van de sector metaal. Artikel 1. 882.000 EUR"),
    }
    q = SimpleNamespace(named=Mentions(sectors=("metaal",)))
    hits = [hit("metaal-a"), hit("lokale-besturen"), hit("metaal-b")]
    assert answer_documents(q, hits, documents) == ["metaal-a", "metaal-b"]


def test_an_approximate_number_word_is_a_count():
    assert has_type("Een vierhonderdtal leden worden vertegenwoordigd door de federatie.", "count")
    assert has_type("Een twintigtal bedrijven deden mee.", "amount")
    assert not has_type("Het talent van de leden.", "count")


def test_the_documents_about_a_named_sector_are_those_whose_opening_names_it():
    from types import SimpleNamespace

    from assistant.answer.topics import about_named

    documents = {
        "convenant": SimpleNamespace(title="Sectorconvenant 2018-2019 textielverzorging (PC 110)", metadata={},
                                     doc_type="sectorconvenant", text="Tussen de Vlaamse Regering en de sector textielverzorging ..."),
        "verslag": SimpleNamespace(title="Commissievergadering", metadata={}, doc_type="verslag",
                                   text="Vraag over de werkloosheid." + " tekst" * 400 + " De textielverzorging ..."),
    }
    assert about_named(("textielverzorging",), documents) == ("convenant",)
    assert about_named(("110",), documents) == ("convenant",)
    assert about_named(("bouw",), documents) == ()


@pytest.mark.parametrize("question, kind", [
    # a number of days before a deadline counts days, though "ten laatste" names a deadline
    ("Hoeveel werkdagen vóór de start van de opleiding moet een werkgever de premie ten laatste aanvragen?", "amount"),
    ("Hoeveel dagen duurt de opleiding?", "period"),
    ("Tot wanneer kan ik de premie ten laatste aanvragen?", "date"),
    # the hours of a day a thing happens at or between are a time
    ("Tussen welke uren moet een opleiding plaatsvinden?", "time"),
    ("Om welk uur start de cursus?", "time"),
    ("Hoeveel uren opleiding krijgt elke werknemer?", "amount"),
])
def test_days_before_a_deadline_count_and_the_hours_of_a_day_are_a_time(question, kind):
    assert answer_type(question) == kind


def test_the_private_or_public_sector_names_no_sector():
    from assistant.answer.entities import named_by

    assert named_by("Vanaf welk schooljaar konden werknemers in de privésector 125 uur opleidingsverlof opnemen?").sectors == ()
    assert named_by("Geldt dat ook voor werknemers uit de openbare sector?").sectors == ()
    assert named_by("Hoeveel consulenten heeft de bouwsector?").sectors == ("bouw",)


def test_a_hyphenated_name_is_one_name():
    from assistant.answer.entities import proper_names

    assert proper_names("Een metaalbedrijf in West-Vlaanderen vraagt het aan Tofam.") == ["West-Vlaanderen", "Tofam"]
    assert proper_names("Wie leidt het Sociaal Fonds voor het Sociaal-Cultureel Werk?") == ["Sociaal Fonds voor het Sociaal-Cultureel Werk"]
    assert proper_names("En wie tekende er namens ACV-Metaal?") == ["ACV", "Metaal"]  # an acronym's parts stay apart


def test_a_page_of_the_publisher_the_question_names_is_about_the_sector_named_with_it():
    """A fund's page that names no sector and no comité in its opening ("Algemene voorwaarden
    opleidingspremie" on grafoc.be) is about the sector the question names with the fund; it is
    about a comité the question names only when the page names that one or none."""
    from assistant.answer.topics import subject_named

    opening = "Algemene voorwaarden opleidingspremie (grafoc) Voor goedgekeurde dossiers is een tussenkomst van 35%."
    assert subject_named(("grafische",), opening, opening, published="grafoc") == "grafische"
    assert subject_named(("grafische",), opening, opening) == ""  # not the publisher's name: as before
    with_comite = f"{opening} Voor werknemers van PSC 140.01."
    assert subject_named(("autobus", "200"), opening, with_comite, published="sociaal fonds") == "autobus"
    assert subject_named(("140.01",), opening, with_comite, published="sociaal fonds") == "140.01"
    # an opening that names a sector or a comité says what the page is about itself
    assert subject_named(("grafische",), "Premie bedienden privésector (PC 200)", opening, published="cevora") == ""


def test_a_unit_under_a_line_that_names_comites_is_about_them():
    """On a page of several comités, a sentence under a list line that names them ("de doelgroep
    zijn arbeiders uit Garagebedrijven (PC 112)") speaks of those comités, even after a label of
    its own ("Formele criteria"); one under the next comité's line does not."""
    from assistant.answer.select import AnswerSelector, VocabularyIndex, idf_table, profile
    from assistant.types import Chunk, ScoredChunk

    text = ("Formele criteria\nDe doelgroep zijn arbeiders uit Garagebedrijven (PC 112).\n"
            "De opleiding duurt minstens 8 uur en vindt plaats tijdens de werkuren.\n\n"
            "Metaalhandel\nDe doelgroep zijn arbeiders uit de Metaalhandel (PC 149.04).\n"
            "De opleiding duurt minstens 16 uur en vindt plaats tijdens de werkuren.")
    q = profile("Hoe lang moet een opleiding in een garagebedrijf (PC 112) minstens duren?", VocabularyIndex(idf_table([text])))
    assert q.named.pcs == ("112",)
    c = Chunk("e", "educam", "Erkenning van opleidingen", "pagina", "Erkenning", 0, 0, len(text), text, "e")
    doc = type("Doc", (), {"text": "Erkenning van opleidingen. Sommige opleidingen worden erkend.\n" + "x " * 400 + text})()
    ranked = AnswerSelector().candidates(q, [ScoredChunk(c, 1.0)], units={}, query_vector=None,
                                         dense_scores={}, documents={c.doc_id: doc})
    about = {cand.text: cand.features["sector_about"] for cand in ranked}
    assert about["De opleiding duurt minstens 8 uur en vindt plaats tijdens de werkuren."] == 1.0
    assert about["De opleiding duurt minstens 16 uur en vindt plaats tijdens de werkuren."] == 0.0


@pytest.mark.parametrize(("question", "kind"), [
    ("Via welke middelen wil de handelssector helpen om kwalitatieve ondernemingen te selecteren?", "name"),
    ("Welke middelen krijgt de sector voor duaal leren?", "money"),
    ("Met welke bijdrage op de brutoloonmassa wordt het fonds gefinancierd?", "money"),
    # "hoe snel" asks within what time
    ("Hoe snel na de opleiding moet iemand in dienst komen opdat de werkgever de kosten terugkrijgt?", "period"),
    # "op basis waarvan ... verdeeld" asks the basis of a division, "hoe ... verdeeld" its shares
    ("Op basis waarvan werd het beschikbare vormingsbudget over de sociale werkplaatsen verdeeld?", None),
    ("Hoe is de financiering verdeeld over inspanningen en resultaten?", "amount"),
    ("Wat is het webadres van het opleidingsfonds?", "website"),
])
def test_forms_of_means_basis_and_time_within(question, kind):
    assert answer_type(question) == kind


def test_a_page_that_writes_a_names_acronym_names_it():
    """"SFSCW" on a fund's page is the "Sociaal Fonds voor het Sociaal-Cultureel Werk" (function
    words skipped, a hyphen's parts apart): the page names every part of it the question names."""
    from assistant.answer.entities import mentions, with_acronyms

    named = mentions("Hoeveel leden telt het beheerscomité van het Sociaal Fonds voor het Sociaal-Cultureel Werk?")
    assert named.phrases and len(named.names) == 2
    opening = "SFSCW\nHet vormingsfonds van de socioculturele sector bestaat al vanaf 1997."
    assert coverage(named.names, opening) == 0.0
    assert coverage(named.names, with_acronyms(opening, named.phrases)) == 1.0
    # another fund's acronym, or the letters inside a word, are not it
    assert with_acronyms("SFTL\nHet fonds van de logistiek.", named.phrases) == "SFTL\nHet fonds van de logistiek."
    assert coverage(named.names, with_acronyms("De SFSCWX-regeling.", named.phrases)) == 0.0


def test_a_span_of_years_other_than_the_asked_one_is_another_period():
    """"het schooljaar 2022-2023" is not 2023-2024, though the two share 2023: a unit whose spans
    are all others speaks of another period; a unit of the asked span, or of one year, does not."""
    from assistant.answer.dating import other_span
    from assistant.answer.select import AnswerSelector, VocabularyIndex, idf_table, profile
    from assistant.types import Chunk, ScoredChunk

    question = "Hoeveel aanvragen werden er goedgekeurd in het schooljaar 2023-2024?"
    assert other_span("In het schooljaar 2022-2023 werden 90.778 aanvragen goedgekeurd.", question)
    assert not other_span("In het schooljaar 2023-2024 werden 91.000 aanvragen goedgekeurd.", question)
    assert not other_span("In 2023 werden 91.000 aanvragen goedgekeurd.", question)
    assert not other_span("In het schooljaar 2022-2023 werden 90.778 aanvragen goedgekeurd.", "Hoeveel aanvragen in 2023?")
    text = "In het schooljaar 2022-2023 werden 90.778 aanvragen goedgekeurd."
    q = profile(question, VocabularyIndex(idf_table([text])))
    c = Chunk("v", "vov", "Vlaams opleidingsverlof", "pagina", "Cijfers", 0, 0, len(text), text, "v")
    ranked = AnswerSelector().candidates(q, [ScoredChunk(c, 1.0)], units={}, query_vector=None, dense_scores={}, documents={})
    assert ranked[0].features["year_other"] == 1.0


def test_a_term_does_not_answer_the_day_something_was_signed():
    """"Op welke datum werd het convenant ondertekend?" is not answered by the term it runs for
    ("van 1 januari 2013 tot en met 31 december 2014"); "Tot wanneer loopt het?" is, and a unit with
    the signing day besides its term answers both."""
    from types import SimpleNamespace

    from assistant.answer.dating import only_a_term
    from assistant.answer.gate import term_verdict

    term = "De Vlaamse Regering geeft voor de periode van 1 januari 2013 tot en met 31 december 2014 een subsidie."
    signed = "Het convenant, ondertekend op 3 mei 2013, loopt van 1 januari 2013 tot en met 31 december 2014."
    assert only_a_term(term) and not only_a_term(signed) and not only_a_term("Geen datum.")

    def selection(text):
        return SimpleNamespace(kind="date", candidates=(SimpleNamespace(text=text),), parts=())

    refused = term_verdict("Op welke datum werd het sectorconvenant 2013-2014 ondertekend?", selection(term))
    assert not refused.answerable and "looptijd" in refused.reason
    assert term_verdict("Op welke datum werd het sectorconvenant 2013-2014 ondertekend?", selection(signed)).answerable
    assert term_verdict("Tot wanneer loopt het sectorconvenant 2013-2014?", selection(term)).answerable


def test_a_compound_adjective_is_held_by_its_head():
    """"veelvoorkomende functies" are counted by "veertien vaak voorkomende functies"; a count of
    the noun with another adjective is not."""
    from types import SimpleNamespace

    from assistant.answer.gate import modifier_verdict

    question = "Voor hoeveel veelvoorkomende functies in de uitzendsector kan de competentietool worden ingezet?"

    def selection(text):
        unit = SimpleNamespace(text=text, rank=0, order=1)
        hit = SimpleNamespace(chunk=SimpleNamespace(title="Competentietool", header=""))
        return SimpleNamespace(kind="amount", text=text, candidates=(unit,), hits=(hit,), parts=(), conflict=False)

    asked = ("veelvoorkom", "functie")
    assert modifier_verdict(question, selection("De tool kan worden ingezet voor veertien vaak voorkomende functies."), asked).answerable
    assert not modifier_verdict(question, selection("De tool kan worden ingezet voor veertien administratieve functies."),
                                asked).answerable


def test_the_address_path_names_the_comite_and_year_of_a_page_that_does_not():
    """A union's page filed under ".../Industrie/PC-209-Metaal/CAO/" on the PC 209 sector agreement
    never writes "209"; a blog post under ".../2016/04/" never writes its year. Both belong to what
    the page is (its identity); a page that names comités itself keeps its own, not its section's."""
    from assistant.answer.topics import identity
    from assistant.types import address_facts

    union = "https://lbc-nvk.acv-online.be/lbc-nvk/Ik-werk/Industrie/PC-209-Metaal/CAO/default.html"
    assert address_facts(union) == "PC 209"
    assert address_facts("https://www.graphius.com/blog/2016/04/6568/") == "2016"
    assert address_facts("https://x.be/nl/psc-149-01/premie") == "PSC 149.01"
    assert address_facts("https://www.vlaamsparlement.be/plenaire-vergaderingen/611218/verslag/613390") == ""  # ids
    assert address_facts("https://www.werk.be/sectorconvenants-2023-2025") == "2023; 2025"
    assert address_facts(union, comites=False) == "" and address_facts("") == ""
    assert identity("Sectorakkoord", {"source": union}, text="Je loon stijgt met 1,1%.").endswith(") (PC 209)")
    assert "209" not in identity("Bedienden", {"source": union}, text="Wie in PC 218 werkte ...")
    assert sector_names("Met welke federatie sloten de bonden het akkoord voor PC 209?") == []
    assert coverage(["209"], identity("Sectorakkoord", {"source": union}, text="Geen comité.")) == 1.0


def test_the_date_of_an_event_named_as_a_moment_asks_no_date():
    """"op de datum van ontslag" says when an age is counted; the question asks the age."""
    assert answer_type("Vanaf welke leeftijd op de datum van ontslag moet een werknemer outplacement volgen?") == "amount"  # an age: a count of years
    assert answer_type("Hoeveel dagen na de datum van de factuur moet je indienen?") == "amount"
    assert answer_type("Op welke datum werd het convenant ondertekend?") == "date"
    assert answer_type("Wat is de datum van ondertekening?") == "date"


def test_a_speaker_named_by_a_title_or_given_the_floor_is_a_party_of_the_report():
    """A parliament report names its speakers deep in the text ("De heer Ronse heeft het woord.",
    "minister van Werk Hilde Crevits"): a question "volgens Ronse" names a party of that report,
    though its opening does not name him; a name without a title is no speaker."""
    from types import SimpleNamespace

    from assistant.answer.topics import TopicIndex

    text = ("Commissie Werk, vergadering van 3 juni.\n" + "Inleiding over het beleid. " * 40
            + "De heer Ronse heeft het woord. Dat blijkt uit het antwoord van Vlaams minister van Werk Hilde Crevits "
              "(CD&V) op een vraag. Ook Jan Peeters sprak.")
    index = TopicIndex.from_documents({"vp": SimpleNamespace(title="Verslag", text=text, metadata={}, doc_type="page")})
    parties = index.parties["vp"]
    assert coverage(["ronse", "crevits", "hilde crevits"], parties) == 1.0
    assert coverage(["peeters"], parties) == 0.0


def test_a_share_leads_without_the_word_after_it():
    assert lead_value("In 2020-2021 daalde het gebruik met 37% ten aanzien van het vorige jaar.", "amount", {"gebruik": 1.0}) == "37%"
    assert lead_value("Me een aandeel van 15% is het de grootste sector.", "amount", {"aandeel": 1.0}) == "15%"
    assert lead_value("Er engageren zich 38 sectoren.", "amount", {"sector": 1.0}, ("sector",)) == "38 sectoren"
