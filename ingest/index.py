"""The index: a Chroma collection (vectors) and a BM25 keyword index over the same chunks.

Crash safety: every change builds a new *build* aside (a new Chroma collection and a new build
folder holding the chunk records and the BM25 index), copying the vectors of unchanged chunks from
the active build and embedding only new ones. Only when the build is complete is the manifest
(``manifest.json``, the single pointer to the active build) replaced atomically. A failure or a
kill before that leaves the previous build active and intact; leftovers are removed by the next
ingest. Readers hold a lease on the build they opened (``ingest.leases``); a build is removed only
when no reader holds it, so a running web chat never loses its collection mid-question.
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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings
from assistant.errors import IndexMismatchError, IngestError
from assistant.textnl import tokens
from assistant.types import Chunk, SourceDocument
from ingest import leases
from ingest.chroma_dirs import remove_orphan_segment_dirs
from ingest.leases import Lease
from ingest.split import CHUNKER_VERSION
from ingest.units import UnitTable, build_units, load_units, save_units

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)

MANIFEST_FORMAT = 1
_ADD_BATCH = 500

ProgressFn = Callable[[int, int], None]


# --------------------------------------------------------------------------- Chroma connection


def connect_chroma(settings: Settings) -> Any:
    """An embedded persistent client under the data directory, or a client of a Chroma server
    when ``CONVENANT_CHROMA_HOST`` is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:  # noqa: BLE001 - connection errors come in many types
            raise IngestError(
                f"Chroma server {settings.chroma_host}:{settings.chroma_port} is not reachable: {exc}"
            ) from exc
    path = settings.index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


# --------------------------------------------------------------------------- records


def chunk_to_record(chunk: Chunk) -> dict[str, Any]:
    return asdict(chunk)


def chunk_from_record(record: dict[str, Any]) -> Chunk:
    return Chunk(**record)


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


@dataclass
class DocumentEntry:
    doc_id: str
    path: str
    source_hash: str
    title: str
    doc_type: str
    metadata: dict[str, Any]
    chunks: int
    ingested_at: float


@dataclass
class Manifest:
    build_id: str
    collection: str
    embedder: str
    chunker: str
    created: float
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    format: int = MANIFEST_FORMAT

    @property
    def chunk_count(self) -> int:
        return sum(d.chunks for d in self.documents.values())

    def to_json(self) -> str:
        data = asdict(self)
        data["chunk_count"] = self.chunk_count
        return json.dumps(data, ensure_ascii=False, indent=1, default=str)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        data.pop("chunk_count", None)
        docs = {k: DocumentEntry(**v) for k, v in data.pop("documents", {}).items()}
        return cls(documents=docs, **data)


# --------------------------------------------------------------------------- paths and locking


def manifest_path(settings: Settings) -> Path:
    return settings.index_dir / "manifest.json"


def builds_dir(settings: Settings) -> Path:
    return settings.index_dir / "builds"


def read_manifest(settings: Settings) -> Manifest | None:
    path = manifest_path(settings)
    if not path.exists():
        return None
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError) as exc:
        raise IngestError(f"{path}: index manifest is unreadable ({exc}); run `convenant ingest --rebuild`") from exc


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


@contextlib.contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    """One writer at a time (CLI and web upload share the data directory)."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.index_dir / "ingest.lock", "w") as handle:
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


# --------------------------------------------------------------------------- BM25


def build_bm25(chunks: Sequence[Chunk]) -> bm25s.BM25:
    retriever = bm25s.BM25()
    corpus = [tokens(c.embed_text) or ["_leeg_"] for c in chunks]
    retriever.index(corpus if corpus else [["_leeg_"]], show_progress=False)
    return retriever


# --------------------------------------------------------------------------- read side


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
    lease: Lease | None = field(default=None, repr=False, compare=False)

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
    """The active manifest and a reader lease on its build (see ingest.leases)."""
    lease: Lease | None = None
    for _ in range(50):
        manifest = read_manifest(settings)
        if manifest is None:
            raise IngestError(
                f"No index in {settings.index_dir}: run `convenant ingest` first (or `make serve`)."
            )
        lease = leases.shared(builds_dir(settings) / manifest.build_id)
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
    build = builds_dir(settings) / manifest.build_id
    chunks = [chunk_from_record(json.loads(line)) for line in _read_lines(build / "chunks.jsonl")]
    documents = {}
    for line in _read_lines(build / "documents.jsonl"):
        rec = json.loads(line)
        rec["pages"] = tuple(tuple(p) for p in rec.get("pages", ()))
        documents[rec["doc_id"]] = SourceDocument(**rec)
    bm25 = bm25s.BM25.load(str(build / "bm25"), show_progress=False) if chunks else build_bm25([])
    client = client or connect_chroma(settings)
    collection = client.get_collection(manifest.collection)
    from ingest.terms import read_terms

    terms = read_terms(build, documents.values(), chunks)
    return LoadedIndex(manifest, chunks, bm25, collection, documents, load_units(build), terms, lease)


def read_documents(settings: Settings) -> list[SourceDocument] | None:
    """The documents of the active build (None when there is no index)."""
    manifest = read_manifest(settings)
    if manifest is None:
        return None
    out = []
    for line in _read_lines(builds_dir(settings) / manifest.build_id / "documents.jsonl"):
        rec = json.loads(line)
        rec["pages"] = tuple(tuple(p) for p in rec.get("pages", ()))
        out.append(SourceDocument(**rec))
    return out


def _read_lines(path: Path) -> Iterator[str]:
    if not path.exists():
        raise IngestError(f"{path} is missing: the index is incomplete; run `convenant ingest --rebuild`")
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line


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
    collection_name = f"{settings.collection}-{build_id}"
    build = builds_dir(settings) / build_id
    build.mkdir(parents=True)
    leases.create_lease_file(build)
    new_collection = None
    try:
        new_collection = client.create_collection(
            collection_name, metadata={"hnsw:space": "cosine"}, embedding_function=None
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
        with open(build / "chunks.jsonl", "w", encoding="utf-8") as handle:
            for chunk in all_chunks:
                handle.write(json.dumps(chunk_to_record(chunk), ensure_ascii=False) + "\n")
        with open(build / "documents.jsonl", "w", encoding="utf-8") as handle:
            for doc in documents.values():
                handle.write(json.dumps(asdict(doc), ensure_ascii=False, default=str) + "\n")
        if all_chunks:
            build_bm25(all_chunks).save(str(build / "bm25"), show_progress=False)
        save_units(build, build_units(all_chunks, embedder, old_units))
        from ingest.terms import write_terms

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
            build_id=build_id, collection=collection_name, embedder=embedder.fingerprint,
            chunker=CHUNKER_VERSION, created=now, documents=dict(sorted(entries.items())),
        )
        if before_swap is not None:
            before_swap()
        _atomic_write(manifest_path(settings), manifest.to_json())  # the swap
    except BaseException:
        _drop_collection(client, collection_name)
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


def _drop_collection(client: Any, name: str) -> None:
    with contextlib.suppress(Exception):
        client.delete_collection(name)


def cleanup_orphans(settings: Settings, *, client: Any = None, active: Manifest | None = None) -> list[str]:
    """Remove builds and collections that the manifest does not point at (left by a crash or
    replaced by a newer build) and that no reader holds a lease on; a build in use stays until a
    later ingest. Also removes the folders Chroma leaves behind for deleted collections. Call with
    the ingest lock held. Returns what was removed."""
    active = active if active is not None else read_manifest(settings)
    removed: list[str] = []
    root = builds_dir(settings)
    client = client or connect_chroma(settings)
    prefix = f"{settings.collection}-"
    names = [col if isinstance(col, str) else col.name for col in client.list_collections()]
    in_use: set[str] = set()
    if root.exists():
        for path in root.iterdir():
            if active is not None and path.name == active.build_id:
                continue
            with leases.exclusive(path) as free:
                if not free:
                    in_use.add(path.name)
                    log.info("build %s is still read; it is removed by a later ingest", path.name)
                    continue
                if f"{prefix}{path.name}" in names:
                    _drop_collection(client, f"{prefix}{path.name}")
                    removed.append(f"{prefix}{path.name}")
                shutil.rmtree(path, ignore_errors=True)
                removed.append(str(path))
    for name in names:
        if not name.startswith(prefix) or (active is not None and name == active.collection):
            continue
        if name[len(prefix):] in in_use or name in removed:
            continue
        _drop_collection(client, name)
        removed.append(name)
    if not settings.chroma_host:
        removed += remove_orphan_segment_dirs(settings.index_dir / "chroma")
    return removed
