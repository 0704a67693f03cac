"""A slow ingest does not hold up a small one (issue 12, row 10): loading, splitting and embedding
happen before the writer lock is taken; only the short build-and-swap is serialised."""

from __future__ import annotations

import threading
import time

from assistant.store.reader import load_index
from ingest.pipeline import ingest
from tests.fakes import FakeEmbeddings

SENTENCE = "De sector engageert zich om 120 werkzoekenden te begeleiden naar een job in de zorg. "


class SlowEmbeddings(FakeEmbeddings):
    """2 ms per text (a passage or one of its sentences): a 300 KB file takes seconds, like a
    real embedder takes minutes."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        time.sleep(0.002 * len(texts))
        return super().embed_documents(texts)


def test_small_upload_finishes_while_a_large_one_is_still_embedding(settings, tmp_path):
    ingest(settings, FakeEmbeddings())
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    big = uploads / "groot.txt"
    line = "".join(f"Zin {n}: {SENTENCE}" for n in range(300_000 // (len(SENTENCE) + 10)))
    big.write_text(line, encoding="utf-8")  # 300 KB on one line, every passage different
    small = uploads / "klein.md"
    small.write_text("# Notitie\n\nDe sector Hout kent een opleidingscheque van 250 euro.\n", encoding="utf-8")
    embedder = SlowEmbeddings()
    embedding = threading.Event()
    finished: dict[str, float] = {}
    reports = {}

    def run(name, path, progress=None):
        reports[name] = ingest(settings, embedder, [path], progress=progress)
        finished[name] = time.perf_counter()

    large = threading.Thread(target=run, args=("groot", big, lambda done, total: done and embedding.set()))
    large.start()
    assert embedding.wait(timeout=60), "the large ingest never started embedding"
    started = time.perf_counter()
    run("klein", small)
    small_seconds = finished["klein"] - started
    large.join(timeout=300)

    assert reports["klein"].failed == [] and reports["klein"].updated == ["klein"]
    assert reports["groot"].failed == [] and reports["groot"].updated == ["groot"]
    assert finished["klein"] < finished["groot"]  # the small one did not wait for the large one
    assert small_seconds < 5, f"the small upload took {small_seconds:.1f} s"
    index = load_index(settings, FakeEmbeddings())
    assert {"groot", "klein", "003_115f85ea577e561c"} <= set(index.manifest.documents)
    assert index.collection.count() == len(index.chunks)
    # Every passage and sentence was embedded once, none twice (the locked part reused them all).
    assert len(embedder.embedded_texts) == len(set(embedder.embedded_texts))
    assert {c.embed_text for c in index.chunks if c.doc_id in ("groot", "klein")} <= set(embedder.embedded_texts)
