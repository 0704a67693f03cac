"""Placeholders of anonymised or blanked text, which hold no value.

Public copies of covenants are often anonymised or blanked: names as "De xxxx Xxxxxx Xxxxx",
addresses as "Xxxxxx Xxxxxxxxxx 00 te 0000 Xxxxxxx", account numbers as "XX00 0000 0000 0000",
a sum as "een maximale toelage van ,00 EUR". Such a placeholder answers nothing: a question for
that name, address or number is not answered by it. ``unmasked`` blanks the placeholders (one
space per character, so positions stay) before values and names are looked for.
"""

from __future__ import annotations

import re

# A word of only x's ("Xxxxxx", "xxxx", "Xx"), letters and zeros of a masked account number
# ("XX00"), or a number of only zeros ("00", "0000.000.000", the ",00" of a blank sum) that is not
# part of a larger number ("2.000", "120 000", "100", "0,00").
_NAME_MASK = r"X[x]+|x{2,}"  # a word of an anonymised name
_MASK = re.compile(
    rf"\b(?:{_NAME_MASK}|X{{2}}0+(?:\s0+)*)\b"
    r"|(?<![\w.,])(?<!\d\s)[.,]?0{2,}(?:[\s.,/-]0+)*(?![\w]|[.,]\d)"
)


_MASKED_WORD = re.compile(rf"\b(?:{_NAME_MASK})\b")


def masks_a_name(text: str) -> bool:
    """Whether ``text`` holds an anonymised name ("De xxxx Xxxxxx Xxxxx"), not only a blanked number."""
    return bool(_MASKED_WORD.search(text))


def unmasked(text: str) -> str:
    """``text`` with its placeholders blanked (same length, so match positions stay)."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), text) if ("x" in text or "X" in text or "00" in text) else text


__all__ = ["masks_a_name", "unmasked"]
