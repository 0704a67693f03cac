"""Metrics on hand-made results, with values worked out by hand."""

from __future__ import annotations

import json

import pytest

from eval.metrics import compute_metrics, grade, passage_holds_answer, percentile, ranking
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


# --------------------------------------------------------------------------- passage hit@k

PASSAGE_QUESTIONS = parse_questions(json.dumps(q) for q in [
    {"id": "p1", "kind": "fact", "question": "Subsidie en VTE?", "must": [[742000], ["VTE", "voltijds"]], "sources": [D3]},
    {"id": "p2", "kind": "fact", "question": "Eindrapport?", "must": [["30 september 2025"], ["eindrapport"]], "sources": [D3]},
    {"id": "p3", "kind": "followup", "question": "En de looptijd?", "must": [["1 januari 2023"]], "sources": [D3],
     "history": [{"role": "user", "content": "Subsidie?"}, {"role": "assistant", "content": "742.000"}]},
    {"id": "p4", "kind": "calc", "question": "2 van 3?", "must": [[148400]], "sources": [D3]},
    {"id": "p5", "kind": "refusal", "question": "Bouwsector?"},
    {"id": "p6", "kind": "fact", "question": "Kapot?", "must": [[742000]], "sources": [D3]},
])

BOTH = "De maximale subsidie bedraagt 742.000,00 EUR voor 7 VTE sectorconsulenten."
PASSAGE_RESULTS = [
    # 2nd passage holds both groups; the 1st only the amount.
    {"id": "p1", "answer": BOTH, "status": "answered", "retrieved_doc_ids": [D3, D3, D0],
     "retrieved_passages": ["Een subsidie van 742 000 euro.", BOTH, "Iets anders."]},
    # each group in a different passage: no single passage holds the answer.
    {"id": "p2", "answer": "", "status": "not_found", "retrieved_doc_ids": [D3, D3],
     "retrieved_passages": ["Het EINDRAPPORT volgt later.", "Uiterlijk op 30 september 2025."]},
    # the 1st passage holds it (accents and case folded, dates compared as tokens).
    {"id": "p3", "answer": "", "status": "answered", "retrieved_doc_ids": [D3],
     "retrieved_passages": ["Het convenant loopt vanaf 1 Januari 2023 tot en met 31 december 2025."]},
    {"id": "p4", "answer": "148.400,00 EUR", "status": "calculation", "retrieved_doc_ids": [D3],
     "retrieved_passages": ["148.400"]},
    {"id": "p5", "answer": "Dat staat niet in de documenten.", "status": "not_found", "retrieved_doc_ids": [D0],
     "retrieved_passages": ["742.000"]},
    {"id": "p6", "answer": "", "status": "error", "error": "RuntimeError: boem",
     "retrieved_passages": ["742.000"]},
]


def test_passage_holds_the_answer_only_when_every_group_is_in_it():
    assert passage_holds_answer(BOTH, PASSAGE_QUESTIONS[0].must)
    assert not passage_holds_answer("Een subsidie van 742 000 euro.", PASSAGE_QUESTIONS[0].must)
    assert not passage_holds_answer("7 VTE", PASSAGE_QUESTIONS[0].must)
    assert not passage_holds_answer(BOTH, ())


def test_passage_hits_per_question():
    grades = {g.id: g for g in compute_metrics(PASSAGE_QUESTIONS, PASSAGE_RESULTS).grades}
    assert grades["p1"].passage_hits == {1: False, 5: True}
    assert grades["p1"].hits == {1: True, 5: True}  # the document was there from rank 1
    assert grades["p2"].passage_hits == {1: False, 5: False}
    assert grades["p3"].passage_hits == {1: True, 5: True}
    assert grades["p4"].passage_hits == {1: None, 5: None}  # calc: computed, not retrieved
    assert grades["p5"].passage_hits == {1: None, 5: None}  # refusal
    assert grades["p6"].passage_hits == {1: False, 5: False}  # an error is wrong everywhere


def test_passage_hit_at_5_looks_at_the_first_five_only():
    q = PASSAGE_QUESTIONS[5]
    sixth = {"id": "p6", "answer": "", "status": "answered", "retrieved_passages": ["x"] * 5 + ["742.000"]}
    fifth = {"id": "p6", "answer": "", "status": "answered", "retrieved_passages": ["x"] * 4 + ["742.000"]}
    assert grade(q, sixth).passage_hits == {1: False, 5: False}
    assert grade(q, fifth).passage_hits == {1: False, 5: True}
    assert grade(q, {"id": "p6", "answer": "742.000", "status": "answered"}).passage_hits == {1: False, 5: False}


def test_passage_hit_rates_per_kind_and_overall():
    metrics = compute_metrics(PASSAGE_QUESTIONS, PASSAGE_RESULTS)
    fact, followup = metrics.rows["fact"].values(), metrics.rows["followup"].values()
    calc, refusal, o = (metrics.rows[k].values() for k in ("calc", "refusal", "overall"))
    assert (fact["passage_hit1"], fact["passage_hit1_n"]) == (0.0, 3)
    assert (fact["passage_hit5"], fact["passage_hit5_n"]) == (pytest.approx(1 / 3), 3)
    assert (followup["passage_hit1"], followup["passage_hit5"]) == (1.0, 1.0)
    assert calc["passage_hit1"] is None and calc["passage_hit5_n"] == 0 and refusal["passage_hit5"] is None
    assert (o["passage_hit1"], o["passage_hit5"], o["passage_hit5_n"]) == (0.25, 0.5, 4)
    d = metrics.to_dict()
    assert d["rows"]["overall"]["passage_hit5"] == 0.5
    assert d["retrieval"] == {"documents": 2, "passages_max": 3, "passages_p50": 1.0}


def test_report_and_comparison_show_passage_hits():
    from eval.report import _metrics_table, comparison_markdown

    metrics = compute_metrics(PASSAGE_QUESTIONS, PASSAGE_RESULTS)
    table = _metrics_table(metrics.rows)
    assert "| passage hit@1 | 0.0% (0/3) | – | 100.0% (1/1) | – | 25.0% (1/4) |" in table
    assert "| passage hit@5 | 33.3% (1/3) | – | 100.0% (1/1) | – | 50.0% (2/4) |" in table
    project = {"meta": {}, **metrics.to_dict()}
    project["retrieval"] = {"documents": 5, "passages_max": 6, "passages_p50": 6.0}
    naive = {"meta": {}, **compute_metrics(PASSAGE_QUESTIONS, PASSAGE_RESULTS[2:]).to_dict()}
    naive["retrieval"] = {"documents": 5, "passages_max": 4, "passages_p50": 4.0}
    block = comparison_markdown(project, naive)
    assert "| passage hit@5 | 50.0% (2/4) | 25.0% (1/4) | +25.0 pt ✓ |" in block
    assert "the corpus has five very different documents" in block
    assert 'The naive pipeline retrieves 4 passages per question, this project 6: naive passage hit@5 ' \
           'therefore means "among its 4".' in block
    old = {k: v for k, v in naive.items() if k != "retrieval"}  # a metrics.json from before
    assert "retrieves" not in comparison_markdown(project, old)
