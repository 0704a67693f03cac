"""The chat's conversation state without Gradio: turns, chatbot messages, filters and choices.

A turn is a plain dict (question, answer text, status, citations, filters, retrieved doc ids and
the rendered HTML); the web app keeps a list of them per browser session.
"""

from __future__ import annotations

from typing import Any

from assistant.types import Answer
from ui import render

__all__ = [
    "answer_record",
    "chat_messages",
    "error_turn",
    "filter_choices",
    "filters_from",
    "turn_from",
    "turn_index",
]


def filters_from(doc_ids: list[str] | None, sector: str | None, period: str | None) -> dict[str, Any] | None:
    """The assistant's filters dict from the filter inputs; None when nothing is chosen."""
    filters: dict[str, Any] = {}
    if doc_ids:
        filters["doc_ids"] = list(doc_ids)
    if sector:
        filters["sectors"] = [sector]
    if period:
        filters["periods"] = [period]
    return filters or None


def filter_choices(documents: list[Any], sectors: list[str]) -> tuple[list[tuple[str, str]], list[str], list[tuple[str, str]]]:
    """(document choices as (title, id), sectors, periods as (label, value)) for the filter inputs."""
    docs = sorted(
        ((str(render.doc_field(d, "title") or render.doc_field(d, "doc_id")), str(render.doc_field(d, "doc_id")))
         for d in documents),
        key=lambda item: item[0].lower(),
    )
    seen: dict[str, str] = {}
    periods: dict[str, str] = {}
    for doc in documents:
        meta = render.doc_field(doc, "metadata") or {}
        if meta.get("sector"):
            seen.setdefault(str(meta["sector"]).lower(), str(meta["sector"]))
        if meta.get("period"):
            periods[str(meta["period"])] = render.period_label(str(meta["period"]))
    for sector in sectors:
        seen.setdefault(sector.lower(), sector)
    return docs, sorted(seen.values(), key=str.lower), sorted(((v, k) for k, v in periods.items()))


def chat_messages(turns: list[dict[str, Any]], pending: tuple[str, str] | None = None) -> list[dict[str, str]]:
    """Chatbot messages: two per turn (question, rendered answer), then the pending question."""
    messages: list[dict[str, str]] = []
    for turn in turns:
        messages.append({"role": "user", "content": render.render_user(turn["question"])})
        messages.append({"role": "assistant", "content": turn["html"]})
    if pending is not None:
        question, partial = pending
        messages.append({"role": "user", "content": render.render_user(question)})
        messages.append({"role": "assistant", "content": render.render_pending(partial)})
    return messages


def answer_record(answer: Answer) -> dict[str, Any]:
    data = answer.to_dict()
    data["notes"] = list(answer.notes)
    return data


def turn_from(question: str, answer: Answer, filters: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "question": question,
        "answer": answer.answer,
        "status": answer.status,
        "citations": [c.to_dict() for c in answer.citations],
        "filters": filters,
        "retrieved": list(answer.retrieved_doc_ids),
        "html": render.render_answer(answer),
    }


def error_turn(question: str, message: str) -> dict[str, Any]:
    return {"question": question, "answer": message, "status": "error", "citations": [], "filters": None,
            "html": render.render_error(message)}


def turn_index(index: Any) -> int | None:
    """The turn a chatbot message index belongs to (two messages per turn)."""
    if isinstance(index, (list, tuple)):
        index = index[0] if index else None
    if not isinstance(index, int):
        return None
    return index // 2
