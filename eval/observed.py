"""What the chain does with each tuning question up to answer selection (``observe``), kept so that
``eval/fit.py`` can rescore it under many models, and the folds that keep a document's questions
together."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.answer.parts import PartSelection
from assistant.answer.select import Candidate
from assistant.turn.records import Drafted
from eval.decision import FOLDS
from eval.questions import Question


@dataclass
class Observed:
    question: Question
    candidates: list[Candidate]
    hits: list
    profile: object
    gated: bool  # refused before scoring (a named period/sector no document mentions)
    dense_top: float
    parts: tuple[PartSelection, ...] = ()  # a question that asks two things: each part's units
    question_set: str = ""  # the file the question comes from: every set has one vote in the threshold


def observe(assistant, question: Question, question_set: str = "") -> Observed | None:
    """Run the pipeline up to answer selection; None for money questions (the calculator answers)."""
    history = [m.model_dump() for m in question.history]
    records = assistant.steps(question.question, history, None)
    drafted = next((r for r in records if isinstance(r, Drafted)), None)
    if drafted is None:  # refused before any work, or the calculator answered
        return None
    verified = records[-1]
    gated = verified.status == "not_found" and "Geen enkel document" in verified.text
    return Observed(
        question, list(drafted.selection.candidates), list(drafted.selection.hits), drafted.profile, gated,
        drafted.previous.search.dense_top, tuple(drafted.selection.parts), question_set,
    )


def group_of(question: Question) -> str:
    """Cross-validation folds keep a document's questions together (as the test split does)."""
    return question.sources[0] if question.sources else question.id


def folds(observed: list[Observed], k: int = FOLDS, salt: str = "") -> list[int]:
    """A fold number per observation, by a stable hash of its document (``salt`` draws another
    assignment of documents to folds)."""
    return [int(hashlib.sha1((salt + group_of(ob.question)).encode()).hexdigest(), 16) % k for ob in observed]


__all__ = ["Observed", "folds", "group_of", "observe"]
