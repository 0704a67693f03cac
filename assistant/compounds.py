"""Words written together: a Dutch compound split into the known words it is written of
(``compound_parts``) and a name written in one word, as a web address writes it, in its words
(``name_words``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.textnl import fold, is_dictionary_word, stem

__all__ = ["MIN_COMPOUND_PART", "compound_parts", "name_words"]

MIN_COMPOUND_PART = 4  # letters of each part of a split compound


def compound_parts(word: str, known: Callable[[str], bool]) -> list[str]:
    """The stems of the known words a Dutch compound is written of, fewest parts first (general
    Dutch compounding, with the linking "s" or "e" between parts): "textielverzorgingssector" ->
    ["textielverzorg", "sector"], "socialprofitsector" -> ["social", "profit", "sector"]; [] when
    ``word`` is no compound of words ``known`` accepts. ``known`` is asked of a part's stem."""
    word = fold(word)
    if not word.isalpha() or len(word) < 2 * MIN_COMPOUND_PART:
        return []

    @lru_cache(maxsize=None)
    def split(start: int) -> tuple[str, ...] | None:
        rest = word[start:]
        whole = stem(rest)
        if known(whole) and start:
            return (whole,)
        best: tuple[str, ...] | None = None
        for end in range(len(word) - MIN_COMPOUND_PART, start + MIN_COMPOUND_PART - 1, -1):
            part = word[start:end]
            for head in (part, part[:-1]) if part[-1] in "se" and len(part) > MIN_COMPOUND_PART else (part,):
                head_stem = stem(head)
                if not known(head_stem):
                    continue
                tail = split(end)
                if tail is not None and (best is None or len(tail) + 1 < len(best)):
                    best = (head_stem, *tail)
        return best

    parts = split(0)
    return list(parts) if parts and len(parts) >= 2 else []


@lru_cache(maxsize=4096)
def name_words(name: str) -> str:
    """A name written as one word, as a web address writes it, in the words it is written of
    ("fondsbeton" -> "fonds beton", "podiumkunsten" -> "podium kunsten", "fonds127" -> "fonds
    127"); ``name`` itself when no split is found. A word splits in two parts of MIN_COMPOUND_PART
    letters or more of which at least one is a dictionary word ("beton", the name of a sector, is
    in no dictionary); of several splits, the one with the most dictionary parts, then the longest."""
    out = []
    for word in re.findall(r"[a-z]+|\d+", fold(name)):
        out.append(word if word.isdigit() or is_dictionary_word(word) else _split_in_two(word))
    return " ".join(out) or name


def _split_in_two(word: str) -> str:
    splits = []
    for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        head, tail = word[:i], word[i:]
        head_known, tail_known = is_dictionary_word(head), is_dictionary_word(tail)
        if head_known or tail_known:
            splits.append((head_known + tail_known, max(len(head) * head_known, len(tail) * tail_known), head, tail))
    if not splits:
        return word
    _, _, head, tail = max(splits)
    return f"{head} {tail}"
