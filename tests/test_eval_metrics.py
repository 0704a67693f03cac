"""Metrics on hand-made results, with values worked out by hand."""

from __future__ import annotations

import json

import pytest

from eval.metrics import compute_metrics, grade, percentile, ranking
from eval.questions import parse_questions

D0, D1, D2, D3, D4 = "d0", "d1", "d2", "d3", "d4"

QUESTIONS = parse_questions(json.dumps(q) for q in [
    {"id": "f1", "kind": "fact", "question": "Subsidie?", "must": [[742000]], "forbid_numbers": [80], "sources": [D3]},
    {"id": "f2", "kind": "fact", "question": "Voortgangsrapport?", "must": [["30 september 2024"]], "sources": [D3]},
    {"id": "c1", "kind": "calc", "question": "2 van 3?", "must": [[148400]], "forbid_numbers": [74200], "sources": [D3]},
    {"id": "u1", "kind": "followup", "question": "En de VTE?", "must": [[7]], "sources": [D3],
     "history": [{"role": "user", "content": "Subsidie?"}, {"role": "assistant", "content": "742.000"}]},
    {"id": "r1", "kind": "refusal", "question": "Bouwsector?"},
    {"id": "r2", "kind": "refusal", "question": "Btw?"},
])


def _cites(*docs):
    return [{"n": i, "doc_id": d, "title": "", "section": "", "page": None, "quote": "", "score": 1.0}
            for i, d in enumerate(docs, start=1)]


RESULTS = [
    {"id": "f1", "answer": "De subsidie is 742.000,00 EUR [1][2].", "status": "answered", "citations": _cites(D2, D3),
     "retrieved_doc_ids": [D2, D3, D3], "timings_ms": {"retrieve": 1.0}, "wall_ms": 10.0},
    {"id": "f2", "answer": "Tegen 30 september 2025 [1].", "status": "answered", "citations": _cites(D3),
     "retrieved_doc_ids": [D3, D0], "timings_ms": {"retrieve": 2.0}, "wall_ms": 20.0},
    {"id": "c1", "answer": "148.400,00 EUR", "status": "calculation", "citations": _cites(D3),
     "retrieved_doc_ids": [], "timings_ms": {"retrieve": 3.0}, "wall_ms": 30.0},
    {"id": "u1", "answer": "Dat staat niet in de documenten.", "status": "not_found", "citations": [],
     "retrieved_doc_ids": [D0, D1, D2, D4, D4, D3], "timings_ms": {"retrieve": 4.0}, "wall_ms": 40.0},
    {"id": "r1", "answer": "Dat staat niet in de documenten.", "status": "not_found", "citations": [],
     "retrieved_doc_ids": [D0], "timings_ms": {"retrieve": 5.0}, "wall_ms": 50.0},
    {"id": "r2", "answer": "", "status": "error", "error": "RuntimeError: boem", "citations": [], "wall_ms": 60.0},
]


def test_percentile_interpolates_linearly():
    assert percentile([], 50) is None
    assert percentile([7], 95) == 7
    assert percentile([4, 1, 3, 2], 50) == 2.5
    assert percentile([10, 20, 30, 40, 50], 95) == pytest.approx(48.0)


def test_ranking_falls_back_to_citations():
    assert ranking(RESULTS[0]) == [D2, D3, D3]
    assert ranking(RESULTS[2]) == [D3]


def test_per_question_grades():
    grades = {g.id: g for g in compute_metrics(QUESTIONS, RESULTS).grades}
    f1 = grades["f1"]
    assert f1.hits == {1: False, 5: True} and f1.reciprocal_rank == 0.5 and f1.fact_ok
    assert (f1.cited_relevant, f1.cited_total) == (1, 2)
    f2 = grades["f2"]
    assert f2.hits[1] and not f2.fact_ok and f2.match.missing == [["30 september 2024"]]
    assert grades["c1"].calc_exact and grades["c1"].reciprocal_rank == 1.0
    u1 = grades["u1"]
    assert u1.false_refusal and not u1.fact_ok and u1.hits == {1: False, 5: False}
    assert u1.reciprocal_rank == pytest.approx(1 / 6) and u1.cited_total == 0
    assert grades["r1"].refusal_ok and grades["r1"].hits == {1: None, 5: None}
    assert grades["r2"].error == "RuntimeError: boem" and not grades["r2"].refusal_ok
    assert [g.id for g in grades.values() if g.failed] == ["f2", "u1", "r2"]


def test_overall_metrics_have_exact_values():
    metrics = compute_metrics(QUESTIONS, RESULTS)
    o = metrics.overall.values()
    assert o["n"] == 6 and o["errors"] == 1
    assert (o["hit1"], o["hit1_n"]) == (0.5, 4)
    assert (o["hit5"], o["hit5_n"]) == (0.75, 4)
    assert o["mrr"] == pytest.approx((0.5 + 1 + 1 + 1 / 6) / 4)
    assert (o["fact_accuracy"], o["fact_accuracy_n"]) == (0.5, 4)
    assert (o["citation_precision"], o["citation_precision_n"]) == (0.75, 4)
    assert (o["refusal_accuracy"], o["refusal_accuracy_n"]) == (0.5, 2)
    assert (o["false_refusal_rate"], o["false_refusal_rate_n"]) == (0.25, 4)
    assert (o["calc_exact"], o["calc_exact_n"]) == (1.0, 1)
    assert o["latency_p50_ms"] == 30.0  # the error's time is not a latency
    assert o["latency_p95_ms"] == pytest.approx(48.0)


def test_per_kind_rows_and_stages():
    metrics = compute_metrics(QUESTIONS, RESULTS)
    assert list(metrics.rows) == ["fact", "calc", "followup", "refusal", "overall"]
    fact = metrics.rows["fact"].values()
    assert (fact["n"], fact["hit1"], fact["fact_accuracy"], fact["refusal_accuracy"]) == (2, 0.5, 0.5, None)
    assert fact["latency_p50_ms"] == 15.0 and fact["latency_p95_ms"] == pytest.approx(19.5)
    refusal = metrics.rows["refusal"].values()
    assert refusal["hit1"] is None and refusal["fact_accuracy"] is None and refusal["refusal_accuracy"] == 0.5
    assert metrics.stages["retrieve"] == {"p50": 3.0, "p95": pytest.approx(4.8), "n": 5}
    assert list(metrics.stages)[-1] == "wall"
    assert metrics.to_dict()["failed"] == ["f2", "u1", "r2"]


def test_a_question_without_a_result_is_an_error():
    g = grade(QUESTIONS[0], None)
    assert g.error and g.failed and g.hits == {1: False, 5: False} and g.reciprocal_rank == 0.0


def test_a_refused_calc_is_not_an_exact_match_even_if_the_number_appears():
    result = {"id": "c1", "answer": "148.400 staat niet in de documenten", "status": "not_found"}
    g = grade(QUESTIONS[2], result)
    assert not g.calc_exact and not g.fact_ok and g.false_refusal
