"""The ui package's public API, and "nothing else knows Gradio"."""

from __future__ import annotations

import re

from assistant.config import PROJECT_ROOT
from ui import api, api_common, app, auth, calculator_form, conversation, feedback, keys, openai_api, server, uploads


def test_public_api_pinned():
    assert sorted(app.__all__) == sorted(["ANSWER_CONCURRENCY", "EXAMPLE_QUESTIONS", "ConvenantApp", "build_app"])
    assert sorted(auth.__all__) == ["Authenticator", "add_user", "hash_password", "is_admin", "load_users",
                                    "may_upload", "upload_policy", "verify_password", "write_private"]
    assert sorted(feedback.__all__) == ["FeedbackEntry", "FeedbackError", "FeedbackStore", "default_path",
                                        "question_lines"]
    assert sorted(uploads.__all__) == ["ALLOWED_KINDS", "UploadOutcome", "UploadRejected", "check_upload",
                                       "ingest_uploads", "sanitize_filename", "uploads_dir"]
    assert sorted(conversation.__all__) == ["answer_record", "chat_messages", "error_turn", "filter_choices",
                                            "filters_from", "turn_from", "turn_index"]
    assert "run_form" in calculator_form.__all__ and "field_errors" in calculator_form.__all__
    assert sorted(api.__all__) == ["API_VERSION", "AskRequest", "CalculateRequest", "MAX_UPLOAD_FILES", "build_api",
                                   "keys_file"]
    assert sorted(api_common.__all__) == ["ApiError", "ApiLimits", "Caller", "DeclaredSizeGuard", "KeyCheck",
                                          "error_body", "install_error_handlers", "validation_message"]
    assert sorted(keys.__all__) == ["ApiKey", "KEY_PREFIX", "KeyRing", "add_key", "hash_key", "load_keys", "remove_keys"]
    assert sorted(openai_api.__all__) == ["ChatRequest", "MODEL_ID", "SOURCES_HEADING", "message_content",
                                          "openai_router", "split_messages"]
    assert sorted(server.__all__) == ["bind", "build_server", "run"]
    for module in (app, auth, feedback, uploads, conversation, calculator_form, api, api_common, keys, openai_api, server):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)


def test_only_ui_app_imports_gradio():
    pattern = re.compile(r"^\s*(import gradio\b|from gradio\b)", re.M)
    offenders = []
    for folder in ("assistant", "ingest", "eval", "ui"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            if path != PROJECT_ROOT / "ui" / "app.py" and pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(PROJECT_ROOT)))
    assert offenders == []


def test_text_faces_share_one_plain_text_presenter():
    """The command line and the OpenAI-compatible API show an answer through assistant.present."""
    from assistant.present import answer_plain_text
    from assistant.types import Answer, Citation
    from ui.cli.ask_cmd import render_text

    cite = Citation(1, "doc", "Convenant X", "Artikel 3", 2, "De subsidie bedraagt 98.000 euro.", 1.0)
    answer = Answer("Hoeveel?", "98.000 euro [1].", "answered", [cite], notes=["Let op."])
    assert openai_api.message_content(answer) == (
        "98.000 euro [1].\n\nOpmerking: Let op.\n\nBronnen:\n[1] Convenant X — Artikel 3, p. 2"
    )
    assert render_text(answer) == answer_plain_text(answer, quotes=True, status_tag=True)
    assert render_text(answer).endswith("[1] Convenant X — Artikel 3, p. 2\n    “De subsidie bedraagt 98.000 euro.”")
    refused = Answer("Wie?", "Dat staat niet in de beschikbare documenten.", "not_found")
    assert render_text(refused).splitlines()[0] == "[niet gevonden]"
