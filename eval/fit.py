"""Fit the answer selector's weights on the TUNING part of the question sets and write
assistant/answer/weights.json.  Run:  python -m eval.fit  (with CONVENANT_DATA_DIR pointing at an
index of corpus/ and eval/realdocs/, as `make fit` builds it).

Two standardised logistic models and two numbers are fitted, nothing else:
1. *unit*: P(a unit holds the answer), on the units of the retrieved passages of answerable tuning
   questions; a unit is positive when it alone satisfies every ``must`` group of its question.
2. *answerable*: P(the question can be answered), on question-level signals of the best unit;
   answerable tuning questions are positive, refusals negative.
3. *threshold*: the P(answerable) above which the assistant answers, chosen on the tuning part to
   maximise the mean of refusal accuracy and answered rate (balanced accuracy).
4. *second_ratio*: when a second unit joins the answer, chosen for fact accuracy on tuning.
Test-part questions are never read here.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from assistant.answer.model import WEIGHTS_FILE, LinearModel, SelectorWeights
from assistant.answer.select import AnswerSelector, Candidate, choose, render
from assistant.config import PROJECT_ROOT, apply_offline_env, load_settings
from eval.matching import check_answer, group_satisfied
from eval.questions import Question, load_questions
from eval.split import part_of

log = logging.getLogger(__name__)

QUESTION_SETS = ("dev.jsonl", "realdocs.jsonl", "extra.jsonl")
UNIT_FEATURES = (
    "lex", "lex_header", "focus", "dense", "dense_gap", "lex_gap", "rank", "chunk_dense", "typed",
    "asks_type", "ent_unit", "ent_doc", "new_words", "short",
)
QUESTION_FEATURES = ("best_logit", "best_focus", "best_ent_doc", "top_dense", "unknown")
C = 1.0  # inverse regularisation strength of both models (sklearn's default)


@dataclass
class Observed:
    question: Question
    candidates: list[Candidate]
    hits: list
    profile: object
    gated: bool  # refused before scoring (a named period/sector no document mentions)
    dense_top: float


def observe(assistant, question: Question) -> Observed | None:
    """Run the pipeline up to answer selection; None for money questions (the calculator answers)."""
    history = [m.model_dump() for m in question.history]
    state = assistant._start(question.question, history, None)
    if state.get("answer") is not None:
        return None
    state = assistant._route(assistant._condense(state))
    if state["route"] == "calculation":
        return None
    state = assistant._extractive(assistant._retrieve(state))
    state = assistant._verify(state)
    gated = state["answer"].status == "not_found" and "Geen enkel document" in state["answer"].answer
    return Observed(
        question, list(state["selection"].candidates), state["search"].hits, state["profile"], gated,
        state["search"].dense_top,
    )


def _standardised_fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], balanced: bool) -> LinearModel:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, class_weight="balanced" if balanced else None, max_iter=2000)
    model.fit((x - mean) / scale, y)
    return LinearModel(names, tuple(map(float, mean)), tuple(map(float, scale)),
                       tuple(map(float, model.coef_[0])), float(model.intercept_[0]))


def fit_unit_model(observed: list[Observed]) -> LinearModel:
    rows, labels = [], []
    for ob in observed:
        q = ob.question
        if q.kind == "refusal" or not q.must or not ob.candidates:
            continue
        positive = [all(group_satisfied(g, c.text) for g in q.must) for c in ob.candidates]
        if not any(positive):
            continue  # the answer is not in one unit of the retrieved passages: nothing to learn
        for cand, pos in zip(ob.candidates, positive):
            rows.append([cand.features.get(n, 0.0) for n in UNIT_FEATURES])
            labels.append(int(pos))
    x, y = np.array(rows, dtype=float), np.array(labels)
    print(f"unit model: {len(y)} units, {int(y.sum())} positive", file=sys.stderr)
    return _standardised_fit(x, y, UNIT_FEATURES, balanced=True)


def rescored(ob: Observed, unit: LinearModel) -> list[Candidate]:
    out = [Candidate(c.text, c.rank, c.order, c.features, unit.prob(c.features)) for c in ob.candidates]
    out.sort(key=lambda c: (-c.score, c.rank, c.order))
    return out


def fit(observed: list[Observed]) -> SelectorWeights:
    unit = fit_unit_model(observed)
    ranked = {id(ob): rescored(ob, unit) for ob in observed}
    rows, labels, usable = [], [], []
    for ob in observed:
        if ob.gated:
            continue
        qf = AnswerSelector.question_features(ob.profile, ranked[id(ob)], ob.dense_top, unit)
        rows.append([qf.get(n, 0.0) for n in QUESTION_FEATURES])
        labels.append(0 if ob.question.kind == "refusal" else 1)
        usable.append(ob)
    x, y = np.array(rows, dtype=float), np.array(labels)
    answerable = _standardised_fit(x, y, QUESTION_FEATURES, balanced=True)
    probs = np.array([answerable.prob(dict(zip(QUESTION_FEATURES, r))) for r in rows])
    threshold, best = 0.5, -1.0
    for t in np.linspace(0.05, 0.95, 91):
        refused_ok = np.mean(probs[y == 0] < t) if (y == 0).any() else 1.0
        answered = np.mean(probs[y == 1] >= t)
        score = (refused_ok + answered) / 2
        if score > best + 1e-9:
            threshold, best = float(t), score
    print(f"answerable model: {len(y)} questions ({int((y == 0).sum())} refusals); threshold {threshold:.2f}, "
          f"balanced accuracy {best:.3f}", file=sys.stderr)

    def fact_accuracy(ratio: float) -> tuple[float, float]:
        ok, lengths = 0, []
        answerable_obs = [ob for ob in usable if ob.question.kind != "refusal" and ob.candidates]
        for ob in answerable_obs:
            cands = ranked[id(ob)]
            chosen = choose(cands, ratio)
            text, _ = render(ob.profile, chosen, ob.hits)
            lengths.append(len(text))
            ok += check_answer(text, ob.question.must, ob.question.forbid_numbers).ok
        return ok / max(1, len(answerable_obs)), statistics.median(lengths or [0])

    ratios = {r: fact_accuracy(r) for r in (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)}
    second_ratio = max(ratios, key=lambda r: (ratios[r][0] if ratios[r][1] <= 250 else -1, r))
    for r, (acc, med) in ratios.items():
        print(f"second_ratio {r:.2f}: fact accuracy (unit choice) {acc:.3f}, median length {med:.0f}", file=sys.stderr)
    return SelectorWeights(unit, answerable, threshold, second_ratio)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = parser.parse_args(argv)
    apply_offline_env()
    from assistant.chain import build_assistant

    assistant = build_assistant(load_settings(), llm="none")
    observed: list[Observed] = []
    for name in QUESTION_SETS:
        for q in load_questions(PROJECT_ROOT / "eval" / name):
            if part_of(q) != "tune" or q.kind == "calc":
                continue
            ob = observe(assistant, q)
            if ob is not None:
                observed.append(ob)
    weights = fit(observed)
    args.out.write_text(weights.to_json() + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
