"""The answerability decision in one place (assistant/answer/gate.py)."""

from types import SimpleNamespace

from assistant.answer.entities import mentions, squash
from assistant.answer.gate import about_question, named_verdict, selection_verdict
from assistant.textnl import stem


def _selection(text="Het rapport is binnen op 1 maart.", answerable=0.8, best_focus=1.0):
    return SimpleNamespace(text=text, answerable=answerable, question_features={"best_focus": best_focus})


def test_a_named_period_no_document_mentions_is_not_found_and_named():
    verdict = named_verdict(mentions("Wat was de subsidie in 2031-2032?"), squash("convenant 2024-2025 subsidie"))
    assert not verdict.answerable
    assert "'2031'" in verdict.reason


def test_named_terms_the_index_mentions_pass():
    verdict = named_verdict(mentions("Wat is de subsidie voor de bouwsector?"), squash("Convenant bouwsector 2013"))
    assert verdict.answerable and verdict.reason == ""


def test_selection_below_threshold_or_without_text_is_refused():
    assert selection_verdict(_selection(), threshold=0.5).answerable
    assert not selection_verdict(_selection(answerable=0.4), threshold=0.5).answerable
    assert not selection_verdict(_selection(text=""), threshold=0.1).answerable


def test_a_follow_up_whose_own_words_are_unaddressed_is_decided_by_the_probability_alone():
    from assistant.answer.model import load_weights
    from eval.decision import QUESTION_FEATURES

    # a fitted signal (how much of the follow-up's own words the best unit holds), no rule of its own
    assert "best_focus" in QUESTION_FEATURES and "best_focus" in load_weights().answerable.names
    assert selection_verdict(_selection(best_focus=0.0), threshold=0.5).answerable
    assert not selection_verdict(_selection(best_focus=1.0, answerable=0.4), threshold=0.5).answerable


def test_sources_about_another_sector_fail_the_entity_check():
    named = mentions("Hoeveel subsidie krijgt de bouwsector?")
    assert about_question(named, ["Convenant bouwsector: subsidie 816.000 euro"])
    assert not about_question(named, ["Convenant kappers: subsidie 98.000 euro"])


def test_a_proper_name_of_several_words_no_document_mentions_is_not_found_and_named():
    index = squash("Het Fonds voor Bestaanszekerheid van het kappersbedrijf; Vlaanderen 2023")
    verdict = named_verdict(mentions("Wie won de Ronde van Vlaanderen in 2023?"), index)
    assert not verdict.answerable and "'ronde van vlaanderen'" in verdict.reason
    assert named_verdict(mentions("Waar is het Fonds voor Bestaanszekerheid gevestigd?"), index).answerable
    # single capitalised words are weighed by the fitted model, not refused here
    assert named_verdict(mentions("Wat zegt de FAQ over Vlaanderen?"), index).answerable


def test_a_name_is_mentioned_word_by_word_in_one_document_not_across_documents():
    docs = (squash("De heer Philippe Muyters, Vlaams minister van Werk, Economie en Innovatie"),
            squash("Bart Somers, viceminister-president en minister van Binnenlands Bestuur, Inburgering en Gelijke Kansen"),
            squash("Een ronde tafel over de sector"))
    index = "".join(docs)
    assert named_verdict(mentions("Vanaf welk jaar had minister Muyters Werk in zijn portefeuille?"), index, docs).answerable
    question = "Wie was bevoegd voor Binnenlands Bestuur en Gelijke Kansen?"
    assert not named_verdict(mentions(question), index).answerable  # not as written
    assert named_verdict(mentions(question), index, docs).answerable  # but word by word in one document
    # "ronde" and "vlaanderen" in different documents: still not found
    refused = named_verdict(mentions("Wie won de Ronde van Vlaanderen?"), index + squash("Vlaanderen"), docs + (squash("Vlaanderen"),))
    assert not refused.answerable and "'ronde van vlaanderen'" in refused.reason


def test_a_question_word_opening_a_rewritten_follow_up_is_no_name():
    named = mentions("Hoeveel mensen werken er in de binnenscheepvaart (Hoeveel Vlamingen werkten er in 2010)?")
    assert named.phrases == () and named.names == ("vlamingen",)
    assert mentions("Wat doet het Fonds voor Bestaanszekerheid (Wie Steunt Vlaamse Kappers)?").phrases == (
        "fonds voor bestaanszekerheid", "steunt vlaamse kappers")
    # a question word alone, not only one before the next word of a name
    assert mentions("En wat vormde de dwarsverbinding tussen die domeinen (Waarop stoelen de convenants)?").names == ()


def test_a_preposition_after_sector_or_convenant_names_no_sector():
    assert mentions("Waarvoor krijgt een sector volgens de FAQ van 2017 financiering?").sectors == ()
    assert mentions("Welke prioriteiten staan in zijn sectorconvenant volgens mediarte?").sectors == ()
    assert mentions("Wat doet de sector tijdens de zomer?").sectors == ()
    assert mentions("Hoeveel krijgt de sector bouw?").sectors == ("bouw",)
    assert mentions("Wie tekende het convenant van de grafische sector namens de werkgevers?").sectors == ("grafische",)
    # after "welke"/"een" the verb follows "sector": "Met welke sector kwam er ...?" names none
    assert mentions("Met welke sector kwam er een nieuw sectoraal partnerschap?").sectors == ()
    # after an indefinite determiner the covenant is any one, the word after it no sector's name
    assert mentions("Tot wanneer hadden sectoren met een lopend convenant tijd om dat in orde te brengen?").sectors == ()
    assert mentions("Op welke datum keurde de regering het sectorconvenant kleinhandel 2021-2022 goed?").sectors == ("kleinhandel",)
    # a period or generation is no sector: "het sectorconvenant van de generatie 2021-2022"
    assert mentions("Welk sectorconvenant van de generatie 2021-2022 was nog niet goedgekeurd?").sectors == ()


def test_a_sector_compound_after_convenant_names_the_sector_and_an_adverb_names_none():
    # "het convenant van de taxisector" names "taxi", as "het taxiconvenant" does (not "taxisector",
    # which no document writes as one word)
    assert mentions("Vanaf wanneer loopt het sectorconvenant van de taxisector?").sectors == ("taxi",)
    assert mentions("Tot wanneer loopt het taxiconvenant?").sectors == ("taxi",)
    # an uninflected adjective before a verb is an adverb ("kwalitatief laten instromen"); an
    # inflected one before a noun is part of the name ("de sector lokale besturen")
    assert mentions("Wie wil de taxisector met haar convenant kwalitatief laten instromen?").sectors == ("taxi",)
    assert mentions("Hoeveel consulenten heeft de sector lokale besturen?").sectors == ("lokale",)


def test_an_acronym_before_convenant_names_a_party_not_a_sector():
    # "het VIVO-convenant" is the covenant VIVO (a sector's fund) signed: a name its document must
    # mention, not the sector its opening states; "de ICT-sector" still names a sector
    vivo = mentions("In welke vier hoofdstukken is het VIVO-convenant 2018-2019 ingedeeld?")
    assert vivo.sectors == () and vivo.parties == ("vivo",) and "vivo" in vivo.names
    assert mentions("Wie tekende het ANPCB-protocol namens het VBO?").parties == ("anpcb",)
    assert mentions("Welke minister tekende het VIVO-sectorconvenant?").sectors == ()
    assert mentions("Hoeveel consulenten heeft de ICT-sector?").sectors == ("ict",)
    assert mentions("Tot wanneer loopt het bouwconvenant?").parties == ()
    # like a sector, a party no document mentions means the documents do not cover the question
    verdict = named_verdict(mentions("Wat staat er in het XYZ-convenant?"), squash("Het VIVO-convenant 2018-2019"))
    assert not verdict.answerable and "'xyz'" in verdict.reason
    assert named_verdict(vivo, squash("Het sectorconvenant 2018-2019 van VIVO")).answerable


def test_a_generation_no_document_mentions_is_not_found_and_named_in_any_writing():
    index = squash("De negende generatie sectorconvenants loopt van 2023 tot 2025. De 8ste generatie liep in 2021-2022.")
    verdict = named_verdict(mentions("Wanneer start de tiende generatie sectorconvenants?"), index)
    assert not verdict.answerable and "'10de generatie'" in verdict.reason
    # the same generation written as a word or a number, in the question or the documents
    assert named_verdict(mentions("Hoeveel sectoren telt de 9de generatie?"), index).answerable
    assert named_verdict(mentions("Wat was nieuw in de achtste generatie?"), index).answerable
    assert mentions("Wat was nieuw in de achtste generatie?").generations == ("8ste generatie",)
    # a generation without a number ("de vorige generatie") names none
    assert mentions("Wat veranderde er tegenover de vorige generatie?").generations == ()
    assert named_verdict(mentions("Wat veranderde er tegenover de vorige generatie?"), index).answerable


def test_a_person_named_only_by_a_placeholder_is_not_found():
    from assistant.answer.gate import masked_verdict

    def selection(text, kind="who"):
        return SimpleNamespace(kind=kind, candidates=(SimpleNamespace(text=text),))

    masked = "De xxxx Xxxxxx Xxx Xxxxxxxxx, Voorzitter ABVV Algemene Centrale;"
    question = "Wie is de voorzitter van ABVV Algemene Centrale die het addendum ondertekende?"
    verdict = masked_verdict(question, selection(masked))
    assert not verdict.answerable and "geanonimiseerd" in verdict.reason
    # the unit names someone or something the question does not: answered (by the model's decision)
    assert masked_verdict("Wie tekende voor de werknemers?", selection(masked)).answerable
    assert masked_verdict(question, selection("De heer Jan Sannen, Voorzitter ABVV Algemene Centrale;")).answerable
    # a blanked sum is no anonymised name, and a question that asks no person is not checked
    assert masked_verdict(question, selection("Een toelage van ,00 EUR aan ABVV Algemene Centrale.")).answerable
    assert masked_verdict(question, selection(masked, kind="name")).answerable
    # the person the question describes by names ("directeur Vlaanderen van Federgon") is the
    # anonymised one, though the description names more ("Research & Economic Affairs")
    federgon = "De xxxx Xxxx XXXXXXXXXXX, Directeur Research & Economic Affairs / Directeur Vlaanderen Federgon;"
    assert not masked_verdict("Wie is de directeur Vlaanderen van Federgon die tekende?", selection(federgon)).answerable
    assert masked_verdict("Wie is de directeur Vlaanderen van Agoria die tekende?", selection(federgon)).answerable


def test_an_asked_value_given_only_as_a_placeholder_is_not_found():
    """"Op welk bankrekeningnummer ...?" and the best unit gives the enterprise number, with the
    account number blanked: the documents do not give the account number."""
    from assistant.answer.gate import masked_verdict
    from assistant.answer.masks import unmasked

    def selection(text):
        return SimpleNamespace(kind="identifier", candidates=(SimpleNamespace(text=text),))

    blanked = ("85.000,00 EUR uit te betalen aan Vormingsfonds vzw (ondernemingsnummer: 0872.324.958 "
               "-bankrekeningnummer: XX00 0000 0000 0000)")
    question = "Op welk bankrekeningnummer wordt de toelage gestort?"
    verdict = masked_verdict(question, selection(blanked), ("bankrekeningnummer",))
    assert not verdict.answerable and "geanonimiseerd" in verdict.reason
    assert masked_verdict(question, selection(blanked), ("ondernemingsnummer",)).answerable
    given = blanked.replace("XX00 0000 0000 0000", "BE68 5390 0754 7034")
    assert masked_verdict(question, selection(given), ("bankrekeningnummer",)).answerable
    # a name in capital x's is a placeholder too
    assert unmasked("De xxxx Xxxx XXXXXXXXXXX, Directeur").split() == ["De", ",", "Directeur"]
def test_a_question_in_parts_is_held_to_the_period_each_part_names():
    """"Hoeveel convenants waren er in 2021-2022, en hoeveel in de negende generatie?": the whole
    question names both periods, so its best unit is of another period than one of them; each part's
    best unit is checked for the period that part names."""
    from assistant.answer.gate import of_other_period, period_verdict

    def unit(text, other):
        return SimpleNamespace(text=text, features={"year_other": float(other)})

    def part(*units):
        return SimpleNamespace(profile=SimpleNamespace(kind="amount"), candidates=units)

    whole = [unit("37 sectorconvenants in 2021-2022.", True)]
    parts = (part(unit("37 sectorconvenants in 2021-2022.", False)), part(unit("38 convenants in de negende generatie.", False)))
    assert of_other_period("amount", whole) is whole[0]
    assert of_other_period("amount", whole, parts) is None
    assert period_verdict(SimpleNamespace(kind="amount", candidates=whole, parts=parts, conflict=False)).answerable
    stale = (parts[0], part(unit("34 convenants in 2013.", True)))
    refused = period_verdict(SimpleNamespace(kind="amount", candidates=whole, parts=stale, conflict=False))
    assert not refused.answerable and "2013" in refused.reason


def test_a_count_no_year_dates_in_a_document_without_the_asked_year_is_not_found():
    """"Hoeveel vacatures ontving VDAB in 2019?" is not answered by "12.163 vacatures in de afgelopen 12
    maanden" of a page that never names 2019; in a document that names 2019 an undated unit may
    answer, and a date or a name is not held to the year."""
    from assistant.answer.gate import of_other_period, period_verdict

    def unit(text: str, year_doc: float):
        return SimpleNamespace(text=text, features={"year_other": 0.0, "year_doc": year_doc})

    undated = [unit("In de afgelopen 12 maanden ontving VDAB 12.163 vacatures.", 0.0)]
    assert of_other_period("amount", undated) is undated[0]
    assert of_other_period("money", undated) is undated[0]
    refused = period_verdict(SimpleNamespace(kind="amount", candidates=undated, parts=(), conflict=False))
    assert not refused.answerable and "andere periode" in refused.reason
    assert of_other_period("amount", [unit("In de afgelopen 12 maanden ontving VDAB 12.163 vacatures.", 1.0)]) is None
    assert of_other_period("amount", [unit("In 2019 ontving VDAB 12.163 vacatures.", 0.0)]) is None
    assert of_other_period("who", undated) is None


def test_a_unit_that_only_repeats_the_question_does_not_answer_it():
    from assistant.answer.gate import echo_verdict

    def selection(text, kind="name", answer=None):
        return SimpleNamespace(kind=kind, candidates=(SimpleNamespace(text=text),), conflict=False, parts=(),
                               text=answer if answer is not None else text)

    question = "Welke vijf sectoren werden als case onderzocht in de paper?"
    verdict = echo_verdict(question, selection("Vijf sectoren werden daarbij als case onderzocht."))
    assert not verdict.answerable and "herhaalt de vraag" in verdict.reason
    assert echo_verdict(question, selection("De bouw, de zorg en de chemie werden onderzocht.")).answerable
    # a number the question lacks is an answer; a yes/no or how-question may be answered in its own words
    assert echo_verdict("Hoeveel sectoren werden onderzocht?", selection("Vijf sectoren werden onderzocht.", "amount")).answerable
    assert echo_verdict("Kan het convenant verlengd worden?", selection("Het convenant kan verlengd worden.", None)).answerable
    # a FAQ's question line as the best unit: the sentence the answer gives after it answers
    faq = "Welke opleidingen komen in aanmerking voor een tussenkomst?"
    assert echo_verdict(faq, selection(faq, "name", f"{faq} Alle formele opleidingen van een externe partner.")).answerable
    assert not echo_verdict(faq, selection(faq, "name", faq)).answerable


def test_a_best_unit_of_another_sector_does_not_answer():
    """The question names a sector and the best unit's document names none of the named ones
    (``sector_about`` 0): another sector's figure is not the asked one; part by part for parts."""
    from assistant.answer.gate import sector_verdict

    def unit(about):
        return SimpleNamespace(text="Een toelage van 816.000 euro.", features={"sector_about": about})

    def selection(*units, parts=()):
        return SimpleNamespace(candidates=units, parts=parts, conflict=False)

    refused = sector_verdict(selection(unit(0.0)))
    assert not refused.answerable and "andere sector" in refused.reason
    assert sector_verdict(selection(unit(1.0))).answerable
    assert sector_verdict(selection(unit(0.5))).answerable  # one of two named sectors
    assert sector_verdict(selection(SimpleNamespace(text="x", features={}))).answerable  # no sector named
    parts = (SimpleNamespace(candidates=(unit(1.0),)), SimpleNamespace(candidates=(unit(0.0),)))
    assert not sector_verdict(selection(unit(1.0), parts=parts)).answerable


def test_a_covenant_s_period_may_stand_between_it_and_the_sector_it_is_of():
    question = "Hoeveel VTE sectorconsulenten financiert het sectorconvenant 2023-2025 van de binnenscheepvaart?"
    assert mentions(question).sectors == ("binnenscheepvaart",)
    assert mentions("Wat is de maximale toelage in het sectorconvenant 2021-2022 van de voedingsindustrie?").sectors == (
        "voedings",)
    # "van de sector X": the word "sector" itself names none (its name follows it)
    assert mentions("Wie tekende het sectorconvenant 2013-2014 van de sector lokale besturen?").sectors == ("lokale",)
    assert mentions("Welk sectorconvenant 2021-2022 van de generatie was nog niet goedgekeurd?").sectors == ()


def test_a_name_s_opening_adjective_may_be_left_out_but_not_its_head_noun():
    docs = (squash("Op 17 april 2009 verscheen het decreet op de sectorconvenants in het staatsblad."),
            squash("Een loterij van de sector"), squash("De nationale raad"))
    index = "".join(docs)
    question = "Wanneer verscheen het decreet in het Belgisch Staatsblad?"
    assert not named_verdict(mentions(question), index).answerable  # not as written
    assert named_verdict(mentions(question), index, docs).answerable  # "Belgisch" is taken for granted
    # the rest of the name must still be mentioned: "state" is not
    refused = named_verdict(mentions("Hoeveel geld verdeelt de Nationale Raad van State?"), index, docs)
    assert not refused.answerable and "'nationale raad van state'" in refused.reason
    # a first word that can be a noun is no adjective to leave out ("Ronde van Vlaanderen")
    refused = named_verdict(mentions("Wie won de Ronde van Vlaanderen?"), index, docs + (squash("Vlaanderen"),))
    assert not refused.answerable


def _selected(text: str, kind: str | None = "name"):
    from types import SimpleNamespace

    return SimpleNamespace(text=text, kind=kind, candidates=(), parts=(), conflict=False)


def test_an_answer_that_only_restates_the_number_of_items_asked_is_not_found():
    from assistant.answer.gate import count_verdict

    question = "Welke drie universiteiten hebben het systeem ontwikkeld?"
    refused = count_verdict(question, _selected("Drie universiteiten hebben een systeem uitgewerkt [1]."), ("universiteit",))
    assert not refused.answerable and "alleen het aantal" in refused.reason
    # the items follow the number: answered
    listed = "Drie universiteiten werkten het uit: de KU Leuven, de UGent en de VUB [1]."
    assert count_verdict(question, _selected(listed), ("universiteit",)).answerable
    # the number in digits, the noun a few words on
    question = "Welke twaalf sectoren nemen deel aan het lerend netwerk?"
    text = "Zo zullen 12 van de 19 sectoren deelnemen aan een lerend netwerk [1]."
    assert not count_verdict(question, _selected(text), ("sector",)).answerable
    # an answer that does not name the number is left to the other checks
    assert count_verdict(question, _selected("Bouw, chemie en horeca nemen deel [1]."), ("sector",)).answerable
    # no number of items asked
    assert count_verdict("Welke sectoren nemen deel?", _selected(text), ("sector",)).answerable
    # every form that asks a number of items ("wat zijn de", "geef de", as the topic words read them)
    restated = _selected("De drie thema's worden verder uitgewerkt [1].")
    for asked in ("Wat zijn de drie thema's van het convenant?", "Geef de drie thema's van het convenant."):
        assert not count_verdict(asked, restated, ("thema",)).answerable


def test_a_count_of_the_noun_without_its_asked_adjective_is_not_found():
    """"Hoeveel dodelijke arbeidsongevallen ...?" is not answered by the count of all accidents; a
    unit that names the adjective answers, and a place adjective ("West-Vlaamse") is left alone."""

    from assistant.answer.asking import asked_stems
    from assistant.answer.gate import modifier_verdict

    def selected(text: str, title: str = "Jaarverslag", header: str = "", after: str = "", elsewhere: str = ""):
        hit = SimpleNamespace(chunk=SimpleNamespace(title=title, header=header))
        units = [SimpleNamespace(text=text, rank=0, order=1), SimpleNamespace(text=after, rank=0, order=2),
                 SimpleNamespace(text=elsewhere, rank=0, order=5)]
        return SimpleNamespace(text=text, kind="amount", candidates=tuple(units), hits=(hit,), parts=(), conflict=False)

    question = "Hoeveel dodelijke arbeidsongevallen waren er in 2017 in de bouw?"
    asked = asked_stems(question)
    assert asked == (stem("dodelijke"), stem("arbeidsongevallen"))
    refused = modifier_verdict(question, selected("In 2017 waren er 14.588 arbeidsongevallen in de bouw."), asked)
    assert not refused.answerable and "niet wat de vraag precies vraagt" in refused.reason
    assert modifier_verdict(question, selected("In 2017 waren er 12 dodelijke arbeidsongevallen."), asked).answerable
    place = "In hoeveel West-Vlaamse bedrijven werd een overeenkomst gesloten?"
    assert modifier_verdict(place, selected("In onze provincie ging het om 318 bedrijven."), asked_stems(place)).answerable
    # an indefinite quantifier ("verschillende beroepen") counts the noun without restricting it
    different = "Hoeveel verschillende beroepen telt de elektrotechnische sector?"
    assert stem("verschillende") in asked_stems(different)
    assert modifier_verdict(different, selected("Zo telt de sector meer dan 26 beroepen."), asked_stems(different)).answerable
    # a complement of the counted noun ("vacatures voor verpleegkundigen") the unit, its heading and
    # title lack: the count is of something else
    nurses = "Hoeveel vacatures voor verpleegkundigen kreeg VDAB in 2007 binnen?"
    asked = asked_stems(nurses)
    threshold = selected("Van de 203 beroepen waarvoor de VDAB minstens 10 vacatures ontving, zijn er 69 knelpuntberoepen.")
    assert not modifier_verdict(nurses, threshold, asked).answerable
    assert modifier_verdict(nurses, selected("Voor verpleegkundigen ontving de VDAB 4.512 vacatures."), asked).answerable
    assert modifier_verdict(nurses, selected("De VDAB ontving 4.512 vacatures.", header="Verpleegkundigen"), asked).answerable
    # a complement that is a place or an adjective ("voor de social profit") is left to the other signals
    social = "Hoeveel vacatures van de social profit kreeg VDAB?"
    assert modifier_verdict(social, selected("De VDAB ontving 4.512 vacatures."), asked_stems(social)).answerable
    # the sentence after the unit may name the complement; one further on in the passage does not
    harbour = "Hoeveel aanwervingen van havenarbeiders waren er intussen nodig in Zeebrugge?"
    hires = "Hij zei dat er intussen al 350 aanwervingen nodig zijn."
    demand = "Door de groeiende activiteit is er een grote vraag naar extra havenarbeiders."
    assert modifier_verdict(harbour, selected(hires, after=demand), asked_stems(harbour)).answerable
    assert not modifier_verdict(harbour, selected(hires, elsewhere=demand), asked_stems(harbour)).answerable
    # a complement's own complement: a share of the vacancies for one trade is not another trade's
    forklift = "Welk percentage van de vacatures voor heftruckchauffeurs blijft langer dan 90 dagen openstaan?"
    bakers = "30,8% van het aantal vacatures voor bakkers blijft langer dan 90 dagen openstaan."
    assert not modifier_verdict(forklift, selected(bakers), asked_stems(forklift)).answerable
    assert not modifier_verdict(forklift, selected(bakers), ()).answerable  # the profile's asked: "percentage" is a cue
    drivers = "67,7% van de vacatures voor heftruckchauffeurs blijft langer dan 90 dagen openstaan."
    assert modifier_verdict(forklift, selected(drivers), asked_stems(forklift)).answerable
    assert modifier_verdict(forklift, selected(drivers), ()).answerable


def test_a_year_asked_and_no_time_named_is_not_found():
    """"In welk jaar ...?" answered by a passage that names no year, date or decade is refused; one
    that names a year, a decade or a date answers."""
    from assistant.answer.gate import year_verdict

    def selected(text: str, kind: str = "year"):
        return SimpleNamespace(text=text, kind=kind, parts=(), conflict=False)

    refused = year_verdict(selected("Het FVB en minister Smet ondertekenden maandag een convenant [1]."))
    assert not refused.answerable and "in welk jaar" in refused.reason
    assert year_verdict(selected("Het FVB werd in 1998 opgericht [1].")).answerable
    assert year_verdict(selected("De convenants ontstonden eind jaren ’90 [1].")).answerable
    assert year_verdict(selected("Ondertekend op 12 maart 2018 [1].")).answerable
    assert year_verdict(selected("Het FVB en minister Smet ondertekenden een convenant.", kind="who")).answerable


def test_a_rate_without_what_it_is_per_is_not_found():
    """"Wat is het maximale subsidiebedrag per bedrijf?" is not answered by the call's budget per
    year; a unit, neighbour or heading that names the rate's unit answers, also as a compound's end."""
    from assistant.answer.gate import rate_verdict

    def selected(text: str, header: str = "", after: str = "", kind: str = "money"):
        hit = SimpleNamespace(chunk=SimpleNamespace(title="Oproep", header=header))
        units = [SimpleNamespace(text=text, rank=0, order=1), SimpleNamespace(text=after, rank=0, order=2)]
        return SimpleNamespace(text=text, kind=kind, candidates=tuple(units), hits=(hit,), parts=(), conflict=False)

    question = "Wat is het maximale subsidiebedrag per bedrijf in de oproep?"
    budget = selected("Een deel (1,5 miljoen per jaar) van deze middelen wordt ingezet voor opleidingsprojecten.")
    refused = rate_verdict(question, budget)
    assert not refused.answerable and "per wat de vraag noemt" in refused.reason
    assert rate_verdict(question, selected("Elk bedrijf krijgt maximaal 20.000 euro.")).answerable
    assert rate_verdict(question, selected("Maximaal 20.000 euro.", header="Subsidie per bedrijf")).answerable
    assert rate_verdict(question, selected("Maximaal 20.000 euro.", after="Dat bedrag geldt per bedrijf.")).answerable
    # a unit shown with the best one that holds a sum per company; not one that names companies without a sum
    two = selected("Maximaal 20.000 euro.")
    two = SimpleNamespace(**{**vars(two), "text": "Maximaal 20.000 euro. Elk bedrijf krijgt hoogstens 5.000 euro per bedrijf.",
                             "candidates": (two.candidates[0], SimpleNamespace(text="Elk bedrijf krijgt hoogstens 5.000 euro per bedrijf.", rank=0, order=9))})
    assert rate_verdict(question, two).answerable
    named = SimpleNamespace(**{**vars(two), "text": "Maximaal 20.000 euro. Elk bedrijf dient een aanvraag in per bedrijf.",
                               "candidates": (two.candidates[0], SimpleNamespace(text="Elk bedrijf dient een aanvraag in per bedrijf.", rank=0, order=9))})
    assert not rate_verdict(question, named).answerable
    # a count of what the question also names a rate by is no rate asked: "Vanaf hoeveel deelnemers ... per groep in
    # plaats van per deelnemer?" asks the participants
    counted = "Vanaf hoeveel deelnemers betaalt het fonds een bedrag per groep in plaats van per deelnemer?"
    groups = selected("Vanaf 10 deelnemers betalen we niet meer per persoon, maar per groep.", kind="amount")
    assert rate_verdict(counted, groups, ("deelnemer",)).answerable
    assert not rate_verdict(counted, groups).answerable
    # "per dag" is named by "per opleidingsdag"; a follow-up's earlier question ("per uur") is not its own
    followup = "Welke premie krijgt de arbeider per dag bij een winteropleiding (Wat krijgt een bedrijf per uur)?"
    assert rate_verdict(followup, selected("De arbeider ontvangt een premie van 55 euro per opleidingsdag.")).answerable
    assert not rate_verdict(followup, selected("De arbeider ontvangt een premie van 55 euro.")).answerable
    # "€/dag" is per day, a compound's last part names it either way, and "jaarlijks" is per year
    daily = "Hoeveel bedraagt de premie per opleidingsdag?"
    assert rate_verdict(daily, selected("Elk opleidingsuur geeft recht op 5 €/uur, dus 40 €/dag.")).answerable
    trucker = "Hoeveel kost de module per vrachtwagenchauffeur?"
    assert rate_verdict(trucker, selected("De module kost 240 euro per chauffeur.")).answerable
    yearly = "Op hoeveel uren per jaar per voltijdse werknemer geeft het opleidingsverlof recht?"
    assert rate_verdict(yearly, selected("Jaarlijks recht op maximaal 125 uur per voltijdse werknemer.")).answerable
    assert not rate_verdict(yearly, selected("Jaarlijks recht op maximaal 125 uur.")).answerable
    # the rates of a figure the question gives ("vijf dagen per jaar per voltijdse werknemer") are not the asked
    # count's; a year is no given figure, nor a number a rate is per ("per 2 jaar per VTE")
    given = "Vanaf hoeveel werknemers geldt een opleidingsrecht van vijf dagen per jaar per voltijdse werknemer?"
    firms = selected("Elke onderneming met 20 werknemers voorziet 5 dagen per jaar voor een voltijdse werknemer.", kind="amount")
    assert rate_verdict(given, firms).answerable
    assert not rate_verdict("Hoeveel subsidie kreeg de sector in 2023 per bedrijf?", selected("In 2023: 20.000 euro.")).answerable
    assert not rate_verdict("Hoeveel dagen per 2 jaar per VTE?", selected("Zes opleidingsdagen per 2 jaar.", kind="amount")).answerable
    assert rate_verdict(daily, selected("Andere medewerkers betalen 100 euro per gevolgde opleidingsdag.")).answerable
    both = "Hoeveel bedraagt de premie per dag per cursist?"
    assert rate_verdict(both, selected("Bedrijven krijgen € 80 per dag per cursist.")).answerable
    # a text that names the unit without giving a figure per it: the total is no rate
    consultant = "Hoeveel bedraagt de subsidie per sectorconsulent?"
    total = selected("Een maximale subsidie van 742.000,00 EUR.", after="Met de subsidie werken 7 sectorconsulenten.")
    assert not rate_verdict(consultant, total).answerable
    # no rate asked, or no count or sum asked
    assert rate_verdict("Hoeveel bedraagt de subsidie?", budget).answerable
    assert rate_verdict("Welk overlegorgaan keurt per generatie het kader goed?", selected("De SERV.", kind="name")).answerable


def test_a_figure_of_another_region_or_only_the_questions_own_numbers_is_not_found():
    from assistant.answer.gate import given_value_verdict, region_verdict

    def selected(text: str, header: str = "", kind: str = "money"):
        hit = SimpleNamespace(chunk=SimpleNamespace(title="Incentives", header=header))
        units = (SimpleNamespace(text=text, rank=0, order=1),)
        return SimpleNamespace(text=text, kind=kind, candidates=units, hits=(hit,), parts=(), conflict=False)

    question = "Hoeveel bedraagt de mentorpremie voor een mentor in het Vlaams Gewest?"
    brussels = selected("Mentorpremie: 1750 euro netto per jaar.", header="Incentives Brussels hoofdstedelijk gewest")
    refused = region_verdict(question, brussels)
    assert not refused.answerable and "ander gewest" in refused.reason
    assert region_verdict(question, selected("Mentorpremie: 1000 euro.", header="Incentives Vlaams Gewest")).answerable
    assert region_verdict(question, selected("Mentorpremie: 1000 euro.")).answerable  # no region named
    assert region_verdict("Hoeveel bedraagt de mentorpremie?", brussels).answerable  # none asked
    # a region by its common name: Flanders' count is not Brussels'; the city of Brussels is no region
    flanders = selected("Vlaanderen telt 33.007 horecaondernemingen.", kind="amount")
    assert not region_verdict("En hoeveel horecaondernemingen telt het Brussels Hoofdstedelijk Gewest?", flanders).answerable
    rewritten = "En hoeveel horecaondernemingen telt het Brussels Hoofdstedelijk Gewest (Hoeveel telt Vlaanderen)?"
    assert not region_verdict(rewritten, flanders).answerable  # the earlier question's region is not asked
    assert region_verdict("Hoeveel horecaondernemingen telt Vlaanderen?", flanders).answerable
    seated = selected("Het fonds telt 12 medewerkers in Brussel.", kind="amount")
    assert region_verdict("Hoeveel medewerkers telt het fonds in Vlaanderen?", seated).answerable
    # a province's count is not another province's; it is a count in its region
    limburg = selected("In Limburg alleen ontving VDAB 2.654 vacatures van werkgevers uit de bouw.", kind="amount")
    refused = region_verdict("Hoeveel bouwvacatures ontving VDAB in de provincie Antwerpen?", limburg)
    assert not refused.answerable and "ander gewest" in refused.reason
    assert region_verdict("Hoeveel bouwvacatures ontving VDAB in Limburg?", limburg).answerable
    assert region_verdict("Hoeveel bouwvacatures ontving VDAB in Vlaanderen?", limburg).answerable
    assert not region_verdict("Hoeveel bouwvacatures ontving VDAB in het Brussels Hoofdstedelijk Gewest?", limburg).answerable
    # "Project 600" names the project; the unit says no number of participants
    asked = "Hoeveel deelnemers worden er jaarlijks toegelaten tot Project 600?"
    project = selected("Project 600 biedt werknemers elk jaar de kans om verpleegkundige te worden.", kind="amount")
    refused = given_value_verdict(asked, project, ("deelnemer",))
    assert not refused.answerable and "getallen uit de vraag" in refused.reason
    admitted = selected("Elk jaar worden 300 werknemers toegelaten tot Project 600.", kind="amount")
    assert given_value_verdict(asked, admitted, ("deelnemer",)).answerable
    # a follow-up's earlier question, in brackets, gives no numbers of its own; a share in words counts
    followup = "En hoe groot is dat deel in de social profit (Welk deel zit in ondernemingen met minstens 200 jobs)?"
    half = selected("Bijna de helft van alle jobs zit in ondernemingen met minstens 200 jobs.", kind="amount")
    assert given_value_verdict(followup, half).answerable
    assert given_value_verdict("Welk deel zit in ondernemingen met minstens 200 jobs?", half).answerable
