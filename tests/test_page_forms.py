"""Forms that public pages and their readers use and the answer selector must read: a publisher in a
newer top-level domain, a page's post called a "bericht", a length of time as a period, a period
given by its two dates or a part of a month, "bovenop" and "hoeveel tijd"."""

from __future__ import annotations

import pytest

from assistant.answer.asking import given_stems
from assistant.answer.kinds import answer_type
from assistant.answer.entities import named_by, squash
from assistant.answer.gate import named_verdict
from assistant.answer.topics import identity
from assistant.answer.values import has_type, lead_value, type_strength
from assistant.textnl import PREPOSITIONS, tokens
from assistant.types import kind_names, publisher


def test_a_newer_top_level_domain_is_part_of_the_publisher():
    # a country's or a generic top-level domain says nothing of the site's name ...
    assert publisher("https://www.serv.be/serv/pagina/werking") == "serv"
    assert publisher("https://lawinsider.com/nl/contracts/x") == "lawinsider"
    assert publisher("https://www.vivosocialprofit.org/sectorconvenant") == "vivosocialprofit"
    # ... a newer one often is the name's second word
    assert publisher("https://www.zelfstandige.vlaanderen/wat-is-een-sectorfonds/") == "zelfstandige vlaanderen"
    assert publisher("http://localhost/x") == "" and publisher("werk.be") == ""


def test_a_publisher_the_text_never_writes_is_no_unknown_name():
    """"volgens Zelfstandige Vlaanderen": the page's text never names its site; the gate reads the
    documents as the chain squashes them, with the publisher beside the title."""
    named = named_by("Hoe komen sectorfondsen aan hun geld volgens Zelfstandige Vlaanderen?")
    assert "zelfstandige vlaanderen" in named.phrases
    text = "Een sectorfonds is een fonds dat het belang van een sector behartigt."
    without = squash(f"Wat is een sectorfonds {text}")
    with_publisher = squash(f"Wat is een sectorfonds {publisher('https://www.zelfstandige.vlaanderen/x')} {text}")
    assert not named_verdict(named, without, (without,)).answerable
    assert named_verdict(named, with_publisher, (with_publisher,)).answerable


def test_a_post_on_a_site_or_a_news_item_is_a_bericht():
    assert "bericht" in kind_names("beleidstekst", "https://abvv.be/echo/verlenging").split()
    assert "bericht" in kind_names("nieuwsbericht").split()
    assert "bericht" not in kind_names("beleidstekst").split()  # a text with no address is no page
    page = identity("Verlenging sectorconvenants", {"source": "https://abvv.be/echo/x"}, "beleidstekst")
    assert "bericht" in page and "abvv" in page


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Verleng de looptijd van de convenants tot een periode van vijf jaar.", "vijf jaar"),
        ("De partijen willen structureel samenwerken voor onbepaalde duur.", "onbepaalde duur"),
        ("De regering verlengt deze convenanten met één jaar.", "één jaar"),
        ("Het traject duurt 18 maanden.", "18 maanden"),
    ],
)
def test_a_length_of_time_answers_a_question_after_the_period(text, lead):
    assert has_type(text, "period") and type_strength(text, "period") == 0.5
    assert lead_value(text, "period", {}) == lead


def test_a_period_given_by_its_two_dates_leads_the_answer():
    text = "Het addendum neemt een aanvang op 1 januari 2020 en eindigt per 31 december 2020."
    assert type_strength(text, "period") == 1.0
    assert lead_value(text, "period", {}) == "1 januari 2020 en eindigt per 31 december 2020"
    # two dates a sentence apart open and close no period
    assert lead_value("Op 1 maart 2000 werd het getekend. Op 2 mei 2001 volgde een tweede.", "period", {}) is None


def test_no_length_of_time_without_a_number():
    for text in ("Zij krijgen 3 VTE per jaar.", "Elk jaar volgt een rapport.", "In de periode daarna."):
        assert not has_type(text, "period"), text


def test_hoeveel_tijd_asks_a_length_of_time_and_bovenop_gives_what_is_known():
    assert answer_type("Met hoeveel tijd wordt die verlengd?") == "period"
    assert answer_type("Hoeveel tijd hebben de sectoren?") == "period"
    assert "bovenop" in PREPOSITIONS
    question = "Welke engagementen werden opgenomen bovenop levenslang leren en diversiteit?"
    assert given_stems(question) == frozenset(tokens("levenslang leren diversiteit"))


def test_a_part_of_a_month_is_a_date_named_less_precisely():
    """"Rond wanneer ...?": "Midden juni ’25 volgt de agendering" names the time by a part of a month
    and a year written with an apostrophe; half the strength of a date, and the value to lead with."""
    text = "Midden juni ’25 volgt de agendering op de Vlaamse regering."
    assert type_strength(text, "date") == 0.5 and lead_value(text, "date", {}) == "Midden juni ’25"
    assert lead_value("Eind april moet deze fase afgerond zijn.", "date", {}) == "Eind april"
    # a day of a month stays the date an answer leads with
    assert lead_value("Op 30 juni 2025 eindigt het; midden juni wordt beslist.", "date", {}) == "30 juni 2025"
    assert type_strength("In juni vergadert men.", "date") == 0.0  # a month alone names no time


@pytest.mark.parametrize(
    "text, value",
    [
        ("Er is 2,5 miljoen euro vrijgemaakt voor 19 sectoren.", "2,5 miljoen euro"),
        ("De Vlaamse Regering trekt vijf miljoen euro uit voor 40 projecten.", "vijf miljoen euro"),
        ("De toelage bedraagt EUR 2,5 miljoen voor 6 consulenten.", "EUR 2,5 miljoen"),
    ],
)
def test_a_sum_in_millions_is_money_and_no_count(text, value):
    # a sum written with "miljoen", before or after the currency, or with a number word, is a sum of
    # money: it answers "Hoeveel ...?" of money, and a count of a noun is read beside it, not in it
    assert has_type(text, "money")
    assert lead_value(text, "money", {}) == value
    assert not has_type(text.split(" voor ")[0], "amount", ("consulent",))
    assert lead_value(text, "amount", {}, ("project", "sector", "consulent"))[:2] in ("19", "40", "6 ")
    assert has_type("Er werken 2,5 miljoen mensen in Vlaanderen.", "amount", ("mens",))


def test_a_day_and_month_without_a_year_is_a_date_and_a_fraction_is_not():
    assert lead_value("Berekend op het aantal arbeiders op 31/12 van het voorgaande jaar.", "date", {}) == "31/12"
    assert has_type("De winterperiode loopt van 1/12 tot 31/03.", "period")
    assert not has_type("Wie 4/5de werkt, krijgt 1/3 van de premie.", "date")


def test_when_joining_a_clause_does_not_ask_a_date():
    # "wanneer" inside a clause that another question word opens means "if"; opening a question or
    # a part after "en" or a comma, or after a preposition, it asks when
    assert answer_type("Welk bedrag keert het fonds uit wanneer een leerling start als bouwvakarbeider?") == "money"
    assert answer_type("Wat gebeurt er wanneer een sector zijn doelen niet haalt?") is None
    assert answer_type("Hoeveel trajecten worden er uitgewerkt, en tegen wanneer?") == "date"
    assert answer_type("Welk decreet geldt en wanneer trad het in werking?") == "date"
    assert answer_type("Weet je wanneer het convenant start?") == "date"
    assert answer_type("Rond wanneer worden de verlengingen geagendeerd?") == "date"


def test_costs_asked_by_a_compound_are_money_and_a_subcommittee_is_a_comite():
    from assistant.answer.asking import asked_stems
    from assistant.answer.kinds import names_money
    from assistant.answer.entities import mentions

    question = "Hoeveel opleidingskosten krijgt een bedrijf uit de metaalhandel (PsC 149.04) terugbetaald?"
    assert names_money(asked_stems(question)) and not names_money(asked_stems("Hoeveel werknemers telt de sector?"))
    assert mentions(question).pcs == ("149.04",)
    assert mentions("Welk fonds heeft het paritair subcomité 149.04?").pcs == ("149.04",)


def test_a_long_word_with_another_ending_names_the_same_thing():
    from assistant.answer.entities import mentioned_in

    assert mentioned_in("elektrotechnische", squash("Er zijn 2.000 nieuwe elektrotechnici nodig in België."))
    assert mentioned_in("verpleegkundigen", squash("een bacheloropleiding verpleegkunde"))
    # a shorter word keeps its own meaning: insurers are not insurance
    assert not mentioned_in("verzekeraars", squash("een sociale verzekering voor werknemers"))
    assert not mentioned_in("opleidingscentrum", squash("de opleidingscheque van de VDAB"))


def test_millions_that_count_no_noun_are_a_sum():
    text = "Een deel (1,5 miljoen per jaar) van deze middelen wordt ingezet voor opleidingsprojecten."
    assert has_type(text, "money") and lead_value(text, "money", {}) == "1,5 miljoen"
    assert not has_type(text, "amount", ("opleidingsproject",))
    assert not has_type("Er werken 1,5 miljoen mensen in Vlaanderen.", "money")


def test_a_time_of_day_answers_hoe_laat_and_an_identifier_keeps_its_letters():
    assert answer_type("Hoe laat start een volledige cursusdag bij het fonds?") == "time"
    assert answer_type("Wanneer start de cursus?") == "date"
    text = "Elke cursus start om 8u30 en eindigt omstreeks 16u30, tenzij anders vermeld."
    assert lead_value(text, "time", {}) == "8u30" and not has_type("De cursus duurt een dag.", "time")
    assert lead_value("Aanvangsuur: 9 uur.", "time", {}) == "9 uur"
    assert not has_type("Per opleidingsduur van 3 uur krijgt u een premie.", "time")  # a length, no time of day
    assert has_type("De les start om 9 uur.", "time") and has_type("Opleidingen tussen 9 en 17 uur.", "time")
    registered = "Terug te vinden in de opleidingsdatabank onder het nummer VG-ODB-011670."
    assert lead_value(registered, "identifier", {}) == "VG-ODB-011670"
    assert not has_type("Een toelage van 204.000,00 EUR.", "identifier")


def test_a_contract_of_indefinite_duration_asks_no_length_and_between_which_dates_asks_a_period():
    assert answer_type("Welk aandeel van de werknemers heeft een contract van onbepaalde duur?") == "amount"
    assert answer_type("Voor welke duur wordt het convenant gesloten?") == "period"
    assert answer_type("Tussen welke data loopt de winterperiode voor winteropleidingen?") == "period"
    assert answer_type("Op welke data vinden de infosessies plaats?") == "date"
    assert answer_type("Welke data verzamelt de sector over zijn opleidingen?") == "name"  # data: gegevens


def test_a_comite_written_against_its_number_and_a_term_asked_as_a_length():
    from assistant.answer.entities import mentioned_in

    assert mentioned_in("126", squash("Zo kunnen alle bedrijven uit PC125 en PC126 hun arbeiders inschrijven."))
    assert not mentioned_in("127", squash("bedrijven uit PC125 en PC126"))
    assert answer_type("Binnen welke termijn moet de aanvraag bij het fonds binnen zijn?") == "period"
    assert lead_value("Het secretariaat keurt de aanvraag goed binnen de 14 dagen na ontvangst.", "period", {}) == "14 dagen"


def test_what_one_gets_as_a_premium_is_money_and_a_half_is_a_share():
    assert answer_type("Wat krijgt een leerling zelf per schooljaar als leerlingenpremie?") == "money"
    assert answer_type("Wat krijgen de sectoren in ruil?") is None
    assert lead_value("Bijna de helft van alle jobs zit in grote ondernemingen.", "amount", {}) == "de helft"
    assert not has_type("Leerlingen van de derde graad.", "amount")


def test_a_number_word_of_milliards_is_a_sum():
    assert lead_value("De regering voorziet twee miljard euro voor de maatregelen.", "money", {}) == "twee miljard euro"


def test_a_sum_with_the_currency_first_is_no_identifier():
    # "EUR 1250000" is an amount of money, as "1.250.000 EUR" is: no identifier number
    assert not has_type("Het fonds ontving EUR 1250000 voor de opleidingen.", "identifier")
    assert has_type("Het ondernemingsnummer is 0412345678.", "identifier")


def test_an_address_is_no_identifier():
    text = "Het secretariaat van TOFAM Oost-Vlaanderen, AA Tower, Technologiepark 122 - 9052 Gent/Zwijnaarde."
    assert not has_type(text, "identifier")
    assert lead_value("Kunstlaan 1-2, 1210 Brussel, rekeningnummer BE12 3456 7890 1234", "identifier", {}) == "BE12 3456 7890 1234"


def test_when_a_document_was_written_dates_its_relative_years():
    from assistant.answer.dating import document_year, relative_years

    assert document_year("date 2020-09 De gratis opleidingen zitten in de lift.") == 2020
    assert document_year("Persbericht\nBrussel, 3 februari 2016 - Het partnerschap ...") == 2016
    assert document_year("Op 12/03/2021 keurde de regering het goed.") == 2021
    # a year or a covenant's period alone dates nothing
    assert document_year("Sectorconvenant 2021-2022 tussen de Vlaamse Regering en de sector") is None
    assert document_year("In 2019 telde de sector 4.000 werknemers.") is None
    text = "Vorig jaar waren er 4.774 inschrijvingen; dit jaar meer, en volgend jaar nog meer."
    assert relative_years(text, 2020) == ("2019", "2020", "2021")
    assert relative_years(text, None) == ()
    # compared with last year, a figure is of this year too
    assert relative_years("In november lagen ze 18,6 procent lager dan in november vorig jaar.", 2020) == ("2019", "2020")
    assert relative_years("Vorig jaar betaalde VDAB 3,6 miljoen euro.", 2020) == ("2019",)


def test_hoeveel_betaalde_asks_money():
    assert answer_type("Hoeveel betaalde VDAB in 2019 voor de opleidingen?") == "money"
    assert answer_type("Hoeveel betaalden de werkgevers voor de cursus?") == "money"
    assert answer_type("Hoeveel cursisten betaalden zelf?") == "amount"
    assert answer_type("Hoeveel vergoedt het fonds per uur vormingsverlof?") == "money"
    # a compound of "aantal" or "percentage" asks a count or share as the word itself does
    assert answer_type("Wat was het recordaantal vacatures voor vrachtwagenchauffeur in 2019?") == "amount"
    assert answer_type("Wat is het slaagpercentage van de opleiding?") == "amount"


def test_a_page_of_one_comite_is_about_the_sector_it_names_anywhere():
    # a fund's questions and answers name their comité and trade halfway, not in the opening
    from assistant.answer.topics import subject_named

    opening = "VORMINGSBUDGET\nWat is een vormingsbudget? Een tegoed van maximaal 640 euro."
    faq = f"{opening}\nWie kan het aanvragen? Iedere arbeider in een wasserij/droogkuis, onder het Paritair Comité 110."
    assert subject_named(("110", "wasserij"), opening, faq) == "110 wasserij"
    assert subject_named(("bouw",), opening, faq) == ""
    # a page of several comités speaks of each where it names it; a covenant's opening names its sector
    assert subject_named(("110",), opening, f"{faq} Ook PC 124 en PC 200 doen mee.") == ""
    covenant = "Sectorconvenant met de sector bouw. Artikel 1. ... zoals in een wasserij."
    assert subject_named(("wasserij",), covenant[:40], covenant) == ""
    # "Sectorplan" in a title names no sector: the page of one publisher the question names is about its sector
    plan = "Sectorplan corona: opleidingen als groeihefboom\nIn 2020 onderzochten TRAXIO en EDUCAM de noden. (PC 112)"
    assert subject_named(("auto",), plan[:50], plan, "traxio") == "auto"
    assert subject_named(("auto",), "De autosector: opleidingen als groeihefboom", plan, "traxio") == ""


def test_a_length_from_an_event_is_a_date():
    # "Tot wanneer ...?" is answered by a time set from an event ("een maand na de laatste dag")
    text = "Een maand na de laatste dag van de opleiding is de allerlaatste kans om een budget aan te vragen."
    assert type_strength(text, "date") == 1.0 and lead_value(text, "date", {}) == "Een maand"
    assert lead_value("Bezorg de documenten maximum 1 maand na de factuurdatum.", "date", {}) == "1 maand"
    assert type_strength("De opleiding duurt twee weken.", "date") == 0.0  # a length alone sets no time


def test_thousands_in_words_count_and_a_share_of_all_wages_is_a_sum():
    text = "Het voorbije jaar ontving VDAB meer dan tienduizend vacatures in de sociale sector."
    assert lead_value(text, "amount", {}, ("vacatur",)) == "tienduizend vacatures"
    assert has_type("Er kwamen honderden aanvragen binnen.", "amount", ("aanvraag",))
    wages = "Deze cao legt de bijdrage voor risicogroepen vast op 0,10% op alle brutolonen."
    assert lead_value(wages, "money", {}) == "0,10% op alle brutolonen"


def test_a_share_counts_no_noun():
    """"Hoeveel textielbedrijven ...?" is not answered by "0,10% van de loonmassa", nor "Hoeveel werknemers ...?"
    by "de helft"; a count asked without a noun ("Met hoeveel ...?") may be a share."""
    share = "Textielbedrijven krijgen maximum 0,10% van de loonmassa van de onderneming terug."
    assert not has_type(share, "amount", ("textielbedrijv",)) and has_type(share, "amount")
    assert not has_type("Je betaalt slechts de helft.", "amount", ("werknem",))
    assert has_type("Er dienden 12 textielbedrijven een project in (0,10% van alle bedrijven).", "amount", ("textielbedrijv",))
    assert lead_value("Dat is een daling met 9 procent.", "amount", {}) == "9 procent"


def test_a_verb_form_the_word_tables_lack_names_no_sector():
    # "ontving" is no word of the tables; read as "ont" + "ving", a verb form, it names no sector after "sector"
    from assistant.answer.entities import named_by

    assert named_by("Hoeveel vacatures in de sociale sector ontving VDAB vorig jaar?").sectors == ()
    assert named_by("Hoeveel consulenten heeft de sector bouw?").sectors == ("bouw",)
    assert named_by("Welke premie geeft de sector beveiliging?").sectors == ("beveiliging",)
