"""The tuning part's answers on other layouts of the same documents: does the assistant read a text
the way another export writes it? Run:  python -m eval.layouts --out DIR  (`make layouts`)

eval/realdocs is written again in DIR/<layout>/docs with each TUNING document (eval/split.yaml's
test documents are copied byte for byte, never read) laid out as another export would: hard-wrapped
at 70 characters or in an 11 pt proportional font at a text width in points, with or without blank
lines between paragraphs, or a paragraph a line (with or without blank lines), or with a running
footer and page number after every 12 lines. Each layout is indexed with the other folders of the
evaluation index as they are (DIR/<layout>/data; ``split.EVAL_DOCUMENT_DIRS``) and the tuning
questions of eval/realdocs.jsonl and eval/extra.jsonl run through the assistant; the table gives the answerable questions right and the refusals right per
layout. Only the tuning documents change, so the test part is not read.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from assistant.config import PROJECT_ROOT
from eval.metrics import grade
from eval.questions import load_questions
from eval.split import EVAL_DOCUMENT_DIRS, test_documents
from eval.wrapfit import measures, wrap

SETS = ("realdocs", "extra")


def _paragraphs(text: str) -> list[list[str]]:
    return [[line.strip() for line in block.splitlines() if line.strip()] for block in re.split(r"\n\s*\n", text)]


def _wrapping(wrap_line: Callable[[str], list[str]], blank: bool) -> Callable[[str], str]:
    """A layout that breaks each line with ``wrap_line``, paragraphs apart or not."""
    def layout(text: str) -> str:
        blocks = ["\n".join(piece for line in block for piece in wrap_line(line)) for block in _paragraphs(text)]
        return ("\n\n" if blank else "\n").join(b for b in blocks if b)
    return layout


def _fixed(width: int, blank: bool) -> Callable[[str], str]:
    return _wrapping(lambda line: textwrap.wrap(line, width), blank)


def _proportional(width_pt: float, blank: bool) -> Callable[[str], str]:
    font: list = []  # the font's measure, loaded on first use (matplotlib)

    def wrap_line(line: str) -> list[str]:
        if not font:
            font.append(measures()[0])
        return wrap(line, width_pt, font[0])
    return _wrapping(wrap_line, blank)


def _joined(blank: bool) -> Callable[[str], str]:
    def layout(text: str) -> str:
        return ("\n\n" if blank else "\n").join(" ".join(block) for block in _paragraphs(text) if block)
    return layout


def _paged(every: int) -> Callable[[str], str]:
    """Hard-wrapped at 70 characters, with a running footer (the first line's first 40 characters
    and a version) and a page number after every ``every`` lines, as a PDF export's pages."""
    def layout(text: str) -> str:
        lines = _fixed(70, blank=True)(text).split("\n")
        title = next(line for line in lines if line.strip())[:40].strip()
        out: list[str] = []
        for i, line in enumerate(lines):
            out.append(line)
            if i % every == every - 1:
                out += [f"{title} - versie 2013", str(i // every + 1)]
        return "\n".join(out)
    return layout


LAYOUTS: dict[str, Callable[[str], str] | None] = {
    "as is": None,
    "70 characters": _fixed(70, blank=True),
    "70 characters, no blank lines": _fixed(70, blank=False),
    "11 pt at 450 pt": _proportional(450, blank=True),
    "11 pt at 330 pt, no blank lines": _proportional(330, blank=False),
    "a paragraph a line": _joined(blank=True),
    "a paragraph a line, no blank lines": _joined(blank=False),
    "70 characters, page footers every 12 lines": _paged(12),
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write_layout(name: str, target: Path, root: Path = PROJECT_ROOT) -> Path:
    """eval/realdocs with its tuning documents in layout ``name``, in ``target``."""
    layout = LAYOUTS[name]
    test = test_documents(root / "eval" / "split.yaml")
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted((root / "eval" / "realdocs").iterdir()):
        if layout is None or path.suffix != ".txt" or path.stem in test:
            shutil.copy(path, target / path.name)
        else:
            (target / path.name).write_text(layout(path.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
    return target


def _run(layout_dir: Path, root: Path) -> None:
    env = {**os.environ, "CONVENANT_DATA_DIR": str(layout_dir / "data")}
    cli = [sys.executable, "-m", "ui.cli"]
    folders = [str(layout_dir / "docs") if folder == "eval/realdocs" else folder for folder in EVAL_DOCUMENT_DIRS]
    subprocess.run([*cli, "ingest", "--rebuild", *folders], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
    for name in SETS:
        subprocess.run([*cli, "eval", "--quiet", "--questions", f"eval/{name}.jsonl", "--part", "tune",
                        "--pipeline", "assistant", "--out", str(layout_dir / "out" / name)],
                       cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)


def tally(layout_dir: Path, root: Path = PROJECT_ROOT) -> dict[str, tuple[int, int, int, int]]:
    """Per question set: (answerable right, answerable, refusals right, refusals)."""
    out = {}
    for name in SETS:
        questions = {q.id: q for q in load_questions(root / "eval" / f"{name}.jsonl")}
        right = answerable = refused = refusals = 0
        for line in (layout_dir / "out" / name / "results.jsonl").read_text(encoding="utf-8").splitlines():
            result = json.loads(line)
            g = grade(questions[result["id"]], result)
            if g.fact_ok is not None:
                answerable += 1
                right += bool(g.fact_ok)
            if g.refusal_ok is not None:
                refusals += 1
                refused += bool(g.refusal_ok)
        out[name] = (right, answerable, refused, refusals)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the layouts, their indexes and runs")
    args = parser.parse_args(argv)
    rows = ["| layout of the tuning documents | " + " | ".join(
        f"{name} answerable right | {name} refusals right" for name in SETS) + " |",
        "|---|" + "---:|" * (2 * len(SETS))]
    for name in LAYOUTS:
        layout_dir = args.out / slug(name)
        write_layout(name, layout_dir / "docs")
        _run(layout_dir, PROJECT_ROOT)
        counts = tally(layout_dir)
        rows.append(f"| {name} | " + " | ".join(
            f"{c[0]} of {c[1]} | {c[2]} of {c[3]}" for c in (counts[s] for s in SETS)) + " |")
        print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
