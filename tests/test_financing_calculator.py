"""The calculator end to end: pinned results, cited steps, overrides, errors, properties."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.errors import FinancingError
from assistant.financing.rules import MissingTermError
from assistant.financing import USER_NOTE, MoneyRequest, ProfileRegistry, calculate, make_request
from tests.test_financing_profile import SLIDES, SOCIAL_PROFIT, bouw_document, corpus_documents, corpus_registry

D = Decimal


def calc(**kwargs: object):  # noqa: ANN201
    return calculate(make_request(**kwargs), corpus_registry())  # type: ignore[arg-type]


# --- the five results the issue pins -------------------------------------------------------


def test_social_profit_two_of_three() -> None:
    result = calc(sector="social profit", achieved=2, total=3)
    data = result.to_dict()
    assert data["amounts"]["resultaatsfinanciering"] == {"value": "148400.00", "formatted": "€ 148.400,00"}
    assert data["amounts"]["inspanningsfinanciering"] == {"value": "519400.00", "formatted": "€ 519.400,00"}
    text = result.render_nl()
    assert "Resultaatsfinanciering: € 148.400,00" in text
    assert "Inspanningsfinanciering: € 519.400,00" in text


def test_social_profit_one_of_three_is_below_half() -> None:
    result = calc(sector="social profit", achieved=1, total=3)
    assert result.amount("resultaatsfinanciering") == D("0.00")
    assert "Resultaatsfinanciering: € 0,00" in result.render_nl()
    threshold = next(s for s in result.steps if s.label == "Drempel van de helft")
    assert "1/3 < 1/2" in threshold.formula
    assert threshold.citation is not None and "minder dan de helft" in threshold.citation["quote"]


def test_explicit_300000_70_30_exactly_half() -> None:
    result = calc(subsidy="300000", split="70/30", achieved=4, total=8)
    assert result.to_dict()["amounts"]["resultaatsfinanciering"]["formatted"] == "€ 45.000,00"
    assert result.amount("inspanningsfinanciering") == D("210000.00")


def test_salary_cost_three_fte_generation_2021_2022() -> None:
    result = calc(period="2021-2022", fte=3)
    assert result.to_dict()["amounts"]["loonkostfinanciering"]["formatted"] == "€ 147.000,00"
    assert any("per jaar" in a for a in result.assumptions)
    (step,) = [s for s in result.steps if s.label == "Loonkostfinanciering"]
    assert step.formula == "3 VTE × € 49.000,00 × 1 jaar = € 147.000,00"
    assert step.citation == {
        "doc_id": SLIDES,
        "section": step.citation["section"],  # type: ignore[index]
        "quote": "Loonkostfinanciering van 49.000 euro per VTE sectorconsulent",
        "span": step.citation["span"],  # type: ignore[index]
    }
    start, end = step.citation["span"]  # type: ignore[index]
    slides = next(d for d in corpus_documents() if d.doc_id == SLIDES)
    assert slides.text[start:end] == "49.000 euro"


def test_social_profit_absent_30_days() -> None:
    result = calc(sector="social profit", absent_days=30)
    assert result.to_dict()["amounts"]["aftrek_afwezigheid"]["formatted"] == "€ 4.350,21"
    assert result.term_days == 731
    days_step = result.steps[0]
    assert days_step.formula == "1 juli 2023 tot en met 30 juni 2025 = 731 dagen (begin- en einddag inbegrepen)"
    daily = next(s for s in result.steps if s.label == "Subsidie per consulent per dag")
    assert daily.formula == "€ 742.000,00 / 7 VTE / 731 dagen = € 145,0068"
    deduction = next(s for s in result.steps if s.label == "Aftrek afwezigheid")
    assert deduction.formula == "€ 145,0068 × 30 dagen × 1 consulent = € 4.350,21"
    assert deduction.citation is not None and deduction.citation["section"] == "Artikel 5"
    assert "731 dagen" in result.render_nl()


# --- citations, overrides, assumptions ------------------------------------------------------


def test_every_document_parameter_is_cited() -> None:
    result = calc(sector="social profit", achieved=2)
    by_name = {p.name: p for p in result.parameters}
    assert by_name["maximale_subsidie"].citation["doc_id"] == SOCIAL_PROFIT
    assert by_name["maximale_subsidie"].citation["section"] == "Artikel 1"
    assert by_name["verdeling"].citation["section"] == "Artikel 2"
    assert by_name["resultaatsverbintenissen"].citation["section"] == "RESULTAATSVERBINTENISSEN"
    assert by_name["behaald"].citation == {"note": USER_NOTE}
    assert result.amount("resultaatsfinanciering") == D("148400.00")  # total 3 taken from the table
    for step in result.steps:
        if step.label != "Totaal":
            assert step.citation, step.label


def test_user_override_replaces_citation_with_note() -> None:
    result = calc(sector="social profit", subsidy="1.000.000", achieved=2, total=4)
    by_name = {p.name: p for p in result.parameters}
    assert by_name["maximale_subsidie"].citation == {"note": USER_NOTE}
    assert by_name["verdeling"].citation["doc_id"] == SOCIAL_PROFIT
    assert result.amount("inspanningsfinanciering") == D("700000.00")
    assert result.amount("resultaatsfinanciering") == D("150000.00")
    assert "[parameter opgegeven door gebruiker]" in result.render_nl()


def test_split_override_on_sector() -> None:
    result = calc(sector="social profit", split="80/20", achieved=3)
    assert result.amount("inspanningsfinanciering") == D("593600.00")
    assert result.amount("resultaatsfinanciering") == D("148400.00")


def test_synthetic_covenant_calculation() -> None:
    registry = ProfileRegistry.from_documents([*corpus_documents(), bouw_document()])
    result = calculate(make_request(sector="Bouw", achieved=2, absent_days=10, deduction_before_split=False), registry)
    assert result.term_days == 730
    assert result.amount("aftrek_afwezigheid") == D("1452.05")  # 530000 / 5 / 730 x 10
    assert result.amount("inspanningsfinanciering") == D("397500.00")  # 75%
    assert result.amount("resultaatsfinanciering") == D("88333.33")  # 25% x 2/3
    assert result.amount("totaal") == D("484381.28")  # 397500 + 88333.333... - 1452.0547...
    assert result.subject == "Sectorconvenant Bouw 2026-2027"


def test_deduction_before_split_is_the_default_and_stated() -> None:
    result = calc(sector="social profit", achieved=3, absent_days=30)
    assert result.amount("totaal") == D("737649.79")  # 742000 - 4350.21
    assert any("vóór de verdeling" in a for a in result.assumptions)
    after = calc(sector="social profit", achieved=3, absent_days=30, deduction_before_split=False)
    assert after.amount("totaal") == D("737649.79")
    assert after.amount("inspanningsfinanciering") == D("519400.00")
    assert any("na de verdeling" in a for a in after.assumptions)


def test_missed_commitments_and_shares() -> None:
    assert calc(sector="social profit", missed=1).amount("resultaatsfinanciering") == D("148400.00")
    half = calculate(MoneyRequest(sector="social profit", achieved_share=Fraction(1, 2)), corpus_registry())
    assert half.amount("resultaatsfinanciering") == D("111300.00")
    none = calculate(MoneyRequest(sector="social profit", achieved_share=Fraction(0)), corpus_registry())
    assert none.amount("resultaatsfinanciering") == D("0.00")


def test_generation_split_applies_to_salary_cost_with_assumptions() -> None:
    result = calc(period="2021-2022", fte=3, achieved=1, total=2)
    assert result.amount("loonkostfinanciering") == D("147000.00")
    assert result.amount("inspanningsfinanciering") == D("117600.00")  # 80%
    assert result.amount("resultaatsfinanciering") == D("14700.00")  # 20% x 1/2
    assert any("loonkostfinanciering wordt behandeld als het subsidiebedrag" in a for a in result.assumptions)
    assert any("a rato" in a and SOCIAL_PROFIT in a for a in result.assumptions)


def test_addendum_flat_amount_per_sector() -> None:
    result = calc(period="2021-2022", addendum=True)
    assert result.amount("addendum") == D("85000.00")
    (step,) = result.steps
    assert step.citation is not None and "85.000 euro" in step.citation["quote"]


def test_years_parameter_for_the_whole_term() -> None:
    assert calc(period="2021-2022", fte=3, years=2).amount("loonkostfinanciering") == D("294000.00")


def test_no_achievement_given_assumes_all_and_says_so() -> None:
    result = calc(sector="social profit")
    assert result.amount("totaal") == D("742000.00")
    assert any("niet opgegeven" in a for a in result.assumptions)


def test_rounding_is_stated_and_json_is_json() -> None:
    result = calc(sector="social profit", achieved=2, absent_days=30)
    data = json.loads(json.dumps(result.to_dict()))
    assert "ROUND_HALF_UP" in data["rounding"]
    assert any("ROUND_HALF_UP" in a for a in data["assumptions"])
    assert data["steps"][0]["value"] == "731"
    assert [s["n"] for s in data["steps"]] == list(range(1, len(data["steps"]) + 1))


# --- bad input: a clear error naming the value -------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"subsidy": "-100", "split": "70/30", "achieved": 1, "total": 2}, r"subsidie '-100' mag niet negatief zijn"),
        ({"subsidy": "veel", "split": "70/30"}, r"subsidie 'veel' is geen getal"),
        ({"subsidy": "1000", "split": "70/30", "achieved": 5, "total": 3}, r"behaalde resultaatsverbintenissen 5 is groter dan het totaal 3"),
        ({"subsidy": "1000", "split": "70/30", "achieved": 0, "total": 0}, r"totaal aantal resultaatsverbintenissen 0"),
        ({"sector": "social profit", "fte": 0, "absent_days": 3}, r"aantal VTE 0 moet groter dan 0 zijn"),
        ({"sector": "social profit", "absent_days": 800}, r"afwezigheidsdagen 800 is langer dan de looptijd van 731 dagen"),
        ({"subsidy": "1000", "split": "70/40"}, r"verdeling 70/40 telt op tot 110%"),
        ({"sector": "bouw", "achieved": 1}, r"onbekende sector 'bouw'; bekende sectoren: 'Social profit'"),
        ({"subsidy": "1000", "achieved": 1, "total": 2}, r"verdeling inspanning/resultaat ontbreekt"),
        ({"achieved": 1, "total": 2, "split": "70/30"}, r"maximale subsidie ontbreekt"),
        ({"sector": "social profit", "fte": 3, "asks": ("loonkostfinanciering",)}, r"loonkostfinanciering per VTE onbekend"),
        ({"period": "2019-2020", "fte": 3}, r"onbekende generatie '2019-2020'"),
        ({"sector": "social profit", "absent_days": 10, "absent_consultants": 9}, r"afwezige consulenten 9 is groter dan het aantal VTE 7"),
        ({"subsidy": "1000", "split": "70/30", "absent_days": 2, "fte": 1}, r"looptijd ontbreekt"),
        ({"sector": "social profit", "term_start": "2023-13-01", "term_end": "2025-06-30"}, r"begindatum '2023-13-01' is geen datum"),
        ({"sector": "social profit", "asks": ("winst",)}, r"onbekende gevraagde grootheid 'winst'"),
    ],
)
def test_bad_input_raises_financing_error_naming_the_value(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(FinancingError, match=message):
        calc(**kwargs)


def test_requests_built_elsewhere_are_validated_too() -> None:
    with pytest.raises(FinancingError, match="groter dan het totaal 3"):
        calculate(MoneyRequest(sector="social profit", achieved=4, total=3), corpus_registry())
    with pytest.raises(FinancingError, match="subsidie -1 mag niet negatief zijn"):
        calculate(MoneyRequest(subsidy=D(-1), split=(D(70), D(30))), corpus_registry())


# --- properties -----------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=5_000_000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def requests(draw: st.DrawFn) -> MoneyRequest:
    total = draw(st.integers(1, 12))
    fte = draw(st.integers(1, 10))
    effort = draw(st.integers(0, 100))
    absent = draw(st.none() | st.integers(0, 731))
    return make_request(
        subsidy=draw(money),
        split=(D(effort), D(100 - effort)),
        achieved=draw(st.integers(0, total)),
        total=total,
        fte=fte,
        absent_days=absent,
        absent_consultants=draw(st.integers(1, fte)) if absent is not None else None,
        term_start="2023-07-01",
        term_end="2025-06-30",
        deduction_before_split=draw(st.booleans()),
        pro_rata=True,
        threshold="1/2",
    )


EMPTY = ProfileRegistry()


@settings(max_examples=120, deadline=None)
@given(request=requests())
def test_total_never_exceeds_maximum_and_nothing_is_negative(request: MoneyRequest) -> None:
    result = calculate(request, EMPTY)
    assert result.amount("totaal") <= request.subsidy  # type: ignore[operator]
    assert all(value >= 0 for value in result.amounts.values())


@settings(max_examples=120, deadline=None)
@given(request=requests())
def test_more_commitments_never_pay_less_and_below_half_pays_nothing(request: MoneyRequest) -> None:
    result = calculate(request, EMPTY).amount("resultaatsfinanciering")
    assert request.achieved is not None and request.total is not None
    if 2 * request.achieved < request.total:
        assert result == 0
    if request.achieved < request.total:
        more = calculate(make_request(**{**request.__dict__, "achieved": request.achieved + 1}), EMPTY)
        assert more.amount("resultaatsfinanciering") >= result


@settings(max_examples=60, deadline=None)
@given(request=requests())
def test_without_a_stated_rule_a_partial_result_is_never_computed(request: MoneyRequest) -> None:
    bare = make_request(**{**request.__dict__, "pro_rata": None, "threshold": None})
    assert bare.achieved is not None and bare.total is not None
    if bare.achieved == bare.total:
        assert calculate(bare, EMPTY).amount("resultaatsfinanciering") == calculate(request, EMPTY).amount("resultaatsfinanciering")
    else:
        with pytest.raises(MissingTermError, match="resultaatsregel ontbreekt"):
            calculate(bare, EMPTY)
