"""Answer matching: numbers by value across formats, strings by folded tokens, groups."""

from __future__ import annotations

from decimal import Decimal

import pytest

from eval.matching import alternative_matches, check_answer, group_satisfied, normalize, numbers_in, parse_number


@pytest.mark.parametrize(
    "written",
    ["742.000,00 EUR", "742 000", "742\u00a0000 euro", "742000", "€ 742.000", "742.000", "742 000,00"],
)
def test_the_same_amount_in_every_format_matches_by_value(written):
    assert numbers_in(f"De subsidie bedraagt {written}.") == [Decimal(742000)]
    for expected in (742000, "742.000", "742.000,00 EUR", "742 000", 742000.0):
        assert alternative_matches(expected, f"De subsidie bedraagt {written}.")


def test_percentages_and_decimal_commas():
    assert numbers_in("samen 1.844.681 of 76,5% van de werknemers") == [Decimal(1844681), Decimal("76.5")]
    assert alternative_matches(76.5, "76,5%")
    assert alternative_matches("76,5%", "76.5 procent")
    assert alternative_matches(4350.21, "een aftrek van 4.350,21 EUR")
    assert alternative_matches(4350.21, "4,350.21 EUR")  # unambiguous English grouping
    assert not alternative_matches(4350.21, "4.350,20 EUR")


def test_number_words_and_een():
    assert numbers_in("zeven VTE en één consulent, twaalf sectoren") == [Decimal(7), Decimal(1), Decimal(12)]
    assert numbers_in("een sector") == []  # the article is not a number


def test_numbers_do_not_match_inside_other_numbers_or_identifiers():
    assert not alternative_matches(80, "in 1880 en 800")
    # "1 742" is not joined when a dot group follows: an article number, then the amount.
    assert numbers_in("artikel 1 742.000,00 EUR") == [Decimal(1), Decimal(742000)]
    assert numbers_in("ondernemingsnummer 0472.871.139") == []
    assert not alternative_matches(471, "0472.871.139")


def test_parse_number_tells_numbers_from_strings():
    assert parse_number("148.400") == Decimal(148400)
    assert parse_number("742.000,00 EUR") == Decimal(742000)
    assert parse_number(12) == Decimal(12)
    assert parse_number("30 september 2024") is None
    assert parse_number("0472.871.139") is None
    assert parse_number(True) is None


def test_strings_match_case_and_accent_insensitively_on_token_boundaries():
    answer = "De heer Jo BROUNS; 100 délégués; digi-coaches; op 30 September 2024."
    assert alternative_matches("jo brouns", answer)
    assert alternative_matches("DELEGUES", answer)
    assert alternative_matches("délégués", "100 delegues")
    assert alternative_matches("digi-coach", answer)  # a final word may be a prefix
    assert alternative_matches("30 september 2024", answer)
    assert not alternative_matches("30 september 2025", answer)
    assert not alternative_matches("rouns", answer)  # no match inside a word
    assert alternative_matches("2019-2024", "legislatuur 2019 – 2024")
    assert alternative_matches("2 x per jaar", "minstens 2x per jaar")


def test_normalize():
    assert normalize("742.000,00 EUR (76,5%) Één") == "742000 eur 76.5 een"


def test_groups_and_forbidden_numbers():
    answer = "De resultaatsfinanciering bedraagt 148.400,00 EUR (30% van 742.000,00 EUR, 2 van de 3)."
    assert group_satisfied([148400, "geen"], answer)
    assert not group_satisfied([74200, "nul"], answer)
    result = check_answer(answer, [[148400], ["resultaatsfinanciering"], [0, "geen resultaatsfinanciering"]], [742000, 74200])
    assert result.missing == [[0, "geen resultaatsfinanciering"]]
    assert result.forbidden == [742000]
    assert not result.ok
    assert check_answer(answer, [[148400]], [74200]).ok
