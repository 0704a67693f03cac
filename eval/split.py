"""The document split of the question sets into a tuning part and a test part (eval/split.yaml)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import yaml

from eval.questions import Question

SPLIT_FILE = Path(__file__).with_name("split.yaml")
PARTS = ("tune", "test")
# The question sets (eval/<name>.jsonl) that `make eval`, `make fit` and the quality floors read, and
# the folders of the evaluation index they are asked over (the Makefile's EVAL_SETS and eval-index
# list the same).
QUESTION_SETS = ("dev", "realdocs", "extra", "pages")
EVAL_DOCUMENT_DIRS = ("corpus", "eval/realdocs", "eval/pages")


@lru_cache(maxsize=4)
def test_documents(path: Path = SPLIT_FILE) -> frozenset[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return frozenset(str(d) for d in data.get("test_documents", []))


def part_of(question: Question, path: Path = SPLIT_FILE) -> str:
    """'test' or 'tune': by the question's first source document, else by the parity of sha1(id)."""
    if question.sources:
        return "test" if question.sources[0] in test_documents(path) else "tune"
    return "test" if int(hashlib.sha1(question.id.encode()).hexdigest(), 16) % 2 else "tune"


__all__ = ["EVAL_DOCUMENT_DIRS", "PARTS", "QUESTION_SETS", "SPLIT_FILE", "part_of", "test_documents"]
