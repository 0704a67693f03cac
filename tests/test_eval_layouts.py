"""Layout variants of the tuning documents (eval/layouts.py): test documents untouched."""

from __future__ import annotations

import json
from pathlib import Path

from eval import layouts

_TEXT = (
    "Artikel 1. De Vlaamse Regering verbindt er zich toe in het kader van voorliggende overeenkomst "
    "een maximale toelage van 204.000,00 EUR uit te betalen aan het Sociaal Fonds ter financiering "
    "van 2 VTE sectorconsulenten.\n\nVerbintenissen van de sociale partners\n"
)


def _root(tmp_path: Path) -> Path:
    (tmp_path / "eval" / "realdocs").mkdir(parents=True)
    (tmp_path / "eval" / "split.yaml").write_text("test_documents:\n  - geheim\n", encoding="utf-8")
    for stem in ("afstemming", "geheim"):
        (tmp_path / "eval" / "realdocs" / f"{stem}.txt").write_text(_TEXT, encoding="utf-8")
    (tmp_path / "eval" / "realdocs" / "SOURCES.md").write_text("# bronnen\n", encoding="utf-8")
    return tmp_path


def test_only_tuning_documents_are_laid_out_anew(tmp_path: Path) -> None:
    root = _root(tmp_path)
    out = layouts.write_layout("70 characters, no blank lines", tmp_path / "out", root)
    assert (out / "geheim.txt").read_text(encoding="utf-8") == _TEXT
    assert (out / "SOURCES.md").read_text(encoding="utf-8") == "# bronnen\n"
    lines = (out / "afstemming.txt").read_text(encoding="utf-8").splitlines()
    assert all(len(line) <= 70 for line in lines) and "" not in lines
    assert " ".join(lines).split() == _TEXT.split()
    joined = layouts.write_layout("a paragraph a line", tmp_path / "joined", root)
    assert (joined / "afstemming.txt").read_text(encoding="utf-8").split("\n")[0].endswith("sectorconsulenten.")
    flat = layouts.write_layout("a paragraph a line, no blank lines", tmp_path / "flat", root)
    assert (flat / "afstemming.txt").read_text(encoding="utf-8").split("\n") == [
        " ".join(_TEXT.split("\n\n")[0].split()), "Verbintenissen van de sociale partners", ""]
    paged = layouts.LAYOUTS["70 characters, page footers every 12 lines"](_TEXT * 4).split("\n")
    wrapped = layouts.LAYOUTS["70 characters"](_TEXT * 4).split("\n")
    footer = "Artikel 1. De Vlaamse Regering verbindt - versie 2013"  # the first 40 characters
    assert paged[12:14] == [footer, "1"] and paged[26:28] == [footer, "2"]
    assert [line for line in paged if line != footer and line not in ("1", "2")] == wrapped
    assert layouts.slug("11 pt at 330 pt, no blank lines") == "11-pt-at-330-pt-no-blank-lines"


def test_a_layout_is_tallied_per_question_set(tmp_path: Path) -> None:
    for name in layouts.SETS:
        folder = tmp_path / "out" / name
        folder.mkdir(parents=True)
        questions = [q for q in map(json.loads, (Path("eval") / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())]
        answerable = next(q for q in questions if q.get("kind") != "refusal" and q.get("must"))
        refusal = next(q for q in questions if q.get("kind") == "refusal")
        rows = [
            {"id": answerable["id"], "status": "not_found", "answer": "Dat staat niet in de documenten."},
            {"id": refusal["id"], "status": "not_found", "answer": "Dat staat niet in de documenten."},
        ]
        (folder / "results.jsonl").write_text("\n".join(map(json.dumps, rows)) + "\n", encoding="utf-8")
    counts = layouts.tally(tmp_path)
    assert counts == {name: (0, 1, 1, 1) for name in layouts.SETS}
