"""Dutch wording of figures in covenant texts: numbers and percentages in digits or words,
shares ("de helft", "drie vierde", "75 %"), euro amounts. Pure functions, no document knowledge."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from assistant.errors import FinancingError
from assistant.financing.rules import parse_number
from assistant.textnl import NUMBER_WORDS, fold

__all__ = [
    "AMOUNT",
    "EURO_AMOUNT",
    "PERCENT",
    "fold",
    "parse_amount",
    "parse_percent",
    "parse_share",
    "share_words",
    "word_number",
]

_UNITS = {w: v for w, v in NUMBER_WORDS.items() if 1 <= v <= 9}
_TENS = {w: v for w, v in NUMBER_WORDS.items() if v in range(20, 100, 10)}
_ORDINALS = {
    "helft": 2, "half": 2, "derde": 3, "vierde": 4, "kwart": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
    "achtste": 8, "negende": 9, "tiende": 10,
}  # fmt: skip

#: A money amount in Belgian notation: 742.000,00 / 410.000 / 410 000 / 85000.
AMOUNT = r"(\d{1,3}(?:[.\u00a0 ]\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?)"
_EURO = r"(?:EUR\b|euro\b|€)"
#: An amount with a euro sign before or after it; group 1 or 2 holds the number.
EURO_AMOUNT = re.compile(rf"(?:€|\bEUR)\s*{AMOUNT}|{AMOUNT}\s*{_EURO}", re.IGNORECASE)
#: A percentage in digits or words: "70%", "70 procent", "Tachtig procent", "vijfentwintig %".
PERCENT = re.compile(r"(?<![\w,.])(\d{1,3}(?:,\d+)?|[a-zëé]{3,20})\s*(?:%|procent\b|pct\b)", re.IGNORECASE)


def word_number(word: str) -> int | None:
    """A Dutch number word from 0 to 100 ("nul", "zes", "vijfentwintig", "honderd"), else None."""
    w = fold(word.strip())
    if w == "geen":
        return 0
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    for name, value in _TENS.items():
        if w.endswith(name) and w[: -len(name)].endswith("en"):
            unit = w[: -len(name) - 2]
            if unit in _UNITS:
                return value + _UNITS[unit]
    return None


def _number(raw: str) -> Decimal | None:
    raw = raw.strip()
    if raw and raw[0].isdigit():
        try:
            return parse_number(raw, "getal")
        except FinancingError:
            return None
    value = word_number(raw)
    return None if value is None else Decimal(value)


def parse_percent(match: re.Match[str]) -> Decimal | None:
    """The value of a PERCENT match, or None when its word is not a number ("het procent")."""
    value = _number(match.group(1))
    return value if value is not None and 0 <= value <= 100 else None


def parse_amount(match: re.Match[str] | str | None) -> Decimal | None:
    """The euro value of an EURO_AMOUNT match (or its number text): "742.000,00" -> 742000.00."""
    raw = match if isinstance(match, str) or match is None else next((g for g in match.groups() if g), None)
    if raw is None:
        return None
    try:
        return parse_number(re.sub(r"[\u00a0 ]", ".", raw), "bedrag")
    except FinancingError:
        return None


_SHARE = re.compile(
    r"^\s*(?:de\s+|het\s+)?(?:"
    r"(?P<half>helft)"
    r"|(?P<all>alle|al\s+de|elk[e]?|ieder[e]?)\b"
    r"|(?P<three4>driekwart|drie\s*kwart)"
    r"|(?P<num>\d+|[a-zëé]+)\s*(?:/\s*(?P<den>\d+)|\s+(?:van\s+(?:de\s+)?|op\s+)(?P<of>\d+|[a-zëé]+)\b|\s+(?P<ord>helft|derde|vierde|kwart|vijfde|zesde|zevende|achtste|negende|tiende)n?\b)"
    r"|(?P<pct>\d{1,3}(?:,\d+)?|[a-zëé]{3,20})\s*(?:%|procent\b)"
    r")",
    re.IGNORECASE,
)


def parse_share(text: str) -> tuple[Fraction, int] | None:
    """(share, length read) for the start of ``text``: "de helft" 1/2, "drie vierde" 3/4,
    "twee derden" 2/3, "75 %" 3/4, "3/4", "alle" 1; None when it names no share."""
    m = _SHARE.match(text)
    if not m:
        return None
    if m.group("half"):
        return Fraction(1, 2), m.end()
    if m.group("all"):
        return Fraction(1), m.end()
    if m.group("three4"):
        return Fraction(3, 4), m.end()
    if m.group("num"):
        num = _number(m.group("num"))
        if num is None or num != num.to_integral_value():
            return None
        if m.group("of"):
            total = _number(m.group("of"))
            if total is None or total != total.to_integral_value():
                return None
            den = int(total)
        else:
            den = int(m.group("den")) if m.group("den") else _ORDINALS[fold(m.group("ord"))]
        if den == 0 or num > den:
            return None
        return Fraction(int(num), den), m.end()
    if m.group("pct"):
        value = _number(m.group("pct"))
        if value is None or not 0 <= value <= 100:
            return None
        return Fraction(value) / 100, m.end()
    return None  # pragma: no cover - every alternative is handled above


def share_words(share: Fraction) -> str:
    """Dutch for a share in messages: "de helft", "3/4", "alle"."""
    if share == Fraction(1, 2):
        return "de helft"
    if share == 1:
        return "alle"
    return f"{share.numerator}/{share.denominator}"
