"""Page marks: the page numbers and running headers or footers a PDF export repeats on every page.

A covenant exported page by page carries, between its paragraphs and often inside a sentence cut
by the page break, a page number and a running line ("Sectorconvenant 2013 - 2014 227 - 303.1
def.doc" / "1"). They are layout, not text: ``ingest.normalize`` drops them (``page_marks``) before
it joins broken lines, so a sentence cut by a page runs on and no passage quotes a footer.

Page numbers are lone numbers of up to three figures ("3", "- 3 -", "Pagina 3 van 12"; a year on a
line of its own, as in a table's year column, is none) that count up by one through the
text, at least _MIN_PAGES of them and each at least _MIN_PAGE_LINES lines of text after the one
before (the cells of a numbered table column stand closer together). A running line is a line that
recurs verbatim at least _MIN_PAGES times within _NEAR lines of a page number or of the text's start
or end (the first page's header, the last page's footer).
"""

from __future__ import annotations

import re
from bisect import insort
from collections import defaultdict

__all__ = ["page_marks"]

_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:pagina|blz\.?|p\.|page)\s*)?(\d{1,3})(?:\s*(?:/|van|of)\s*\d{1,3})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)
_MIN_PAGES = 3
_MIN_PAGE_LINES = 10  # lines of text on a page, at the least
_NEAR = 2  # lines between a running line and its page's number, at most


def page_marks(lines: list[str]) -> set[int]:
    """Indices of ``lines`` (blank lines included) that are page numbers or running lines."""
    content = [i for i, line in enumerate(lines) if line]
    place = {i: k for k, i in enumerate(content)}  # index -> position among the lines of text
    numbers = [(i, int(m.group(1))) for i in content if (m := _PAGE_NUMBER_RE.match(lines[i]))]
    # Each number goes on the oldest chain that waits for it and ended far enough before, else
    # starts a chain; chains are looked up by the number they wait for (a long table of figures
    # has thousands of lone numbers).
    chains: list[list[int]] = []
    waiting: dict[int, list[int]] = defaultdict(list)  # number -> chains waiting for it, oldest first
    for i, n in numbers:
        queue = waiting[n]
        k = next((k for k in queue if place[i] - place[chains[k][-1]] > _MIN_PAGE_LINES), None)
        if k is None:
            k = len(chains)
            chains.append([i])
        else:
            queue.remove(k)
            chains[k].append(i)
        insort(waiting[n + 1], k)
    pages = [i for chain in chains if len(chain) >= _MIN_PAGES for i in chain]
    if not pages:
        return set()
    near: dict[str, list[int]] = defaultdict(list)
    # The lines around each page number, and the first and last lines of the text (the first
    # page's header, the last page's footer).
    spans = [content[max(0, place[page] - _NEAR) : place[page] + _NEAR + 1] for page in pages]
    for j in {j for span in [*spans, content[:_NEAR], content[-_NEAR:]] for j in span} - set(pages):
        near[lines[j]].append(j)
    running = {j for found in near.values() if len(found) >= _MIN_PAGES for j in found}
    return set(pages) | running
