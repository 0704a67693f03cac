"""Feedback store (SQLite) and `convenant feedback export` of 👎 cases as question-set lines."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from ui.cli import _register_all, app as cli_app
from eval.questions import parse_questions
from ui.feedback import DOWN, UP, FeedbackError, FeedbackStore, default_path

CITATION = {"n": 1, "doc_id": "003", "title": "SP", "section": "Artikel 1", "page": None, "quote": "…", "score": 0.9}
HISTORY = [{"role": "user", "content": "Wat is de looptijd?"}, {"role": "assistant", "content": "2023-2025 [1]."}]


def _fill(store: FeedbackStore) -> tuple[int, int, int]:
    up = store.record(rating=UP, question="Wat is de looptijd?", answer="2023-2025 [1].", status="answered",
                      citations=[CITATION])
    down = store.record(rating=DOWN, question="En de maximale subsidie?", answer="Niet gevonden.", status="not_found",
                        history=HISTORY, filters={"doc_ids": ["003"]}, comment="Staat in artikel 1!", username="alice")
    plain = store.record(rating=DOWN, question="Wie betaalt?", answer="Niet gevonden.", status="not_found",
                         retrieved=["004", "003"])
    return up, down, plain


def test_records_are_durable_with_everything_needed(tmp_path):
    path = default_path(tmp_path)
    assert path == tmp_path / "feedback.sqlite3"
    up, down, _ = _fill(FeedbackStore(path))
    entries = FeedbackStore(path).entries()  # a new instance reads what the first wrote
    assert [e.id for e in entries] == [up, down, down + 1]
    first, second = entries[0], entries[1]
    assert first.rating == UP and first.citations == [CITATION] and first.history == [] and first.filters is None
    assert first.retrieved == []
    assert second.rating == DOWN and second.history == HISTORY and second.filters == {"doc_ids": ["003"]}
    assert second.comment == "Staat in artikel 1!" and second.username == "alice"
    assert second.created_at > 1_700_000_000
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM feedback").fetchone() == (3,)


def test_update_and_delete(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    fid = store.record(rating=UP, question="q", answer="a", status="answered")
    store.update(fid, rating=DOWN, comment="  fout  ")
    entry = store.entries(DOWN)[0]
    assert entry.comment == "fout" and entry.updated_at >= entry.created_at
    store.delete(fid)
    assert store.entries() == []
    with pytest.raises(FeedbackError, match="geen feedback met id"):
        store.update(fid, comment="x")
    with pytest.raises(FeedbackError, match="moet 1"):
        store.record(rating=0, question="q", answer="a", status="answered")


def test_export_writes_thumbs_down_as_question_set_lines(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    _, down, plain = _fill(store)
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        assert store.export_questions(handle) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {"id": f"feedback-{down}", "question": "En de maximale subsidie?", "kind": "fact",
                        "history": HISTORY, "sources": ["003"], "comment": "Staat in artikel 1!",
                        "answer_given": "Niet gevonden.", "status_given": "not_found"}
    assert lines[1]["id"] == f"feedback-{plain}" and "history" not in lines[1] and "must" not in lines[1]
    assert lines[1]["sources"] == ["004"]
    questions = parse_questions(out.read_text(encoding="utf-8").splitlines(), source=str(out))
    assert [q.kind for q in questions] == ["fact", "fact"]
    assert questions[0].history[0].content == "Wat is de looptijd?"


def test_cli_export(tmp_path, monkeypatch):
    _register_all()
    monkeypatch.setenv("CONVENANT_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    empty = runner.invoke(cli_app, ["feedback", "export"])
    assert empty.exit_code == 0 and empty.stdout == ""
    _fill(FeedbackStore(default_path(tmp_path)))
    to_stdout = runner.invoke(cli_app, ["feedback", "export"])
    assert to_stdout.exit_code == 0
    assert [json.loads(line)["question"] for line in to_stdout.stdout.splitlines()] == [
        "En de maximale subsidie?", "Wie betaalt?"]
    out = tmp_path / "sets" / "klachten.jsonl"
    result = runner.invoke(cli_app, ["feedback", "export", "--out", str(out)])
    assert result.exit_code == 0 and "2 👎-vragen" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
