"""A list whose items are the numbered sections that follow its introduction, in other passages.

A page introduces "de volgende prioriteiten" and then gives each one a section of its own ("1.Duurzaam
HR-beleid", a paragraph and its actions, "2.Talentontwikkeling", ...). The items are then not the
sentences after the introduction but the openings of those sections, mostly in other passages. They
are read from the document's text: the lines after the introduction that open with the numbers 1,
2, 3, ... in turn, whatever lies between them; each is shown by its first words (a heading may have
been joined with its paragraph when the text was cleaned). The structure is found in the text,
never from a document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.answer.choice import introduces_list
from assistant.answer.vocabulary import covered
from assistant.textnl import token_set
from assistant.types import ScoredChunk

if TYPE_CHECKING:
    from assistant.answer.select import Candidate, QuestionProfile

# "1.Duurzaam HR-beleid", "2) Talentontwikkeling", "3. Diversiteit": a line opening with a number
# and a dot or bracket
_NUMBERED = re.compile(r"^[ \t]*(\d{1,2})\s*[.)][ \t]*(\S[^\n]*)$", re.M)
MAX_ITEMS = 12
SCAN_CHARS = 8000  # how far after the introduction the items may run
SHOWN_WORDS = 10  # an item is shown by its first words


def heading_items(
    intro: Candidate, q: QuestionProfile, hits: Sequence[ScoredChunk], documents: Mapping[str, Any],
    passages: Sequence[ScoredChunk],
) -> list[tuple[str, ScoredChunk]]:
    """The numbered items (1, 2, 3, ... in turn, at least two, running beyond ``intro``'s passage)
    that follow ``intro`` in its document, each shown by its first words with the passage that holds
    it (from ``hits`` or the document's ``passages``), when ``intro`` announces the thing the
    question asks ("de volgende prioriteiten" for "Welke prioriteiten ...?"); else empty."""
    if not q.asked or not all(covered(s, token_set(intro.text), q.compounds) for s in q.asked):
        return []
    chunk = hits[intro.rank].chunk
    text = getattr(documents.get(chunk.doc_id), "text", "")
    start = _position(intro.text, text, chunk.start, chunk.end)
    if start < 0:
        return []
    items: list[tuple[int, str]] = []
    for m in _NUMBERED.finditer(text, start, min(len(text), start + SCAN_CHARS)):
        number = int(m.group(1))
        if number != len(items) + 1:
            if items and number == 1:
                break  # a new list begins
            continue
        if len(items) >= MAX_ITEMS:
            break
        words = m.group(0).split()
        items.append((m.start(), " ".join(words[:SHOWN_WORDS]) + (" …" if len(words) > SHOWN_WORDS else "")))
    if len(items) < 2 or chunk.start <= items[-1][0] < chunk.end:
        return []  # no list, or one within the passage itself (choice.py takes its units)
    pool = [h for h in (*hits, *passages) if h.chunk.doc_id == chunk.doc_id]  # the document's passages
    out = []
    for offset, heading in items:
        holder = next((h for h in pool if h.chunk.start <= offset < h.chunk.end), None)
        if holder is None:
            return []
        out.append((heading, holder))
    return out


def _position(unit: str, text: str, start: int, end: int) -> int:
    """Where ``unit`` ends in ``text`` (searched within the passage's span ``start``..``end``, its
    whitespace as any whitespace), or -1."""
    words = unit.split()
    if not words:
        return -1
    pattern = re.compile(r"\s*".join(re.escape(w) for w in words[-6:]))
    m = pattern.search(text, start, end + 1) if end > start else None
    if m is None:
        m = pattern.search(text)
    return m.end() if m else -1


def with_headings(
    chosen: Sequence[Candidate], q: QuestionProfile, hits: list[ScoredChunk], documents: Mapping[str, Any],
    passages: Sequence[ScoredChunk],
) -> list[Candidate]:
    """``chosen`` with the numbered items that one of its first two units introduces (see
    ``heading_items``) in place of the units after it; ``hits`` gains the passages that hold them."""
    for unit in chosen[:2]:
        if not introduces_list(unit.text):
            continue
        items = heading_items(unit, q, hits, documents, passages)
        if not items:
            continue
        out = [unit]
        for heading, holder in items:
            rank = next((r for r, h in enumerate(hits) if h.chunk.id == holder.chunk.id), None)
            if rank is None:
                hits.append(holder)
                rank = len(hits) - 1
            out.append(replace(unit, text=heading, rank=rank, order=-1))
        return out
    return list(chosen)


__all__ = ["heading_items", "with_headings"]
