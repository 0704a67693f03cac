"""The human-readable ingest report shows file names literally (issue 12, row 4): a name that
looks like rich markup (``[/oud]``) or holds terminal escape codes once crashed the report after
the swap, or reached the terminal."""

from __future__ import annotations

import shutil

import assistant.embeddings
from ui.cli.ingest_cmd import run_ingest, terminal_safe
from tests.conftest import CORPUS_DIR
from tests.fakes import FakeEmbeddings


def test_file_names_are_shown_literally_and_safely(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    odd = corpus / "[/oud]" / "[bold red]x"
    odd.mkdir(parents=True)
    shutil.copy(CORPUS_DIR / "004_0f8bd9c489b07411.txt", odd / "goed.txt")
    (odd / "leeg\x1b[2J\x1b]0;gekaapt\x07.txt").write_bytes(b"")
    monkeypatch.setenv("CONVENANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CONVENANT_CORPUS_DIR", str(corpus))
    monkeypatch.setattr(assistant.embeddings, "build_embedder", lambda *a, **k: FakeEmbeddings())

    code = run_ingest([corpus], rebuild=False, as_json=False)

    out = capsys.readouterr().out
    assert code == 1  # one file failed, the good one is indexed
    failed = [line for line in out.splitlines() if line.startswith("mislukt ")]
    assert failed == [f"mislukt {odd}/leeg\\x1b[2J\\x1b]0;gekaapt\\x07.txt: empty file (0 bytes)"]
    assert "\x1b" not in out and "\x07" not in out
    rows = {" ".join(line.strip("│ ").split("│")[0].split()): line.strip("│ ").split("│")[-1].strip()
            for line in out.splitlines() if line.count("│") == 3}
    assert rows["documenten in de index"] == "1" and rows["mislukt"] == "1"


def test_terminal_safe():
    assert terminal_safe("a\x1b[31mb") == "a\\x1b[31mb"
    assert terminal_safe("x\u009by\u202ez\nw") == "x\\x9by\\u202ez\\nw"
    assert terminal_safe("[/oud] é\tok") == "[/oud] é\tok"
