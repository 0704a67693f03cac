"""Placeholders of anonymised or blanked text, which hold no value.

Public copies of covenants are often anonymised or blanked: names as "De xxxx Xxxxxx Xxxxx",
addresses as "Xxxxxx Xxxxxxxxxx 00 te 0000 Xxxxxxx", account numbers as "XX00 0000 0000 0000",
a sum as "een maximale toelage van ,00 EUR". Such a placeholder answers nothing: a question for
that name, address or number is not answered by it. ``unmasked`` blanks the placeholders (one
space per character, so positions stay) before values and names are looked for.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.textnl import tokens

# A word of only x's ("Xxxxxx", "xxxx", "Xx"), letters and zeros of a masked account number
# ("XX00"), or a number of only zeros ("00", "0000.000.000", the ",00" of a blank sum) that is not
# part of a larger number ("2.000", "120 000", "100", "0,00").
_NAME_MASK = r"X[x]+|x{2,}|X{3,}"  # a word of an anonymised name ("Xxxxx", "xxxx", "XXXXXXXX")
_MASK = re.compile(
    rf"\b(?:{_NAME_MASK}|X{{2}}0+(?:\s0+)*)\b"
    r"|(?<![\w.,])(?<!\d\s)[.,]?0{2,}(?:[\s.,/-]0+)*[a-z]?(?![\w]|[.,]\d)"  # "00x": a house number with its letter
)


_MASKED_WORD = re.compile(rf"\b(?:{_NAME_MASK})\b")


def masks_a_name(text: str) -> bool:
    """Whether ``text`` holds an anonymised name ("De xxxx Xxxxxx Xxxxx"), not only a blanked number."""
    return bool(_MASKED_WORD.search(text))


def described_by_placeholder(text: str) -> list[str]:
    """What follows each anonymised name up to the next one or a semicolon: the description of the
    person it stands for ("De xxxx Xxxx Xxxxx, directeur FBT;" -> ", directeur FBT")."""
    runs = list(_NAME_RUN.finditer(text))
    return [text[m.end():runs[i + 1].start() if i + 1 < len(runs) else len(text)].split(";")[0]
            for i, m in enumerate(runs)]


_NAME_RUN = re.compile(rf"(?:\b(?:{_NAME_MASK})\b[\s-]*)+")


def masked_after(text: str, asked: Collection[str]) -> bool:
    """Whether every place ``text`` names one of the ``asked`` stems, the value after it (past a
    colon, dash or bracket) is a placeholder: "-bankrekeningnummer: XX00 0000 0000 0000" holds no
    account number, though the sentence holds another number ("ondernemingsnummer: 0872.324.958")."""
    asked = set(asked)
    if not asked:
        return False
    blank = unmasked(text)
    found = False
    for word in _WORD.finditer(text):
        if asked.isdisjoint(tokens(word.group(0))):
            continue
        value = _VALUE_START.match(text, word.end())
        if value is None or value.end() >= len(text):
            continue
        if blank[value.end()] != " ":
            return False  # a value the copy gives
        found = True
    return found


_WORD = re.compile(r"[^\W\d_]+")
_VALUE_START = re.compile(r"[\s:=(–-]*")


def unmasked(text: str) -> str:
    """``text`` with its placeholders blanked (same length, so match positions stay)."""
    return _MASK.sub(lambda m: " " * len(m.group(0)), text) if ("x" in text or "X" in text or "00" in text) else text


__all__ = ["described_by_placeholder", "masked_after", "masks_a_name", "unmasked"]
