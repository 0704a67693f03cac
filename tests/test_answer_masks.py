"""Anonymised and blanked text holds no value: no name, number or sum is read from a placeholder."""

from __future__ import annotations

import pytest

from assistant.answer.entities import proper_names
from assistant.answer.masks import unmasked
from assistant.answer.values import has_type, lead_value, type_strength

ADDRESS = ("een maximale toelage van 85.000 EUR uit te betalen aan Co-valent vzw - Xxxxxx Xxxxxxxxxx 00 te 0000 "
           "Xxxxxxx (ondernemingsnummer: 0666.836.891 – bankrekeningnummer XX00 0000 0000 0000)")


@pytest.mark.parametrize(("text", "expected"), [
    ("De xxxx Xxxx Xx Xxxxx, ACLVB", "De                   , ACLVB"),
    ("bankrekeningnummer: XX00 0000 0000 0000; ondernemingsnummer: 0000.000.000)",
     "bankrekeningnummer:                    ; ondernemingsnummer:             )"),
    ("een maximale toelage van ,00 EUR", "een maximale toelage van     EUR"),
    ("te 0000 Gent", "te      Gent"),
    ("vzw, Xxxxxxxxx 00x xxx 000 xx 0000 Xxxxxxx", "vzw,                                      "),  # "00x": house number and letter
])
def test_placeholders_are_blanked_in_place(text: str, expected: str) -> None:
    assert unmasked(text) == expected
    assert len(unmasked(text)) == len(text)
    assert unmasked(text) != text


@pytest.mark.parametrize("text", [
    "120 000 mensen extra aan het werk", "2.000 EUR, 1.000.000 EUR, 0,00 EUR en 100.000", "in 2000 en 2020",
    "minstens 2 x per jaar", "Xavier en de XXe eeuw", "BE10 4389 2151 8104",
])
def test_real_values_are_kept(text: str) -> None:
    assert unmasked(text) == text


def test_a_placeholder_is_no_name_number_or_sum() -> None:
    assert proper_names("De xxxx Xxxxxx Xxxxx, voorzitter FBT") == ["FBT"]
    assert not has_type("De xxxx Xxxxxx Xxxxx en Xxxxxxx Xxx Xxxxx", "who")
    assert not has_type("ondernemingsnummer: 0000.000.000; rekening XX00 0000 0000 0000", "identifier")
    assert has_type("ondernemingsnummer: 0427.483.651", "identifier")
    assert not has_type("een maximale toelage van ,00 EUR uit te betalen", "money")
    # a blank sum in a sentence with other numbers (the covenant's period) is still no sum
    blank = "tijdens de periode van 1 januari 2013 tot en met 31 december 2014 een maximale toelage van ,00 EUR"
    assert not has_type(blank, "money") and type_strength(blank, "money") == 0.0
    assert has_type(blank.replace(",00 EUR", "294.000,00 EUR"), "money")
    assert has_type("een budget van EUR 1.200.000", "money") and has_type("€ 5 000 per jaar", "money")
    assert type_strength("Xxxxxx Xxxxxxxxxx 00 te 0000 Xxxxxxx", "amount") == 0.0
    assert lead_value(ADDRESS, "identifier", {"ondernemingsnummer": 1.0}) == "0666.836.891"
    assert lead_value(ADDRESS, "money", {"toelage": 1.0}) == "85.000 EUR"
