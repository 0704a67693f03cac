"""Texts that lost their layout: hard-wrapped lines, or paragraphs without blank lines between them.

A PDF export breaks a paragraph's lines at the page's text width: ``ingest.normalize`` joins such
lines into their paragraphs (``wrap_width``, ``wrapped``) and puts a blank line between the
paragraphs (``paragraphs_apart``). A plain-text export writes a paragraph a line but no blank line
between paragraphs (``flat``): ``lines_apart`` sets them. Either way the text reads as a text with
its layout: a paragraph a line, a blank line between paragraphs, so the chunker finds its title
lines and the answer units their labels.
"""

from __future__ import annotations

import re

__all__ = ["NO_JOIN_PREFIX_RE", "TERMINAL", "flat", "full", "lines_apart", "paragraphs_apart", "wrap_width", "wrapped"]

TERMINAL = tuple(".!?:;…")  # a line that ends in one of these ends a sentence or a clause
NO_JOIN_PREFIX_RE = re.compile(r"^(?:#|\[[ x]\] |\|)")  # a heading, checkbox or table line

# A PDF export breaks every line of a paragraph at the page's text width ("... een maximale toelage
# van 76.500,00 EUR uit te betalen aan" / "mediarte.be (Landsroemlaan 20, ...) ter financiering van 1"
# / "VTE sectorconsulent."). Such a text has a narrow width (the length of its longest lines, save
# a few), and many of its longer lines run on: they are full (the next line's first word would not
# have fitted behind them) and end no sentence or clause. A line that opens a list item, an
# article, a numbered point or an upper-case heading starts anew. The width is measured per text
# (per page of a PDF), so any font size or page width fits. _WRAP_FULL, _WRAP_FULL_SHARE and _WRAP_CAP are fit on
# layout variants of the tuning documents (`python -m eval.wrapfit`); the width bounds are those of
# printed text.
_WRAP_QUANTILE = 0.9  # the text width: the length this share of the lines stays within
_WRAP_MAX_WIDTH = 180  # characters; wider "lines" are paragraphs of a text without layout
_WRAP_MIN_WIDTH = 40  # narrower lines are table cells or slide bullets, not a printed column
_WRAP_MIN_LINES = 6
_WRAP_FULL_SHARE = 0.2  # share of the lines over half the width that run on, in a wrapped text
_WRAP_FULL = 0.95  # a line plus the next word that reaches this share of the width is full
_WRAP_CAP = 3.0  # no line of a wrapped text is longer than this many widths (its paragraphs, joined, are)
# An upper-case heading on a line of its own ("SECTORCONVENANTS", "ADDENDA NON-DISCRIMINATIE"):
# letters, none of them lower case, one word of four or more.
_CAPS_LINE_RE = re.compile(r"^(?=.*[A-ZÀ-Ý]{4})[^a-zà-ÿ]+$")
_LIST_ITEM = r"- |\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-z][.)]\s"
_LIST_ITEM_RE = re.compile(f"^(?:{_LIST_ITEM})", re.IGNORECASE)
_NEW_ITEM_RE = re.compile(
    rf"^(?:{_LIST_ITEM}|(?:Artikel|Art\.|Hoofdstuk|Thema|Prioriteit|Actie|Resultaatsverbintenis)\s+\d)",
    re.IGNORECASE,
)
# A text without blank lines between its paragraphs has fewer blank lines than this share of its
# lines (a laid-out text has one after most paragraphs: 0.36 to 0.88 of the lines of the tuning
# documents that have them; a hard-wrapped text read by paragraphs_apart keeps its list items and
# addresses together, and is read again). Lines shorter than _FLAT_SHORT (a name, an address line,
# a bullet) in a run belong together. Both are fit by `python -m eval.wrapfit` (the paragraph
# breaks of the tuning documents written again without blank lines).
_LEADER_RE = re.compile(r"\.{5,}\s*\d*\s*$")  # "A. COMMUNICATIE ........... 6"
_FLAT_BLANK_SHARE = 0.3
_FLAT_SHORT = 40


def wrap_width(lines: list[str]) -> int | None:
    """The text width of a hard-wrapped text, or None when its lines are not wrapped: a text
    whose longer lines run on into the next line often enough. Once its lines are joined no line
    runs on, so a text read once is not read again (normalize_text is a fixed point)."""
    # a table of contents' line, dotted out to its page number, is as wide as the page, not the text
    lengths = sorted(len(line) for line in lines if line and not _LEADER_RE.search(line))
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    width = lengths[int(_WRAP_QUANTILE * (len(lengths) - 1))]
    if not _WRAP_MIN_WIDTH <= width <= _WRAP_MAX_WIDTH or lengths[-1] > _WRAP_CAP * width:
        return None
    # Headings, names and list items are short in any layout: the share counts the longer lines.
    longer = [i for i, line in enumerate(lines) if len(line) >= width / 2]
    runs_on = sum(1 for i in longer if i + 1 < len(lines) and wrapped(lines[i], lines[i], lines[i + 1], width))
    return width if runs_on >= _WRAP_FULL_SHARE * len(longer) else None


def wrapped(joined: str, last: str, line: str, width: int | None) -> bool:
    """Is ``line`` the rest of ``joined``, whose last line ``last`` is a full line of a
    hard-wrapped text?"""
    if width is None or not line or NO_JOIN_PREFIX_RE.match(last):
        return False
    if joined.endswith(TERMINAL) and joined.count("(") <= joined.count(")"):
        return False  # "Brussel;" inside an address in parentheses is no end of a clause
    if _NEW_ITEM_RE.match(line) or NO_JOIN_PREFIX_RE.match(line) or _CAPS_LINE_RE.match(line):
        return False
    return full(last, line, width)


def full(last: str, line: str, width: int) -> bool:
    """``last`` is a written line that the first word of ``line`` would have made too long."""
    return _WRAP_FULL * width <= len(last) + 1 + len(line.split(" ", 1)[0])


def paragraphs_apart(lines: list[str], firsts: list[str], lasts: list[str], width: int) -> list[str]:
    """A hard-wrapped text's paragraphs with a blank line between them, as a text with its layout
    has. A line ends its paragraph when its last written line ends short, no parenthesis of the
    paragraph is left open, it ends in no comma, and it either ends a sentence or the next line is
    running text (a run of short lines, an address or the names under a signature, stays one
    paragraph); a list item ends no paragraph. A short line that ends no sentence, after a line
    that ends one, is a paragraph of its own (a heading, a label)."""
    out: list[str] = []
    paragraph = ""
    for i, line in enumerate(lines):
        out.append(line)
        paragraph = f"{paragraph} {line}" if line else ""
        if i + 1 == len(lines) or not line or not lines[i + 1]:
            continue
        following = firsts[i + 1]
        if line.endswith(",") or paragraph.count("(") > paragraph.count(")"):
            continue
        if line.startswith("- "):
            continue  # a list's items, and what follows a list, are read as a list is (ingest.split)
        if line.endswith(TERMINAL) and lines[i + 1] == following and 2 * len(following) < width and not (
            following.endswith((*TERMINAL, ","))
        ):
            # A short line of its own that ends no sentence, after a sentence: a heading or a label
            # (in running text only a paragraph's last line is short, and it ends its sentence).
            out.append("")
            paragraph = ""
            continue
        if full(lasts[i], following, width):
            continue
        if line.endswith(TERMINAL) or 2 * len(following) >= width:
            out.append("")
            paragraph = ""
    return out


def flat(lines: list[str]) -> bool:
    """A text that writes a paragraph a line but sets (almost) no blank line between paragraphs;
    most of its lines are running text (a slide deck's short bullets are left as they are)."""
    content = [line for line in lines if line]
    if len(content) < _WRAP_MIN_LINES or len(lines) - len(content) >= _FLAT_BLANK_SHARE * len(content):
        return False
    return 2 * sum(1 for line in content if len(line) >= _FLAT_SHORT) >= len(content)


def lines_apart(lines: list[str]) -> list[str]:
    """A flat text's lines with a blank line between paragraphs, as a text with its layout has.
    Every line is a paragraph, save where lines belong together: a line that ends in a comma or
    semicolon or leaves a parenthesis open (the clauses of one sentence, the names of a signature),
    the items of one list, and a run of short lines (an address, a name under its title). A text
    read once is a fixed point: the lines kept together are kept together again."""
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if i + 1 == len(lines) or not line or not lines[i + 1]:
            continue
        following = lines[i + 1]
        if line.endswith((",", ";")) or line.count("(") > line.count(")"):
            continue
        if _LIST_ITEM_RE.match(line) and _LIST_ITEM_RE.match(following):
            continue
        if len(line) < _FLAT_SHORT and len(following) < _FLAT_SHORT and not line.endswith(TERMINAL):
            continue
        out.append("")
    return out
