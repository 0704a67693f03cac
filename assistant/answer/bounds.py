"""Bounds on a number: "minder dan 20 werknemers" and "< 20" bound it from above, "20 of meer" and
">= 20" from below. A fund's rules often give one row per side of a threshold ("< 20 voltijdse
werknemers: ...", ">= 20 voltijdse werknemers: ..."); a row on the other side of the bound the
question names does not answer it, however many words it shares with it. The comparison words are
general Dutch and the symbols are mathematical notation, not words of any document."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.textnl import fold

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_BELOW_BEFORE = r"(?:<=?|=<|≤|minder\s+dan|kleiner\s+dan|niet\s+meer\s+dan|hoogstens|ten\s+hoogste|onder\s+de)"
_ABOVE_BEFORE = r"(?:>=?|=>|≥|meer\s+dan|groter\s+dan|minstens|ten\s+minste|vanaf|boven\s+de)"
_BELOW_AFTER = r"(?:of|en)\s+minder"
_ABOVE_AFTER = r"(?:of|en)\s+(?:meer|méér|more)"
_BOUND = re.compile(
    rf"(?P<below>{_BELOW_BEFORE})\s*{_NUMBER}"
    rf"|(?P<above>{_ABOVE_BEFORE})\s*{_NUMBER}"
    rf"|(?<![\d.,]){_NUMBER}\s+(?:[^\W\d_]+\s+){{0,3}}?(?P<after>{_BELOW_AFTER}|{_ABOVE_AFTER})\b"
)


@lru_cache(maxsize=8192)
def bounds(text: str) -> dict[str, str]:
    """Each bounded number of ``text`` with its side, "below" or "above"; a number bounded twice
    keeps its first bound (a follow-up's own words come before the question it continues)."""
    out: dict[str, str] = {}
    for m in _BOUND.finditer(fold(text)):
        if m.group("below"):
            number, side = m.group(2), "below"
        elif m.group("above"):
            number, side = m.group(4), "above"
        else:
            number, side = m.group(5), "below" if "minder" in m.group("after") else "above"
        out.setdefault(number.replace(",", "."), side)
    return out


def other_side(question: str, unit: str) -> bool:
    """The unit bounds a number the question bounds, from the other side."""
    asked = bounds(question)
    return bool(asked) and any(asked.get(n, side) != side for n, side in bounds(unit).items())


__all__ = ["bounds", "other_side"]
