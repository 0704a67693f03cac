"""`convenant serve` through its entry point: index first when missing, then the app on the
requested loopback address and port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest
from gradio_client import Client

from assistant.config import Settings
from tests.browser.support import free_port, real_assistant

LOOPTIJD = "Wat is de looptijd van het sectorconvenant social profit?"


def test_ensure_index_ingests_only_when_missing(tmp_path, monkeypatch):
    from ui.cli import ingest_cmd, serve_cmd

    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    calls = []

    def fake_run_ingest(paths, *, rebuild, as_json):
        calls.append((paths, rebuild))
        (settings.index_dir).mkdir(parents=True, exist_ok=True)
        (settings.index_dir / "manifest.json").write_text(
            '{"build_id": "b", "collection": "c", "embedder": "e", "chunker": "k", "created": 0, "documents": {}}',
            encoding="utf-8")
        return 0

    monkeypatch.setattr(ingest_cmd, "run_ingest", fake_run_ingest)
    assert serve_cmd.ensure_index(settings) is True
    assert serve_cmd.ensure_index(settings) is True
    assert calls == [(None, False)]  # the corpus, once


def test_serve_rebuilds_an_index_of_another_version(tmp_path, monkeypatch):
    from ui.cli import ingest_cmd, serve_cmd

    (tmp_path / "data" / "uploads").mkdir(parents=True)
    (tmp_path / "data" / "uploads" / "bouw.docx").write_bytes(b"x")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    calls = []
    monkeypatch.setattr(ingest_cmd, "run_ingest", lambda paths, *, rebuild, as_json: calls.append((paths, rebuild)))
    serve_cmd.rebuild_index(settings)
    assert calls == [([settings.corpus_dir, settings.data_dir / "uploads"], True)]


@pytest.mark.integration
@pytest.mark.slow
def test_serve_command_serves_the_chat(tmp_path, real_settings):
    real_assistant(tmp_path, real_settings)  # a ready index in tmp_path/data, so serve does not ingest
    port = free_port()
    env = {**os.environ, "CONVENANT_DATA_DIR": str(tmp_path / "data"), "CONVENANT_CORPUS_DIR": str(real_settings.corpus_dir),
           "GRADIO_ANALYTICS_ENABLED": "False"}
    for name in ("CONVENANT_USERS_FILE", "CONVENANT_ADMIN_USERS", "CONVENANT_OPEN_UPLOADS"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read()
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("convenant serve did not come up in 180 s")
        answer = Client(url, verbose=False).predict(question=LOOPTIJD, api_name="/ask")
        assert answer["status"] == "answered" and answer["citations"]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
    assert f"Convenantassistent draait op http://127.0.0.1:{port}" in err
    assert "Geen index" not in err  # the existing index was used
    assert "Index geladen (" in err  # warmed up before it listened
    assert "Uploaden: uit — zet CONVENANT_ADMIN_USERS" in err  # safe default, said at start
