"""Metrics over a run: each question graded on its own, then aggregated per kind and overall.

Definitions (a *result* is one line of results.jsonl, an ``ask --json`` object plus id):

- **ranking**: ``retrieved_doc_ids`` as the pipeline reports it (one entry per retrieved
  passage, best first); when it is empty (an answer without retrieval) the cited documents.
- **hit@k**: a document among ``sources`` is among the first k of the ranking or among the
  first k citations. **MRR**: mean of 1 / rank of the first source document in the ranking
  (0 when absent). Only questions with ``sources``.
- **passage hit@k**: a retrieved passage *holds the answer* when its text alone satisfies every
  ``must`` group (the same matching as answers: numbers by value, strings accent- and
  case-insensitively; ``forbid_numbers`` play no part). Passage hit@k: one of the first k
  ``retrieved_passages`` holds the answer. Only fact and followup questions with ``must`` groups
  (calc answers are computed, not retrieved; refusals have nothing to find). Document-level hit@k
  cannot tell pipelines apart on a corpus of a few very different documents; this can. A pipeline
  that retrieves fewer than k passages is judged on the ones it has.
- **fact accuracy**: answerable questions (fact, calc, followup) that were not refused, whose
  every ``must`` group is satisfied and in which no ``forbid_numbers`` appear.
- **citation precision**: over answered questions with ``sources``, the share of distinct
  (question, cited document) pairs whose document is among the sources.
- **refusal accuracy**: refusal questions answered with status ``not_found``.
  **false-refusal rate**: answerable questions answered with status ``not_found``.
- **calculation exact match**: calc questions whose expected amounts appear to the cent, no
  forbidden amount appears, and the answer is not a refusal.
- **latency**: p50 / p95 per stage of ``timings_ms`` plus ``wall`` (measured by the harness around
  ``ask``, the same for every pipeline); percentiles by linear interpolation.

A question whose ``ask`` raised counts as wrong everywhere (and as an error).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from eval.matching import MatchResult, check_answer, group_satisfied, parse_number
from eval.questions import KINDS, Question

__all__ = [
    "Grade",
    "Metrics",
    "Rate",
    "RowMetrics",
    "compute_metrics",
    "grade",
    "passage_holds_answer",
    "percentile",
    "ranking",
]

HIT_K = (1, 5)
WALL = "wall"
PASSAGE_KINDS = ("fact", "followup")  # kinds whose answer is read from a retrieved passage


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return None
    xs = sorted(values)
    if len(xs) == 1:
        return float(xs[0])
    pos = (len(xs) - 1) * p / 100.0
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo))


def cited_docs(result: Mapping[str, Any]) -> list[str]:
    """Distinct cited document ids, in citation order."""
    cites = sorted(result.get("citations") or [], key=lambda c: c.get("n", 0))
    return list(dict.fromkeys(c.get("doc_id", "") for c in cites if c.get("doc_id")))


def ranking(result: Mapping[str, Any]) -> list[str]:
    """The retrieval ranking (per passage, duplicates kept); the cited documents when empty."""
    retrieved = [d for d in (result.get("retrieved_doc_ids") or []) if d]
    return retrieved if retrieved else cited_docs(result)


def passage_holds_answer(passage: str, must: Sequence[Sequence[object]]) -> bool:
    """True when ``passage`` on its own satisfies every ``must`` group (and there is one)."""
    return bool(must) and all(group_satisfied(group, passage) for group in must)


def _passage_hits(question: Question, result: Mapping[str, Any], error: Any) -> dict[int, bool | None]:
    if question.kind not in PASSAGE_KINDS or not question.must:
        return {k: None for k in HIT_K}
    passages = [] if error else [str(p or "") for p in (result.get("retrieved_passages") or [])]
    first = next((i for i, p in enumerate(passages, start=1) if passage_holds_answer(p, question.must)), None)
    return {k: first is not None and first <= k for k in HIT_K}


@dataclass(frozen=True)
class Grade:
    """One question's verdicts; None where a metric does not apply to it."""

    id: str
    kind: str
    status: str
    error: str | None
    hits: dict[int, bool | None]
    reciprocal_rank: float | None
    fact_ok: bool | None
    match: MatchResult | None
    cited_relevant: int  # distinct cited documents among the sources (answered, with sources)
    cited_total: int
    refusal_ok: bool | None
    false_refusal: bool | None
    calc_exact: bool | None
    latency_ms: dict[str, float] = field(default_factory=dict)
    passage_hits: dict[int, bool | None] = field(default_factory=lambda: {k: None for k in HIT_K})

    @property
    def failed(self) -> bool:
        """Wrong on the question's main criterion (what the report lists)."""
        if self.error:
            return True
        if self.kind == "refusal":
            return not self.refusal_ok
        return not self.fact_ok


def _latencies(result: Mapping[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for stage, value in (result.get("timings_ms") or {}).items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[str(stage)] = float(value)
    wall = result.get("wall_ms")
    if isinstance(wall, (int, float)):
        out[WALL] = float(wall)
    return out


def grade(question: Question, result: Mapping[str, Any] | None) -> Grade:
    """Grade one result against its question (``None``: the run has no result for it)."""
    result = result or {"status": "error", "error": "no result for this question"}
    error = result.get("error")
    status = str(result.get("status", "error"))
    refused = status == "not_found" and not error
    answer = str(result.get("answer") or "")
    sources = set(question.sources)

    hits: dict[int, bool | None] = {k: None for k in HIT_K}
    rr: float | None = None
    if sources:
        rank = ranking(result) if not error else []
        cites = cited_docs(result) if not error else []
        for k in HIT_K:
            hits[k] = bool(sources & set(rank[:k])) or bool(sources & set(cites[:k]))
        first = next((i for i, d in enumerate(rank, start=1) if d in sources), None)
        rr = 1.0 / first if first else 0.0

    match = None
    fact_ok = None
    if question.answerable:
        match = check_answer(answer, question.must, question.forbid_numbers)
        fact_ok = not error and not refused and match.ok

    cited_relevant = cited_total = 0
    if sources and not error and not refused:
        docs = cited_docs(result)
        cited_total = len(docs)
        cited_relevant = sum(1 for d in docs if d in sources)

    calc_exact = None
    if question.kind == "calc":
        amounts = [[a for a in group if parse_number(a) is not None] for group in question.must]
        amounts = [g for g in amounts if g]
        exact = check_answer(answer, amounts, question.forbid_numbers) if amounts else None
        calc_exact = bool(not error and not refused and exact is not None and exact.ok)

    return Grade(
        id=question.id,
        kind=question.kind,
        status="error" if error else status,
        error=str(error) if error else None,
        hits=hits,
        reciprocal_rank=rr,
        fact_ok=fact_ok,
        match=match,
        cited_relevant=cited_relevant,
        cited_total=cited_total,
        refusal_ok=(refused if question.kind == "refusal" else None),
        false_refusal=(refused if question.answerable else None),
        calc_exact=calc_exact,
        latency_ms=_latencies(result) if not error else {},
        passage_hits=_passage_hits(question, result, error),
    )


@dataclass(frozen=True)
class Rate:
    num: float
    den: int

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None

    @classmethod
    def of(cls, flags: Iterable[bool | None]) -> "Rate":
        seen = [bool(f) for f in flags if f is not None]
        return cls(sum(seen), len(seen))


@dataclass(frozen=True)
class RowMetrics:
    """The metrics of one group of questions (a kind, or all)."""

    n: int
    errors: int
    hit1: Rate
    hit5: Rate
    passage_hit1: Rate
    passage_hit5: Rate
    mrr: Rate
    fact_accuracy: Rate
    citation_precision: Rate
    refusal_accuracy: Rate
    false_refusal_rate: Rate
    calc_exact: Rate
    latency_p50_ms: float | None
    latency_p95_ms: float | None

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"n": self.n, "errors": self.errors}
        for name, value in asdict(self).items():
            if isinstance(value, dict):  # a Rate
                out[name] = None if not value["den"] else value["num"] / value["den"]
                out[f"{name}_n"] = value["den"]
            elif name not in out:
                out[name] = value
        return out


def _row(grades: Sequence[Grade]) -> RowMetrics:
    walls = [g.latency_ms[WALL] for g in grades if WALL in g.latency_ms]
    with_rr = [g.reciprocal_rank for g in grades if g.reciprocal_rank is not None]
    return RowMetrics(
        n=len(grades),
        errors=sum(1 for g in grades if g.error),
        hit1=Rate.of(g.hits[1] for g in grades),
        hit5=Rate.of(g.hits[5] for g in grades),
        passage_hit1=Rate.of(g.passage_hits[1] for g in grades),
        passage_hit5=Rate.of(g.passage_hits[5] for g in grades),
        mrr=Rate(sum(with_rr), len(with_rr)),
        fact_accuracy=Rate.of(g.fact_ok for g in grades),
        citation_precision=Rate(sum(g.cited_relevant for g in grades), sum(g.cited_total for g in grades)),
        refusal_accuracy=Rate.of(g.refusal_ok for g in grades),
        false_refusal_rate=Rate.of(g.false_refusal for g in grades),
        calc_exact=Rate.of(g.calc_exact for g in grades),
        latency_p50_ms=percentile(walls, 50),
        latency_p95_ms=percentile(walls, 95),
    )


@dataclass(frozen=True)
class Metrics:
    rows: dict[str, RowMetrics]  # each kind present, then "overall"
    stages: dict[str, dict[str, float | int | None]]  # stage -> {"p50", "p95", "n"}
    grades: list[Grade]
    # distinct documents in the rankings; passages per question (over questions with any)
    retrieval: dict[str, float | int | None] = field(default_factory=dict)

    @property
    def overall(self) -> RowMetrics:
        return self.rows["overall"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": {name: row.values() for name, row in self.rows.items()},
            "stages": self.stages,
            "retrieval": self.retrieval,
            "failed": [g.id for g in self.grades if g.failed],
        }


def compute_metrics(questions: Sequence[Question], results: Iterable[Mapping[str, Any]]) -> Metrics:
    """Grade every question against its result (matched by id) and aggregate."""
    by_id = {str(r.get("id")): r for r in results}
    grades = [grade(q, by_id.get(q.id)) for q in questions]
    rows: dict[str, RowMetrics] = {}
    for kind in KINDS:
        group = [g for g in grades if g.kind == kind]
        if group:
            rows[kind] = _row(group)
    rows["overall"] = _row(grades)
    stage_values: dict[str, list[float]] = {}
    for g in grades:
        for stage, value in g.latency_ms.items():
            stage_values.setdefault(stage, []).append(value)
    order = {"retrieve": 0, "generate": 1, "total": 2}
    stages = {
        stage: {"p50": percentile(vals, 50), "p95": percentile(vals, 95), "n": len(vals)}
        for stage, vals in sorted(
            stage_values.items(), key=lambda kv: (kv[0] == WALL, order.get(kv[0], 1.5), kv[0])
        )
    }
    return Metrics(rows=rows, stages=stages, grades=grades, retrieval=_retrieval(by_id.values()))


def _retrieval(results: Iterable[Mapping[str, Any]]) -> dict[str, float | int | None]:
    """How much a run retrieved: distinct documents, and passages per question that has any."""
    documents: set[str] = set()
    counts: list[float] = []
    for r in results:
        if r.get("error"):
            continue
        documents.update(d for d in (r.get("retrieved_doc_ids") or []) if d)
        n = len(r.get("retrieved_passages") or [])
        if n:
            counts.append(n)
    return {
        "documents": len(documents),
        "passages_max": int(max(counts)) if counts else None,
        "passages_p50": percentile(counts, 50),
    }
