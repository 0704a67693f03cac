"""Size limits on what a user sends: the question and the conversation history.

Pure functions shared by every face (web chat, HTTP API, CLI): a very long question or history
slows every user down (a 5 MB question took 38 s and 280 MB extra), so it is refused with a
Dutch message before any work is done. ``SizeLimits.from_settings`` reads the limits from the
settings (``CONVENANT_MAX_QUESTION_CHARS``, ``CONVENANT_MAX_HISTORY_TURNS``,
``CONVENANT_MAX_HISTORY_CHARS``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "SizeLimits",
    "check_request_size",
    "history_size_error",
    "preview",
    "question_size_error",
    "trim_history",
]


@dataclass(frozen=True)
class SizeLimits:
    max_question_chars: int = 2000
    max_history_turns: int = 20  # user questions kept as context (each with its answer)
    max_history_chars: int = 20000  # characters of all history messages together

    @classmethod
    def from_settings(cls, settings: Any) -> "SizeLimits":
        return cls(
            max_question_chars=settings.max_question_chars,
            max_history_turns=settings.max_history_turns,
            max_history_chars=settings.max_history_chars,
        )


def _n(value: int) -> str:
    """A count in Dutch notation: 5000000 -> '5.000.000'."""
    return f"{value:,}".replace(",", ".")


def question_size_error(question: str, limits: SizeLimits) -> str | None:
    """A Dutch message when ``question`` is longer than allowed, else None."""
    length = len(question or "")
    if length <= limits.max_question_chars:
        return None
    return (
        f"Je vraag is te lang ({_n(length)} tekens; de limiet is {_n(limits.max_question_chars)} tekens). "
        "Stel een kortere vraag."
    )


def _content(message: Any) -> str:
    if isinstance(message, Mapping):
        return str(message.get("content") or "")
    return str(message or "")


def _is_user(message: Any) -> bool:
    return isinstance(message, Mapping) and message.get("role") == "user"


def history_size_error(history: Sequence[Any] | None, limits: SizeLimits) -> str | None:
    """A Dutch message when ``history`` (role/content messages) is larger than allowed, else None."""
    history = list(history or [])
    questions = sum(1 for m in history if _is_user(m))
    if questions > limits.max_history_turns or len(history) > 2 * limits.max_history_turns:
        return (
            f"De gespreksgeschiedenis is te lang ({_n(len(history))} berichten; de limiet is "
            f"{_n(limits.max_history_turns)} vragen met hun antwoorden). Begin een nieuw gesprek."
        )
    size = sum(len(_content(m)) for m in history)
    if size > limits.max_history_chars:
        return (
            f"De gespreksgeschiedenis is te lang ({_n(size)} tekens; de limiet is "
            f"{_n(limits.max_history_chars)} tekens). Begin een nieuw gesprek."
        )
    return None


def check_request_size(question: str, history: Sequence[Any] | None, limits: SizeLimits) -> str | None:
    """The first size problem of a request (question, then history) as a Dutch message, or None."""
    return question_size_error(question, limits) or history_size_error(history, limits)


def trim_history(history: Sequence[Any] | None, limits: SizeLimits) -> list[Any]:
    """The most recent messages of ``history`` that fit the limits (whole turns, oldest dropped).

    For a chat that builds its own history: the conversation can go on, only the oldest turns
    stop being context.
    """
    kept: list[Any] = []
    size = 0
    questions = 0
    for message in reversed(list(history or [])):
        length = len(_content(message))
        if size + length > limits.max_history_chars:
            break
        if _is_user(message):
            if questions == limits.max_history_turns:
                break
            questions += 1
        kept.append(message)
        size += length
    kept.reverse()
    while kept and not _is_user(kept[0]):
        kept.pop(0)  # never start with an answer whose question was dropped
    return kept


def preview(text: str, limit: int = 200) -> str:
    """The start of an over-long text for display: at most ``limit`` characters and an ellipsis."""
    text = text or ""
    return text if len(text) <= limit else text[:limit].rstrip() + " …"
