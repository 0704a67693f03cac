"""Structure-aware Dutch chunking.

Documents are split along their own structure first (Artikel, Thema, Prioriteit, Actie,
Resultaatsverbintenis, upper-case part headings, markdown headings, short title lines), and by
size second, at paragraph and sentence boundaries. Structure is detected from the text only, so a
covenant of a sector never seen before splits the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.textnl import MONTH_PATTERN, sentence_segmenter
from assistant.types import SECTION_SEP, Chunk, SourceDocument

# A change to how documents are split must bump CHUNKER_VERSION (assistant/store/layout.py), so
# readers refuse an index of the old chunks and ask for `convenant ingest --rebuild`.

TARGET_CHARS = 900  # about 250 e5 tokens of Dutch
MAX_CHARS = 1400  # hard cap for one chunk unless a single sentence is longer
MIN_CHARS = 250  # smaller neighbouring leaf sections are merged up to TARGET_CHARS
HEADING_ONLY_CHARS = 25  # a section with less body than this is folded into what follows
# Longer paragraphs are split at punctuation by a regular expression (linear time) instead of
# pysbd (quadratic); the longest paragraph of the bundled corpus has 3,008 characters.
LONG_PARAGRAPH_CHARS = 5000
_SENTENCE_END = re.compile(r"[.!?…;]+[\"'”’)\]]*(?=\s)|\n")

# Ranks: a new heading closes every open heading of the same or a deeper rank.
RANK_MD1, RANK_ARTIKEL, RANK_PART, RANK_THEMA, RANK_PRIORITEIT, RANK_ACTIE = 1, 2, 3, 4, 5, 6

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ARTIKEL = re.compile(r"^(?:artikel|art\.)\s*(\d+(?:\s*(?:bis|ter|[a-z]))?)\s*[.:\-–]?(?:\s|$)", re.I)
_THEMA = re.compile(r"^thema\s*(\d+)\s*[:.\-–]", re.I)
_PRIORITEIT = re.compile(r"^prioriteit\W*(\d+)\s*[:.\-–]", re.I)
_ACTIE = re.compile(r"^actie\s*(\d+(?:\.\d+)*)\.?\s*[:.\-–]", re.I)
_RESULTAAT = re.compile(r"^resultaatsverbintenis\s*(\d+)\b", re.I)
_LIST_OR_MARK = re.compile(r"^(?:[-*+•▪]|\[[ x]\]|\d+[.)]\s+\S+.*[.;:]$)")
_TRAILING_FUNCTION_WORD = re.compile(
    r"\b(?:een|de|het|van|en|of|voor|met|in|op|te|aan|is|zijn|die|dat|als|door|om|tot|bij)$", re.I
)


@dataclass(frozen=True)
class Heading:
    start: int  # offset of the heading line in the text
    rank: float
    label: str
    kind: str  # artikel, thema, prioriteit, actie, resultaat, part, markdown, title


@dataclass
class Section:
    path: tuple[str, ...]
    start: int
    end: int
    typed: bool  # ends in a structural heading of the covenant grammar (not a generic title)


def _clean_label(text: str, limit: int = 70) -> str:
    text = text.strip().strip(":").strip()
    if text.isupper():
        text = text[:1] + text[1:].lower()
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = cut + "…"
    return text


_NAME_LINE = re.compile(r"^(?:(?i:de heer|mevrouw|dhr\.|mevr\.)\s+)?(?:[A-Z][\w'-]+\s+){1,3}[A-Z]{2,}[A-Z' -]*$")
_DATE_LINE = re.compile(
    rf"^\d{{1,2}}\s+(?:{MONTH_PATTERN})\s+\d{{4}}$",
    re.I,
)


def _is_caps_heading(line: str) -> bool:
    """An upper-case part heading ("ACTIEPLAN", "ANALYSE EN STRATEGIE"); not a name list."""
    words = re.findall(r"[^\W\d_]{2,}", line)
    if not words or len(line) > 90 or "," in line or not any(len(w) >= 4 for w in words):
        return False
    return all(w.isupper() for w in words)


def _is_title_line(line: str, prev_blank: bool, next_line: str | None) -> bool:
    """A short stand-alone line that reads like a title: no sentence punctuation, capitalised,
    blank line before it, and not the first half of a broken sentence."""
    if not prev_blank or len(line) > 70 or len(line) < 3:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if line[-1] in ".,;:!?)" or _LIST_OR_MARK.match(line) or "|" in line or ": " in line:
        return False
    if _NAME_LINE.match(line) or _DATE_LINE.match(line):
        return False  # signatures and date lines are not headings
    if _TRAILING_FUNCTION_WORD.search(line):
        return False
    if line[0].isdigit() and re.match(r"^\d{1,2}[.)]\s+[^\W\d]", line) is None:
        return False  # a figure, not a numbered title such as "2. Analyse"
    if next_line is not None and next_line[:1].islower():
        return False
    words = line.split()
    return 1 <= len(words) <= 10


def detect_headings(text: str) -> list[Heading]:
    """Find the structural headings of a document, in order."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    # The next non-blank line after each line, found in one backward pass (not a scan per line).
    next_nonblank: list[str | None] = [None] * len(lines)
    following: str | None = None
    for i in range(len(lines) - 1, -1, -1):
        next_nonblank[i] = following
        if lines[i].strip():
            following = lines[i].strip()
    headings: list[Heading] = []
    prioriteit: str | None = None
    last_actie_minor = 0
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        start = offsets[i]
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_line = next_nonblank[i]
        next_is_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        md = _MD_HEADING.match(line)
        body = md.group(2).strip() if md else line
        heading: Heading | None = None
        if m := _ARTIKEL.match(body):
            number = " ".join(m.group(1).split())
            heading = Heading(start, RANK_ARTIKEL, f"Artikel {number}", "artikel")
            prioriteit = None
        elif m := _THEMA.match(body):
            heading = Heading(start, RANK_THEMA, f"Thema {m.group(1)}", "thema")
            prioriteit = None
        elif m := _PRIORITEIT.match(body):
            prioriteit = m.group(1)
            last_actie_minor = 0
            heading = Heading(start, RANK_PRIORITEIT, f"Prioriteit {prioriteit}", "prioriteit")
        elif m := _ACTIE.match(body):
            number = m.group(1)
            # Repair sloppy numbering ("Actie 12.:" under Prioriteit 1 is action 1.2).
            if "." not in number and prioriteit and len(number) > len(prioriteit) and number.startswith(prioriteit):
                minor = int(number[len(prioriteit) :])
                if minor == last_actie_minor + 1:
                    number = f"{prioriteit}.{minor}"
            if "." in number:
                try:
                    last_actie_minor = int(number.split(".")[-1])
                except ValueError:
                    pass
            heading = Heading(start, RANK_ACTIE, f"Actie {number}", "actie")
        elif m := _RESULTAAT.match(body):
            heading = Heading(start, RANK_ACTIE, f"Resultaatsverbintenis {m.group(1)}", "resultaat")
        elif md:
            level = len(md.group(1))
            rank = {1: RANK_MD1, 2: RANK_PART}.get(level, -1.0)
            heading = Heading(start, rank, _clean_label(body), "markdown")
        elif _is_caps_heading(line) and (next_is_blank or prev_blank):
            heading = Heading(start, RANK_PART, _clean_label(line), "part")
        elif _is_title_line(line, prev_blank, next_line) and next_is_blank:
            heading = Heading(start, -1.0, _clean_label(line), "title")
        if heading is not None:
            headings.append(heading)
    return headings


def sections_of(text: str) -> list[Section]:
    """Split a text into sections with their heading paths."""
    headings = detect_headings(text)
    stack: list[tuple[float, str, bool]] = []  # (rank, label, typed)
    sections: list[Section] = []
    first = headings[0].start if headings else len(text)
    if text[:first].strip():
        sections.append(Section((), 0, first, False))
    for idx, h in enumerate(headings):
        end = headings[idx + 1].start if idx + 1 < len(headings) else len(text)
        typed = h.kind in {"artikel", "thema", "prioriteit", "actie", "resultaat"}
        if h.rank < 0:  # generic title: a leaf below the innermost structural heading
            while stack and stack[-1][0] % 1 != 0:
                stack.pop()
            rank = (stack[-1][0] if stack else 0) + 0.5
        else:
            rank = h.rank
            while stack and stack[-1][0] % 1 != 0:  # structural headings close generic titles
                stack.pop()
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, h.label, typed))
        sections.append(Section(tuple(label for _, label, _ in stack), h.start, end, typed))
    return sections


def _fold_heading_only(text: str, sections: list[Section]) -> list[Section]:
    """A heading with (almost) no body of its own joins the section that follows it, keeping the
    deeper path, so "Thema 1: ... / Prioriteiten en acties / PRIORITEIT 1" lands in one chunk."""
    out: list[Section] = []
    carry: int | None = None
    for i, sec in enumerate(sections):
        body = text[sec.start : sec.end].strip()
        first_line, _, rest = body.partition("\n")
        has_next = i + 1 < len(sections)
        child_follows = has_next and sections[i + 1].path[: len(sec.path)] == sec.path
        heading_only = len(rest.strip()) < HEADING_ONLY_CHARS
        # A heading introduces what follows: its children, or (for a generic or part title) the
        # next structural section.
        if heading_only and ((child_follows and len(first_line) < 200) or (
            has_next and not sec.typed and len(first_line) < 100
        )):
            carry = sec.start if carry is None else carry
            continue
        if carry is not None:
            sec = Section(sec.path, carry, sec.end, sec.typed)
            carry = None
        if not has_next and out and len(body) < HEADING_ONLY_CHARS and out[-1].end == sec.start:
            out[-1] = Section(out[-1].path, out[-1].start, sec.end, out[-1].typed)  # tiny tail
            continue
        out.append(sec)
    return out


def _merge_small_leaves(text: str, sections: list[Section]) -> list[Section]:
    """Join small neighbouring generic sections under the same parent (slide decks, short news
    paragraphs) until they reach a useful size. Structural sections (Artikel, Actie, ...) stay
    separate so their path stays exact."""
    out: list[Section] = []
    for sec in sections:
        if out:
            prev = out[-1]
            size_prev = prev.end - prev.start
            size_sec = sec.end - sec.start
            same_parent = prev.path[:-1] == sec.path[:-1] or prev.path == sec.path[:-1]
            if (
                not prev.typed
                and not sec.typed
                and same_parent
                and size_prev < MIN_CHARS + 150
                and size_prev + size_sec <= TARGET_CHARS
                and prev.end == sec.start
            ):
                out[-1] = Section(prev.path, prev.start, sec.end, False)
                continue
        out.append(sec)
    return out


def _sentences(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of the paragraph text[a:b]. pysbd's time grows with the square of its input,
    so a paragraph longer than LONG_PARAGRAPH_CHARS (no real paragraph is; a one-line dump or a
    table without blank lines is) is cut at punctuation followed by white space instead."""
    if b - a <= LONG_PARAGRAPH_CHARS:
        for sent in sentence_segmenter(char_span=True).segment(text[a:b]):
            yield a + sent.start, a + sent.end
        return
    cursor = a
    for m in _SENTENCE_END.finditer(text, a, b):
        yield cursor, m.end()
        cursor = m.end()
    if cursor < b:
        yield cursor, b


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs of text[start:end], long ones cut into sentences; spans are absolute."""
    units: list[tuple[int, int]] = []
    for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if b - a <= TARGET_CHARS:
            units.extend(_at_leads(text, a, b))
            continue
        for sa, sb in _sentences(text, a, b):
            while sa < sb and text[sa].isspace():
                sa += 1
            while sb > sa and text[sb - 1].isspace():
                sb -= 1
            # A sentence beyond the hard cap is cut at word boundaries.
            while sb - sa > MAX_CHARS:
                cut = text.rfind(" ", sa, sa + TARGET_CHARS)
                at_space = cut > sa
                cut = cut if at_space else sa + TARGET_CHARS
                units.append((sa, cut))
                sa = cut + 1 if at_space else cut  # a cut inside a word keeps every character
            if sa < sb:
                units.extend(_at_leads(text, sa, sb))
    return units


# A unit that reads as a list's item: it opens with a bullet or a number ("- De heer ...", "2. de
# prioriteiten"), or its first line ends in ";" or "," as Dutch punctuates list items.
_ITEM = re.compile(r"(?:[-*+•▪]|\d{1,2}[.)])\s|[^\n]*[;,][ \t]*(?:\n|$)")


_LEAD_LINE = re.compile(r"\n(?=[^\n]*:[ \t]*(?:\n|$))")


def _at_leads(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The span text[a:b] cut before each line that ends in a colon, so that a list's lead
    ("met als vertegenwoordigers voor de werknemers:") opens a unit of its own (``_pack``)."""
    cuts = [m.start() for m in _LEAD_LINE.finditer(text, a, b)]
    starts, ends = [a, *(c + 1 for c in cuts)], [*cuts, b]
    return [(s, _end_before(text, s, e)) for s, e in zip(starts, ends) if text[s:e].strip()]


def _pack(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Greedy packing of consecutive units into spans of about TARGET_CHARS. A unit that ends in a
    colon leads the list after it ("met als vertegenwoordigers voor de werknemers:" and the names
    under it, each but the last ending in ";" or ","): no span is closed inside such a list that fits
    in one; the lead opens the next span. A lead no item follows (a list the text lost) stays."""
    spans: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    lead: int | None = None  # the start of the open list's lead unit in ``cur``
    for a, b in units:
        if cur is None:
            cur = (a, b)
        elif b - cur[0] <= TARGET_CHARS or (b - cur[0] <= MAX_CHARS and cur[1] - cur[0] < MIN_CHARS):
            cur = (cur[0], b)
        elif lead is not None and lead > cur[0] and b - lead <= MAX_CHARS and _ITEM.match(text[a:b]):
            spans.append((cur[0], _end_before(text, cur[0], lead)))
            cur = (lead, b)
        else:
            spans.append(cur)
            cur = (a, b)
        unit = text[a:b].rstrip()
        if unit.endswith(":"):
            lead = a
        elif not unit.endswith((";", ",")):
            lead = None
    if cur is not None:
        # Avoid a tiny tail: give it to the previous span when that stays under the cap.
        if spans and cur[1] - cur[0] < MIN_CHARS // 2 and cur[1] - spans[-1][0] <= MAX_CHARS:
            spans[-1] = (spans[-1][0], cur[1])
        else:
            spans.append(cur)
    return spans


def _end_before(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends, white space at its end left out (a slice, not the text before it)."""
    return start + len(text[start:end].rstrip())


def chunk_metadata(doc: SourceDocument) -> dict[str, str | int | float | bool]:
    """Scalar document metadata carried on every chunk (for filters)."""
    keep = {}
    for key in ("period", "sector", "generation", "date", "display_title", "source"):
        value = doc.metadata.get(key)
        if value is not None and value != "":
            keep[key] = value if isinstance(value, (int, float, bool)) else str(value)
    return keep


def split_document(doc: SourceDocument) -> list[Chunk]:
    """Chunks of one document, in order, each with its section path, span, page and hash."""
    text = doc.text
    sections = _merge_small_leaves(text, _fold_heading_only(text, sections_of(text)))
    meta = chunk_metadata(doc)
    chunks: list[Chunk] = []
    for sec in sections:
        for a, b in _pack(text, _units(text, sec.start, sec.end)):
            body = text[a:b]
            if not body.strip():
                continue
            section = SECTION_SEP.join(sec.path)
            header = f"{doc.title} | {section}" if section else doc.title
            content_hash = hashlib.sha256(f"{header}\n{body}".encode()).hexdigest()[:16]
            position = len(chunks)
            chunk_id = hashlib.sha1(f"{doc.doc_id}:{content_hash}:{position}".encode()).hexdigest()[:20]
            chunks.append(
                Chunk(
                    id=chunk_id,
                    doc_id=doc.doc_id,
                    title=doc.title,
                    doc_type=doc.doc_type,
                    section=section,
                    position=position,
                    start=a,
                    end=b,
                    text=body,
                    content_hash=content_hash,
                    page=doc.page_at(a),
                    metadata=meta,
                )
            )
    return chunks
