"""The HTTP API beside the web chat: ``build_api(assistant) -> FastAPI``.

Versioned JSON routes under ``/api`` (ask, calculate, documents, upload, health; OpenAPI docs at
``/api/docs``) and the OpenAI-compatible ``/v1`` routes of :mod:`ui.openai_api`. The web chat is
mounted on the same app by :mod:`ui.server`, so both share one process and one port.

When login is configured (a users file) or an API keys file is set, every route needs
``Authorization: Bearer <key>`` (see :mod:`ui.keys`); only ``/api/docs`` and its schema are open.
"""

import asyncio
import logging
import re
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import UploadFile as StarletteUploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.config import Settings
from assistant.errors import ConvenantError, FinancingError
from ui import render
from ui.api_common import ApiError, ApiLimits, Caller, DeclaredSizeGuard, KeyCheck, install_error_handlers
from ui.conversation import answer_record
from ui.keys import KeyRing
from ui.openai_api import MODEL_ID, openai_router
from ui.indexing import indexer
from ui.uploads import ingest_uploads, uploads_dir

__all__ = ["API_VERSION", "MAX_UPLOAD_FILES", "AskRequest", "CalculateRequest", "build_api", "keys_file"]

log = logging.getLogger(__name__)

API_VERSION = "1"
MAX_UPLOAD_FILES = 10
_MB = 1024 * 1024


# --------------------------------------------------------------------------- request bodies


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Annotated[str, Field(pattern="^(user|assistant)$", description="user of assistant")]
    content: str


class AskFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc_ids: list[str] = Field(default_factory=list, description="Alleen deze documenten (id's uit /api/documents)")
    sectors: list[str] = Field(default_factory=list, description="Alleen convenants van deze sector(en)")
    periods: list[str] = Field(default_factory=list, description="Alleen deze periode(s), bv. 2023-2025")


class AskRequest(BaseModel):
    """A question, optionally with the conversation so far and filters."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": "Wat is de maximale subsidie in het sectorconvenant social profit?"}]})
    question: str
    history: list[Message] = Field(default_factory=list, description="Eerdere berichten, oudste eerst")
    filters: AskFilters | None = None


class CalculateRequest(BaseModel):
    """The financing calculator's inputs; numbers may be given as numbers or as Dutch text ("742.000,00")."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"sector": "social profit", "achieved": 2, "total": 3}]})
    sector: str | None = None
    period: str | None = Field(None, description="Generatie, bv. 2021-2022")
    subsidy: str | float | None = Field(None, description="Maximale subsidie in euro")
    split: str | None = Field(None, description="Verdeling inspanning/resultaat, bv. 70/30")
    achieved: str | int | None = None
    total: str | int | None = None
    missed: str | int | None = None
    fte: str | float | None = None
    rate_per_fte: str | float | None = None
    years: str | int | None = None
    absent_days: str | int | None = None
    absent_consultants: str | int | None = None
    term_start: str | None = Field(None, description="JJJJ-MM-DD")
    term_end: str | None = Field(None, description="JJJJ-MM-DD")
    addendum: bool = False
    addendum_amount: str | float | None = None
    deduction_before_split: bool = True
    asks: list[str] = Field(default_factory=list, description="Gevraagde bedragen, bv. resultaatsfinanciering")


# --------------------------------------------------------------------------- the app


def keys_file(settings: Settings) -> Path:
    """Where the API keys are kept: CONVENANT_API_KEYS_FILE, else ``data_dir/api_keys``."""
    return settings.api_keys_file or settings.data_dir / "api_keys"


def build_api(
    assistant: Any,
    *,
    keys: KeyRing | None = None,
    limits: ApiLimits | None = None,
    require_key: bool | None = None,
    concurrency: int = 2,
    ingest_files: Any = None,
) -> FastAPI:
    """The API app for ``assistant``. Keys default to the settings' keys file; a key is required
    when login is configured or a keys file is set (``require_key`` overrides)."""
    settings: Settings = assistant.settings
    ingest_files = ingest_files or indexer(assistant)  # uploads: the ingest pipeline (ui.indexing.indexer)
    limits = limits or ApiLimits.from_env()
    keys = keys or KeyRing(keys_file(settings))
    if require_key is None:
        require_key = settings.users_file is not None or settings.api_keys_file is not None
    check = KeyCheck(keys, required=require_key, admin_users=settings.admin_users, open_uploads=settings.open_uploads)
    slots = asyncio.Semaphore(concurrency)
    upload_lock = asyncio.Lock()
    max_file = int(settings.max_file_mb * _MB)
    upload_limit = max_file * MAX_UPLOAD_FILES + _MB

    def body_limit(path: str) -> int:
        return upload_limit if path.rstrip("/") == "/api/documents" else limits.max_body_bytes

    # Swagger UI from files shipped in the fastapi-offline wheel: the docs work without internet.
    app = FastAPIOffline(
        title="Convenantassistent API", version=API_VERSION, static_url="/api/docs-static",
        swagger_ui_oauth2_redirect_url="/api/docs/oauth2-redirect",
        description="Vragen over de Vlaamse sectorconvenants, met bronnen; financieringsberekeningen; "
                    "documenten. Fouten: `{\"error\": {\"code\", \"message\", \"type\"}}`.",
        docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json",
    )
    install_error_handlers(app, body_limit)
    # Only the API's own routes are limited: the web chat mounted on this app has its own limits.
    app.add_middleware(DeclaredSizeGuard, prefixes=("/api/", "/v1/"), limit=body_limit)
    router = APIRouter(prefix="/api", dependencies=[Depends(check)], max_body_size=limits.max_body_bytes)

    @router.post("/ask", summary="Een vraag stellen",
                 description="Zelfde object als `convenant ask --json`: answer, status, citations, calculation, timings_ms, notes.")
    async def ask(body: AskRequest) -> dict[str, Any]:
        question = limits.check_question(body.question)
        history = limits.check_history([m.model_dump() for m in body.history])
        filters = body.filters.model_dump() if body.filters else None
        async with slots:
            try:
                answer = await run_in_threadpool(assistant.ask, question, history=history or None, filters=filters)
            except ConvenantError as exc:
                raise ApiError(422, "question_error", str(exc)) from None
        return answer_record(answer)

    @router.post("/calculate", summary="Financieringsberekening",
                 description="De rekenhulp: elk bedrag met de stappen en het artikel waar de regel vandaan komt.")
    def calculate(body: CalculateRequest) -> dict[str, Any]:
        from assistant.financing import calculate as run, make_request

        options = body.model_dump()
        options["asks"] = tuple(options["asks"])
        try:
            result = run(make_request(**options), assistant.registry())
            return {**result.to_dict(), "text": result.render_nl()}
        except FinancingError as exc:
            raise ApiError(422, "calculation_invalid", str(exc)) from None
        except ConvenantError as exc:
            raise ApiError(422, "calculation_failed", str(exc)) from None
        except ArithmeticError:  # e.g. an amount too large to round to the cent (decimal.InvalidOperation)
            raise ApiError(422, "calculation_invalid",
                           "Een opgegeven bedrag of aantal is te groot om mee te rekenen.") from None

    @router.get("/documents", summary="Geïndexeerde documenten")
    def documents() -> list[dict[str, Any]]:
        return _document_list(assistant)

    upload_schema = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["files"],
        "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}}

    @router.post("/documents", summary="Documenten uploaden en indexeren (beheerders)",
                 description=f"Multipart-veld `files`, max. {MAX_UPLOAD_FILES} bestanden van elk max. "
                             f"{settings.max_file_mb:g} MB (PDF, DOCX, HTML, Markdown, tekst).",
                 max_body_size=upload_limit, openapi_extra=upload_schema)
    async def upload(request: Request, caller: Annotated[Caller, Depends(check)]) -> dict[str, Any]:
        # The form is read only after the key and the admin check, so nobody else can make the
        # server receive files.
        if not caller.admin:
            raise ApiError(403, "admin_required", "Alleen beheerders mogen documenten uploaden.")
        try:
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FILES)
        except StarletteHTTPException as exc:
            if exc.status_code == 413:
                raise
            raise ApiError(400, "invalid_upload", f"Ongeldige upload: stuur multipart/form-data met het veld 'files' "
                                                  f"(max. {MAX_UPLOAD_FILES} bestanden).") from None
        files = [f for f in form.getlist("files") if isinstance(f, StarletteUploadFile)]
        if not files:
            raise ApiError(400, "invalid_upload", "Geen bestanden ontvangen: stuur ze in het multipart-veld 'files'.")
        if upload_lock.locked():
            log.info("upload waits for the previous one")
        async with upload_lock:
            return await run_in_threadpool(_ingest, assistant, files, settings=settings, max_file=max_file,
                                          ingest_files=ingest_files)

    @router.get("/health", summary="Status van de dienst en de index")
    def health() -> dict[str, Any]:
        try:
            docs = assistant.documents()
        except ConvenantError as exc:
            raise ApiError(503, "index_unavailable", f"De index is niet bruikbaar: {exc}") from None
        return {"status": "ok", "version": API_VERSION, "documents": len(docs),
                "chunks": sum(int(render.doc_field(d, "chunks") or 0) for d in docs),
                "llm": settings.llm, "embedder": settings.embedder, "model": MODEL_ID}

    app.include_router(router)
    app.include_router(openai_router(assistant, limits=limits, slots=slots), dependencies=[Depends(check)],
                       max_body_size=limits.max_body_bytes)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    @app.api_route("/api/{rest:path}", methods=methods, include_in_schema=False, dependencies=[Depends(check)])
    @app.api_route("/v1/{rest:path}", methods=methods, include_in_schema=False, dependencies=[Depends(check)])
    def unknown(request: Request) -> None:
        path = request.url.path.rstrip("/")
        templates = [re.sub(r"\{[^}]+\}", "[^/]+", p) for p in app.openapi()["paths"]]
        if any(re.fullmatch(t, path) for t in templates):
            raise ApiError(405, "method_not_allowed", f"Methode {request.method} is niet toegestaan op {path}.")
        raise ApiError(404, "not_found", f"Het API-adres {path} bestaat niet. Zie /api/docs.")

    return app


def _document_list(assistant: Any) -> list[dict[str, Any]]:
    docs = {str(render.doc_field(d, "doc_id")): d for d in assistant.documents()}
    out = []
    for row in render.document_rows(docs.values()):
        meta = render.doc_field(docs[row[5]], "metadata") or {}
        stamp = render.doc_field(docs[row[5]], "ingested_at")
        out.append({"doc_id": row[5], "title": row[0], "doc_type": row[1], "period": str(meta.get("period") or ""),
                    "sector": str(meta.get("sector") or ""), "chunks": row[3],
                    "ingested_at": _iso(stamp)})
    return out


def _iso(stamp: Any) -> str | None:
    try:
        return datetime.fromtimestamp(float(stamp), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError, OverflowError, OSError):
        return str(stamp) if stamp else None


def _ingest(assistant: Any, files: list[StarletteUploadFile], *, settings: Settings, max_file: int,
            ingest_files: Any) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="convenant-upload-") as tmp:
        staged = []
        for number, upload in enumerate(files):
            path = Path(tmp) / f"{number}.upload"
            with path.open("wb") as handle:
                shutil.copyfileobj(upload.file, handle, length=_MB)
            staged.append((path, upload.filename or f"bestand-{number + 1}"))
        try:
            outcome = ingest_uploads(
                staged, folder=uploads_dir(settings.data_dir), max_bytes=max_file,
                known_documents={str(render.doc_field(d, "doc_id")): str(render.doc_field(d, "path") or "")
                                 for d in assistant.documents()},
                ingest_files=ingest_files,
            )
        except ConvenantError as exc:
            raise ApiError(422, "ingest_failed", f"Indexeren mislukt: {exc}. De index is ongewijzigd.") from None
    rejected = [{"file": name, "reason": reason} for name, reason in outcome.rejected]
    if rejected and not outcome.added:
        raise ApiError(422, "upload_rejected", " ".join(r["reason"] for r in rejected))
    return {"added": outcome.added, "rejected": rejected, "documents": _document_list(assistant)}
