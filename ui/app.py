"""The web app: ``build_app(assistant) -> gr.Blocks``. The only module of the project that knows Gradio.

Tabs: Chat (streaming answers with footnotes, filters, examples, 👍/👎 feedback), Rekenhulp (the
financing calculator as a form) and Documenten (the index, and uploads that become searchable
without a restart). Named API endpoints: ``/ask``, ``/chat``, ``/calculate``, ``/upload``,
``/documents``.

Presentation lives in :mod:`ui.render`, the calculator form in :mod:`ui.calculator_form`, uploads in
:mod:`ui.uploads` and :mod:`ui.indexing`, users in :mod:`ui.auth`, feedback in :mod:`ui.feedback`; this module only wires
them to components and events.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.config import Settings, apply_offline_env
from assistant.errors import ConvenantError
from assistant.limits import SizeLimits, check_request_size, preview, question_size_error, trim_history
from assistant.types import Answer
from ui import render
from ui.auth import Authenticator
from ui.auth import may_upload as user_may_upload
from ui.conversation import answer_record, chat_messages, error_turn, filter_choices, filters_from, turn_from, turn_index
from ui.calculator_form import FIELDS, QUANTITY_CHOICES, field_errors, run_form, values_from
from ui.feedback import DOWN, UP, FeedbackStore, default_path
from ui.indexing import index_uploads, indexer
from ui.throttle import LoginThrottle, LoginThrottleMiddleware
from ui.uploads import ALLOWED_KINDS

__all__ = ["ANSWER_CONCURRENCY", "EXAMPLE_QUESTIONS", "ConvenantApp", "build_app"]

log = logging.getLogger(__name__)

#: How many questions are answered at the same time (per app); more wait in the queue. The
#: assistant is thread-safe (per-thread sentence segmenters, locked embedder); two matches the
#: two cores this runs on.
ANSWER_CONCURRENCY = 2

EXAMPLE_QUESTIONS = (
    "Wat is de looptijd van het sectorconvenant social profit?",
    "Wat is de maximale subsidie voor het sectorconvenant social profit?",
    "Hoeveel resultaatsfinanciering krijgt de social profit als 5 van de 7 resultaatsverbintenissen behaald zijn?",
    "Wat zijn de engagementen van 'Iedereen aan boord'?",
)

_GENERIC_ERROR = "Er ging iets mis bij het beantwoorden. Probeer het opnieuw of meld het aan de beheerder."
_NO_UPLOAD = "Alleen beheerders mogen documenten uploaden."
_UPLOADS_OFF = ("Uploaden staat uit. De beheerder zet het aan met CONVENANT_ADMIN_USERS of, op een laptop "
                "voor één gebruiker, CONVENANT_OPEN_UPLOADS=1.")


class ConvenantApp(gr.Blocks):
    """gr.Blocks that launches with the project's defaults: host and port from the settings, the
    style sheet, the upload size limit, and, when a users file is configured, the login (which a
    caller cannot switch off)."""

    def __init__(self, *, settings: Settings, auth: Authenticator | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.convenant_settings = settings
        self.authenticator = auth

    def _defaults(self) -> dict[str, Any]:
        settings = self.convenant_settings
        defaults: dict[str, Any] = {
            "css": render.APP_CSS,
            # Hard cap for the upload route; files between the setting and the cap get a Dutch
            # message from the app's own size check instead of Gradio's generic refusal.
            "max_file_size": int(settings.max_file_mb * 2 * 1024 * 1024),
            "footer_links": ["api"],
            "run_history": False,
            "show_error": False,
        }
        if self.authenticator is not None:
            defaults["auth_message"] = "Convenantassistent: meld je aan met je gebruikersnaam en wachtwoord."
        return defaults

    def launch(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        settings = self.convenant_settings
        kwargs.setdefault("server_name", settings.host)
        kwargs.setdefault("server_port", settings.port)
        kwargs.setdefault("quiet", True)
        for key, value in self._defaults().items():
            kwargs.setdefault(key, value)
        if self.authenticator is not None:
            kwargs["auth"] = self.authenticator
            throttle = LoginThrottle(settings.login_max_failures, settings.login_window_s)
            app_kwargs = dict(kwargs.get("app_kwargs") or {})
            app_kwargs["middleware"] = [*app_kwargs.get("middleware", []),
                                        Middleware(LoginThrottleMiddleware, throttle=throttle)]
            kwargs["app_kwargs"] = app_kwargs
            kwargs.setdefault("auth_message", "Convenantassistent: meld je aan met je gebruikersnaam en wachtwoord.")
        return super().launch(*args, **kwargs)

    def mount(self, parent: Any, path: str = "/") -> Any:
        """Mount the web app on the FastAPI app ``parent`` (the HTTP API, :mod:`ui.server`) with
        the same defaults and login as :meth:`launch`; returns ``parent``."""
        settings = self.convenant_settings
        if self.authenticator is not None:  # failed logins are rate-limited on the real server too
            throttle = LoginThrottle(settings.login_max_failures, settings.login_window_s)
            parent.add_middleware(LoginThrottleMiddleware, throttle=throttle)
        return gr.mount_gradio_app(parent, self, path, server_name=settings.host, server_port=settings.port,
                                   auth=self.authenticator, **self._defaults())


# --------------------------------------------------------------------------- the app


def build_app(assistant: Any, *, feedback: FeedbackStore | None = None, auth: Authenticator | None = None,
              ingest_files: Callable[..., Any] | None = None) -> ConvenantApp:
    """The whole web app for ``assistant`` (see assistant.chain.build_assistant).

    ``feedback`` defaults to the SQLite store under the data directory; ``auth`` to the users file
    of the settings (none: no login); ``ingest_files`` (uploads) to :func:`ui.indexing.indexer`.
    """
    apply_offline_env()
    settings: Settings = assistant.settings
    if auth is None and settings.users_file is not None:
        auth = Authenticator.from_file(settings.users_file)
    store = feedback or FeedbackStore(default_path(settings.data_dir))
    ingest_files = ingest_files or indexer(assistant)
    limits = SizeLimits.from_settings(settings)
    if settings.admin_users and auth is None:
        log.warning("admin users are set but no users file: nobody can upload documents")

    def current_titles() -> dict[str, str]:
        return {str(render.doc_field(d, "doc_id")): str(render.doc_field(d, "title")) for d in assistant.documents()}

    def current_choices() -> tuple[list[tuple[str, str]], list[str], list[tuple[str, str]]]:
        return filter_choices(list(assistant.documents()), list(assistant.registry().sectors()))

    # ---------------- chat

    def respond(question: str, turns: list[dict[str, Any]] | None, doc_ids: list[str] | None,
                sector: str | None, period: str | None) -> Iterator[tuple[Any, ...]]:
        turns = list(turns or [])
        question = (question or "").strip()
        if not question:
            yield gr.skip(), chat_messages(turns), turns
            return
        too_long = question_size_error(question, limits)
        if too_long:  # refused before any work; only the start of the question is kept
            turns.append(error_turn(preview(question), too_long))
            yield "", chat_messages(turns), turns
            return
        filters = filters_from(doc_ids, sector, period)
        yield "", chat_messages(turns, (question, "")), turns
        text = ""
        final: Answer | None = None
        history = trim_history(render.history_messages(turns), limits)
        try:
            for piece in assistant.stream(question, history=history, filters=filters):
                if isinstance(piece, Answer):
                    final = piece
                    break
                text += str(piece)
                yield gr.skip(), chat_messages(turns, (question, text)), gr.skip()
            turn = turn_from(question, final, filters) if final is not None else error_turn(question, _GENERIC_ERROR)
        except ConvenantError as exc:
            turn = error_turn(question, str(exc))
        except Exception:  # the page must never show a traceback
            log.exception("answering %r failed", question[:200])
            turn = error_turn(question, _GENERIC_ERROR)
        turns.append(turn)
        yield "", chat_messages(turns), turns

    def ask(question: str, history: list[dict] | None = None, filters: dict | None = None) -> dict:
        """Answer one question: {"question", "answer", "status", "citations", "calculation", "notes", ...}."""
        too_large = check_request_size(str(question or ""), history if isinstance(history, list) else None, limits)
        if too_large:
            raise gr.Error(too_large)
        try:
            return answer_record(assistant.ask(question, history=history or None, filters=filters or None))
        except ConvenantError as exc:
            raise gr.Error(str(exc)) from None

    def pick_example(data: gr.SelectData) -> str:
        value = data.value
        return str(value.get("text", "")) if isinstance(value, dict) else str(value or "")

    def new_conversation() -> tuple[Any, ...]:
        return [], [], {}, "", gr.update(visible=False), ""

    def on_like(turns: list[dict[str, Any]] | None, rated: dict[int, int] | None, data: gr.LikeData,
                request: gr.Request) -> tuple[Any, ...]:
        turns, rated = list(turns or []), dict(rated or {})
        index = turn_index(data.index)
        if index is None or index >= len(turns) or turns[index]["status"] == "error":
            return rated, gr.skip(), gr.skip(), gr.skip()
        turn = turns[index]
        rating = UP if data.liked is True else DOWN if data.liked is False else None
        feedback_id = rated.get(index)
        if rating is None:
            if feedback_id is not None:
                store.delete(feedback_id)
                rated.pop(index)
            return rated, gr.update(visible=False), None, "Beoordeling verwijderd."
        if feedback_id is None:
            feedback_id = store.record(
                rating=rating, question=turn["question"], answer=turn["answer"], status=turn["status"],
                citations=turn["citations"], history=render.history_messages(turns[:index]),
                filters=turn["filters"], retrieved=turn.get("retrieved", ()),
                username=getattr(request, "username", None),
            )
            rated[index] = feedback_id
        else:
            store.update(feedback_id, rating=rating)
        thanks = "Bedankt! 👍 opgeslagen." if rating == UP else "Bedankt! 👎 opgeslagen — vertel eventueel wat er mis is."
        return rated, gr.update(visible=True), feedback_id, thanks

    def save_comment(feedback_id: int | None, comment: str) -> tuple[Any, ...]:
        if feedback_id is None:
            return gr.skip(), "Beoordeel eerst een antwoord met 👍 of 👎."
        store.update(int(feedback_id), comment=comment or "")
        return "", "Opmerking opgeslagen. Bedankt!"

    # ---------------- calculator

    def calc_validate(*args: Any) -> list[dict[str, Any]]:
        try:
            errors = field_errors(values_from(args), assistant.registry())
        except Exception:
            log.exception("calculator validation failed")
            errors = {}
        return [gr.validate(f.name not in errors, errors.get(f.name, "")) for f in FIELDS]

    def calc_run(*args: Any) -> tuple[Any, ...]:
        try:
            outcome = run_form(values_from(args), assistant.registry(), current_titles())
        except Exception:
            log.exception("calculation failed")
            message = "De berekening kon niet worden uitgevoerd. Controleer de invoer."
            return render.render_error(message), [], "", {"error": message}
        return outcome.summary, outcome.steps, outcome.details, outcome.data

    # ---------------- documents

    def may_upload(request: gr.Request | None) -> bool:
        return user_may_upload(getattr(request, "username", None), admin_users=settings.admin_users,
                               open_uploads=settings.open_uploads)

    def refreshed() -> tuple[Any, ...]:
        docs, sectors, periods = current_choices()
        return (
            render.document_rows(assistant.documents()),
            gr.update(choices=docs),
            gr.update(choices=[("Alle sectoren", "")] + [(s, s) for s in sectors]),
            gr.update(choices=[("Alle periodes", "")] + periods),
            gr.update(choices=[("(geen)", "")] + [(s, s) for s in assistant.registry().sectors()]),
        )

    def upload(files: list[str] | None, request: gr.Request, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        if not may_upload(request):
            raise gr.Error(_NO_UPLOAD if settings.admin_users else _UPLOADS_OFF)
        if not files:
            return ("Kies eerst één of meer bestanden.", None, *refreshed())
        progress(0, desc="Bestanden controleren")
        status = index_uploads(
            [Path(f) for f in (files if isinstance(files, list) else [files])], settings=settings,
            documents=assistant.documents(), ingest_files=ingest_files,
            progress=lambda done, total: progress((done, total or None), desc="Documenten indexeren", unit="chunks"))
        return (status, None, *refreshed())

    def documents_api() -> list[dict]:
        """The indexed documents: doc_id, title, doc_type, period, chunks, ingested_at."""
        return [
            {"doc_id": row[5], "title": row[0], "doc_type": row[1], "period": row[2], "chunks": row[3], "ingested_at": row[4]}
            for row in render.document_rows(assistant.documents())
        ]

    def on_load(request: gr.Request) -> tuple[Any, ...]:
        user = getattr(request, "username", None)
        allowed = may_upload(request)
        who = f"Aangemeld als **{render.render_user(user)}**." if user else ""
        note = "" if allowed else _NO_UPLOAD if settings.admin_users else _UPLOADS_OFF
        return (who, gr.update(visible=allowed), note, *refreshed())

    # ---------------- layout

    docs, sectors, periods = current_choices()
    with ConvenantApp(settings=settings, auth=auth, title="Convenantassistent", analytics_enabled=False) as app:
        with gr.Row():
            gr.Markdown("# Convenantassistent\nVragen over de Vlaamse sectorconvenants — elk antwoord met bronnen.")
            whoami = gr.Markdown(elem_id="ca-whoami")
        turns_state = gr.State([])
        rated_state = gr.State({})
        last_feedback = gr.State(None)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(
                            label="Gesprek", height=560, elem_id="ca-chat",
                            placeholder="**Stel een vraag over de sectorconvenants.** Elk antwoord toont de bronnen; klik op een voetnoot om de passage te zien.",
                            examples=[{"text": q} for q in EXAMPLE_QUESTIONS],
                            feedback_options=("Like", "Dislike"), buttons=["copy"],
                        )
                        with gr.Row():
                            question = gr.Textbox(label="Je vraag", placeholder="Typ je vraag en druk op Enter",
                                                  scale=5, lines=1, max_lines=4, elem_id="ca-question",
                                                  max_length=settings.max_question_chars)
                            send = gr.Button("Versturen", variant="primary", scale=1, elem_id="ca-send")
                        with gr.Row():
                            new_chat = gr.Button("Nieuw gesprek", variant="secondary", size="sm", elem_id="ca-new")
                        feedback_status = gr.Markdown(elem_id="ca-feedback-status")
                        with gr.Group(visible=False) as comment_group:
                            comment = gr.Textbox(label="Opmerking bij je beoordeling (optioneel)", lines=2,
                                                 placeholder="Wat klopt er niet of ontbreekt er?", elem_id="ca-comment")
                            save = gr.Button("Opmerking opslaan", size="sm")
                    with gr.Column(scale=1, min_width=240):
                        gr.Markdown("### Filters\nBeperk de bronnen van het antwoord.")
                        doc_filter = gr.Dropdown(label="Documenten", choices=docs, multiselect=True, value=[],
                                                 elem_id="ca-filter-docs")
                        sector_filter = gr.Dropdown(label="Sector", value="", elem_id="ca-filter-sector",
                                                    choices=[("Alle sectoren", "")] + [(s, s) for s in sectors])
                        period_filter = gr.Dropdown(label="Periode", value="", elem_id="ca-filter-period",
                                                    choices=[("Alle periodes", "")] + periods)

            with gr.Tab("Rekenhulp", id="calc"):
                gr.Markdown("### Financieringsberekening\nKies een sector (bedragen uit het convenant) of vul de bedragen zelf in. "
                            "Ingevulde waarden gaan voor op de documenten.")
                registry_sectors = assistant.registry().sectors()
                inputs: list[gr.components.Component] = []
                with gr.Row():
                    with gr.Column():
                        for f in FIELDS[:8]:
                            inputs.append(_field_input(f, registry_sectors, assistant.registry().periods()))
                    with gr.Column():
                        for f in FIELDS[8:]:
                            inputs.append(_field_input(f, registry_sectors, assistant.registry().periods()))
                calc_button = gr.Button("Bereken", variant="primary", elem_id="ca-calc")
                calc_summary = gr.Markdown(elem_id="ca-calc-result")
                calc_steps = gr.Dataframe(headers=render.STEP_HEADERS, label="Stappen", interactive=False, wrap=True,
                                          column_widths=["6%", "20%", "26%", "30%", "18%"], elem_id="ca-calc-steps")
                calc_details = gr.Markdown(elem_id="ca-calc-details")
                with gr.Accordion("Gegevens (JSON)", open=False):
                    calc_json = gr.JSON(label="Resultaat")
                calc_sector = inputs[0]

            with gr.Tab("Documenten", id="docs"):
                gr.Markdown("### Geïndexeerde documenten")
                docs_table = gr.Dataframe(headers=render.DOCUMENT_HEADERS, value=render.document_rows(assistant.documents()),
                                          interactive=False, wrap=True, elem_id="ca-docs",
                                          column_widths=["38%", "13%", "17%", "7%", "13%", "12%"])
                upload_note = gr.Markdown()
                with gr.Group(visible=True) as upload_group:
                    files = gr.File(label="Documenten toevoegen (PDF, DOCX, HTML, Markdown of tekst; "
                                          f"max. {settings.max_file_mb:g} MB per bestand)",
                                    file_count="multiple", file_types=sorted(ALLOWED_KINDS), type="filepath",
                                    elem_id="ca-upload")
                    upload_button = gr.Button("Uploaden en indexeren", variant="primary", elem_id="ca-upload-button")
                upload_status = gr.Markdown(elem_id="ca-upload-status")

        # ---------------- events
        chat_inputs = [question, turns_state, doc_filter, sector_filter, period_filter]
        chat_outputs = [question, chatbot, turns_state]
        common = {"concurrency_limit": ANSWER_CONCURRENCY, "concurrency_id": "answer"}
        question.submit(respond, chat_inputs, chat_outputs, api_name="chat", **common)
        send.click(respond, chat_inputs, chat_outputs, api_visibility="private", **common)
        chatbot.example_select(pick_example, None, question, api_visibility="private", queue=False) \
            .then(respond, chat_inputs, chat_outputs, api_visibility="private", **common)
        reset_outputs = [chatbot, turns_state, rated_state, question, comment_group, feedback_status]
        new_chat.click(new_conversation, None, reset_outputs, api_visibility="private", queue=False)
        chatbot.clear(new_conversation, None, reset_outputs, api_visibility="private", queue=False)
        chatbot.like(on_like, [turns_state, rated_state], [rated_state, comment_group, last_feedback, feedback_status],
                     api_visibility="private")
        save.click(save_comment, [last_feedback, comment], [comment, feedback_status], api_visibility="private")
        comment.submit(save_comment, [last_feedback, comment], [comment, feedback_status], api_visibility="private")
        gr.api(ask, api_name="ask", concurrency_limit=ANSWER_CONCURRENCY, concurrency_id="answer")

        calc_button.click(calc_run, inputs, [calc_summary, calc_steps, calc_details, calc_json],
                          validator=calc_validate, api_name="calculate")

        refresh_outputs = [docs_table, doc_filter, sector_filter, period_filter, calc_sector]
        upload_button.click(upload, [files], [upload_status, files, *refresh_outputs], api_name="upload",
                            concurrency_limit=2, concurrency_id="upload")  # the ingest locks only its swap
        gr.api(documents_api, api_name="documents")
        app.load(on_load, None, [whoami, upload_group, upload_note, *refresh_outputs], api_visibility="private")
    app.queue(default_concurrency_limit=2)
    return app


def _field_input(field: Any, sectors: list[str], periods: list[str]) -> gr.components.Component:
    elem_id = f"ca-calc-{field.name.replace('_', '-')}"
    if field.kind == "choice":
        options = sectors if field.name == "sector" else periods
        return gr.Dropdown(label=field.label, info=field.info or None, value="", elem_id=elem_id,
                           choices=[("(geen)", "")] + [(o, o) for o in options])
    if field.kind == "check":
        return gr.Checkbox(label=field.label, value=False, elem_id=elem_id)
    if field.kind == "multi":
        return gr.CheckboxGroup(label=field.label, choices=QUANTITY_CHOICES, value=[], elem_id=elem_id)
    return gr.Textbox(label=field.label, placeholder=field.placeholder or None, info=field.info or None,
                      lines=1, max_lines=1, elem_id=elem_id)
