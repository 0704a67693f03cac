"""One lock around reading NumPy files (``.npy``, ``.npz``) in this process.

NumPy parses each array's header with ``ast.literal_eval``, and CPython 3.11's AST constructor
tracks its recursion depth in state that threads share: two threads parsing at once can fail with
"SystemError: AST constructor recursion depth mismatch" (CPython gh-106905). That happened when an
ingest opened the previous build (its BM25 arrays) while the chat's readers opened the new one, so
every build file this package reads with NumPy is read under this lock."""

from __future__ import annotations

import threading

NPY_LOCK = threading.Lock()

__all__ = ["NPY_LOCK"]
