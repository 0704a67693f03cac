"""Question sets: JSON Lines, one question per line, parsed into typed records.

A line looks like::

    {"id": "sp-budget", "question": "Hoeveel subsidie krijgt de social profit?", "kind": "fact",
     "must": [["742.000"]], "sources": ["003_115f85ea577e561c"]}

``kind`` is ``fact``, ``calc``, ``refusal`` or ``followup``; ``history`` is a list of
``{"role": "user"|"assistant", "content": ...}`` messages asked before the question; ``must`` is a
list of groups, each satisfied when any of its alternatives appears in the answer;
``forbid_numbers`` are numbers that must not appear; ``sources`` are the document ids that hold the
answer. Unknown fields are ignored (a set may carry notes for its authors). A malformed line is
reported with its line number; all bad lines of a file are reported at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.errors import ConvenantError

__all__ = [
    "ANSWERABLE_KINDS",
    "KINDS",
    "Message",
    "Question",
    "QuestionSetError",
    "load_questions",
    "parse_questions",
]

Kind = Literal["fact", "calc", "refusal", "followup"]
KINDS: tuple[str, ...] = ("fact", "calc", "followup", "refusal")
#: Kinds whose questions the documents answer (everything but refusals).
ANSWERABLE_KINDS: frozenset[str] = frozenset({"fact", "calc", "followup"})

Alternative = str | int | float


class QuestionSetError(ConvenantError):
    """A question set file cannot be used; the message names the file and every bad line."""


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    role: Literal["user", "assistant"]
    content: str = Field(min_length=1)


class Question(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    kind: Kind
    history: tuple[Message, ...] = ()
    must: tuple[tuple[Alternative, ...], ...] = ()
    forbid_numbers: tuple[int | float | str, ...] = ()
    sources: tuple[str, ...] = ()

    @field_validator("id", "question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("must")
    @classmethod
    def _groups_not_empty(cls, groups: tuple[tuple[Alternative, ...], ...]) -> tuple[tuple[Alternative, ...], ...]:
        for i, group in enumerate(groups):
            if not group:
                raise ValueError(f"group {i} is empty")
            for alt in group:
                if isinstance(alt, bool) or (isinstance(alt, str) and not alt.strip()):
                    raise ValueError(f"group {i} has an empty or boolean alternative {alt!r}")
        return groups

    @field_validator("forbid_numbers")
    @classmethod
    def _numbers(cls, values: tuple[int | float | str, ...]) -> tuple[int | float | str, ...]:
        from eval.matching import parse_number  # local: matching imports nothing from here

        for value in values:
            if isinstance(value, bool) or parse_number(value) is None:
                raise ValueError(f"{value!r} is not a number")
        return values

    @model_validator(mode="after")
    def _kind_rules(self) -> "Question":
        if self.kind == "followup" and not self.history:
            raise ValueError("a followup question needs a non-empty history")
        if self.kind != "refusal" and not self.must and not self.sources:
            raise ValueError(f"a {self.kind} question needs 'must' groups or 'sources'")
        return self

    @property
    def answerable(self) -> bool:
        return self.kind in ANSWERABLE_KINDS

    def history_messages(self) -> list[dict[str, str]]:
        """The history as plain ``{"role", "content"}`` dicts, as the assistant takes it."""
        return [{"role": m.role, "content": m.content} for m in self.history]


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "line"
        message = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def parse_questions(lines: Iterable[str], *, source: str = "<questions>") -> list[Question]:
    """Questions from JSON Lines text. Blank lines are skipped. Raises QuestionSetError listing
    every bad line as ``source:line: reason``, and duplicate ids."""
    questions: list[Question] = []
    errors: list[str] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{source}:{number}: not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(data, dict):
            errors.append(f"{source}:{number}: expected a JSON object, got {type(data).__name__}")
            continue
        try:
            question = Question.model_validate(data)
        except ValidationError as exc:
            errors.append(f"{source}:{number}: {_describe(exc)}")
            continue
        if question.id in first_line:
            errors.append(f"{source}:{number}: id {question.id!r} already used on line {first_line[question.id]}")
            continue
        first_line[question.id] = number
        questions.append(question)
    if errors:
        shown = errors[:20] + ([f"... and {len(errors) - 20} more"] if len(errors) > 20 else [])
        raise QuestionSetError("bad question set:\n" + "\n".join(shown))
    if not questions:
        raise QuestionSetError(f"{source}: no questions")
    return questions


def load_questions(path: Path) -> list[Question]:
    """Read a question set file (JSON Lines, UTF-8)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionSetError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionSetError(f"{path}: cannot read: {exc}") from exc
    return parse_questions(text.splitlines(), source=str(path))
