"""The fitting script's pieces on data whose answer is known: the bagged answerability model, the
threshold search, and the conditional-logit unit model."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer.model import LinearModel
from assistant.answer.select import Candidate
from eval.decision import FOLDS, LEXIMIN, _curve, _pick_threshold, _standardised_fit, out_of_fold
from eval.fit import L2_GRID, Observed, _held_out, choose_l2, fit_unit_model
from eval.questions import Question


def test_bagged_answerability_model_learns_the_informative_signal_and_is_reproducible():
    rng = np.random.default_rng(1)
    signal = rng.normal(size=200)
    noise = rng.normal(size=200)
    y = (signal + 0.3 * rng.normal(size=200) > 0).astype(int)
    x = np.column_stack([signal, noise])
    model = _standardised_fit(x, y, ("signal", "noise"), balanced=True)
    assert model.coef[0] > 1.0 and abs(model.coef[1]) < 0.5 * model.coef[0]
    assert model == _standardised_fit(x, y, ("signal", "noise"), balanced=True)  # seeded resamples
    assert model.prob({"signal": 2.0, "noise": 0.0}) > 0.9 > 0.1 > model.prob({"signal": -2.0, "noise": 0.0})


def test_threshold_maximises_the_lower_of_the_two_rates():
    probs = np.array([0.1, 0.2, 0.35, 0.6, 0.8, 0.9])
    y = np.array([0, 0, 0, 1, 1, 1])
    right = np.array([False, False, False, True, True, False])
    threshold, score = _pick_threshold(_curve(probs, y, right))
    assert score == pytest.approx(2 / 3 + LEXIMIN * 1.0)  # all refusals refused, two of three answered right
    assert threshold == 0.48  # the middle of the equally good thresholds 0.36 ... 0.60
    # a refusal counts as much as the answerable questions together: one refusal among many
    # answerable questions still moves the threshold above it
    probs = np.array([0.7, 0.5, 0.6, 0.8, 0.9, 0.95, 0.97])
    y = np.array([0, 1, 1, 1, 1, 1, 1])
    threshold, _ = _pick_threshold(_curve(probs, y, y == 1))
    assert 0.7 < threshold <= 0.8
    # the rate furthest behind decides: refusing the refusal at 0.3 costs one answer of ten (rates
    # 1.0 and 0.9), answering it leaves the refusal rate at 0.5; a mean of the two rates would
    # call both 0.95 and 0.75 ...
    probs = np.array([0.3, 0.1, 0.25, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97])
    y = np.array([0, 0] + [1] * 10)
    threshold, score = _pick_threshold(_curve(probs, y, y == 1))
    assert 0.3 < threshold and score == pytest.approx(0.9 + LEXIMIN * 1.0)
    # ... while a refusal rate that is already high does not buy refusals with answers: answering
    # every answerable question (rates 0.8 and 1.0) beats refusing all refusals (1.0 and 0.5)
    probs = np.array([0.1, 0.2, 0.3, 0.4, 0.7] + [0.5, 0.55, 0.6, 0.65, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97])
    y = np.array([0] * 5 + [1] * 10)
    threshold, score = _pick_threshold(_curve(probs, y, y == 1))
    assert threshold <= 0.5 and score == pytest.approx(0.8 + LEXIMIN * 1.0)


def test_every_question_set_has_one_vote_in_the_threshold():
    # set "a": eight answerable questions at 0.6 ... 0.95, refusals at 0.5 and 0.2;
    # set "b": two answerable questions at 0.4 and 0.45, a refusal at 0.1
    probs = np.array([0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.5, 0.2, 0.4, 0.45, 0.1])
    y = np.array([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0])
    right = y == 1
    sets = np.array(["a"] * 10 + ["b"] * 3)
    per_set = (_curve(probs[:10], y[:10], right[:10]) + _curve(probs[10:], y[10:], right[10:])) / 2
    assert np.allclose(_curve(probs, y, right, sets), per_set)
    # one vote each: a threshold in (0.2, 0.4] answers all of "b" and refuses one of "a"'s two refusals
    threshold, score = _pick_threshold(_curve(probs, y, right, sets))
    assert 0.2 < threshold <= 0.4 and score == pytest.approx((0.5 + 1.0) / 2 + LEXIMIN * 1.0)
    # pooled, "a"'s ten questions outvote "b"'s three: every refusal refused, "b" unanswered
    pooled, pooled_score = _pick_threshold(_curve(probs, y, right))
    assert 0.5 < pooled <= 0.6 and pooled_score == pytest.approx(0.8 + LEXIMIN * 1.0)


def test_the_threshold_is_scored_end_to_end():
    from eval.decision import end_to_end

    # a refusal the model would answer (0.9) but a rule refuses counts as refused; the questions
    # refused before the model (an answerable one of set "b" and a refusal of "a") join their sets
    probs, y, right, sets = end_to_end(
        np.array([0.9, 0.8, 0.2]), np.array([0, 1, 0]), np.array([False, True, False]), np.array(["a", "a", "b"]),
        np.array([True, False, False]), (np.array([1, 0]), np.array(["b", "a"])))
    assert probs.tolist() == [0.0, 0.8, 0.2, 0.0, 0.0]
    assert y.tolist() == [0, 1, 0, 1, 0] and right.tolist() == [False, True, False, False, False]
    assert sets.tolist() == ["a", "a", "b", "b", "a"]
    # at 0.5: "a" refuses both refusals and answers its answerable one; "b" misses its answerable one
    assert _curve(probs, y, right, sets)[45] == pytest.approx((1.0 + LEXIMIN * 1.0 + 0.0 + LEXIMIN * 1.0) / 2)


def test_unit_model_ranks_the_unit_that_holds_the_answer_first():
    observed = []
    rng = np.random.default_rng(2)
    for i in range(30):
        cands = []
        for j in range(4):
            holds = j == i % 4
            text = "Het antwoord is 42." if holds else f"Iets anders {j}."
            cands.append(Candidate(text, j, 0, {"lex": float(holds) + 0.2 * rng.normal(), "dense": rng.normal()}))
        q = Question(id=f"q{i}", kind="fact", question="Wat is het antwoord?", must=[["42"]], sources=["doc"])
        observed.append(Observed(q, cands, [], None, False, 0.5))
    unit = fit_unit_model(observed, 1.0, quiet=True)
    weights = dict(zip(unit.names, unit.coef))
    assert weights["lex"] > 1.0 and abs(weights["dense"]) < weights["lex"] / 3
    for ob in observed:
        best = max(ob.candidates, key=lambda c: unit.logit(c.features))
        assert best.text == "Het antwoord is 42."


def _unit_questions(n: int, informative: float, seed: int) -> list[Observed]:
    """``n`` questions of four candidate units each, one of which holds the answer; its "lex" is
    raised by ``informative`` (0: the features say nothing about which unit holds it)."""
    rng = np.random.default_rng(seed)
    observed = []
    for i in range(n):
        cands = []
        for j in range(4):
            holds = j == i % 4
            text = "Het antwoord is 42." if holds else f"Iets anders {j}."
            features = {"lex": informative * holds + rng.normal(), "dense": rng.normal()}
            cands.append(Candidate(text, j, 0, features))
        q = Question(id=f"q{i}", kind="fact", question="Wat is het antwoord?", must=[["42"]], sources=[f"doc{i}"])
        observed.append(Observed(q, cands, [], None, False, 0.5))
    return observed


def test_held_out_figures_of_a_unit_model_are_its_top1_and_the_answer_units_log_probability():
    observed = _unit_questions(2, 0.0, 5)
    unit = LinearModel(("lex",), (0.0,), (1.0,), (1.0,), 0.0)
    right, log_likelihood, total = _held_out(unit, observed)
    expected_right, expected_ll = 0, 0.0
    for ob in observed:
        z = np.array([c.features["lex"] for c in ob.candidates])
        holds = [c.text.endswith("42.") for c in ob.candidates]
        expected_right += holds[int(np.argmax(z))]
        expected_ll += float(z[holds.index(True)] - np.log(np.exp(z).sum()))
    assert (right, total) == (expected_right, 2)
    assert log_likelihood == pytest.approx(expected_ll)
    # a refusal and a question whose units do not hold the answer teach nothing and count nowhere
    refusal = Observed(Question(id="r", kind="refusal", question="Wie won?", sources=["x"]),
                       observed[0].candidates, [], None, False, 0.5)
    missing = Observed(Question(id="m", kind="fact", question="Wat?", must=[["99"]], sources=["y"]),
                       observed[0].candidates, [], None, False, 0.5)
    assert _held_out(unit, observed + [refusal, missing]) == (right, pytest.approx(log_likelihood), 2)


def test_regularisation_is_chosen_by_held_out_likelihood():
    # features that say nothing: any weight fitted on the training folds only costs likelihood on
    # the held-out ones, so the strongest regularisation wins
    noise, _ = choose_l2(_unit_questions(80, 0.0, 6))
    assert noise == max(L2_GRID)
    # a clearly informative feature: strong regularisation shrinks the weight the answer needs
    informative, top1 = choose_l2(_unit_questions(80, 3.0, 7))
    assert informative < 30.0 and top1 > 0.8


def test_out_of_fold_probabilities_come_from_models_fit_without_the_question():
    rng = np.random.default_rng(3)
    n = 120
    x = rng.normal(size=(n, len(__import__("eval.fit").fit.QUESTION_FEATURES)))
    y = (x[:, 0] > 0).astype(int)
    right = y == 1
    fold = np.arange(n) % FOLDS
    probs = out_of_fold(x, y, right, fold, 1.0)
    assert probs.shape == (n,) and ((probs > 0) & (probs < 1)).all()
    assert np.mean((probs >= 0.5) == (y == 1)) > 0.7  # the signal carries to unseen folds (chance: 0.5; 32 noise signals)
    # a question's probability does not depend on its own label: flipping it leaves it unchanged
    flipped = y.copy()
    flipped[0] = 1 - flipped[0]
    again = out_of_fold(x, flipped, flipped == 1, fold, 1.0)
    assert again[0] == probs[0]
    # other signals of the same questions (a question's weakest part): the larger probability counts
    alt = x.copy()
    alt[:10, 0] = 5.0  # these ten look answerable on their other signals
    either = out_of_fold(x, y, right, fold, 1.0, alt)
    assert (either[:10] >= probs[:10]).all() and (either[:10] > 0.9).all()
    assert np.array_equal(either[10:], probs[10:])  # the same signals: the same probability


def test_folds_keep_a_document_together_and_a_salt_draws_another_assignment():
    from eval.fit import folds

    observed = [Observed(Question(id=f"q{i}", kind="fact", question="Wat?", must=[["x"]], sources=[f"doc{i % 20}"]),
                         [], [], None, False, 0.5) for i in range(60)]
    plain, salted = folds(observed), folds(observed, salt="1:")
    assert plain == folds(observed) and salted == folds(observed, salt="1:")  # stable
    for assignment in (plain, salted):
        by_doc = {}
        for ob, f in zip(observed, assignment):
            by_doc.setdefault(ob.question.sources[0], set()).add(f)
        assert all(len(fs) == 1 for fs in by_doc.values())  # a document's questions share their fold
        assert set(assignment) <= set(range(FOLDS))
    assert plain != salted


def test_a_threshold_averaged_over_fold_assignments_sits_between_their_peaks():
    from eval.decision import THRESHOLD_GRID, _pick_threshold

    def peaked(at):  # a target-score curve with its best at ``at``
        return 0.8 - np.abs(THRESHOLD_GRID - at)

    assert _pick_threshold(peaked(0.4))[0] == 0.4
    assert _pick_threshold(np.mean([peaked(0.4), peaked(0.6), peaked(0.5)], axis=0))[0] == 0.5


def test_the_regularisation_and_threshold_are_chosen_together_on_the_averaged_curves():
    from eval.decision import THRESHOLD_GRID, choose_c_and_threshold

    def peaked(at, height):
        return height - np.abs(THRESHOLD_GRID - at)

    # C 0.1 peaks higher on one assignment only; C 1.0 is better on average
    curves = {0.1: [peaked(0.3, 0.9), peaked(0.5, 0.6)], 1.0: [peaked(0.5, 0.8), peaked(0.5, 0.8)]}
    c, threshold, score = choose_c_and_threshold(curves)
    assert (c, threshold) == (1.0, 0.5)
    assert score == pytest.approx(0.8)
    # equally good: the stronger regularisation (smaller C)
    tie = {0.3: [peaked(0.5, 0.8)], 3.0: [peaked(0.5, 0.8)]}
    assert choose_c_and_threshold(tie)[0] == 0.3


def test_a_weaker_regularisation_must_beat_the_stronger_one_by_more_than_its_standard_error():
    from eval.decision import THRESHOLD_GRID, choose_c_and_threshold

    def peaked(at, height):
        return height - np.abs(THRESHOLD_GRID - at)

    # C 0.3 is best on average (0.80) but spreads over the assignments (standard error 0.02);
    # C 0.1 (0.79) is within one standard error of it, C 0.03 (0.75) is not
    noisy = [peaked(0.6, 0.78), peaked(0.6, 0.82), peaked(0.6, 0.76), peaked(0.6, 0.84)]
    steady = [peaked(0.5, 0.79)] * 4
    low = [peaked(0.4, 0.75)] * 4
    assert choose_c_and_threshold({0.03: low, 0.1: steady, 0.3: noisy}) == (0.1, 0.5, pytest.approx(0.79))
    # the same means without spread: the best one
    assert choose_c_and_threshold({0.03: low, 0.1: steady, 0.3: [peaked(0.6, 0.8)] * 4})[:2] == (0.3, 0.6)


def test_the_other_fold_assignments_run_in_worker_processes_in_order_of_their_salts(monkeypatch):
    import os

    import eval.fit as fit_module

    def fake_fit(observed, salt="", every_c=False, l2=None):
        # the figures name the assignment, the L2 it was given and the process that fit it
        return None, fit_module.FitFigures(float(salt), float(len(observed)), float(os.getpid()), l2), {}

    monkeypatch.setattr(fit_module, "fit_with_figures", fake_fit)
    observed = _unit_questions(3, 1.0, 8)
    runs = fit_module._other_assignments(observed, map(str, range(1, 7)), 3.0)
    assert [f.unit_top1 for f in runs] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert {f.auc for f in runs} == {3.0} and {f.l2 for f in runs} == {3.0}
    if (os.cpu_count() or 1) > 1:  # on more than one core, not in this process
        assert os.getpid() not in {f.target for f in runs}
