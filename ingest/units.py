"""Answer units at ingest: the sentences of every chunk, embedded with the build (stored by
``assistant.store.units``). Unchanged chunks keep their vectors."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from assistant.answer.units import sentences_of
from assistant.embeddings import ConvenantEmbeddings
from assistant.store.units import UnitTable
from assistant.types import Chunk

log = logging.getLogger(__name__)

MIN_UNIT_CHARS = 12
_BATCH = 32


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


__all__ = ["MIN_UNIT_CHARS", "build_units", "chunk_units"]
