"""Serving while re-indexing (issue 12, rows 5 and 6), on a real embedded Chroma with fake vectors.

Before: every ingest deleted the previous collection right after the swap, so a query that had
opened it failed with "Collection ... does not exist", and Chroma kept the folder of every deleted
collection (the data directory doubled over six one-file ingests).
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from assistant.retrieval import HybridSearcher, IndexHandle
from assistant.store.layout import builds_dir, read_manifest
from assistant.store.reader import load_index
from ingest.pipeline import ingest


def _touch_document(settings, n: int) -> None:
    (settings.corpus_dir / "extra.txt").write_text(
        f"Artikel 1. Versie {n} van een extra tekst over {n} sectorconsulenten en de subsidie.\n", encoding="utf-8"
    )


def _segment_dirs(settings) -> list[Path]:
    chroma = settings.index_dir / "chroma"
    out = []
    for path in chroma.iterdir():
        try:
            uuid.UUID(path.name)
        except ValueError:
            continue
        out.append(path)
    return out


def test_a_reader_keeps_its_build_across_an_ingest(settings, fake_embedder):
    ingest(settings, fake_embedder)
    reader = load_index(settings, fake_embedder)
    old_build = reader.manifest.build_id
    _touch_document(settings, 1)
    report = ingest(settings, fake_embedder)
    assert report.updated == ["extra"] and read_manifest(settings).build_id != old_build
    # The reader still answers from the build it opened.
    vector = fake_embedder.embed_query("subsidie sectorconsulenten")
    got = reader.collection.query(query_embeddings=[vector], n_results=5, include=["distances"])
    assert len(got["ids"][0]) == 5 and all(cid in reader.row_of for cid in got["ids"][0])
    assert (builds_dir(settings) / old_build).is_dir()
    # Once the reader is done, the next ingest removes the old build and its collection.
    reader.close()
    ingest(settings, fake_embedder)
    assert sorted(p.name for p in builds_dir(settings).iterdir()) == [read_manifest(settings).build_id]
    from assistant.store.chroma import connect_chroma

    names = [c if isinstance(c, str) else c.name for c in connect_chroma(settings).list_collections()]
    assert names == [read_manifest(settings).collection]


def test_a_collected_reader_releases_its_build(settings, fake_embedder):
    ingest(settings, fake_embedder)
    reader = load_index(settings, fake_embedder)
    old_build = reader.manifest.build_id
    del reader  # no close(): dropping the last reference releases the lease
    _touch_document(settings, 1)
    ingest(settings, fake_embedder)
    assert not (builds_dir(settings) / old_build).exists()


def test_no_failed_search_while_ingests_swap_builds(settings, fake_embedder):
    ingest(settings, fake_embedder)
    handle = IndexHandle(settings, fake_embedder)
    searcher = HybridSearcher(handle)
    stop = threading.Event()
    errors: list[str] = []
    answered = [0]
    lock = threading.Lock()

    def client() -> None:
        while not stop.is_set():
            try:
                hits = searcher.search("subsidie sectorconsulenten", k=4).hits
                assert hits, "no hits"
                with lock:
                    answered[0] += 1
            except Exception as exc:  # noqa: BLE001 - every failure is what this test counts
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for n in range(6):
            _touch_document(settings, n)
            assert ingest(settings, fake_embedder).updated == ["extra"]
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert errors == []
    assert answered[0] >= 20


def test_index_directory_holds_the_live_build_and_at_most_one_previous(settings, fake_embedder):
    ingest(settings, fake_embedder)
    for n in range(6):
        _touch_document(settings, n)
        ingest(settings, fake_embedder)
        assert len(list(builds_dir(settings).iterdir())) == 1
        assert len(_segment_dirs(settings)) == 1  # one HNSW folder: the live collection's

    # A reader of the live build keeps it alive through one more ingest: live + one previous.
    reader = load_index(settings, fake_embedder)
    _touch_document(settings, 99)
    ingest(settings, fake_embedder)
    assert len(list(builds_dir(settings).iterdir())) == 2
    assert len(_segment_dirs(settings)) <= 2
    reader.close()
    _touch_document(settings, 100)
    ingest(settings, fake_embedder)
    assert len(list(builds_dir(settings).iterdir())) == 1
    assert len(_segment_dirs(settings)) <= 1


WRITER = """
import sys
from pathlib import Path
from assistant.config import Settings
from ingest.pipeline import ingest
from tests.fakes import FakeEmbeddings

data, corpus, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
settings = Settings(data_dir=data, corpus_dir=corpus, embedder="fake")
for n in range(rounds):
    (corpus / "extra.txt").write_text(
        f"Artikel 1. Versie {n} van een extra tekst over {n} sectorconsulenten en de subsidie.\\n", encoding="utf-8")
    report = ingest(settings, FakeEmbeddings())
    assert report.updated == ["extra"], report.failed
print("done", flush=True)
"""


def test_no_failed_search_while_another_process_ingests(settings, fake_embedder):
    """The reported case: `convenant ingest` in another process while the chat serves."""
    import subprocess
    import sys

    from assistant.config import PROJECT_ROOT

    ingest(settings, fake_embedder)
    searcher = HybridSearcher(IndexHandle(settings, fake_embedder))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(settings.data_dir), str(settings.corpus_dir), "6"],
                              cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    errors: list[str] = []
    builds_seen: set[str] = set()
    answered = 0
    while writer.poll() is None:
        try:
            assert searcher.search("subsidie sectorconsulenten", k=4).hits
            builds_seen.add(searcher.handle.get().manifest.build_id)
            answered += 1
        except Exception as exc:  # noqa: BLE001 - every failure is what this test counts
            errors.append(f"{type(exc).__name__}: {exc}")
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0 and out.strip() == "done", err
    assert errors == []
    assert answered >= 20 and len(builds_seen) >= 2  # searches ran across several swaps


def test_vectors_are_read_in_chunk_order_unit_length_and_a_missing_one_is_named():
    import numpy as np
    import pytest

    from assistant.errors import IngestError
    from assistant.store.reader import read_vectors
    from assistant.types import Chunk

    class Collection:  # the part of a Chroma collection read_vectors uses
        name = "convenant_test"

        def __init__(self, stored):
            self.stored = stored

        def get(self, ids, include):
            assert include == ["embeddings"]
            found = [i for i in reversed(ids) if i in self.stored]  # Chroma gives no order guarantee
            return {"ids": found, "embeddings": [self.stored[i] for i in found]}

    chunks = [Chunk(cid, "doc", "T", "sectorconvenant", "", 0, 0, 1, "x", cid) for cid in ("a", "b", "c")]
    vectors = read_vectors(Collection({"a": [3.0, 4.0], "b": [0.0, 2.0], "c": [1.0, 0.0]}), chunks)
    assert np.allclose(vectors, [[0.6, 0.8], [0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(IngestError, match=r"'convenant_test' lacks 1 of the index's 3 chunks \(first: b\).*--rebuild"):
        read_vectors(Collection({"a": [1.0, 0.0], "c": [1.0, 0.0]}), chunks)


def test_build_arrays_are_parsed_under_one_lock(tmp_path, monkeypatch):
    """NumPy parses array headers with ast.literal_eval, which CPython 3.11 cannot run in two
    threads at once (gh-106905: "AST constructor recursion depth mismatch" while an ingest and a
    reader opened builds together): every header of a build is parsed holding NPY_LOCK."""
    import ast

    import numpy as np

    from assistant.store.bm25 import build_bm25, load_bm25, save_bm25
    from assistant.store.npy import NPY_LOCK
    from assistant.store.units import load_units, save_units

    save_units(tmp_path, {"c1": (("Een zin.", "Nog een zin."), np.ones((2, 3), dtype=np.float32))})
    save_bm25(tmp_path, build_bm25([]))
    held: list[bool] = []
    real = ast.literal_eval
    monkeypatch.setattr(ast, "literal_eval", lambda text: held.append(NPY_LOCK.locked()) or real(text))
    units = load_units(tmp_path)
    assert units["c1"][0] == ("Een zin.", "Nog een zin.") and units["c1"][1].shape == (2, 3)
    assert load_bm25(tmp_path, True) is not None
    assert len(held) >= 4 and all(held)  # three unit arrays and the keyword index's arrays
