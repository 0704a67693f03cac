"""Questions that ask two things at once ("Naar welk fonds gaat de toelage, en in welke stad is dat
gevestigd?", "Welk percentage is inspanningsfinanciering en welk percentage resultaatsfinanciering?").

Each part is answered on its own: the part's words lead (the rest of the question is context,
as for a follow-up), its best unit is found among the same passages, and the answer shows the best
unit of every part. The question is answered when the whole question's best unit supports an
answer, as for any question, or when every part's own best unit does (the weakest part's; the
selector takes the larger of the two probabilities).

Parts are found from Dutch grammar only: a coordinating "en" followed by a question word (wie,
wat, welk(e), hoeveel, wanneer, waar..., hoe, optionally after a preposition), or, after a comma,
by a finite verb that opens a yes/no question ("..., en kan het verlengd worden?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answer.display import render
from assistant.answer.values import lead_value
from assistant.textnl import QUESTION_WORD_PATTERN, tokens
from assistant.types import Citation, ScoredChunk

if TYPE_CHECKING:
    from assistant.answer.select import Candidate, QuestionProfile

_PREPOSITION = r"(?:op|in|voor|met|aan|van|tot|uit|naar|bij|via|door|sinds|tegen|over|onder)"
_YES_NO_VERB = r"(?:kan|kunnen|is|zijn|moet|moeten|mag|mogen|wordt|worden|heeft|hebben|geldt|gelden|blijft|komt)"
_SPLIT = re.compile(
    rf"(?:,\s*|\s+)en\s+(?=(?:{_PREPOSITION}\s+)?{QUESTION_WORD_PATTERN}\b)|,\s*en\s+(?={_YES_NO_VERB}\b)",
    re.IGNORECASE,
)
MIN_PART_WORDS = 1  # a part needs at least one content word of its own ("en hoeveel in 2023?")


def question_parts(question: str) -> list[str]:
    """The parts of a question that asks two or more things; ``[]`` for a single question."""
    pieces = [p.strip(" ,;?") for p in _SPLIT.split(question.strip())]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or any(len(tokens(p)) < MIN_PART_WORDS for p in pieces):
        return []
    return pieces


@dataclass(frozen=True)
class PartSelection:
    """One part of the question: its profile (the part's words lead) and its ranked units."""

    profile: QuestionProfile
    candidates: tuple[Candidate, ...]
    features: dict[str, float]  # question-level signals of the part's best unit


def weakest(parts: Sequence[PartSelection]) -> PartSelection:
    """The part whose best unit the unit model trusts least: when even it clears the threshold,
    every part of the question is answered."""
    return min(parts, key=lambda p: p.features.get("best_logit", -10.0))


def compose(parts: Sequence[PartSelection], hits: Sequence[ScoredChunk]) -> tuple[str, list[Citation]]:
    """The answer of a question in parts: the best unit of each part, once, in the order of the
    parts, led by each part's value ("Fonds voor ...; Gent: ...")."""
    chosen: list[Candidate] = []
    for part in parts:
        if part.candidates and all(part.candidates[0].text != c.text for c in chosen):
            chosen.append(part.candidates[0])
    if not chosen:
        return "", []
    leads = [
        value for part in parts if part.candidates
        if (value := lead_value(part.candidates[0].text, part.profile.kind, part.profile.weights, part.profile.asked))
    ]
    return render(parts[0].profile, chosen, hits, lead="; ".join(dict.fromkeys(leads)) or None)


__all__ = ["PartSelection", "compose", "question_parts", "weakest"]
