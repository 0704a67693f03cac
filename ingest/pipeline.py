"""Incremental ingest: find files, skip unchanged ones, load and split changed ones, drop removed
ones, and write a new index build that is swapped in only when complete."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings
from assistant.errors import ConvenantError, IngestError
from assistant.types import Chunk, SourceDocument
from assistant.store.chroma import connect_chroma
from assistant.store.layout import CHUNKER_VERSION, Manifest, read_manifest
from assistant.store.reader import check_compatible
from ingest.cleanup import cleanup_orphans
from ingest.corpus import SidecarCache, discover
from ingest.index import DocumentUpdate, ingest_lock, write_build
from ingest.loaders import load_document
from ingest.split import split_document
from ingest.units import chunk_units

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    documents: int = 0  # documents in the index after this run
    chunks: int = 0  # chunks in the index after this run
    embedded: int = 0  # chunks embedded in this run
    skipped: int = 0  # unchanged documents
    removed: int = 0  # documents removed from the index
    updated: list[str] = field(default_factory=list)  # doc ids added or replaced
    failed: list[dict[str, str]] = field(default_factory=list)  # {"path", "reason"}
    seconds: float = 0.0
    embed_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "embedded": self.embedded,
            "skipped": self.skipped,
            "removed": self.removed,
            "failed": self.failed,
            "seconds": round(self.seconds, 2),
        }


def source_hash(path: Path, sidecar_entry: dict[str, Any] | None) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(json.dumps(sidecar_entry or {}, sort_keys=True, default=str).encode())
    digest.update(CHUNKER_VERSION.encode())
    return digest.hexdigest()[:24]


def ingest(
    settings: Settings,
    embedder: ConvenantEmbeddings,
    paths: Sequence[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
    client: Any = None,
    before_swap: Callable[[], None] | None = None,
) -> IngestReport:
    """Bring the index in step with ``paths`` (default: the corpus directory)."""
    started = time.perf_counter()
    report = IngestReport()
    paths = list(paths) if paths else [settings.corpus_dir]
    for p in paths:
        if not p.exists():
            report.failed.append({"path": str(p), "reason": "bestand of map bestaat niet / not found"})
    files, dirs = discover([p for p in paths if p.exists()])
    client = client or connect_chroma(settings)
    # The slow part (loading, splitting, embedding new documents) runs before taking the writer
    # lock, so a large upload does not hold up a small one; the locked part reuses its results.
    prepared = prepare(settings, embedder, files, rebuild=rebuild, progress=progress)
    embedder = prepared.embedder
    with ingest_lock(settings):
        previous = read_manifest(settings)
        cleanup_orphans(settings, client=client, active=previous)
        if previous is not None and not rebuild:
            check_compatible(previous, embedder)
        known = {} if previous is None or rebuild else previous.documents
        sidecars = SidecarCache()
        updates: list[DocumentUpdate] = []
        seen: dict[str, str] = {}
        for path in files:
            doc_id = path.stem
            if doc_id in seen:
                report.failed.append({
                    "path": str(path),
                    "reason": f"document id {doc_id!r} already used by {seen[doc_id]}",
                })
                continue
            try:
                entry = sidecars.entry(path)
                digest = source_hash(path, entry)
                seen[doc_id] = str(path)
                if doc_id in known and known[doc_id].source_hash == digest:
                    report.skipped += 1
                    continue
                ready = prepared.documents.get((str(path), digest))
                document, chunks = ready if ready else load_and_split(settings, path, doc_id, entry)
                updates.append(DocumentUpdate(document, chunks, digest))
            except ConvenantError as exc:
                report.failed.append({"path": str(path), "reason": _one_line(exc, path)})
            except OSError as exc:
                report.failed.append({"path": str(path), "reason": f"cannot read: {exc.strerror or exc}"})
        removed = _removed_documents(previous, dirs, seen, rebuild)
        if rebuild and previous is not None:
            # Documents of the old index not found again are dropped by a rebuild.
            removed = [d for d in previous.documents if d not in {u.document.doc_id for u in updates}
                       and d not in seen]
        if updates or removed or (rebuild and previous is not None) or previous is None:
            embed_start = time.perf_counter()
            manifest, report.embedded = write_build(
                settings, embedder, previous=None if rebuild else previous, updates=updates,
                removed=removed, progress=progress, client=client, before_swap=before_swap,
            )
            report.embed_seconds = time.perf_counter() - embed_start
        else:
            manifest = previous
        report.removed = len(removed)
        report.updated = [u.document.doc_id for u in updates]
    report.documents = len(manifest.documents) if manifest else 0
    report.chunks = manifest.chunk_count if manifest else 0
    report.seconds = time.perf_counter() - started
    return report


def load_and_split(
    settings: Settings, path: Path, doc_id: str, entry: dict[str, Any] | None
) -> tuple[SourceDocument, list[Chunk]]:
    """Load and chunk one file within the configured limits; raises IngestError naming it."""
    document = load_document(
        path, doc_id=doc_id, max_bytes=int(settings.max_file_mb * 1024 * 1024), sidecar=entry,
        max_inflated_bytes=int(settings.max_inflated_mb * 1024 * 1024),
        max_zip_ratio=settings.max_zip_ratio,
    )
    chunks = split_document(document)
    if not chunks:
        raise IngestError(f"{path}: no text to index")
    if len(chunks) > settings.max_chunks_per_doc:
        raise IngestError(
            f"{path}: too many passages ({len(chunks):,} chunks from {len(document.text):,} "
            f"characters; the limit is {settings.max_chunks_per_doc:,} per document, "
            "CONVENANT_MAX_CHUNKS_PER_DOC)"
        )
    return document, chunks


class CachedEmbeddings(ConvenantEmbeddings):
    """``inner`` with the vectors of texts embedded in advance served from memory."""

    def __init__(self, inner: ConvenantEmbeddings, vectors: dict[str, list[float]]) -> None:
        self.inner = inner
        self.vectors = vectors
        self.fingerprint = inner.fingerprint
        self.dimension = inner.dimension

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.inner.embed_documents(missing)))
        return [self.vectors[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@dataclass
class Prepared:
    """Documents loaded and embedded before the writer lock: {(path, source hash): (doc, chunks)}."""

    documents: dict[tuple[str, str], tuple[SourceDocument, list[Chunk]]]
    embedder: ConvenantEmbeddings


def prepare(
    settings: Settings,
    embedder: ConvenantEmbeddings,
    files: Sequence[Path],
    *,
    rebuild: bool,
    progress: Callable[[int, int], None] | None,
) -> Prepared:
    """Load, split and embed the files that changed since the active build, without the lock.

    Nothing is written. Files that fail are left for the locked pass, which reports them; when
    the index is missing, unreadable or of another embedder, nothing is prepared.
    """
    try:
        previous = read_manifest(settings)
        if previous is not None and not rebuild:
            check_compatible(previous, embedder)
    except ConvenantError:
        return Prepared({}, embedder)
    known = {} if previous is None or rebuild else previous.documents
    documents: dict[tuple[str, str], tuple[SourceDocument, list[Chunk]]] = {}
    sidecars = SidecarCache()
    for path in files:
        doc_id = path.stem
        try:
            entry = sidecars.entry(path)
            digest = source_hash(path, entry)
            if doc_id in known and known[doc_id].source_hash == digest:
                continue
            documents[(str(path), digest)] = load_and_split(settings, path, doc_id, entry)
        except (ConvenantError, OSError):
            continue
    new_chunks = [c for _, chunks in documents.values() for c in chunks]
    # The passages and their answer units (sentences, embedded with the build by ingest.units).
    texts = list(dict.fromkeys([c.embed_text for c in new_chunks] + [u for c in new_chunks for u in chunk_units(c)]))
    # Longest first, so each batch holds texts of about one length: a batch is padded to its
    # longest text, and passages and their short sentences mixed would embed ~40 % more tokens.
    texts.sort(key=len, reverse=True)
    vectors: dict[str, list[float]] = {}
    step = max(1, settings.embed_batch)
    if progress and texts:
        progress(0, len(texts))
    for i in range(0, len(texts), step):
        batch = texts[i : i + step]
        vectors.update(zip(batch, embedder.embed_documents(batch)))
        if progress:
            progress(min(i + step, len(texts)), len(texts))
    return Prepared(documents, CachedEmbeddings(embedder, vectors))


def _removed_documents(
    previous: Manifest | None, dirs: Iterable[Path], seen: dict[str, str], rebuild: bool
) -> list[str]:
    """Documents recorded under a scanned directory whose file is gone."""
    if previous is None or rebuild:
        return []
    out = []
    for doc_id, entry in previous.documents.items():
        if doc_id in seen:
            continue
        path = Path(entry.path)
        inside = any(path.is_relative_to(d) for d in dirs)
        if inside and not path.exists():
            out.append(doc_id)
    return out


def _one_line(exc: Exception, path: Path) -> str:
    text = " ".join(str(exc).split())
    prefix = f"{path}: "
    return text[len(prefix):] if text.startswith(prefix) else text
