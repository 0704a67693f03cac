"""The index's vocabulary for answer selection: inverse document frequencies of stems, and
whether a question word is one the documents use (also inside a Dutch compound)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Set

from assistant.textnl import tokens


def idf_table(chunk_texts: Iterable[str]) -> dict[str, float]:
    """BM25-style inverse document frequencies of stems over the indexed chunks."""
    df: dict[str, int] = {}
    n = 0
    for text in chunk_texts:
        n += 1
        for tok in set(tokens(text)):
            df[tok] = df.get(tok, 0) + 1
    return {tok: math.log(1 + (n - d + 0.5) / (d + 0.5)) for tok, d in df.items()}


def stem_matches(stem: str, toks: Set[str]) -> bool:
    """A question stem matches a word of the passage, also inside a Dutch compound: 'convenant'
    matches 'sectorconvenant', 'rapport' matches 'voortgangsrapport'."""
    if stem in toks:
        return True
    if len(stem) >= 5 and not stem[0].isdigit():
        return any(len(t) > len(stem) and (t.endswith(stem) or (len(stem) >= 6 and t.startswith(stem))) for t in toks)
    return False


class VocabularyIndex:
    """The index's stems, for telling words the documents never use from compound parts."""

    def __init__(self, idf: Mapping[str, float]) -> None:
        self.idf = idf
        self.default = max(idf.values(), default=1.0)
        self._long = [t for t in idf if len(t) >= 6]

    def known(self, stem: str) -> bool:
        if stem in self.idf or stem[0].isdigit() or len(stem) < 4:
            return True
        return any(stem in t for t in self._long) or any(stem.endswith(t) for t in self._long if len(t) < len(stem))


__all__ = ["VocabularyIndex", "idf_table", "stem_matches"]
