"""Fit the hard-wrap reading of ``ingest.normalize`` on layout variants of the TUNING documents.
Run:  python -m eval.wrapfit

A PDF export breaks a paragraph's lines at the page's text width, in a proportional font; a web
page or a Word export keeps a paragraph on one line. The tuning documents (corpus/ and
eval/realdocs/ minus eval/split.yaml's test documents) are read once as normalize reads them (a
paragraph per line: the truth), then written again the way other exports would: each line wrapped
at a text width in points of an 11 pt proportional font (DejaVu Sans and Serif, matplotlib's), with and
without a blank line between paragraphs, plus the text as it is. Each variant goes through
``normalize_text`` with candidate settings; a line break it keeps or removes is scored against the
truth (a break kept inside a paragraph, or removed between two). The settings with the best
balanced score over every variant (the mean of the share of wrapped breaks joined and the share of
paragraph breaks kept) are reported; ingest/wrapping.py holds them.

The reading of a text without blank lines between its paragraphs is fit the same way: the tuning
documents that come with their blank lines are written again without them (a paragraph a line, and
wrapped at the widths above) and as they are; a blank line normalize sets or leaves out between two
of the truth's lines is scored against the truth's (the balanced score of blank lines set and of
lines kept together), over a grid of the blank-line share under which a text counts as one without
them and of the length under which a run of lines belongs together.
Test documents are never read here.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from unittest.mock import patch

import ingest.normalize as normalize
import ingest.wrapping as wrapping
from assistant.config import PROJECT_ROOT
from eval.split import test_documents

WIDTHS_PT = (220, 300, 380, 460)  # text widths, 11 pt: a column of two to a page with narrow margins
FONT_PT = 11
FONTS = ("DejaVu Sans", "DejaVu Serif")  # a sans and a serif face (matplotlib's, no download)
FULL_GRID = (0.85, 0.9, 0.95)
SHARE_GRID = (0.1, 0.2, 0.3, 0.4)
CAP_GRID = (1.5, 2.0, 3.0)
FLAT_SHARE_GRID = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
FLAT_SHORT_GRID = (30, 40, 50, 60)
LAID_OUT_SHARE = 0.2  # a truth document has at least this many blank lines per line of text


def tuning_texts(root: Path = PROJECT_ROOT) -> dict[str, str]:
    test = test_documents(root / "eval" / "split.yaml")
    paths = [*sorted((root / "corpus").glob("*.txt")), *sorted((root / "eval" / "realdocs").glob("*.txt"))]
    return {p.stem: p.read_text(encoding="utf-8") for p in paths if p.stem not in test}


def measures() -> list:
    from matplotlib import font_manager
    from PIL import ImageFont

    return [ImageFont.truetype(font_manager.findfont(name), FONT_PT).getlength for name in FONTS]


def wrap(line: str, width: float, measure) -> list[str]:
    """``line`` broken greedily at ``width`` points, as a PDF writer lays it out."""
    out: list[str] = []
    current = ""
    for word in line.split():
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    if current:
        out.append(current)
    return out


def variants(paragraphs: list[str], measures: list) -> Iterator[tuple[str, list[list[str]]]]:
    """(name, paragraphs as lists of lines) for every layout; the truth is a paragraph per line."""
    yield "as is", [[p] for p in paragraphs]
    for measure, width in itertools.product(measures, WIDTHS_PT):
        yield f"{width} pt", [wrap(p, width, measure) for p in paragraphs]


def breaks(lines: list[str]) -> set[int]:
    """The word positions after which ``lines`` break."""
    out: set[int] = set()
    count = 0
    for line in lines:
        count += len(line.split())
        out.add(count)
    return out


def score(text_paragraphs: list[list[str]], blank: bool) -> tuple[int, int, int, int]:
    """(wrapped breaks joined, wrapped breaks, paragraph breaks kept, paragraph breaks)."""
    lines = [line for paragraph in text_paragraphs for line in paragraph]
    truth = breaks([" ".join(p) for p in text_paragraphs])
    written = breaks(lines)
    text = ("\n\n" if blank else "\n").join("\n".join(p) for p in text_paragraphs)
    kept = breaks([line for line in normalize.normalize_text(text).split("\n") if line])
    wrapped = written - truth
    paragraph = written & truth
    return len(wrapped - kept), len(wrapped), len(paragraph & kept), len(paragraph)


def settings(full: float, share: float, cap: float | None = None) -> AbstractContextManager:
    """ingest.wrapping's hard-wrap settings, for the duration of a ``with`` block."""
    cap = wrapping._WRAP_CAP if cap is None else cap
    return patch.multiple(wrapping, _WRAP_FULL=full, _WRAP_FULL_SHARE=share, _WRAP_CAP=cap)


Setting = tuple[float, float, float]  # (full, share, cap)


def evaluate(texts: dict[str, str], measures: list, grid: list[Setting] | None = None) -> dict[Setting, float]:
    laid_out = []
    for text in texts.values():
        # The truth: normalize's reading of the document (a paragraph per line; the three
        # documents that are hard-wrapped themselves are read with the settings in the module).
        paragraphs = [line for line in normalize.normalize_text(text).split("\n") if line]
        for name, layout in variants(paragraphs, measures):
            for blank in (True, False):
                laid_out.append((name, layout, blank))
    results: dict[Setting, float] = {}
    for full, share, cap in grid or list(itertools.product(FULL_GRID, SHARE_GRID, CAP_GRID)):
        totals = [0, 0, 0, 0]
        with settings(full, share, cap):
            for _, layout, blank in laid_out:
                totals = [a + b for a, b in zip(totals, score(layout, blank))]
        joined, wrapped, kept, paragraph = totals
        results[(full, share, cap)] = (joined / max(wrapped, 1) + kept / max(paragraph, 1)) / 2
    return results


def blank_lines(text: str) -> tuple[set[int], set[int]]:
    """(the word positions where ``text``'s lines break, those with a blank line between)."""
    positions: set[int] = set()
    blanks: set[int] = set()
    count = 0
    gap = False
    for line in text.split("\n"):
        if not line.strip():
            gap = True
            continue
        if count:
            positions.add(count)
            if gap:
                blanks.add(count)
        gap = False
        count += len(line.split())
    return positions, blanks


def paragraph_score(truth: str, text: str) -> tuple[int, int, int, int]:
    """(blank lines set, the truth's blank lines, lines kept together, the truth's lines together)
    of normalize's reading of ``text`` against ``truth``, at the truth's line breaks."""
    positions, blanks = blank_lines(truth)
    _, found = blank_lines(normalize.normalize_text(text))
    apart = positions - blanks
    return len(blanks & found), len(blanks), len(apart - found), len(apart)


def flat_settings(share: float, short: int) -> AbstractContextManager:
    """ingest.wrapping's flat-text settings, for the duration of a ``with`` block."""
    return patch.multiple(wrapping, _FLAT_BLANK_SHARE=share, _FLAT_SHORT=short)


def evaluate_paragraphs(texts: dict[str, str], measures: list,
                        grid: list[tuple[float, int]] | None = None) -> dict[tuple[float, int], float]:
    """Balanced score of the blank lines between paragraphs per (blank-line share, short line)."""
    cases = []
    for text in texts.values():
        raw = text.split("\n")
        content = sum(1 for line in raw if line.strip())
        if len(raw) - content < LAID_OUT_SHARE * content:
            continue  # a document without blank lines of its own is no truth for them
        truth = normalize.normalize_text(text)
        blocks = [block.split("\n") for block in truth.split("\n\n")]
        cases.append((truth, truth))
        cases.append((truth, "\n".join(line for block in blocks for line in block)))
        for measure, width in itertools.product(measures, WIDTHS_PT):
            cases.append((truth, "\n".join(piece for block in blocks for line in block
                                           for piece in wrap(line, width, measure))))
    results: dict[tuple[float, int], float] = {}
    for share, short in grid or list(itertools.product(FLAT_SHARE_GRID, FLAT_SHORT_GRID)):
        totals = [0, 0, 0, 0]
        with flat_settings(share, short):
            for truth, text in cases:
                totals = [a + b for a, b in zip(totals, paragraph_score(truth, text))]
        found, blanks, together, apart = totals
        shares = [part / whole for part, whole in ((found, blanks), (together, apart)) if whole]
        results[(share, short)] = sum(shares) / len(shares) if shares else 0.0
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    texts = tuning_texts()
    font_measures = measures()
    results = evaluate(texts, font_measures)
    best = max(results, key=lambda key: (results[key], -key[0], key[1], -key[2]))
    # Without the reading: no text is taken for hard-wrapped (a share of lines that run on above 1).
    (off,) = evaluate(texts, font_measures, [(best[0], 1.01, best[2])]).values()
    current = (wrapping._WRAP_FULL, wrapping._WRAP_FULL_SHARE, wrapping._WRAP_CAP)
    print(f"{len(texts)} tuning documents; balanced score of the line breaks by (full, share, cap):")
    for key, value in sorted(results.items()):
        mark = " <- best" if key == best else (" <- ingest/wrapping.py" if key == current else "")
        print(f"  full {key[0]:.2f} share {key[1]:.1f} cap {key[2]:.1f}: {value:.4f}{mark}")
    print(f"best: _WRAP_FULL = {best[0]}, _WRAP_FULL_SHARE = {best[1]}, _WRAP_CAP = {best[2]} ({results[best]:.4f}); "
          f"ingest/wrapping.py: {current} ({results.get(current, float('nan')):.4f}); without the reading {off:.4f}")
    paragraphs = evaluate_paragraphs(texts, font_measures)
    (none,) = evaluate_paragraphs(texts, font_measures, [(0.0, wrapping._FLAT_SHORT)]).values()
    best_flat = max(paragraphs, key=lambda key: (paragraphs[key], -key[0], key[1]))
    current_flat = (wrapping._FLAT_BLANK_SHARE, wrapping._FLAT_SHORT)
    print("balanced score of the blank lines between paragraphs by (blank-line share, short line):")
    for key, value in sorted(paragraphs.items()):
        mark = " <- best" if key == best_flat else (" <- ingest/wrapping.py" if key == current_flat else "")
        print(f"  share {key[0]:.2f} short {key[1]}: {value:.4f}{mark}")
    print(f"best: _FLAT_BLANK_SHARE = {best_flat[0]}, _FLAT_SHORT = {best_flat[1]} ({paragraphs[best_flat]:.4f}); "
          f"ingest/wrapping.py: {current_flat} ({paragraphs.get(current_flat, float('nan')):.4f}); "
          f"no text read as one without blank lines {none:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
