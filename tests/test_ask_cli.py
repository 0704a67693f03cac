"""`convenant ask` through its entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "ui.cli", "ask"]


def run(args, settings, **kw):
    env = dict(os.environ, CONVENANT_DATA_DIR=str(settings.data_dir), CONVENANT_CORPUS_DIR=str(settings.corpus_dir))
    return subprocess.run(CLI + args, env=env, capture_output=True, text=True, timeout=300, **kw)


def test_json_contract(real_settings):
    out = run(["Tegen wanneer moet het voortgangsrapport binnen?", "--json"], real_settings)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"question", "answer", "status", "citations", "calculation", "timings_ms"}
    assert data["status"] == "answered" and "30 september 2024" in data["answer"]
    assert set(data["citations"][0]) == {"n", "doc_id", "title", "section", "page", "quote", "score"}
    assert data["citations"][0]["section"] == "Artikel 6" and data["calculation"] is None
    assert set(data["timings_ms"]) == {"retrieve", "generate", "total"}


def test_history_file_and_doc_filter(real_settings, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps([
        {"role": "user", "content": "Hoeveel resultaatsfinanciering krijgt de social profit als 2 van de 3 verbintenissen gehaald zijn?"},
        {"role": "assistant", "content": "€ 148.400,00"},
    ]), encoding="utf-8")
    out = run(["En als ze alle 3 behaald zijn?", "--json", "--history", str(history)], real_settings)
    data = json.loads(out.stdout)
    assert data["status"] == "calculation" and "€ 222.600,00" in data["answer"]
    assert data["calculation"]["amounts"]["resultaatsfinanciering"]["value"] == "222600.00"

    filtered = run(["Wat is de opzegtermijn?", "--json", "--doc", "002_83f2cc30f09588ec"], real_settings)
    data = json.loads(filtered.stdout)
    assert {c["doc_id"] for c in data["citations"]} <= {"002_83f2cc30f09588ec"}


def test_human_output_and_errors(real_settings, tmp_path):
    out = run(["Wat is de opzegtermijn van het sectorconvenant?"], real_settings)
    assert out.returncode == 0 and "6 maanden" in out.stdout and "Bronnen:" in out.stdout and "[1]" in out.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{niet json", encoding="utf-8")
    err = run(["Vraag?", "--history", str(bad)], real_settings)
    assert err.returncode == 2 and "bad.json" in err.stderr and "Traceback" not in err.stderr
    llm = run(["Vraag?", "--llm", "gpt"], real_settings)
    assert llm.returncode == 2 and "--llm" in llm.stderr
