"""The index's vocabulary for answer selection: how much a question word says (inverse document
frequencies of stems over the index, and how common the word is in Dutch in general), and whether a
question word is one the documents use (also inside a Dutch compound)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Set
from functools import lru_cache

from assistant.compounds import compound_parts
from assistant.textnl import equivalent_stems, fold, raw_tokens, starting_with, stem, tokens

# Words rarer than this in general Dutch get the weight of a word the index never uses.
MIN_GENERAL_FREQUENCY = 1e-7
MIN_PART = 4  # letters of each part of a split compound
PREFIX_PART = 6  # a part known only as the start of a longer indexed word has at least this many letters


def _idf(chunks: int, df: float) -> float:
    return math.log(1 + (chunks - df + 0.5) / (df + 0.5))


def _counts(chunk_texts: Iterable[str]) -> tuple[dict[str, int], int, int]:
    """Document frequencies of stems, the number of chunks and the number of words in them."""
    df: dict[str, int] = {}
    n = words = 0
    for text in chunk_texts:
        n += 1
        words += len(raw_tokens(text))
        for tok in set(tokens(text)):
            df[tok] = df.get(tok, 0) + 1
    return df, n, words


def idf_table(chunk_texts: Iterable[str]) -> dict[str, float]:
    """BM25-style inverse document frequencies of stems over the indexed chunks."""
    df, n, _ = _counts(chunk_texts)
    return {tok: _idf(n, d) for tok, d in df.items()}


@lru_cache(maxsize=1)
def general_frequencies() -> dict[str, float]:
    """Stem -> how often a word of running Dutch text has that stem (wordfreq's general Dutch
    word frequencies, summed over a stem's word forms)."""
    from wordfreq import get_frequency_dict  # 0.2 s to load; only when an index is opened

    out: dict[str, float] = {}
    for word, freq in get_frequency_dict("nl", wordlist="best").items():
        if freq < MIN_GENERAL_FREQUENCY:
            continue
        folded = fold(word)
        if folded.isalpha() and len(folded) > 1:
            key = stem(folded)
            out[key] = out.get(key, 0.0) + freq
    return out


def stem_matches(stem: str, toks: Set[str]) -> bool:
    """A question stem matches a word of the passage, also inside a Dutch compound: 'convenant'
    matches 'sectorconvenant', 'rapport' matches 'voortgangsrapport'."""
    if stem in toks:
        return True
    if len(stem) >= 5 and not stem[0].isdigit():
        return any(len(t) > len(stem) and (t.endswith(stem) or (len(stem) >= 6 and t.startswith(stem))) for t in toks)
    return False


def is_or_ends_in(token: str, stem: str) -> bool:
    """The word itself or a compound ending in it, its head ("monitoringsrapport" for "rapport"); a
    short stem only as itself ("duur", not the end of "voortdurende")."""
    return token == stem or (len(stem) >= 5 and token.endswith(stem))


def covered(stem_: str, toks: Set[str], compounds: Mapping[str, tuple[tuple[str, ...], ...]] | None = None) -> bool:
    """Whether a question stem is in ``toks``: itself, an equivalent stem, or every part of a
    compound (``compounds``: VocabularyIndex.compounds of the question)."""
    if any(stem_matches(alt, toks) for alt in equivalent_stems(stem_)):
        return True
    return any(all(covered(part, toks) for part in parts) for parts in (compounds or {}).get(stem_, ()))


class VocabularyIndex:
    """The index's stems, for weighing question words and telling words the documents never use
    from compound parts.

    A word weighs at most the inverse document frequency it would be expected to have in passages
    of this index's length, from how common it is in general Dutch: "krijgt" in a question about a
    covenant that writes "ontvangt" says less than "wielrennen" does."""

    def __init__(self, idf: Mapping[str, float], *, chunks: int = 0, words_per_chunk: float = 0.0) -> None:
        self.idf = idf
        self.default = max(idf.values(), default=1.0)
        self.chunks = chunks
        self.words_per_chunk = words_per_chunk
        self._long = [t for t in idf if len(t) >= 6]
        self._suffixes: frozenset[str] | None = None
        self._prefix_order: list[str] | None = None

    @classmethod
    def from_texts(cls, chunk_texts: Iterable[str]) -> VocabularyIndex:
        """The vocabulary of an index's chunks, with what questions will need loaded now (when the
        index is opened: about 0.5 s), not at the first question."""
        df, n, words = _counts(chunk_texts)
        vocabulary = cls({tok: _idf(n, d) for tok, d in df.items()}, chunks=n, words_per_chunk=words / n if n else 0.0)
        general_frequencies()
        vocabulary._suffix_set()
        return vocabulary

    def expected_idf(self, stem: str) -> float:
        """The IDF a stem would have here if the index's passages were general Dutch text."""
        freq = general_frequencies().get(stem, 0.0) if self.chunks else 0.0
        return _idf(self.chunks, self.chunks * -math.expm1(-freq * self.words_per_chunk)) if freq else self.default

    def weight(self, stem: str) -> float:
        """How much a question word says: its IDF in the index (the rarest indexed word's for a
        word the index never uses), at most the IDF general Dutch leads to expect. A common word
        that a few passages happen to use, or none, does not outweigh the words that name the topic."""
        return min(self.idf.get(stem, self.default), self.expected_idf(stem))

    def _suffix_set(self) -> frozenset[str]:
        """The ends (4 letters or more) of the long indexed stems, built once."""
        if self._suffixes is None:
            self._suffixes = frozenset(t[i:] for t in self._long for i in range(1, len(t) - 3))
        return self._suffixes

    def ends_a_word(self, stem: str) -> bool:
        """The stem is an indexed stem or the end of one ("convenan" in "sectorconvenan")."""
        return stem in self.idf or stem in self._suffix_set()

    def compounds(self, stems: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The stems the index never uses that are a Dutch compound of two indexed words, each with
        every such split ("profitconvenan" -> ("profit", "convenan"); a linking "s" or "e" allowed;
        a head also as the stemmer reduces it standing alone)."""
        out = {}
        for tok in stems:
            if tok in self.idf or not tok.isalpha() or len(tok) < 2 * MIN_PART:
                continue
            splits = []
            for i in range(MIN_PART, len(tok) - MIN_PART + 1):
                head, tail = tok[:i], tok[i:]
                heads = (head, head[:-1]) if head[-1] in "se" and len(head) > MIN_PART else (head,)
                # the head as the stemmer reduces the word standing alone: "plaats" is "plat" in
                # "plaats bezoeken", the indexed "plaats" comes from "plaatsen"
                known = list(dict.fromkeys(h for h in (*heads, *map(stem, heads)) if h in self.idf))
                if known and self.ends_a_word(tail):
                    splits.extend((h, tail) for h in known)
            if not splits:  # of more than two words ("socialprofitsector"), or a part the index
                # writes only inside longer words ("autocarsector": "autocarbedrijven")
                parts = compound_parts(tok, lambda p: p in self.idf or len(p) >= PREFIX_PART and self.starts_a_word(p))
                splits = [tuple(parts)] if parts else []
            if splits:
                out[tok] = tuple(splits)
        return out

    def starts_a_word(self, stem: str) -> bool:
        """The stem begins a long indexed stem ("autocar" in "autocarbedrijv")."""
        if self._prefix_order is None:
            self._prefix_order = sorted(self._long)
        return bool(starting_with(self._prefix_order, stem))

    def known(self, stem: str) -> bool:
        if stem in self.idf or stem[0].isdigit() or len(stem) < 4:
            return True
        return any(stem in t for t in self._long) or any(stem.endswith(t) for t in self._long if len(t) < len(stem))


__all__ = ["VocabularyIndex", "covered", "general_frequencies", "idf_table", "is_or_ends_in", "stem_matches"]
