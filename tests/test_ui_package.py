"""The ui package's public API, and "nothing else knows Gradio"."""

from __future__ import annotations

import re

from assistant.config import PROJECT_ROOT
from ui import app, auth, calculator_form, conversation, feedback, uploads


def test_public_api_pinned():
    assert sorted(app.__all__) == sorted(["ANSWER_CONCURRENCY", "EXAMPLE_QUESTIONS", "ConvenantApp", "build_app"])
    assert sorted(auth.__all__) == ["Authenticator", "add_user", "hash_password", "is_admin", "load_users",
                                    "may_upload", "upload_policy", "verify_password"]
    assert sorted(feedback.__all__) == ["FeedbackEntry", "FeedbackError", "FeedbackStore", "default_path",
                                        "question_lines"]
    assert sorted(uploads.__all__) == ["ALLOWED_KINDS", "UploadOutcome", "UploadRejected", "check_upload",
                                       "ingest_uploads", "sanitize_filename", "uploads_dir"]
    assert sorted(conversation.__all__) == ["answer_record", "chat_messages", "error_turn", "filter_choices",
                                            "filters_from", "turn_from", "turn_index"]
    assert "run_form" in calculator_form.__all__ and "field_errors" in calculator_form.__all__
    for module in (app, auth, feedback, uploads, conversation, calculator_form):
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
