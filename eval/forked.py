"""One task over many inputs in forked worker processes, a process a core (the fit's assignments of
documents to folds: `eval/fit.py`)."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from threadpoolctl import threadpool_limits

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable | None = None  # the workers' task, inherited when they fork (never pickled)


def _run(item):
    # one thread a worker, as the workers fill the cores already; their stderr is not the user's
    with contextlib.redirect_stderr(io.StringIO()), threadpool_limits(1):
        return _TASK(item)


def forked_map(task: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """``task`` of every item, in the order of the items, in a process a core. The workers fork, so
    what ``task`` reads (a closure over the fit's observed questions) is shared, not copied through a
    pipe; only the items and the results are. In this process where fork is unavailable or there is
    one core."""
    global _TASK
    _TASK = task
    items = list(items)
    workers = min(len(items), os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_run(item) for item in items]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_run, items))


__all__ = ["forked_map"]
