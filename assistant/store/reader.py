"""The index reader: opens the active build (manifest, chunk and document records, BM25, Chroma
collection, answer units, covenant terms) under a reader lease, and reopens it when another
process (CLI ingest, web upload) swaps a new build in. The writer is ``ingest.index``."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import bm25s
import numpy as np

from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings
from assistant.errors import IndexMismatchError, IngestError
from assistant.store import leases
from assistant.store.bm25 import load_bm25
from assistant.store.chroma import connect_chroma
from assistant.store.layout import (
    CHUNKER_VERSION,
    DOCUMENTS_FILE,
    Manifest,
    build_dir,
    document_from_record,
    manifest_path,
    read_chunks,
    read_document_records,
    read_lines,
    read_manifest,
)
from assistant.store.leases import Lease
from assistant.store.terms import read_terms
from assistant.store.units import UnitTable, load_units
from assistant.types import Chunk, SourceDocument

__all__ = ["IndexHandle", "LoadedIndex", "check_compatible", "load_index", "read_documents"]

log = logging.getLogger(__name__)


def check_compatible(manifest: Manifest, embedder: ConvenantEmbeddings) -> None:
    """Refuse to mix vectors of different embedders or chunks of different chunker versions."""
    problems = []
    if manifest.embedder != embedder.fingerprint:
        problems.append(f"embedder {manifest.embedder!r} (configured now: {embedder.fingerprint!r})")
    if manifest.chunker != CHUNKER_VERSION:
        problems.append(f"chunker {manifest.chunker!r} (this version: {CHUNKER_VERSION!r})")
    if problems:
        raise IndexMismatchError(
            "The index was built with " + " and ".join(problems)
            + ". Rebuild it: `convenant ingest --rebuild`."
        )


@dataclass
class LoadedIndex:
    """The active build, opened for reading."""

    manifest: Manifest
    chunks: list[Chunk]
    bm25: bm25s.BM25
    collection: Any
    documents: dict[str, SourceDocument]
    units: UnitTable = field(default_factory=dict)  # chunk id -> (answer units, their vectors)
    terms: Any = None  # the build's covenant terms (assistant.financing.ProfileRegistry)
    vectors: np.ndarray | None = None  # unit-length chunk vectors read from Chroma, one row per chunk
    lease: Lease | None = field(default=None, repr=False, compare=False)

    @cached_property
    def keyword_stems(self) -> list[str]:
        """The keyword index's stems, sorted (prefix lookups of the keyword query, once a build)."""
        return sorted(self.bm25.vocab_dict)

    def close(self) -> None:
        """Stop using this build (it is released anyway when the object is collected)."""
        if self.lease is not None:
            self.lease.close()

    def __post_init__(self) -> None:
        if self.lease is not None:
            self.lease.bind(self)
        self.by_id = {c.id: c for c in self.chunks}
        self.row_of = {c.id: i for i, c in enumerate(self.chunks)}
        self.by_doc: dict[str, list[Chunk]] = {}
        for c in self.chunks:
            self.by_doc.setdefault(c.doc_id, []).append(c)


def _leased_manifest(settings: Settings) -> tuple[Manifest, Lease | None]:
    """The active manifest and a reader lease on its build (see assistant.store.leases)."""
    lease: Lease | None = None
    for _ in range(50):
        manifest = read_manifest(settings)
        if manifest is None:
            raise IngestError(
                f"No index in {settings.index_dir}: run `convenant ingest` first (or `make serve`)."
            )
        lease = leases.shared(build_dir(settings, manifest.build_id))
        again = read_manifest(settings)
        if lease is not None and again is not None and again.build_id == manifest.build_id:
            return manifest, lease
        if lease is not None:
            lease.close()
    log.warning("index changed 50 times while opening it; reading without a lease")
    return manifest, None


def load_index(settings: Settings, embedder: ConvenantEmbeddings, client: Any = None) -> LoadedIndex:
    """Open the active build for reading. The returned index holds a reader lease on its build,
    so an ingest never removes it while it is in use (released by ``close()`` or collection)."""
    manifest, lease = _leased_manifest(settings)
    try:
        return _open_build(settings, embedder, manifest, lease, client)
    except BaseException:
        if lease is not None:
            lease.close()
        raise


def _open_build(
    settings: Settings, embedder: ConvenantEmbeddings, manifest: Manifest, lease: Lease | None, client: Any
) -> LoadedIndex:
    check_compatible(manifest, embedder)
    build = build_dir(settings, manifest.build_id)
    chunks = read_chunks(build)
    documents = {doc.doc_id: doc for doc in read_document_records(build)}
    bm25 = load_bm25(build, bool(chunks))
    client = client or connect_chroma(settings)
    collection = client.get_collection(manifest.collection)
    terms = read_terms(build, documents.values(), chunks)
    vectors = read_vectors(collection, chunks)
    return LoadedIndex(manifest, chunks, bm25, collection, documents, load_units(build), terms, vectors, lease)


VECTOR_PAGE = 1000  # ids per Chroma ``get`` (a server caps the size of one request)


def read_vectors(collection: Any, chunks: list[Chunk]) -> np.ndarray:
    """The chunks' vectors from Chroma, unit length, in chunk order. Dense search is exact over
    these: Chroma rebuilds its HNSW graph from the write-ahead log when a process opens a small
    collection (under ``sync_threshold`` records), and that multi-threaded build differs between
    processes, so its approximate results, and every figure measured on them, moved from run to run.
    At covenant-corpus sizes an exact scan is a few milliseconds."""
    ids = [c.id for c in chunks]
    found: dict[str, Any] = {}
    for start in range(0, len(ids), VECTOR_PAGE):
        got = collection.get(ids=ids[start : start + VECTOR_PAGE], include=["embeddings"])
        found.update(zip(got["ids"], got["embeddings"]))
    missing = [i for i in ids if i not in found]
    if missing:
        raise IngestError(
            f"The Chroma collection {collection.name!r} lacks {len(missing)} of the index's {len(ids)} chunks "
            f"(first: {missing[0]}). Rebuild it: `convenant ingest --rebuild`."
        )
    if not ids:
        return np.zeros((0, 0), dtype=np.float32)
    matrix = np.asarray([found[i] for i in ids], dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def read_documents(settings: Settings) -> list[SourceDocument] | None:
    """The documents of the active build (None when there is no index)."""
    manifest = read_manifest(settings)
    if manifest is None:
        return None
    path = build_dir(settings, manifest.build_id) / DOCUMENTS_FILE
    return [document_from_record(json.loads(line)) for line in read_lines(path)]


class IndexHandle:
    """The active index, reopened when another process (CLI ingest, web upload) swaps a new
    build in."""

    def __init__(self, settings: Settings, embedder: ConvenantEmbeddings) -> None:
        self.settings = settings
        self.embedder = embedder
        self._lock = threading.Lock()
        self._index: Any = None
        self._stamp: tuple[int, int] | None = None

    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            st = manifest_path(self.settings).stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def get(self) -> Any:
        stamp = self._manifest_stamp()
        with self._lock:
            if self._index is None or stamp != self._stamp:
                self._index = load_index(self.settings, self.embedder)
                self._stamp = stamp
            return self._index
