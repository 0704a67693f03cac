"""How much of a question's words (weighted by how much each says, ``QuestionProfile.weights``)
a unit, its passage or its document holds; compounds count by their parts (``covered``)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Set
from typing import Any

from assistant.answer.vocabulary import covered
from assistant.textnl import token_set


def word_coverage(q: Any, toks: Set[str], stems: Iterable[str] | None = None) -> float:
    """The weighted share of the question's words (or of ``stems``) that ``toks`` hold."""
    stems = list(stems if stems is not None else q.weights)
    total = math.fsum(q.weights[s] for s in stems) or 1.0  # fsum: the same in any set order
    return math.fsum(q.weights[s] * _credit(q, s, toks) for s in stems) / total


def _credit(q: Any, stem_: str, toks: Set[str]) -> float:
    """1.0 for a word ``toks`` hold (itself or an equivalent); for a compound, the largest share of
    one split's parts they hold (all of them: 1.0, as ``covered`` counts it)."""
    if covered(stem_, toks):
        return 1.0
    splits = (q.compounds or {}).get(stem_, ())
    return max((sum(covered(p, toks) for p in parts) / len(parts) for parts in splits), default=0.0)


def missing_weight(q: Any, toks: Set[str]) -> float:
    """The weight of the most specific question word ``toks`` lack, relative to the heaviest word."""
    heaviest = max(q.weights.values(), default=1.0) or 1.0
    return max((w for s, w in q.weights.items() if not covered(s, toks, q.compounds)), default=0.0) / heaviest


def rest_words(q: Any, about: str) -> list[str]:
    """The question's words a document's title and opening (``about``) lack."""
    about_toks = token_set(about)
    return [s for s in q.weights if not covered(s, about_toks, q.compounds)]


def rest_coverage(q: Any, toks: Set[str], rest: list[str]) -> float:
    """How much of the question's words that the document's title and opening lack (``rest``,
    ``rest_words``) the unit holds: what the question asks within the document."""
    return word_coverage(q, toks, rest) if rest else 1.0


__all__ = ["missing_weight", "rest_coverage", "rest_words", "word_coverage"]
