"""The baseline: what a user gets from a LangChain RAG tutorial, over the same files.

RecursiveCharacterTextSplitter (chunk_size 1000, overlap 200, ``add_start_index``), a Chroma
collection of its own under ``data_dir/naive`` with the project's embedder, dense top-4, and the
same answer writer as the assistant. Like the tutorial it has no keyword retrieval, no structure-
aware chunks, no conversation memory, no calculator and no refusal logic: every answer has status
``answered``. Documents are read with the project's loaders, so both pipelines see the same text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings
from assistant.errors import ConvenantError
from assistant.types import Answer, Chunk, Citation, ScoredChunk, SourceDocument
from ingest.index import chroma_metadata

__all__ = ["CHUNK_OVERLAP", "CHUNK_SIZE", "TOP_K", "LLMNaiveWriter", "NaivePipeline", "Writer", "load_corpus", "writer_for"]

log = logging.getLogger(__name__)

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4
COLLECTION = "naive"
_BATCH = 32


class Composed(Protocol):
    text: str
    citations: list[Citation]


class Writer(Protocol):
    def compose(self, question: str, chunks: Sequence[ScoredChunk]) -> Composed: ...


def default_writer() -> Writer:
    """The assistant's extractive answer writer."""
    try:
        from assistant.generate.extractive import ExtractiveWriter
    except ImportError as exc:
        raise ConvenantError(
            "assistant.generate.extractive is not available; pass a writer to NaivePipeline"
        ) from exc
    return ExtractiveWriter()


class LLMNaiveWriter:
    """The assistant's LLM writer used as a tutorial would: the model writes from the top-k
    passages; the passages its [n] markers name become the citations. No verification."""

    def __init__(self, chat_model: Any) -> None:
        self.chat_model = chat_model

    def compose(self, question: str, chunks: Sequence[ScoredChunk]) -> Any:
        from types import SimpleNamespace

        from assistant.generate.llm import LLMWriter

        text = LLMWriter(self.chat_model).write(question, [c.chunk for c in chunks])
        used = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text) if 1 <= int(n) <= len(chunks)})
        citations = [
            Citation(n, c.chunk.doc_id, c.chunk.title, c.chunk.section, c.chunk.page, c.chunk.text, c.score, c.chunk.id)
            for n, c in ((n, chunks[n - 1]) for n in used)
        ]
        return SimpleNamespace(text=text, citations=citations)


def writer_for(settings: Settings) -> Writer:
    """The answer writer the assistant uses for these settings: extractive, or the LLM."""
    if settings.llm == "none":
        return default_writer()
    from assistant.generate.llm import build_chat_model

    chat_model = build_chat_model(settings)
    return LLMNaiveWriter(chat_model) if chat_model is not None else default_writer()


def load_corpus(corpus_dir: Path) -> list[SourceDocument]:
    """Every document in ``corpus_dir`` read as the assistant's ingest reads it (loaders and
    metadata sidecars); unreadable files are skipped with a warning."""
    from ingest.corpus import load_corpus as load_corpus_folder

    return load_corpus_folder(corpus_dir, skip_unreadable=True)


def split_documents(documents: Sequence[SourceDocument]) -> list[Chunk]:
    """The tutorial's splitter over each document's text; spans from ``add_start_index``."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    chunks: list[Chunk] = []
    for doc in documents:
        for position, piece in enumerate(splitter.create_documents([doc.text])):
            start = int(piece.metadata.get("start_index", 0))
            text = piece.page_content
            digest = hashlib.sha256(text.encode()).hexdigest()[:16]
            chunks.append(Chunk(
                id=f"{doc.doc_id}:{position}",
                doc_id=doc.doc_id,
                title=doc.title,
                doc_type=doc.doc_type,
                section="",
                position=position,
                start=start,
                end=start + len(text),
                text=text,
                content_hash=digest,
                page=doc.page_at(start),
            ))
    return chunks


class NaivePipeline:
    """Dense top-4 over 1000/200 character chunks in Chroma, answered by the same writer."""

    def __init__(
        self,
        settings: Settings,
        embedder: ConvenantEmbeddings,
        *,
        writer: Writer | None = None,
        k: int = TOP_K,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.writer = writer if writer is not None else default_writer()
        self.k = k
        self.dir = settings.data_dir / "naive"
        self.chunks_indexed = 0
        self._store = self._open(progress)

    @classmethod
    def from_settings(cls, settings: Settings, **kwargs: Any) -> "NaivePipeline":
        from assistant.embeddings import build_embedder

        kwargs.setdefault("writer", writer_for(settings))
        return cls(settings, build_embedder(settings.embedder, batch_size=settings.embed_batch), **kwargs)

    # ----------------------------------------------------------------------- index

    def _fingerprint(self, documents: Sequence[SourceDocument]) -> str:
        digest = hashlib.sha256()
        digest.update(f"{self.embedder.fingerprint}|{CHUNK_SIZE}|{CHUNK_OVERLAP}".encode())
        for doc in sorted(documents, key=lambda d: d.doc_id):
            digest.update(f"|{doc.doc_id}|{doc.title}|".encode())
            digest.update(doc.text.encode())
        return digest.hexdigest()[:24]

    def _open(self, progress: Callable[[int, int], None] | None) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma

        from assistant.store.reader import read_documents

        # the documents the assistant indexed (so both pipelines answer from the same texts),
        # else the corpus folder
        documents = read_documents(self.settings) or load_corpus(self.settings.corpus_dir)
        if not documents:
            raise ConvenantError(f"{self.settings.corpus_dir}: no documents for the naive pipeline")
        fingerprint = self._fingerprint(documents)
        state_path = self.dir / "state.json"
        state = json.loads(state_path.read_text()) if state_path.exists() else {}
        fresh = state.get("fingerprint") == fingerprint
        self.dir.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(
            path=str(self.dir / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        if fresh:
            self.chunks_indexed = int(state.get("chunks", 0))
            return Chroma(collection_name=COLLECTION, embedding_function=self.embedder, client=client)
        # Stale or missing: drop the collection through the client (deleting the folder under a
        # client that is still open in this process leaves Chroma read-only) and rebuild.
        state_path.unlink(missing_ok=True)
        if any(c.name == COLLECTION for c in client.list_collections()):
            client.delete_collection(COLLECTION)
        store = Chroma(collection_name=COLLECTION, embedding_function=self.embedder, client=client)
        chunks = split_documents(documents)
        for i in range(0, len(chunks), _BATCH):
            batch = chunks[i : i + _BATCH]
            store.add_texts(
                texts=[c.text for c in batch],
                metadatas=[_metadata(c) for c in batch],
                ids=[c.id for c in batch],
            )
            if progress is not None:
                progress(min(i + _BATCH, len(chunks)), len(chunks))
        self.chunks_indexed = len(chunks)
        state_path.write_text(json.dumps({"fingerprint": fingerprint, "chunks": len(chunks)}))
        log.info("naive index: %d chunks in %s", len(chunks), self.dir)
        return store

    # ----------------------------------------------------------------------- ask

    def retrieve(self, question: str) -> list[ScoredChunk]:
        hits = self._store.similarity_search_with_score(question, k=self.k)
        out = []
        for doc, distance in hits:
            meta = doc.metadata
            chunk = Chunk(
                id=str(meta.get("chunk_id", "")),
                doc_id=str(meta.get("doc_id", "")),
                title=str(meta.get("title", "")),
                doc_type=str(meta.get("doc_type", "")),
                section="",
                position=int(meta.get("position", 0)),
                start=int(meta.get("start", 0)),
                end=int(meta.get("end", 0)),
                text=doc.page_content,
                content_hash=str(meta.get("content_hash", "")),
                page=meta.get("page"),
            )
            # Chroma's default space is squared L2; for unit vectors cosine = 1 - d / 2.
            out.append(ScoredChunk(chunk=chunk, score=1.0 - float(distance) / 2.0, sources=("dense",)))
        return out

    def ask(self, question: str, history: Any = None, filters: Any = None) -> Answer:
        """Answer like the tutorial: history and filters are ignored, nothing is refused."""
        t0 = time.perf_counter()
        chunks = self.retrieve(question)
        t1 = time.perf_counter()
        composed = self.writer.compose(question, chunks)
        t2 = time.perf_counter()
        return Answer(
            question=question,
            answer=composed.text,
            status="answered",
            citations=list(composed.citations),
            timings_ms={"retrieve": (t1 - t0) * 1000, "generate": (t2 - t1) * 1000, "total": (t2 - t0) * 1000},
            retrieved_doc_ids=[c.chunk.doc_id for c in chunks],
            retrieved_passages=[c.chunk.text for c in chunks],
        )


def _metadata(chunk: Chunk) -> dict[str, Any]:
    """The index's chunk metadata plus the chunk id the naive pipeline reads back."""
    return {**chroma_metadata(chunk), "chunk_id": chunk.id}
