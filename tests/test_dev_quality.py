"""The answering targets of the product, measured on the development question set with the
default extractive writer (a regression gate; the full report comes from `make eval`)."""

from __future__ import annotations

import pytest

from eval.matching import check_answer
from eval.questions import load_questions
from assistant.config import PROJECT_ROOT

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def graded(real_assistant):
    rows = []
    for q in load_questions(PROJECT_ROOT / "eval" / "dev.jsonl"):
        history = [m.model_dump() if hasattr(m, "model_dump") else dict(m) for m in (q.history or [])]
        answer = real_assistant.ask(q.question, history=history)
        rows.append((q, answer))
    return rows


def test_development_set_targets(graded):
    answerable = [(q, a) for q, a in graded if q.kind != "refusal"]
    refusals = [(q, a) for q, a in graded if q.kind == "refusal"]
    assert len(graded) >= 60 and len(refusals) >= 10

    def doc_hit(q, a):
        return not q.sources or bool(set(q.sources) & {c.doc_id for c in a.citations})

    def fact_ok(q, a):
        return check_answer(a.answer, q.must or [], q.forbid_numbers or []).ok

    doc_rate = sum(doc_hit(q, a) for q, a in answerable) / len(answerable)
    fact_rate = sum(fact_ok(q, a) for q, a in answerable) / len(answerable)
    refusal_rate = sum(a.status == "not_found" for _, a in refusals) / len(refusals)
    false_refusals = sum(a.status == "not_found" for _, a in answerable) / len(answerable)
    calc = [(q, a) for q, a in graded if q.kind == "calc"]
    failed = [(q.id, a.answer[:120]) for q, a in answerable if not fact_ok(q, a)]
    assert doc_rate >= 0.95, failed
    assert fact_rate >= 0.90, failed
    assert refusal_rate >= 0.90, [(q.id, a.answer[:120]) for q, a in refusals if a.status != "not_found"]
    assert false_refusals <= 0.05
    assert all(a.status == "calculation" and fact_ok(q, a) for q, a in calc), [(q.id, a.answer[:160]) for q, a in calc]
