"""Evaluation: question sets, answer matching, metrics, the runner, reports, the naive baseline
and the benchmark. `convenant eval` / `convenant bench` are the command-line entry points."""

from eval.matching import MatchResult, check_answer, numbers_in, parse_number
from eval.metrics import Metrics, compute_metrics, grade
from eval.questions import Question, QuestionSetError, load_questions, parse_questions

__all__ = [
    "MatchResult",
    "Metrics",
    "Question",
    "QuestionSetError",
    "check_answer",
    "compute_metrics",
    "grade",
    "load_questions",
    "numbers_in",
    "parse_number",
    "parse_questions",
]
