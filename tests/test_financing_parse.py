"""Dutch money questions -> MoneyRequest; fact and non-money questions -> None."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from assistant.financing import MoneyRequest, calculate, parse_money_question
from tests.test_financing_profile import corpus_registry

D = Decimal
SECTORS = ["Social profit"]
PERIODS = ["2021-2022"]


def parse(text: str) -> MoneyRequest | None:
    return parse_money_question(text, sectors=SECTORS, periods=PERIODS)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Hoeveel resultaatsfinanciering krijgt de social profit als 2 van de 3 resultaatsverbintenissen behaald zijn?",
            {"sector": "Social profit", "achieved": 2, "total": 3, "asks": ("resultaatsfinanciering",)},
        ),
        ("Wat als de socialprofit maar 1 van de 3 verbintenissen haalt?", {"sector": "Social profit", "achieved": 1, "total": 3}),
        ("Twee van de drie verbintenissen gehaald in de Social Profit: hoeveel?", {"sector": "Social profit", "achieved": 2, "total": 3}),
        (
            "Stel: 300.000 euro subsidie, verdeling 70/30, precies 4 van de 8 verbintenissen gehaald. Hoeveel resultaatsfinanciering?",
            {"subsidy": D(300000), "split": (D(70), D(30)), "achieved": 4, "total": 8},
        ),
        ("€ 300.000, 70/30 en 4 van de 8 behaald", {"subsidy": D(300000), "split": (D(70), D(30)), "achieved": 4, "total": 8}),
        ("300000 EUR, 70%/30%, 2/4 behaald: hoeveel in totaal?", {"subsidy": D(300000), "achieved": 2, "total": 4, "asks": ("totaal",)}),
        ("Bij 500.000 euro met 70% inspanning en 30% resultaat, 3 van de 4 gehaald", {"subsidy": D(500000), "split": (D(70), D(30))}),
        ("1,2 miljoen euro, 80/20, twee van de drie behaald", {"subsidy": D(1200000), "split": (D(80), D(20)), "achieved": 2}),
        ("De social profit haalt de helft van de verbintenissen, hoeveel resultaatsfinanciering is dat?", {"achieved_share": Fraction(1, 2)}),
        ("Hoeveel bij de helft van de 8 verbintenissen behaald, 300.000 euro, 70/30?", {"achieved_share": Fraction(1, 2), "total": 8}),
        ("Hoeveel krijgt de social profit als alle resultaatsverbintenissen gehaald zijn?", {"achieved_share": Fraction(1)}),
        ("En als ze geen enkele verbintenis halen bij € 500.000 en 80/20?", {"achieved_share": Fraction(0), "split": (D(80), D(20))}),
        ("Wat als 1 resultaatsverbintenis niet gehaald wordt in de social profit?", {"sector": "Social profit", "missed": 1}),
        (
            "Een consulent van de social profit is 30 dagen afwezig en wordt niet vervangen. Hoeveel wordt er afgetrokken?",
            {"sector": "Social profit", "absent_days": 30, "absent_consultants": D(1), "asks": ("aftrek_afwezigheid",)},
        ),
        ("social profit: 30 dagen niet vervangen", {"absent_days": 30, "absent_consultants": None}),
        ("social profit: 2 consulenten 45 dagen afwezig zonder vervanging", {"absent_days": 45, "absent_consultants": D(2)}),
        ("Hoeveel loonkostfinanciering krijgt een sector met 3 VTE in de generatie 2021-2022?", {"period": "2021-2022", "fte": D(3), "asks": ("loonkostfinanciering",)}),
        ("3 sectorconsulenten aan 49.000 euro per VTE, hoeveel loonkost?", {"fte": D(3), "rate_per_fte": D(49000)}),
        ("Loonkost voor 2,5 VTE in 2021-2022 voor 2 jaar?", {"fte": D("2.5"), "years": D(2), "period": "2021-2022"}),
        ("Hoeveel inspanningsfinanciering krijgt de social profit?", {"sector": "Social profit", "asks": ("inspanningsfinanciering",)}),
        ("Hoeveel krijgt de sector bouw als 2 van de 3 verbintenissen gehaald zijn?", {"sector": "bouw", "achieved": 2, "total": 3}),
        ("Social profit, 2 van de 3 behaald, met het addendum van 85.000 euro", {"addendum_amount": D(85000), "addendum": True}),
    ],
)
def test_money_questions(question: str, expected: dict[str, object]) -> None:
    request = parse(question)
    assert request is not None, question
    for name, value in expected.items():
        assert getattr(request, name) == value, (question, name)


@pytest.mark.parametrize(
    "question",
    [
        "Tegen wanneer moet het voortgangsrapport binnen?",
        "Wat is de maximale subsidie?",
        "Wat is de maximale subsidie van de social profit?",
        "Wat gebeurt er als minder dan de helft van de resultaatsverbintenissen behaald wordt?",
        "Hoeveel bedraagt het addendum non-discriminatie in 2021-2022?",
        "Wie is de begunstigde van het convenant social profit?",
        "Hoeveel sectorconsulenten heeft de social profit?",
        "Welke resultaatsverbintenissen heeft de social profit?",
        "Hoeveel procent is resultaatsfinanciering?",
        "",
        "   ",
    ],
)
def test_non_calculations_return_none(question: str) -> None:
    assert parse(question) is None


def test_parsed_questions_run_on_cited_parameters() -> None:
    registry = corpus_registry()
    cases = {
        "Hoeveel resultaatsfinanciering krijgt de social profit als 2 van de 3 verbintenissen behaald zijn?": (
            "resultaatsfinanciering",
            D("148400.00"),
        ),
        "En als de social profit maar 1 van de 3 haalt?": ("resultaatsfinanciering", D("0.00")),
        "300.000 euro, 70/30, precies 4 van de 8 behaald: hoeveel resultaatsfinanciering?": ("resultaatsfinanciering", D("45000.00")),
        "Hoeveel loonkostfinanciering voor 3 VTE in 2021-2022?": ("loonkostfinanciering", D("147000.00")),
        "Een consulent van de social profit was 30 dagen afwezig en niet vervangen: hoeveel aftrek?": ("aftrek_afwezigheid", D("4350.21")),
    }
    for question, (amount, value) in cases.items():
        request = parse_money_question(question, sectors=registry.sectors(), periods=registry.periods())
        assert request is not None, question
        result = calculate(request, registry)
        assert result.amount(amount) == value, question
        assert amount in result.asks


def test_bad_numbers_in_questions_still_give_a_request_that_the_calculator_rejects() -> None:
    request = parse("De social profit haalde 5 van de 3 verbintenissen")
    assert request is not None and (request.achieved, request.total) == (5, 3)
    with pytest.raises(Exception, match="5 is groter dan het totaal 3"):
        calculate(request, corpus_registry())


def test_a_result_rule_stated_in_the_question_is_read():
    from assistant.financing import parse_money_question

    request = parse_money_question(
        "Hoeveel resultaatsfinanciering krijgt de uitzendsector als 3 van de 5 verbintenissen behaald zijn, "
        "a rato met een drempel van drie vierde?", sectors=["uitzendsector"])
    assert request is not None and request.pro_rata is True and request.threshold == Fraction(3, 4)
    plain = parse_money_question("Hoeveel resultaatsfinanciering krijgt de uitzendsector als 3 van de 5 "
                                 "verbintenissen behaald zijn?", sectors=["uitzendsector"])
    assert plain is not None and plain.pro_rata is None and plain.threshold is None
