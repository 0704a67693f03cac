"""The README table of `make eval`: every question set, split into its tuning and test part
(eval/split.yaml), this project beside the naive pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.report import format_cell, format_ms, load_metrics
from eval.split import QUESTION_SETS

SPLIT_START = "<!-- eval-split:start -->"
SPLIT_END = "<!-- eval-split:end -->"
SETS = QUESTION_SETS
PARTS = ("tune", "test")
PIPELINES = ("assistant", "naive")
COLUMNS = (
    ("fact_accuracy", "answerable right"),
    ("false_refusal_rate", "false refusals"),
    ("refusal_accuracy", "refusals right"),
    ("calc_exact", "money exact"),
    ("passage_hit5", "passage hit@5"),
)


def run_dir(root: Path, pipeline: str, question_set: str, part: str) -> Path:
    return Path(root) / pipeline / f"{question_set}-{part}"


def _overall(root: Path, pipeline: str, question_set: str, part: str) -> dict[str, Any] | None:
    path = run_dir(root, pipeline, question_set, part)
    if not (path / "metrics.json").exists():
        return None
    return load_metrics(path)["rows"]["overall"]


def summary_markdown(root: Path) -> str:
    header = "| set | part | " + " | ".join(f"{label} (project / naive)" for _, label in COLUMNS) + " | p50 / p95 ms |"
    lines = [header, "|---|---|" + "---:|" * (len(COLUMNS) + 1)]
    for question_set in SETS:
        for part in PARTS:
            project = _overall(root, "assistant", question_set, part)
            if project is None:
                continue
            naive = _overall(root, "naive", question_set, part) or {}
            cells = [f"{format_cell(project, key)} / {format_cell(naive, key) if naive else '–'}" for key, _ in COLUMNS]
            latency = f"{format_ms(project.get('latency_p50_ms'))} / {format_ms(project.get('latency_p95_ms'))}"
            lines.append(f"| {question_set} | {part} | " + " | ".join(cells) + f" | {latency} |")
    return "\n".join(lines)


__all__ = ["SPLIT_END", "SPLIT_START", "run_dir", "summary_markdown"]
