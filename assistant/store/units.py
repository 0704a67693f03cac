"""The answer-unit table of a build (``units.npz``): every answer unit (sentence) of every chunk
with its vector, embedded at ingest (``ingest.units``), so the answer selector compares a question
with each sentence by meaning without embedding anything at question time."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.store.layout import UNITS_FILE
from assistant.store.npy import NPY_LOCK

UnitTable = dict[str, tuple[tuple[str, ...], np.ndarray]]  # chunk id -> (unit texts, vectors)


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
    with NPY_LOCK, np.load(path, allow_pickle=True) as data:  # each member's header is parsed on access
        chunk_ids, texts_, vectors = data["chunk_ids"], data["texts"], data["vectors"]
    grouped: dict[str, tuple[list[str], list[int]]] = {}
    for i, (chunk_id, text) in enumerate(zip(chunk_ids, texts_)):
        entry = grouped.setdefault(str(chunk_id), ([], []))
        entry[0].append(str(text))
        entry[1].append(i)
    return {cid: (tuple(texts), vectors[rows]) for cid, (texts, rows) in grouped.items()}


__all__ = ["UNITS_FILE", "UnitTable", "load_units", "save_units"]
