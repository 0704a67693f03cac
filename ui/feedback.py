"""Durable 👍/👎 feedback on answers (SQLite), and export of the 👎 cases as question-set lines.

The store lives at ``settings.data_dir / "feedback.sqlite3"`` by default. Each row keeps the
question, the answer text and status, the citations, the conversation before the question, an
optional comment, who gave it (when logged in) and when. Every call opens its own connection, so
the store is safe to use from the web server's worker threads.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from assistant.errors import ConvenantError

__all__ = ["FeedbackEntry", "FeedbackError", "FeedbackStore", "default_path", "question_lines"]

FILENAME = "feedback.sqlite3"
UP, DOWN = 1, -1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    status TEXT NOT NULL,
    citations TEXT NOT NULL,      -- JSON list of Citation.to_dict()
    history TEXT NOT NULL,        -- JSON list of {"role", "content"} before the question
    filters TEXT,                 -- JSON object or NULL
    retrieved TEXT NOT NULL DEFAULT '[]',  -- JSON list of doc ids in retrieval order
    comment TEXT NOT NULL DEFAULT '',
    username TEXT
);
CREATE INDEX IF NOT EXISTS feedback_rating ON feedback (rating);
"""


class FeedbackError(ConvenantError):
    """The feedback store cannot be used; the message names the file."""


def default_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILENAME


@dataclass(frozen=True)
class FeedbackEntry:
    id: int
    created_at: float
    updated_at: float
    rating: int
    question: str
    answer: str
    status: str
    citations: list[dict[str, Any]]
    history: list[dict[str, str]]
    filters: dict[str, Any] | None
    retrieved: list[str]
    comment: str
    username: str | None


class FeedbackStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise FeedbackError(f"{self.path}: feedbackopslag niet bruikbaar ({exc})") from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10.0)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.row_factory = sqlite3.Row
            with conn:  # one transaction, committed on success
                yield conn

    def record(
        self,
        *,
        rating: int,
        question: str,
        answer: str,
        status: str,
        citations: Sequence[Mapping[str, Any]] = (),
        history: Sequence[Mapping[str, str]] = (),
        filters: Mapping[str, Any] | None = None,
        retrieved: Sequence[str] = (),
        comment: str = "",
        username: str | None = None,
    ) -> int:
        """Store one rating; returns its id."""
        rating = _rating(rating)
        now = time.time()
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, updated_at, rating, question, answer, status, citations,"
                " history, filters, retrieved, comment, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now, now, rating, question, answer, status,
                 json.dumps(list(citations), ensure_ascii=False),
                 json.dumps([dict(m) for m in history], ensure_ascii=False),
                 json.dumps(dict(filters), ensure_ascii=False) if filters else None,
                 json.dumps(list(retrieved)), comment.strip(), username),
            )
            return int(cursor.lastrowid)

    def update(self, feedback_id: int, *, rating: int | None = None, comment: str | None = None) -> None:
        """Change the rating and/or the comment of a stored entry."""
        sets, values = ["updated_at = ?"], [time.time()]
        if rating is not None:
            sets.append("rating = ?")
            values.append(_rating(rating))
        if comment is not None:
            sets.append("comment = ?")
            values.append(comment.strip())
        with self._connect() as conn:
            cursor = conn.execute(f"UPDATE feedback SET {', '.join(sets)} WHERE id = ?", (*values, feedback_id))
            if cursor.rowcount == 0:
                raise FeedbackError(f"{self.path}: geen feedback met id {feedback_id}")

    def delete(self, feedback_id: int) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM feedback WHERE id = ?", (feedback_id,))

    def entries(self, rating: int | None = None) -> list[FeedbackEntry]:
        query, args = "SELECT * FROM feedback", ()
        if rating is not None:
            query, args = query + " WHERE rating = ?", (_rating(rating),)
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY id", args).fetchall()
        return [_entry(row) for row in rows]

    def export_questions(self, out: TextIO) -> int:
        """Write the 👎 cases as question-set JSON Lines; returns how many lines were written."""
        lines = question_lines(self.entries(DOWN))
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return len(lines)


def question_lines(entries: Sequence[FeedbackEntry]) -> list[dict[str, Any]]:
    """Question-set records for the evaluation harness: kind "fact", no must, plus the complaint.

    ``sources`` (the harness needs must or sources for a fact) are the documents the answer cited,
    else the documents the user restricted the question to, else the best retrieved document: a
    starting point for whoever turns the complaint into a test, not a verdict.
    """
    out = []
    for entry in entries:
        line: dict[str, Any] = {"id": f"feedback-{entry.id}", "question": entry.question, "kind": "fact"}
        history = [{"role": m["role"], "content": m["content"]} for m in entry.history
                   if m.get("role") in ("user", "assistant") and str(m.get("content", "")).strip()]
        if history:
            line["history"] = history
        sources = list(dict.fromkeys(str(c["doc_id"]) for c in entry.citations if c.get("doc_id")))
        if not sources and entry.filters:
            sources = [str(d) for d in entry.filters.get("doc_ids") or []]
        if not sources and entry.retrieved:
            sources = [entry.retrieved[0]]
        if sources:
            line["sources"] = sources
        line["comment"] = entry.comment
        line["answer_given"] = entry.answer
        line["status_given"] = entry.status
        out.append(line)
    return out


def _rating(value: int) -> int:
    if value not in (UP, DOWN):
        raise FeedbackError(f"beoordeling {value!r} moet 1 (👍) of -1 (👎) zijn")
    return int(value)


def _entry(row: sqlite3.Row) -> FeedbackEntry:
    return FeedbackEntry(
        id=row["id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        rating=row["rating"],
        question=row["question"],
        answer=row["answer"],
        status=row["status"],
        citations=json.loads(row["citations"]),
        history=json.loads(row["history"]),
        filters=json.loads(row["filters"]) if row["filters"] else None,
        retrieved=json.loads(row["retrieved"]),
        comment=row["comment"],
        username=row["username"],
    )
