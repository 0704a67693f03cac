"""The keyword index of a build: BM25 over the chunks' embed texts, tokenised with the same
Dutch stems the query side uses (``assistant.textnl.tokens``), saved in the build's ``bm25/``."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s

from assistant.store.layout import BM25_DIR
from assistant.store.npy import NPY_LOCK
from assistant.textnl import tokens
from assistant.types import Chunk

__all__ = ["build_bm25", "load_bm25", "save_bm25"]

logging.getLogger("bm25s").setLevel(logging.WARNING)


def build_bm25(chunks: Sequence[Chunk]) -> bm25s.BM25:
    retriever = bm25s.BM25()
    corpus = [tokens(c.keyword_text) or ["_leeg_"] for c in chunks]
    retriever.index(corpus if corpus else [["_leeg_"]], show_progress=False)
    return retriever


def save_bm25(build: Path, retriever: bm25s.BM25) -> None:
    retriever.save(str(build / BM25_DIR), show_progress=False)


def load_bm25(build: Path, has_chunks: bool) -> bm25s.BM25:
    """The build's keyword index (an empty one when the build holds no chunks)."""
    if not has_chunks:
        return build_bm25([])
    with NPY_LOCK:  # its arrays are .npy files (see assistant/store/npy.py)
        return bm25s.BM25.load(str(build / BM25_DIR), show_progress=False)
