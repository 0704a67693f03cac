"""The pure financing rules: exact Decimal arithmetic, validation naming the value, properties."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.errors import FinancingError
from assistant.financing import rules as R
from assistant.financing.render import format_eur

D = Decimal
HALF_A_RATO = R.ResultRule(pro_rata=True, threshold=Fraction(1, 2))


def test_rules_module_imports_no_langchain_gradio_or_babel() -> None:
    tree = ast.parse(Path(R.__file__).read_text(encoding="utf-8"))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not {name for name in imported if name.split(".")[0] in {"langchain_core", "langchain", "gradio", "babel"}}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("742.000,00", D("742000.00")),
        ("300000", D("300000")),
        ("€ 300.000", D("300000")),
        ("300000 EUR", D("300000")),
        ("500.000 euro", D("500000")),
        ("12,5", D("12.5")),
        ("12.5", D("12.5")),
        ("1 000 000", D("1000000")),
        (7, D(7)),
        (2.5, D("2.5")),
        (D("1.10"), D("1.10")),
    ],
)
def test_parse_number_reads_belgian_and_plain_notation(raw: object, expected: Decimal) -> None:
    assert R.parse_number(raw, "bedrag") == expected


@pytest.mark.parametrize("raw", ["abc", "", "12,5,3", "1.2.3", "nan", True, None, [1]])
def test_parse_number_rejects_non_numbers_naming_the_value(raw: object) -> None:
    with pytest.raises(FinancingError, match=r"^subsidie .* is geen"):
        R.parse_number(raw, "subsidie")


def test_negative_and_zero_are_named() -> None:
    with pytest.raises(FinancingError, match=r"subsidie '-5' mag niet negatief zijn"):
        R.non_negative("-5", "subsidie")
    with pytest.raises(FinancingError, match=r"aantal VTE 0 moet groter dan 0 zijn"):
        R.positive(0, "aantal VTE")
    with pytest.raises(FinancingError, match=r"'2\.5' is geen geheel getal"):
        R.whole("2.5", "aantal behaalde resultaatsverbintenissen")


def test_split_must_add_up_to_100() -> None:
    assert R.parse_split("70/30") == R.Split(D(70), D(30))
    assert R.parse_split("80 % / 20 %") == R.Split(D(80), D(20))
    assert R.parse_split("12,5/87,5").label == "12.5/87.5"
    with pytest.raises(FinancingError, match=r"verdeling 60/30 telt op tot 90%, niet tot 100%"):
        R.parse_split("60/30")
    with pytest.raises(FinancingError, match=r"verdeling 'zeventig' is niet van de vorm 70/30"):
        R.parse_split("zeventig")
    with pytest.raises(FinancingError, match=r"ligt niet tussen 0 en 100"):
        R.Split(D(120), D(-20))


def test_split_amounts_are_exact() -> None:
    assert R.split_amounts(D("742000.00"), R.Split(D(70), D(30))) == (D("519400"), D("222600"))


def test_result_financing_a_rato_with_half_threshold() -> None:
    share = D("222600")
    assert R.round_money(R.result_financing(share, R.achievement_ratio(2, 3), HALF_A_RATO)) == D("148400.00")
    assert R.result_financing(share, R.achievement_ratio(1, 3), HALF_A_RATO) == 0
    assert R.result_financing(D("90000"), R.achievement_ratio(4, 8), HALF_A_RATO) == D("45000")  # exactly half pays
    assert R.result_financing(share, R.achievement_ratio(3, 3), HALF_A_RATO) == share
    assert R.result_financing(share, R.achievement_ratio(0, 3), HALF_A_RATO) == 0


@pytest.mark.parametrize(
    ("achieved", "total", "message"),
    [
        (4, 3, "aantal behaalde resultaatsverbintenissen 4 is groter dan het totaal 3"),
        (1, 0, "totaal aantal resultaatsverbintenissen 0"),
        (-1, 3, "aantal behaalde resultaatsverbintenissen -1 moet minstens 0 zijn"),
        ("twee", 3, "aantal behaalde resultaatsverbintenissen 'twee' is geen getal"),
    ],
)
def test_achievement_ratio_rejects_bad_counts(achieved: object, total: object, message: str) -> None:
    with pytest.raises(FinancingError, match=message):
        R.achievement_ratio(achieved, total)


def test_salary_cost_per_fte() -> None:
    assert R.salary_cost(3, D(49000)) == D(147000)
    assert R.salary_cost(D("2.5"), D(49000), 2) == D(245000)
    with pytest.raises(FinancingError, match="aantal VTE 0 moet groter dan 0 zijn"):
        R.salary_cost(0, D(49000))


def test_term_days_are_inclusive() -> None:
    assert R.term_days(date(2023, 7, 1), date(2025, 6, 30)) == 731
    assert R.term_days(date(2026, 1, 1), date(2027, 12, 31)) == 730
    assert R.term_days(date(2024, 1, 1), date(2024, 1, 1)) == 1
    with pytest.raises(FinancingError, match="einddatum 2023-01-01 ligt voor begindatum 2024-01-01"):
        R.term_days(date(2024, 1, 1), date(2023, 1, 1))


def test_absence_deduction_social_profit_30_days() -> None:
    daily = R.daily_subsidy_per_consultant(D("742000.00"), 7, 731)
    assert daily.quantize(D("0.0001")) == D("145.0068")
    deduction = R.absence_deduction(D("742000.00"), 7, 731, 30)
    assert R.round_money(deduction) == D("4350.21")
    assert format_eur(deduction) == "€ 4.350,21"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"absent_days": 732}, "aantal afwezigheidsdagen 732 is langer dan de looptijd van 731 dagen"),
        ({"absent_days": -1}, "aantal afwezigheidsdagen -1 moet minstens 0 zijn"),
        ({"absent_days": 10, "absent_consultants": 8}, "aantal afwezige consulenten 8 is groter dan het aantal VTE 7"),
    ],
)
def test_absence_deduction_rejects_bad_input(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(FinancingError, match=message):
        R.absence_deduction(D("742000"), 7, 731, **kwargs)  # type: ignore[arg-type]


def test_rounding_is_half_up_at_the_cent() -> None:
    assert R.round_money(D("0.005")) == D("0.01")
    assert R.round_money(D("0.015")) == D("0.02")  # half-even would give 0.02 too; check 0.025
    assert R.round_money(D("0.025")) == D("0.03")  # half-even would give 0.02
    assert R.round_money(D("2.675")) == D("2.68")


money = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(share=money, total=st.integers(1, 30), data=st.data())
def test_result_financing_properties(share: Decimal, total: int, data: st.DataObject) -> None:
    achieved = data.draw(st.integers(0, total))
    paid = R.result_financing(share, R.achievement_ratio(achieved, total), HALF_A_RATO)
    assert D(0) <= paid <= share
    if 2 * achieved < total:
        assert paid == 0
    else:
        assert abs(Fraction(paid) - Fraction(share) * Fraction(achieved, total)) < Fraction(1, 10**30)
    if achieved < total:
        more = R.result_financing(share, R.achievement_ratio(achieved + 1, total), HALF_A_RATO)
        assert more >= paid


@settings(max_examples=150, deadline=None)
@given(subsidy=money, fte=st.integers(1, 20), term=st.integers(1, 1500), data=st.data())
def test_absence_deduction_never_exceeds_the_subsidy(subsidy: Decimal, fte: int, term: int, data: st.DataObject) -> None:
    days = data.draw(st.integers(0, term))
    consultants = data.draw(st.integers(0, fte))
    deduction = R.absence_deduction(subsidy, fte, term, days, consultants)
    assert D(0) <= deduction <= subsidy


@settings(max_examples=100, deadline=None)
@given(effort=st.integers(0, 100), subsidy=money)
def test_split_parts_add_up_to_the_subsidy(effort: int, subsidy: Decimal) -> None:
    split = R.Split(D(effort), D(100 - effort))
    a, b = R.split_amounts(subsidy, split)
    assert a + b == subsidy
    assert Fraction(a) >= 0 and Fraction(b) >= 0


def test_result_rule_other_thresholds_and_unsettled_cases() -> None:
    share = D("82000")  # 410.000 x 20%
    three_quarters = R.ResultRule(pro_rata=True, threshold=Fraction(3, 4))
    assert R.result_financing(D("180000"), R.achievement_ratio(2, 3), three_quarters) == 0
    assert R.result_financing(share, R.achievement_ratio(3, 4), three_quarters) == D("61500")
    strict = R.ResultRule(pro_rata=True, threshold=Fraction(1, 2), pays_at_threshold=False)
    assert R.result_financing(share, R.achievement_ratio(2, 4), strict) == 0
    no_threshold = R.ResultRule(pro_rata=True)
    assert R.result_financing(share, R.achievement_ratio(1, 4), no_threshold) == D("20500")
    all_or_nothing = R.ResultRule(pro_rata=False, threshold=Fraction(1))
    assert R.result_financing(share, R.achievement_ratio(3, 4), all_or_nothing) == 0
    assert R.result_financing(share, R.achievement_ratio(4, 4), all_or_nothing) == share
    unknown = R.ResultRule(pro_rata=None)
    assert R.result_financing(share, R.achievement_ratio(4, 4), unknown) == share  # all achieved: no rule needed
    with pytest.raises(R.MissingTermError, match="resultaatsregel ontbreekt") as caught:
        R.result_financing(share, R.achievement_ratio(3, 4), unknown)
    assert caught.value.term == "resultaatsregel"
    with pytest.raises(R.MissingTermError, match="drempel ontbreekt"):
        R.result_financing(share, R.achievement_ratio(3, 4), R.ResultRule(pro_rata=False))
    with pytest.raises(FinancingError, match="drempel 3/2 ligt niet tussen 0 en 1"):
        R.ResultRule(pro_rata=True, threshold=Fraction(3, 2))


@settings(max_examples=150, deadline=None)
@given(share=money, total=st.integers(1, 30), num=st.integers(0, 12), den=st.integers(1, 12), pays=st.booleans(), data=st.data())
def test_result_financing_properties_for_any_stated_threshold(
    share: Decimal, total: int, num: int, den: int, pays: bool, data: st.DataObject
) -> None:
    threshold = Fraction(min(num, den), den)
    rule = R.ResultRule(pro_rata=True, threshold=threshold, pays_at_threshold=pays)
    achieved = data.draw(st.integers(0, total))
    ratio = Fraction(achieved, total)
    paid = R.result_financing(share, R.achievement_ratio(achieved, total), rule)
    assert D(0) <= paid <= share
    below = ratio < threshold or (ratio == threshold and not pays)
    if ratio == 1:
        assert paid == share
    elif below:
        assert paid == 0
    else:
        assert abs(Fraction(paid) - Fraction(share) * ratio) < Fraction(1, 10**30)
    if achieved < total:
        assert R.result_financing(share, R.achievement_ratio(achieved + 1, total), rule) >= paid


def test_term_years_and_subsidy_per_fte_per_year() -> None:
    assert R.term_years(date(2023, 7, 1), date(2025, 6, 30)) == 2
    assert R.term_years(date(2012, 1, 1), date(2012, 12, 31)) == 1
    assert R.term_years(date(2021, 1, 1), date(2021, 6, 30)) == D("0.5")
    with pytest.raises(R.MissingTermError, match="geen geheel aantal maanden"):
        R.term_years(date(2023, 7, 1), date(2025, 6, 15))
    assert R.per_fte_per_year(D("636000"), 6, 2) == D("53000")
    with pytest.raises(FinancingError, match="aantal VTE '0' moet groter dan 0 zijn"):
        R.per_fte_per_year(D("636000"), "0", 2)
