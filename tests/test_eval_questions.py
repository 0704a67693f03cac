"""Question-set loading: typed lines, unknown fields ignored, bad lines named by number; and the
shipped development set itself (its expected answers are in its source documents)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import eval as eval_pkg
from assistant.config import PROJECT_ROOT
from eval.matching import check_answer
from eval.questions import QuestionSetError, load_questions, parse_questions

DEV_SET = PROJECT_ROOT / "eval" / "dev.jsonl"


def _line(**fields) -> str:
    base = {"id": "q1", "question": "Hoeveel?", "kind": "fact", "must": [["7"]], "sources": ["d"]}
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not None}, ensure_ascii=False)


def test_a_valid_line_with_unknown_fields(tmp_path: Path):
    path = tmp_path / "set.jsonl"
    path.write_text(
        _line(note="voor de auteurs", weight=3) + "\n\n"
        + _line(id="q2", kind="followup", history=[{"role": "user", "content": "Eerst dit", "ts": 1}]) + "\n",
        encoding="utf-8",
    )
    first, second = load_questions(path)
    assert first.id == "q1" and first.must == (("7",),) and first.sources == ("d",)
    assert not hasattr(first, "note")
    assert second.history_messages() == [{"role": "user", "content": "Eerst dit"}]
    assert second.answerable


def test_every_bad_line_is_reported_with_its_number(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([
        _line(),                                   # 1 ok
        "{not json",                               # 2
        _line(id="q3", kind="opinion"),            # 3 unknown kind
        _line(id="q4", question=None),             # 4 missing question
        _line(id="q5", kind="followup"),           # 5 followup without history
        _line(id="q1"),                            # 6 duplicate id
        _line(id="q7", must=[[]]),                 # 7 empty group
        _line(id="q8", forbid_numbers=["veel"]),   # 8 not a number
        "[1, 2]",                                  # 9 not an object
    ]) + "\n", encoding="utf-8")
    with pytest.raises(QuestionSetError) as info:
        load_questions(path)
    message = str(info.value)
    for number in (2, 3, 4, 5, 6, 7, 8, 9):
        assert f"{path}:{number}:" in message
    assert f"{path}:1:" not in message
    assert "already used on line 1" in message
    assert "kind" in message and "question" in message and "history" in message


def test_missing_and_empty_files(tmp_path: Path):
    with pytest.raises(QuestionSetError, match="not found"):
        load_questions(tmp_path / "nope.jsonl")
    with pytest.raises(QuestionSetError, match="no questions"):
        parse_questions(["", "  "], source="leeg.jsonl")


def test_answerable_questions_need_an_expectation():
    with pytest.raises(QuestionSetError, match="needs 'must' groups or 'sources'"):
        parse_questions([json.dumps({"id": "x", "question": "Wat?", "kind": "fact"})])
    (refusal,) = parse_questions([json.dumps({"id": "x", "question": "Wat?", "kind": "refusal"})])
    assert not refusal.answerable


def test_public_api_is_pinned():
    assert sorted(eval_pkg.__all__) == [
        "MatchResult", "Metrics", "Question", "QuestionSetError", "check_answer", "compute_metrics",
        "grade", "load_questions", "numbers_in", "parse_number", "parse_questions",
    ]


# --------------------------------------------------------------------------- the development set


def test_development_set_composition():
    questions = load_questions(DEV_SET)
    kinds = Counter(q.kind for q in questions)
    assert len(questions) >= 60
    assert kinds["refusal"] >= 10 and kinds["calc"] >= 8 and kinds["followup"] >= 6
    corpus_ids = {p.stem for p in (PROJECT_ROOT / "corpus").glob("*.txt")}
    cited = {s for q in questions for s in q.sources}
    assert cited == corpus_ids  # every document is asked about, and no unknown ids
    assert any(len(q.sources) == 2 for q in questions)
    for q in questions:
        assert q.answerable == bool(q.sources), q.id


def test_development_set_facts_are_in_their_source_documents():
    """Each expected fact (not the computed amounts) can be found in the text of its sources."""
    from ingest.loaders import load_document
    from ingest.metadata import read_sidecar

    corpus = PROJECT_ROOT / "corpus"
    sidecar = read_sidecar(corpus)
    texts = {p.stem: load_document(p, sidecar=sidecar.get(p.stem)).text for p in corpus.glob("*.txt")}
    for q in load_questions(DEV_SET):
        if q.kind in ("fact", "followup"):
            result = check_answer("\n".join(texts[s] for s in q.sources), q.must)
            assert not result.missing, (q.id, result.missing)
