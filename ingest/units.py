"""Unit vectors: every answer unit (sentence) of every chunk, embedded at ingest and stored with
the build as ``units.npz``, so the answer selector compares a question with each sentence by
meaning without embedding anything at question time. Unchanged chunks keep their vectors."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.answer.units import sentences_of
from assistant.embeddings import ConvenantEmbeddings
from assistant.types import Chunk

log = logging.getLogger(__name__)

UNITS_FILE = "units.npz"
MIN_UNIT_CHARS = 12
_BATCH = 32

UnitTable = dict[str, tuple[tuple[str, ...], np.ndarray]]  # chunk id -> (unit texts, vectors)


def chunk_units(chunk: Chunk) -> tuple[str, ...]:
    return tuple(u for u in sentences_of(chunk.text) if len(u) >= MIN_UNIT_CHARS)


def build_units(chunks: Sequence[Chunk], embedder: ConvenantEmbeddings, previous: UnitTable | None = None) -> UnitTable:
    """Units of ``chunks`` with their vectors, reusing ``previous`` where a chunk's units are unchanged."""
    table: UnitTable = {}
    todo: list[tuple[str, tuple[str, ...]]] = []
    for chunk in chunks:
        units = chunk_units(chunk)
        old = (previous or {}).get(chunk.id)
        if old is not None and old[0] == units:
            table[chunk.id] = old
        else:
            todo.append((chunk.id, units))
    texts = [u for _, units in todo for u in units]
    vectors: list[np.ndarray] = []
    for i in range(0, len(texts), _BATCH):
        vectors.extend(np.asarray(v, dtype=np.float32) for v in embedder.embed_documents(texts[i : i + _BATCH]))
    dim = len(vectors[0]) if vectors else 0
    pos = 0
    for chunk_id, units in todo:
        matrix = np.vstack(vectors[pos : pos + len(units)]) if units else np.zeros((0, dim), dtype=np.float32)
        table[chunk_id] = (units, matrix)
        pos += len(units)
    log.info("unit vectors: %d embedded, %d chunks reused", len(texts), len(chunks) - len(todo))
    return table


def save_units(build: Path, table: UnitTable) -> None:
    ids, texts, rows = [], [], []
    for chunk_id, (units, matrix) in table.items():
        for text, row in zip(units, matrix):
            ids.append(chunk_id)
            texts.append(text)
            rows.append(row)
    matrix = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 0), dtype=np.float32)
    np.savez(build / UNITS_FILE, chunk_ids=np.array(ids, dtype=object), texts=np.array(texts, dtype=object), vectors=matrix)


def load_units(build: Path) -> UnitTable:
    path = build / UNITS_FILE
    if not path.exists():
        return {}
    data = np.load(path, allow_pickle=True)
    grouped: dict[str, tuple[list[str], list[int]]] = {}
    for i, (chunk_id, text) in enumerate(zip(data["chunk_ids"], data["texts"])):
        entry = grouped.setdefault(str(chunk_id), ([], []))
        entry[0].append(str(text))
        entry[1].append(i)
    vectors = data["vectors"]
    return {cid: (tuple(texts), vectors[rows]) for cid, (texts, rows) in grouped.items()}


__all__ = ["UNITS_FILE", "UnitTable", "build_units", "chunk_units", "load_units", "save_units"]
