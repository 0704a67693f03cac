"""`convenant ingest` end to end: the real default embedder, real processes, a real kill, a real Chroma server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.store.layout import read_manifest
from assistant.store.reader import load_index
from ingest.pipeline import ingest
from tests.conftest import CORPUS_DIR
from tests.fakes import FakeEmbeddings

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "ui.cli"]
SMALL = ["000_fa49d921990ed2d9", "004_0f8bd9c489b07411"]


def env_for(data_dir: Path, corpus_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(CONVENANT_DATA_DIR=str(data_dir), CONVENANT_CORPUS_DIR=str(corpus_dir))
    return env


def small_corpus(tmp_path: Path, ids=SMALL) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for doc_id in ids:
        shutil.copy(CORPUS_DIR / f"{doc_id}.txt", folder)
    shutil.copy(CORPUS_DIR / "metadata.yaml", folder)
    return folder


def test_json_report_and_exit_status(tmp_path):
    corpus = small_corpus(tmp_path)
    env = env_for(tmp_path / "data", corpus)
    first = subprocess.run(CLI + ["ingest", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert set(report) == {"documents", "chunks", "embedded", "skipped", "removed", "failed", "seconds"}
    assert report["documents"] == 2 and report["embedded"] == report["chunks"] > 5

    (corpus / "kapot.pdf").write_text("geen pdf", encoding="utf-8")
    second = subprocess.run(CLI + ["ingest", "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 1
    report2 = json.loads(second.stdout)
    assert report2["embedded"] == 0 and report2["skipped"] == 2
    assert [f["path"].endswith("kapot.pdf") for f in report2["failed"]] == [True]

    human = subprocess.run(CLI + ["ingest"], env=env, capture_output=True, text=True, timeout=300)
    assert human.returncode == 1
    assert "kapot.pdf" in human.stdout and "chunks in de index" in human.stdout


def test_bad_setting_is_a_message_not_a_traceback(tmp_path):
    env = env_for(tmp_path / "data", CORPUS_DIR)
    env["CONVENANT_MAX_FILE_MB"] = "veel"
    result = subprocess.run(CLI + ["ingest"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "CONVENANT_MAX_FILE_MB" in result.stderr and "Traceback" not in result.stderr


def test_killed_ingest_leaves_the_previous_index_usable(tmp_path):
    corpus = small_corpus(tmp_path)
    data = tmp_path / "data"
    env = env_for(data, corpus)
    subprocess.run(CLI + ["ingest", "--json"], env=env, check=True, capture_output=True, timeout=300)
    settings = Settings(data_dir=data, corpus_dir=corpus)
    before = read_manifest(settings)

    for doc_id in ("002_83f2cc30f09588ec", "003_115f85ea577e561c"):  # about 90 chunks to embed
        shutil.copy(CORPUS_DIR / f"{doc_id}.txt", corpus)
    builds = data / "index" / "builds"

    # Killed while embedding: changed files are embedded before the writer lock, nothing written.
    proc = subprocess.Popen(CLI + ["ingest", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(8)  # model loaded, well inside the embedding of ~90 chunks (~30 s)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert read_manifest(settings).build_id == before.build_id
    assert [p.name for p in builds.iterdir()] == [before.build_id]

    # Killed while the new build is being written (the build folder exists, the swap has not happened).
    proc = subprocess.Popen(CLI + ["ingest", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 300
    while time.time() < deadline and len(list(builds.iterdir())) < 2 and proc.poll() is None:
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed mid-build"
    assert len(list(builds.iterdir())) == 2, "the second build never started"

    from assistant.embeddings import build_embedder

    embedder = build_embedder(settings.embedder)
    after = read_manifest(settings)
    assert after.build_id == before.build_id
    index = load_index(settings, embedder)
    assert index.collection.count() == before.chunk_count == len(index.chunks)
    assert {c.doc_id for c in index.chunks} == set(SMALL)
    index.close()  # a build still read is kept; this reader is done with it

    report = ingest(settings, embedder)  # the next ingest cleans up and completes
    assert report.failed == [] and report.documents == 4 and report.skipped == 2
    assert [p.name for p in builds.iterdir()] == [read_manifest(settings).build_id]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    proc = subprocess.Popen(
        [exe, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as resp:
                if resp.status == 200:
                    break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=30)


def test_server_mode_against_a_real_chroma_server(tmp_path, chroma_server):
    corpus = small_corpus(tmp_path)
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, chroma_host="127.0.0.1", chroma_port=chroma_server)
    embedder = FakeEmbeddings()
    report = ingest(settings, embedder)
    assert report.failed == [] and report.documents == 2
    assert not (settings.index_dir / "chroma").exists()  # nothing embedded locally
    index = load_index(settings, embedder)
    assert index.collection.count() == report.chunks
    hit = index.collection.query(query_embeddings=[embedder.embed_query("120.000 mensen extra aan het werk")], n_results=1)
    assert hit["metadatas"][0][0]["doc_id"] in SMALL
    # the dense side ranks over the vectors read back from the server, one row per chunk
    assert index.vectors.shape == (report.chunks, len(embedder.embed_query("x")))
    from assistant.retrieval import HybridSearcher, IndexHandle

    result = HybridSearcher(IndexHandle(settings, embedder)).search("120.000 mensen extra aan het werk", k=2)
    assert result.hits[0].chunk.doc_id in SMALL and "dense" in result.hits[0].sources and result.dense_top > 0
    again = ingest(settings, embedder)
    assert again.embedded == 0 and again.skipped == 2
