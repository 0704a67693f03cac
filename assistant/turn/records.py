"""The frozen records one turn passes from step to step, and the Answer built once from the last.

Each record keeps the one before it (``previous``), so the last record of a turn holds the whole
turn: what was asked, how it was condensed and routed, what was retrieved and drafted.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Union

from assistant.followup import Condensed as FollowUp
from assistant.retrieval import Filters, SearchResult
from assistant.types import Answer, Calculation, Citation, Status

__all__ = ["Calculated", "Condensed", "Drafted", "Record", "Retrieved", "Routed", "Turn", "Verified", "lineage",
           "to_answer"]


@dataclass(frozen=True)
class Turn:
    """The question as asked, after the scope check (empty, too long, no words, English)."""

    raw: str
    question: str
    history: tuple[Mapping[str, Any], ...]
    filters: Filters
    notes: tuple[str, ...]
    started: float  # time.perf_counter() when the turn began
    refusal: str | None = None  # the check's answer when the question cannot be answered at all

    @property
    def previous(self) -> None:
        return None


@dataclass(frozen=True)
class Condensed:
    """A follow-up made standalone (the question as it was when it is not one)."""

    previous: Turn
    followup: FollowUp

    @property
    def question(self) -> str:
        return self.followup.question


@dataclass(frozen=True)
class Routed:
    """Money question (``request`` set: the calculator answers) or not (the passages answer)."""

    previous: Condensed
    request: Any = None  # assistant.financing.MoneyRequest
    notes: tuple[str, ...] = ()

    @property
    def question(self) -> str:
        return self.previous.question

    @property
    def route(self) -> str:
        return "calculation" if self.request is not None else "retrieve"


@dataclass(frozen=True)
class Calculated:
    """The calculator's result (or why there is none) with its answer text and cited sentences."""

    previous: Routed
    calculation: Calculation
    text: str
    citations: tuple[Citation, ...]
    generate_ms: float


@dataclass(frozen=True)
class Retrieved:
    """The passages the retriever found for the (condensed) question."""

    previous: Routed
    search: SearchResult
    retrieve_ms: float

    @property
    def question(self) -> str:
        return self.previous.question

    @property
    def condensed(self) -> FollowUp:
        return self.previous.previous.followup


@dataclass(frozen=True)
class Drafted:
    """The extractive selection and, with a language model, its draft (or why there is none)."""

    previous: Retrieved
    profile: Any  # assistant.answer.select.QuestionProfile
    selection: Any  # assistant.answer.select.Selection
    llm_text: str | None
    llm_error: str | None
    generate_ms: float


@dataclass(frozen=True)
class Verified:
    """The outcome of the turn: text, status and sources that passed the checks."""

    previous: Union[Turn, Calculated, Drafted]
    question: str
    text: str
    status: Status
    citations: tuple[Citation, ...] = ()
    calculation: Calculation | None = None
    notes: tuple[str, ...] = ()


Record = Union[Turn, Condensed, Routed, Calculated, Retrieved, Drafted, Verified]


def lineage(record: Record) -> tuple[Record, ...]:
    """Every record of the turn, first (``Turn``) to ``record``."""
    chain: list[Record] = []
    current: Any = record
    while current is not None:
        chain.append(current)
        current = current.previous
    return tuple(reversed(chain))


def to_answer(verified: Verified) -> Answer:
    """The Answer of a turn, made once: notes of every step, timings, the retrieval ranking."""
    records = lineage(verified)
    notes: list[str] = []
    timings: dict[str, float] = {}
    search: SearchResult | None = None
    for record in records:
        if isinstance(record, (Turn, Routed, Verified)):
            notes += record.notes
        if isinstance(record, Retrieved):
            search = record.search
            timings["retrieve"] = record.retrieve_ms
        if isinstance(record, (Calculated, Drafted)):
            timings["generate"] = record.generate_ms
    timings.setdefault("retrieve", 0.0)
    timings.setdefault("generate", 0.0)
    timings["total"] = (time.perf_counter() - records[0].started) * 1000
    hits = search.hits if search is not None else []
    return Answer(
        verified.question, verified.text, verified.status, list(verified.citations), verified.calculation,
        timings_ms=timings, notes=list(dict.fromkeys(notes)),
        retrieved_doc_ids=[h.chunk.doc_id for h in hits], retrieved_passages=[h.chunk.text for h in hits],
    )
