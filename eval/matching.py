"""Does an answer contain what a question set expects?

Numbers match by value whatever their formatting: "742.000,00 EUR", "742 000", "742000" and
742000 are the same number; "76,5%" is 76.5. Strings match case- and accent-insensitively on
token boundaries, with the numbers inside them compared in canonical form ("30 september 2024"
matches "30 September 2024."; "digi-coach" matches "digi-coaches").

An alternative is a *number* when it is a JSON number or a string that holds one number and at
most a currency or percent sign ("148.400", "742.000,00 EUR", "76,5%"); otherwise it is a string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from assistant.textnl import NUMBER_WORDS, canonical_number, fold

__all__ = [
    "MatchResult",
    "alternative_matches",
    "check_answer",
    "group_satisfied",
    "normalize",
    "numbers_in",
    "parse_number",
]

# 742 000 / 742 000,00 (space, no-break space or thin space as thousands separator). Not when a
# dot follows the last group: "artikel 1 742.000,00" is two numbers, not one.
_SPACE_GROUPED = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\d]|\.\d)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ENGLISH_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d+$")  # 4,350.21 (both separators)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_CURRENCY_OR_PERCENT = re.compile(r"€|\beuros?\b|\beur\b|%|\bprocent\b", re.IGNORECASE)

# Dutch number words an answer may use for small counts ("zeven VTE", "zes maanden"). "een" is
# left out (it is also the article); "één" with its accents is read as 1.
_NUMBER_WORDS = {word: value for word, value in NUMBER_WORDS.items() if value >= 2}
_ONE = re.compile(r"\b(?:é[ée]|eé)n\b")  # één, eén, éen; plain "een" never matches (needs an accent)


def _join_space_groups(text: str) -> str:
    return _SPACE_GROUPED.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)


def _to_decimal(token: str) -> Decimal | None:
    """A number token as written in Dutch (or unambiguous English) -> Decimal; None for
    identifiers such as 0472.871.139."""
    if _ENGLISH_GROUPED.match(token):
        canon = token.replace(",", "")
    else:
        canon = canonical_number(token)
    if canon.count(".") > 1:
        return None
    try:
        return Decimal(canon)
    except InvalidOperation:
        return None


def parse_number(value: object) -> Decimal | None:
    """The value of a number alternative (a JSON number or a string holding one number with at
    most a currency or percent sign), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if not isinstance(value, str):
        return None
    stripped = _CURRENCY_OR_PERCENT.sub(" ", value).strip()
    stripped = _join_space_groups(stripped)
    if not stripped or not _NUMBER.fullmatch(stripped):
        return None
    return _to_decimal(stripped)


def numbers_in(text: str) -> list[Decimal]:
    """Every number value in ``text``, in order: digits in any Dutch formatting, small number
    words ("zeven") and "één"."""
    found: list[tuple[int, Decimal]] = []
    lowered = text.lower()
    for match in _ONE.finditer(lowered):
        found.append((match.start(), Decimal(1)))
    joined = _join_space_groups(lowered)
    # Offsets in ``joined`` differ from ``lowered`` only inside joined numbers; order is kept
    # well enough for reporting, and membership is all matching needs.
    for match in _NUMBER.finditer(joined):
        value = _to_decimal(match.group(0))
        if value is not None:
            found.append((match.start(), value))
    for match in re.finditer(r"[^\W\d_]+", fold(joined)):
        word = match.group(0)
        if word in _NUMBER_WORDS:
            found.append((match.start(), Decimal(_NUMBER_WORDS[word])))
    return [value for _, value in sorted(found, key=lambda item: item[0])]


def normalize(text: str) -> str:
    """Folded tokens joined by single spaces; numbers in canonical form ("742.000,00" -> "742000")."""
    out = []
    for match in _TOKEN.finditer(_join_space_groups(fold(text))):
        tok = match.group(0)
        if tok[0].isdigit():
            value = _to_decimal(tok)
            tok = canonical_number(tok) if value is None else _plain(value)
        out.append(tok)
    return " ".join(out)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Prepared:
    """An answer read once: its number values and its normalised text."""

    def __init__(self, answer: str) -> None:
        self.numbers = numbers_in(answer)
        self.normalized = normalize(answer)

    def has(self, alternative: object) -> bool:
        value = parse_number(alternative)
        if value is not None:
            return any(value == n for n in self.numbers)
        wanted = normalize(str(alternative))
        if not wanted:
            return False
        # Tokens start at a token boundary; a final word may be a prefix ("coach" ~ "coaches"),
        # a final number must end at a boundary ("80" does not match "800").
        tail = r"(?![^ ])" if wanted[-1].isdigit() else ""
        return re.search(r"(?<![^ ])" + re.escape(wanted) + tail, self.normalized) is not None


def alternative_matches(alternative: object, answer: str) -> bool:
    """True when ``answer`` contains ``alternative`` (a number by value, a string by tokens)."""
    return _Prepared(answer).has(alternative)


def group_satisfied(group: Iterable[object], answer: str) -> bool:
    """True when ``answer`` contains any alternative of ``group``."""
    prepared = _Prepared(answer)
    return any(prepared.has(a) for a in group)


@dataclass(frozen=True)
class MatchResult:
    missing: list[list[object]] = field(default_factory=list)  # must groups not satisfied
    forbidden: list[object] = field(default_factory=list)  # forbid_numbers found in the answer

    @property
    def ok(self) -> bool:
        return not self.missing and not self.forbidden


def check_answer(answer: str, must: Iterable[Iterable[object]] = (), forbid_numbers: Iterable[object] = ()) -> MatchResult:
    """Which ``must`` groups are unsatisfied and which forbidden numbers appear in ``answer``."""
    prepared = _Prepared(answer)
    missing = [list(group) for group in must if not any(prepared.has(a) for a in group)]
    forbidden = [raw for raw in forbid_numbers if parse_number(raw) is not None and prepared.has(raw)]
    return MatchResult(missing=missing, forbidden=forbidden)
