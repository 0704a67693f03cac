"""OpenAI-compatible routes: ``POST /v1/chat/completions`` (plain and streamed) and ``GET /v1/models``.

The conversation's last user message is the question, earlier user/assistant messages are the
history (system messages are ignored: the assistant has its own instructions). The reply's
``message.content`` is the answer with its ``[n]`` markers followed by a "Bronnen:" list; the
structured citations, the status and the calculation travel in the extra top-level fields
``citations``, ``status`` and ``calculation`` (in the last chunk when streaming). Filters may be
sent as an extra ``filters`` field (``extra_body`` in the openai client).

Streaming sends the role first, then the answer text. With a language model configured, its text
is held back until it has passed the citation check, so a client never receives text that the
verified answer does not contain.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from fastapi.concurrency import iterate_in_threadpool, run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import ConvenantError
from assistant.present import SOURCES_HEADING, answer_plain_text
from assistant.types import Answer
from ui.api_common import ApiError, ApiLimits, error_body

__all__ = ["MODEL_ID", "SOURCES_HEADING", "ChatRequest", "message_content", "openai_router", "split_messages"]

log = logging.getLogger(__name__)

MODEL_ID = "convenantassistent"
_SOURCES_BREAK = "\n\n" + SOURCES_HEADING + "\n"
_CREATED = int(time.time())


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """OpenAI's chat-completion request; sampling options (temperature, ...) are accepted and ignored."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "model": MODEL_ID, "messages": [{"role": "user", "content": "Wat is de looptijd van het sectorconvenant social profit?"}]}]})
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    filters: dict[str, list[str]] | None = Field(None, description="doc_ids, sectors, periods (extra veld)")


def _text(content: str | list[dict[str, Any]] | None) -> str:
    if content is None or isinstance(content, str):
        return content or ""
    parts = []
    for part in content:
        if part.get("type") != "text":
            raise ApiError(400, "unsupported_content", f"Berichtdeel van type {part.get('type')!r} wordt niet ondersteund; stuur tekst.")
        parts.append(str(part.get("text") or ""))
    return "".join(parts)


def split_messages(messages: list[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    """(question, history) from OpenAI messages; the "Bronnen" list is cut from earlier answers."""
    talk = [(m.role, _text(m.content)) for m in messages if m.role in ("user", "assistant")]
    if not talk or talk[-1][0] != "user":
        raise ApiError(400, "last_message_not_user", "Het laatste bericht moet een vraag van de gebruiker (role 'user') zijn.")
    history = [{"role": role, "content": text.split(_SOURCES_BREAK, 1)[0]} for role, text in talk[:-1] if text]
    return talk[-1][1], history


def message_content(answer: Answer) -> str:
    """The answer as chat text: the answer with [n] markers, remarks, then a numbered "Bronnen:" list."""
    return answer_plain_text(answer, blank_before_notes=True)


def _extras(answer: Answer) -> dict[str, Any]:
    return {"status": answer.status, "citations": [c.to_dict() for c in answer.citations],
            "calculation": answer.to_dict()["calculation"]}


def _chunk(cid: str, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
    data = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


def openai_router(assistant: Any, *, limits: ApiLimits, slots: asyncio.Semaphore) -> APIRouter:
    router = APIRouter(prefix="/v1")

    @router.get("/models", summary="Beschikbare modellen (OpenAI-compatibel)")
    def models() -> dict[str, Any]:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": _CREATED,
                                             "owned_by": "convenantassistent"}]}

    @router.get("/models/{model_id}", summary="Eén model (OpenAI-compatibel)")
    def model(model_id: str) -> dict[str, Any]:
        if model_id != MODEL_ID:
            raise ApiError(404, "model_not_found", f"Model {model_id!r} bestaat niet; gebruik {MODEL_ID!r}.")
        return {"id": MODEL_ID, "object": "model", "created": _CREATED, "owned_by": "convenantassistent"}

    @router.post("/chat/completions", summary="Chat-antwoord met bronnen (OpenAI-compatibel, ook streaming)",
                 response_model=None)
    async def chat_completions(body: ChatRequest) -> dict[str, Any] | StreamingResponse:
        question, history = split_messages(body.messages)
        question = limits.check_question(question)
        history = limits.check_history(history)
        filters = {k: v for k, v in (body.filters or {}).items() if k in ("doc_ids", "sectors", "periods")} or None
        cid = f"chatcmpl-{uuid.uuid4().hex}"
        if body.stream:
            return StreamingResponse(_events(assistant, slots, cid, question, history, filters),
                                     media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
        async with slots:
            try:
                answer = await run_in_threadpool(assistant.ask, question, history=history or None, filters=filters)
            except ConvenantError as exc:
                raise ApiError(422, "question_error", str(exc)) from None
        return {
            "id": cid, "object": "chat.completion", "created": int(time.time()), "model": MODEL_ID,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": message_content(answer)},
                         "finish_reason": "stop", "logprobs": None}],
            **_extras(answer),
        }

    return router


async def _events(assistant: Any, slots: asyncio.Semaphore, cid: str, question: str,
                  history: list[dict[str, str]], filters: dict[str, Any] | None) -> AsyncIterator[str]:
    yield _chunk(cid, {"role": "assistant", "content": ""})
    verified_only = getattr(assistant, "chat_model", None) is not None
    try:
        async with slots:
            final: Answer | None = None
            sent = ""
            async for piece in iterate_in_threadpool(assistant.stream(question, history=history or None, filters=filters)):
                if isinstance(piece, Answer):
                    final = piece
                    break
                if not verified_only:
                    sent += str(piece)
                    yield _chunk(cid, {"content": str(piece)})
            if final is None:
                raise ConvenantError("het antwoord bleef uit")
            content = message_content(final)
            rest = content[len(sent):] if content.startswith(sent) else content
            if rest:
                yield _chunk(cid, {"content": rest})
            yield _chunk(cid, {}, "stop", **_extras(final))
    except ConvenantError as exc:
        yield f"data: {json.dumps(error_body(422, 'question_error', str(exc)), ensure_ascii=False)}\n\n"
    except Exception:
        log.exception("streaming an answer to %r failed", question[:200])
        message = "Er ging iets mis bij het beantwoorden. Probeer het opnieuw of meld het aan de beheerder."
        yield f"data: {json.dumps(error_body(500, 'internal_error', message), ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"
