"""Run a question set through a pipeline and write results, metrics and the report.

A *pipeline* is anything with the assistant's ``ask(question, history=None, filters=None) ->
Answer``: the project's Assistant (``assistant.chain.build_assistant``, the same object the chat
uses) or the naive tutorial pipeline (:mod:`eval.naive`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings
from assistant.types import Answer
from eval.metrics import Metrics, compute_metrics
from eval.questions import Question, load_questions

__all__ = [
    "PIPELINES",
    "EvalRun",
    "Pipeline",
    "build_pipeline",
    "result_record",
    "run_eval",
    "run_questions",
]

log = logging.getLogger(__name__)

PIPELINES = ("assistant", "naive")
RESULTS_NAME = "results.jsonl"
METRICS_NAME = "metrics.json"

Progress = Callable[[int, int, str], None]


class Pipeline(Protocol):
    def ask(self, question: str, history: Any = None, filters: Any = None) -> Answer: ...


def build_pipeline(name: str, settings: Settings, *, llm: str | None = None) -> Pipeline:
    """The project's Assistant or the naive baseline, built from settings. ``llm`` overrides
    ``CONVENANT_LLM`` (none, openai, local) for this run."""
    if llm:
        settings = settings.with_overrides(llm=llm)
    if name == "assistant":
        from assistant.chain import build_assistant

        return build_assistant(settings)
    if name == "naive":
        from eval.naive import NaivePipeline

        return NaivePipeline.from_settings(settings)
    raise ValueError(f"unknown pipeline {name!r}: choose {' or '.join(PIPELINES)}")


def result_record(question: Question, answer: Answer | None, *, wall_ms: float, error: str | None = None) -> dict[str, Any]:
    """One results.jsonl line: id, the ``ask --json`` object, and what the metrics need besides
    (kind, retrieval ranking and the retrieved passages' texts, notes, the harness's own
    wall-clock time)."""
    record: dict[str, Any] = {"id": question.id}
    if answer is not None:
        record.update(answer.to_dict())
        record["retrieved_doc_ids"] = list(answer.retrieved_doc_ids)
        record["retrieved_passages"] = list(answer.retrieved_passages)
        record["notes"] = list(answer.notes)
    else:
        record.update({
            "question": question.question, "answer": "", "status": "error", "citations": [],
            "calculation": None, "timings_ms": {}, "retrieved_doc_ids": [], "retrieved_passages": [],
            "notes": [],
        })
    record["kind"] = question.kind
    record["wall_ms"] = round(wall_ms, 1)
    if error:
        record["error"] = error
    return record


def run_questions(pipeline: Pipeline, questions: Sequence[Question], *, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Ask every question (with its history) and return one record per question. An exception
    in ``ask`` is recorded on that question's line and the run goes on."""
    records = []
    for i, question in enumerate(questions):
        history = question.history_messages() or None
        started = time.perf_counter()
        try:
            answer = pipeline.ask(question.question, history=history)
            error = None
        except Exception as exc:  # noqa: BLE001 - one failing question must not end the run
            log.warning("question %s failed: %s: %s", question.id, type(exc).__name__, exc)
            answer, error = None, f"{type(exc).__name__}: {exc}"
        wall_ms = (time.perf_counter() - started) * 1000
        records.append(result_record(question, answer, wall_ms=wall_ms, error=error))
        if progress is not None:
            progress(i + 1, len(questions), question.id)
    return records


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    os.replace(tmp, path)


def machine_info() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


@dataclass
class EvalRun:
    pipeline: str
    out_dir: Path
    questions: list[Question]
    records: list[dict[str, Any]]
    metrics: Metrics
    meta: dict[str, Any]

    @property
    def errors(self) -> int:
        return sum(1 for r in self.records if r.get("error"))


def run_eval(
    questions_path: Path,
    out_dir: Path,
    pipeline: Pipeline,
    *,
    pipeline_name: str,
    settings: Settings | None = None,
    progress: Progress | None = None,
    llm: str | None = None,
    part: str | None = None,
) -> EvalRun:
    """Run the set, write DIR/results.jsonl, DIR/metrics.json, DIR/report.md and DIR/report.png.
    ``part`` ('tune' or 'test') keeps only the questions of that part of the document split."""
    from eval.report import write_report

    questions = load_questions(questions_path)
    if part is not None:
        from eval.split import part_of

        questions = [q for q in questions if part_of(q) == part]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Latency is measured warm, as `convenant serve` answers: what the first question would
    # otherwise wait for (word frequencies, lemma list, keyword index, word classes) is built first.
    warm_up = getattr(pipeline, "warm_up", None)
    warm_seconds = round(warm_up(), 2) if callable(warm_up) else None
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    records = run_questions(pipeline, questions, progress=progress)
    seconds = time.perf_counter() - t0
    write_jsonl(out_dir / RESULTS_NAME, records)
    metrics = compute_metrics(questions, records)
    meta = {
        "pipeline": pipeline_name,
        "questions": str(questions_path),
        "part": part,
        "questions_sha256": hashlib.sha256(Path(questions_path).read_bytes()).hexdigest()[:16],
        "n": len(questions),
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 2),
        "warm_up_seconds": warm_seconds,
        "llm": llm or (settings.llm if settings else None),
        "embedder": settings.embedder if settings else None,
        "machine": machine_info(),
    }
    (out_dir / METRICS_NAME).write_text(
        json.dumps({"meta": meta, **metrics.to_dict()}, ensure_ascii=False, indent=1, default=str) + "\n",
        encoding="utf-8",
    )
    run = EvalRun(pipeline_name, out_dir, questions, records, metrics, meta)
    write_report(run)
    return run
