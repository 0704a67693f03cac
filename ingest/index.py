"""The index writer: builds a new index build aside and swaps it in (the layout is
``assistant.store.layout``; the reader is ``assistant.store.reader``).

Crash safety: every change builds a new *build* aside (a new Chroma collection and a new build
folder holding the chunk records and the BM25 index), copying the vectors of unchanged chunks from
the active build and embedding only new ones. Only when the build is complete is the manifest
(``manifest.json``, the single pointer to the active build) replaced atomically. A failure or a
kill before that leaves the previous build active and intact; leftovers are removed by the next
ingest (``ingest.cleanup``). Readers hold a lease on the build they opened
(``assistant.store.leases``); a build is removed only when no reader holds it, so a running web
chat never loses its collection mid-question.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings
from assistant.errors import IngestError
from assistant.store import leases
from assistant.store.bm25 import build_bm25, save_bm25
from assistant.store.chroma import connect_chroma
from assistant.store.layout import (
    CHUNKER_VERSION,
    CHUNKS_FILE,
    DOCUMENTS_FILE,
    LOCK_FILE,
    DocumentEntry,
    Manifest,
    build_dir,
    chunk_to_record,
    collection_name,
    manifest_path,
)
from assistant.store.reader import load_index
from assistant.store.units import UnitTable, save_units
from assistant.types import Chunk, SourceDocument
from ingest.cleanup import cleanup_orphans, drop_collection
from ingest.terms import write_terms
from ingest.units import build_units

log = logging.getLogger(__name__)

_ADD_BATCH = 500

ProgressFn = Callable[[int, int], None]


# --------------------------------------------------------------------------- records


def chroma_metadata(chunk: Chunk) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "doc_type": chunk.doc_type,
        "section": chunk.section,
        "position": chunk.position,
        "start": chunk.start,
        "end": chunk.end,
        "content_hash": chunk.content_hash,
    }
    if chunk.page is not None:
        meta["page"] = chunk.page
    for key, value in chunk.metadata.items():
        if isinstance(value, (str, int, float, bool)):
            meta[key] = value
    return meta



# --------------------------------------------------------------------------- locking


@contextlib.contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    """One writer at a time (CLI and web upload share the data directory)."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.index_dir / LOCK_FILE, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


# --------------------------------------------------------------------------- write side


@dataclass
class DocumentUpdate:
    """A new or changed document with its chunks."""

    document: SourceDocument
    chunks: list[Chunk]
    source_hash: str


def write_build(
    settings: Settings,
    embedder: ConvenantEmbeddings,
    *,
    previous: Manifest | None,
    updates: Sequence[DocumentUpdate],
    removed: Sequence[str],
    progress: ProgressFn | None = None,
    client: Any = None,
    before_swap: Callable[[], None] | None = None,
) -> tuple[Manifest, int]:
    """Build a new index aside from the active one and swap it in. Returns (manifest, embedded).

    Unchanged documents keep their vectors (copied from the active collection); only the chunks of
    ``updates`` are embedded. ``before_swap`` is a test hook called just before the swap.
    """
    client = client or connect_chroma(settings)
    build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    new_name = collection_name(settings, build_id)
    build = build_dir(settings, build_id)
    build.mkdir(parents=True)
    leases.create_lease_file(build)
    new_collection = None
    try:
        new_collection = client.create_collection(
            new_name, metadata={"hnsw:space": "cosine"}, embedding_function=None
        )
        changed = {u.document.doc_id for u in updates}
        kept_docs = [] if previous is None else [
            d for d in previous.documents if d not in changed and d not in set(removed)
        ]
        old_chunks: list[Chunk] = []
        old_documents: dict[str, SourceDocument] = {}
        old_units: UnitTable = {}
        if previous is not None and kept_docs:
            old = load_index(settings, embedder, client=client)
            old_units = old.units
            keep = set(kept_docs)
            old_chunks = [c for c in old.chunks if c.doc_id in keep]
            old_documents = {k: v for k, v in old.documents.items() if k in keep}
            _copy_vectors(old.collection, new_collection, old_chunks)
            old.close()  # this writer no longer reads the previous build
        new_chunks = [c for u in updates for c in u.chunks]
        embedded = _embed_into(new_collection, embedder, new_chunks, progress)

        documents = dict(old_documents)
        documents.update({u.document.doc_id: u.document for u in updates})
        all_chunks = sorted(old_chunks + new_chunks, key=lambda c: (c.doc_id, c.position))
        if new_collection.count() != len(all_chunks):
            raise IngestError(
                f"index check failed: Chroma holds {new_collection.count()} vectors for {len(all_chunks)} chunks"
            )
        with open(build / CHUNKS_FILE, "w", encoding="utf-8") as handle:
            for chunk in all_chunks:
                handle.write(json.dumps(chunk_to_record(chunk), ensure_ascii=False) + "\n")
        with open(build / DOCUMENTS_FILE, "w", encoding="utf-8") as handle:
            for doc in documents.values():
                handle.write(json.dumps(asdict(doc), ensure_ascii=False, default=str) + "\n")
        if all_chunks:
            save_bm25(build, build_bm25(all_chunks))
        save_units(build, build_units(all_chunks, embedder, old_units))
        write_terms(build, documents.values(), all_chunks)  # swapped in with the manifest below

        now = time.time()
        entries: dict[str, DocumentEntry] = {}
        if previous is not None:
            entries.update({d: previous.documents[d] for d in kept_docs})
        per_doc: dict[str, int] = {}
        for c in new_chunks:
            per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
        for u in updates:
            doc = u.document
            entries[doc.doc_id] = DocumentEntry(
                doc_id=doc.doc_id, path=doc.path, source_hash=u.source_hash, title=doc.title,
                doc_type=doc.doc_type, metadata=_jsonable(doc.metadata),
                chunks=per_doc.get(doc.doc_id, 0), ingested_at=now,
            )
        manifest = Manifest(
            build_id=build_id, collection=new_name, embedder=embedder.fingerprint,
            chunker=CHUNKER_VERSION, created=now, documents=dict(sorted(entries.items())),
        )
        if before_swap is not None:
            before_swap()
        _atomic_write(manifest_path(settings), manifest.to_json())  # the swap
    except BaseException:
        drop_collection(client, new_name)
        shutil.rmtree(build, ignore_errors=True)
        raise
    cleanup_orphans(settings, client=client, active=manifest)
    return manifest, embedded


def _jsonable(meta: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(meta, default=str))


def _copy_vectors(source: Any, target: Any, chunks: Sequence[Chunk]) -> None:
    for i in range(0, len(chunks), _ADD_BATCH):
        batch = chunks[i : i + _ADD_BATCH]
        got = source.get(ids=[c.id for c in batch], include=["embeddings"])
        vectors = dict(zip(got["ids"], got["embeddings"]))
        missing = [c.id for c in batch if c.id not in vectors]
        if missing:
            raise IngestError(f"active index lacks vectors for {len(missing)} chunks; run `convenant ingest --rebuild`")
        target.add(
            ids=[c.id for c in batch],
            embeddings=[np.asarray(vectors[c.id], dtype=np.float32) for c in batch],
            documents=[c.text for c in batch],
            metadatas=[chroma_metadata(c) for c in batch],
        )


def _embed_into(target: Any, embedder: ConvenantEmbeddings, chunks: Sequence[Chunk], progress: ProgressFn | None) -> int:
    done = 0
    total = len(chunks)
    if progress:
        progress(0, total)
    step = 16
    for i in range(0, total, step):
        batch = chunks[i : i + step]
        vectors = embedder.embed_documents([c.embed_text for c in batch])
        target.add(
            ids=[c.id for c in batch],
            embeddings=[np.asarray(v, dtype=np.float32) for v in vectors],
            documents=[c.text for c in batch],
            metadatas=[chroma_metadata(c) for c in batch],
        )
        done += len(batch)
        if progress:
            progress(done, total)
    return done


__all__ = ["DocumentUpdate", "ProgressFn", "chroma_metadata", "ingest_lock", "write_build"]
