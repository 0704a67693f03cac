"""Conflicting sources: two documents about the same sector and period that give different values
for what the question asks. The answer then says so and cites both instead of picking one.

Two candidate units conflict when
- the question asks for a value (an amount, a count, a date, a period, a frequency, a number) and
  names the sector, comité or topic it is about;
- both units hold such a value next to a word of the question, and the values differ;
- they come from different documents, each about what the question names (in its title and
  opening) and about an overlapping period (the years in the title and opening);
- the second unit scores nearly as well as the best one (the fitted ``second_ratio``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer.entities import coverage, years_of
from assistant.answer.topics import ABOUT_CHARS, topic_index
from assistant.answer.values import VALUE_KINDS, lead_value
from assistant.textnl import canonical_number, fold
from assistant.types import Citation, ScoredChunk

LOOK_AT = 6  # the best units compared with the first one


@dataclass(frozen=True)
class Conflict:
    """The best unit and a close one from another document with a different value."""

    first: Any  # Candidate
    second: Any
    first_value: str
    second_value: str


def _about(doc: Any, fallback_title: str) -> str:
    title = str(getattr(doc, "title", "") or fallback_title)
    return f"{title} {str(getattr(doc, 'text', '') or '')[:ABOUT_CHARS]}"


def _same_value(a: str, b: str) -> bool:
    def canon(value: str) -> str:
        numbers = re.findall(r"\d+(?:[.,]\d+)*", value)
        if numbers:
            return " ".join(canonical_number(n) for n in numbers)
        return re.sub(r"\s+", " ", fold(value)).strip()

    return canon(a) == canon(b)


def find_conflict(
    q: Any, ranked: Sequence[Any], hits: Sequence[ScoredChunk], documents: Mapping[str, Any], ratio: float
) -> Conflict | None:
    """A conflict between the best unit and one of the next few, or None."""
    if q.kind not in VALUE_KINDS or not ranked:
        return None
    topics = topic_index(documents).topics(q.topic_candidates)
    sector_terms = list(q.named.sectors + q.named.pcs + q.named.names) + list(topics)
    if not sector_terms:
        return None  # the question does not say which sector: different sectors differ
    best = ranked[0]
    first_value = lead_value(best.text, q.kind, q.weights, q.asked)
    if not first_value or best.features.get("value_near", 1.0) < 1.0:
        return None
    first_chunk = hits[best.rank].chunk
    first_about = _about(documents.get(first_chunk.doc_id), first_chunk.title)
    if coverage(sector_terms, first_about) < 1.0:
        return None
    first_years = set(years_of(first_about))
    for other in ranked[1:LOOK_AT]:
        if other.score < ratio * best.score:
            break
        chunk = hits[other.rank].chunk
        if chunk.doc_id == first_chunk.doc_id or other.features.get("value_near", 1.0) < 1.0:
            continue
        value = lead_value(other.text, q.kind, q.weights, q.asked)
        if not value or _same_value(value, first_value):
            continue
        about = _about(documents.get(chunk.doc_id), chunk.title)
        if coverage(sector_terms, about) < 1.0:
            continue
        years = set(years_of(about))
        if not (years & first_years) or not coverage(q.named.years, about) == 1.0:
            continue
        return Conflict(best, other, first_value, value)
    return None


def render_conflict(conflict: Conflict, hits: Sequence[ScoredChunk], window: Any) -> tuple[str, list[Citation]]:
    """'De documenten spreken elkaar tegen: X volgens ‘A’ [1], Y volgens ‘B’ [2].' and both units."""
    citations: list[Citation] = []
    shown: list[str] = []
    for n, unit in enumerate((conflict.first, conflict.second), start=1):
        hit = hits[unit.rank]
        quote = re.sub(r"\s+", " ", unit.text.strip())
        citations.append(Citation.of(n, hit.chunk, quote, hit.score))
        piece = window(unit.text).rstrip(" .")
        shown.append(f"{piece} [{n}].")
    lead = (f"De documenten spreken elkaar tegen: {conflict.first_value} volgens ‘{citations[0].title}’ [1], "
            f"{conflict.second_value} volgens ‘{citations[1].title}’ [2].")
    return " ".join([lead, *shown]), citations


__all__ = ["Conflict", "find_conflict", "render_conflict"]
