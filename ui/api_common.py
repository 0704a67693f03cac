"""What every route of the HTTP API shares: JSON errors with a Dutch message and a stable code,
the request limits, the body-size guard and the API-key check.

Errors have one shape on every route (the shape OpenAI clients understand)::

    {"error": {"code": "question_too_long", "message": "<Nederlandse uitleg>", "type": "invalid_request_error"}}

The codes are stable; the messages may be reworded.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import ConfigError
from ui.auth import may_upload
from ui.keys import KeyRing

__all__ = [
    "ApiError",
    "ApiLimits",
    "DeclaredSizeGuard",
    "Caller",
    "KeyCheck",
    "error_body",
    "install_error_handlers",
    "validation_message",
]

log = logging.getLogger(__name__)

_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
          404: "not_found_error", 405: "invalid_request_error", 413: "invalid_request_error",
          422: "invalid_request_error", 503: "server_busy", 500: "server_error"}


class ApiError(Exception):
    """An error the API answers with: HTTP status, stable code, Dutch message."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = dict(headers or {})


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "type": _TYPES.get(status, "invalid_request_error")}}


def _response(error: ApiError) -> JSONResponse:
    return JSONResponse(error_body(error.status, error.code, error.message), status_code=error.status,
                        headers=error.headers)


# --------------------------------------------------------------------------- limits


@dataclass(frozen=True)
class ApiLimits:
    """Request limits: the question and history limits of the web chat (same settings, same
    defaults) and a body limit that keeps a client from making the server read megabytes of JSON.
    Unlike the web chat, which drops the oldest turns of its own history, the API refuses a history
    that is too long: the caller sent it and should know."""

    max_question_chars: int = 2000
    max_history_turns: int = 20  # user questions (each with its answer)
    max_history_chars: int = 20_000
    max_body_bytes: int = 256 * 1024

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "ApiLimits":
        """Read ``CONVENANT_MAX_QUESTION_CHARS``, ``CONVENANT_MAX_HISTORY_TURNS``,
        ``CONVENANT_MAX_HISTORY_CHARS`` and ``CONVENANT_API_MAX_BODY_KB`` (once, at start-up)."""
        env = os.environ if env is None else env
        values = {}
        for field, name, scale in (("max_question_chars", "CONVENANT_MAX_QUESTION_CHARS", 1),
                                   ("max_history_turns", "CONVENANT_MAX_HISTORY_TURNS", 1),
                                   ("max_history_chars", "CONVENANT_MAX_HISTORY_CHARS", 1),
                                   ("max_body_bytes", "CONVENANT_API_MAX_BODY_KB", 1024)):
            raw = (env.get(name) or "").strip()
            if not raw:
                continue
            try:
                value = int(raw)
            except ValueError:
                raise ConfigError(f"{name}={raw!r} is not a whole number") from None
            if value <= 0:
                raise ConfigError(f"{name}={raw!r} must be positive")
            values[field] = value * scale
        return cls(**values)

    def check_question(self, question: str) -> str:
        text = (question or "").strip()
        if not text:
            raise ApiError(400, "question_empty", "De vraag is leeg. Stel een vraag over de sectorconvenants.")
        if len(text) > self.max_question_chars:
            raise ApiError(400, "question_too_long", f"De vraag is te lang ({_n(len(text))} tekens; de limiet is "
                                                     f"{_n(self.max_question_chars)} tekens). Stel een kortere vraag.")
        return text

    def check_history(self, history: list[dict[str, str]]) -> list[dict[str, str]]:
        questions = sum(1 for m in history if m.get("role") == "user")
        if questions > self.max_history_turns or len(history) > 2 * self.max_history_turns:
            raise ApiError(400, "history_too_long", f"De gespreksgeschiedenis is te lang ({_n(len(history))} berichten; "
                                                    f"de limiet is {_n(self.max_history_turns)} vragen met hun antwoorden).")
        size = sum(len(m.get("content", "")) for m in history)
        if size > self.max_history_chars:
            raise ApiError(400, "history_too_long", f"De gespreksgeschiedenis is te lang ({_n(size)} tekens; "
                                                    f"de limiet is {_n(self.max_history_chars)} tekens).")
        return history


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _size(limit: int) -> str:
    return f"{limit / 1_048_576:.0f} MB" if limit >= 1_048_576 else f"{limit // 1024} kB"


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "body_too_large", f"De aanvraag is te groot; de limiet is {_size(limit)}.")


class DeclaredSizeGuard:
    """ASGI middleware: a request to one of ``prefixes`` whose Content-Length is above
    ``limit(path)`` is refused with the JSON error before its body is read. (Bodies without a
    length are counted by FastAPI's per-route ``max_body_size``.)"""

    def __init__(self, app: ASGIApp, *, prefixes: tuple[str, ...], limit: Callable[[str], int]) -> None:
        self.app, self.prefixes, self.limit = app, prefixes, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith(self.prefixes):
            declared = dict(scope.get("headers") or []).get(b"content-length", b"")
            limit = self.limit(scope["path"])
            if declared.isdigit() and int(declared) > limit:
                await _response(_too_large(limit))(scope, receive, send)
                return
        await self.app(scope, receive, send)


# --------------------------------------------------------------------------- authentication


@dataclass(frozen=True)
class Caller:
    """Who is calling: the key's owner (None when no key is needed) and whether they may upload."""

    name: str | None
    admin: bool


class KeyCheck:
    """FastAPI dependency: with ``required``, a valid ``Authorization: Bearer <key>`` or 401."""

    def __init__(self, keys: KeyRing, *, required: bool, admin_users: tuple[str, ...], open_uploads: bool = False) -> None:
        self.keys, self.required, self.admin_users, self.open_uploads = keys, required, admin_users, open_uploads

    def _uploader(self, name: str | None) -> bool:
        return may_upload(name, admin_users=self.admin_users, open_uploads=self.open_uploads)

    def __call__(self, request: Request) -> Caller:
        if not self.required:
            return Caller(None, self._uploader(None))
        challenge = {"WWW-Authenticate": "Bearer"}
        scheme, _, token = (request.headers.get("authorization") or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "missing_api_key",
                           "Een API-sleutel is nodig: stuur 'Authorization: Bearer <sleutel>'. "
                           "Een beheerder maakt er een met `convenant keys add NAAM`.", challenge)
        owner = self.keys.owner(token.strip())
        if owner is None:
            log.warning("API request with an invalid key refused (%s %s)", request.method, request.url.path)
            raise ApiError(401, "invalid_api_key", "De API-sleutel is ongeldig of ingetrokken.", challenge)
        return Caller(owner, self._uploader(owner))


# --------------------------------------------------------------------------- error handlers

_REASONS = {
    "missing": "ontbreekt",
    "string_type": "moet tekst zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "extra_forbidden": "is onbekend",
    "string_too_long": "is te lang",
    "too_long": "bevat te veel elementen",
    "too_short": "bevat te weinig elementen",
}


def validation_message(errors: list[dict[str, Any]]) -> str:
    """A Dutch one-line message for pydantic/FastAPI validation errors, naming each bad field."""
    parts = []
    for error in errors[:5]:
        kind = error.get("type", "")
        if kind == "json_invalid":
            return "De inhoud van de aanvraag is geen geldige JSON."
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        where = ".".join(loc) or "de inhoud"
        if kind == "literal_error":
            reason = f"moet een van deze waarden zijn: {error.get('ctx', {}).get('expected', '')}"
        elif not loc and kind in ("missing", "model_attributes_type", "model_type", "dict_type"):
            return "De inhoud van de aanvraag moet een JSON-object zijn (Content-Type: application/json)."
        else:
            reason = _REASONS.get(kind, "is ongeldig")
        parts.append(f"'{where}' {reason}" if loc else f"{where} {reason}")
    return "Ongeldige aanvraag: " + "; ".join(parts) + "."


def install_error_handlers(app: Any, body_limit: Callable[[str], int]) -> None:
    """JSON errors with Dutch messages on ``app``'s own routes; never a traceback.
    ``body_limit(path)`` is the body limit of a route, named in the 413 message."""

    async def on_api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _response(exc)

    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _response(ApiError(400, "invalid_request", validation_message(list(exc.errors()))))

    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: ("not_found", "Dit API-adres bestaat niet."),
                 405: ("method_not_allowed", f"Methode {request.method} is hier niet toegestaan."),
                 413: ("body_too_large", _too_large(body_limit(request.url.path)).message)}
        code, message = codes.get(exc.status_code, ("http_error", str(exc.detail)))
        return _response(ApiError(exc.status_code, code, message, getattr(exc, "headers", None)))

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("API %s %s failed", request.method, request.url.path)
        return _response(ApiError(500, "internal_error",
                                  "Er ging iets mis bij het beantwoorden. Probeer het opnieuw of meld het aan de beheerder."))

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
