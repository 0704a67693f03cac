"""Canonical text cleanup shared by every loader.

``normalize_text`` turns what the loaders extract (markdown with HTML inside table cells,
slide-deck fragments, web-page residue, PDF page text) into plain lines that the chunker, the
keyword index and the citation quotes all point into. It keeps every sentence and figure; it
only removes markup, layout residue and whitespace noise. It is idempotent:
``normalize_text(normalize_text(x)) == normalize_text(x)``.
"""

from __future__ import annotations

import html
import re
import unicodedata

from assistant.answer.units import opens_a_list
from ingest.pagemarks import page_marks
from ingest.wrapping import NO_JOIN_PREFIX_RE, TERMINAL, flat, lines_apart, paragraphs_apart, wrap_width, wrapped

__all__ = ["normalize_text"]

# --- character level -----------------------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE_LIKE = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " ")
_LINE_BREAKS = dict.fromkeys(map(ord, "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"), "\n")
_LIGATURES = {
    ord("\ufb00"): "ff",
    ord("\ufb01"): "fi",
    ord("\ufb02"): "fl",
    ord("\ufb03"): "ffi",
    ord("\ufb04"): "ffl",
    ord("\ufb05"): "st",
    ord("\ufb06"): "st",
}
# C0/C1 control characters other than tab and newline are dropped.
_CONTROL_CODES = [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, *range(0x7F, 0xA0)]
_CONTROLS = {code: None for code in _CONTROL_CODES if code != 0x85}
_CHAR_MAP = {**_CONTROLS, **_ZERO_WIDTH, **_SPACE_LIKE, **_LINE_BREAKS, **_LIGATURES}
_CHAR_RE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CHAR_MAP)) + "]")


def _map_char(match: re.Match[str]) -> str:
    return _CHAR_MAP[ord(match.group(0))] or ""


def _clean_characters(text: str) -> str:
    # One regex pass is much faster than str.translate on long non-ASCII text.
    text = _CHAR_RE.sub(_map_char, text.replace("\r\n", "\n"))
    return unicodedata.normalize("NFC", text)


# --- HTML inside markdown ------------------------------------------------------------------------

# Only real HTML tag names count as markup, so "<naam sector>" or "< 5 werknemers" stay text.
_TAG_NAMES = (
    "a|abbr|b|big|blockquote|body|br|caption|center|code|col|colgroup|dd|del|div|dl|dt|em|"
    "font|h[1-6]|head|hr|html|i|img|input|ins|label|li|mark|ol|p|pre|s|section|small|span|"
    "strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|article|header|footer|nav"
)
_TAG = rf"</?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?>"
_TAG_RE = re.compile(_TAG, re.IGNORECASE)
_INPUT_RE = re.compile(r"<input\b[^<>]*>", re.IGNORECASE)
_CHECKED_RE = re.compile(r"\bchecked\b", re.IGNORECASE)
_LI_OPEN_RE = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_BLOCK_RE = re.compile(
    r"</?(?:p|div|br|ul|ol|li|tr|table|tbody|thead|tfoot|h[1-6]|blockquote|pre|dl|dt|dd|"
    r"section|article|hr|caption)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# A <ul>/<ol> whose items are not <li> elements but "•"/"-" markers in running text (003 does
# this); the list runs until the next paragraph, the end of the list or the end of the cell.
_BARE_LIST_RE = re.compile(r"(<[uo]l\b[^<>]*>)((?:(?!<p\b|</[uo]l>|<li\b).)*)", re.I | re.S)
# Item markers: a bullet sign, or a dash followed by a space or a capital ("-Een gids").
_BARE_ITEM_RE = re.compile(r"(?:^|\s)(?:[•▪●◦](?=\s*\S)|-(?=\s+\S|[A-ZÀ-Ý]))")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode_entities(text: str) -> str:
    # Repeat so that "&amp;amp;" ends as "&" in one call (idempotence).
    for _ in range(5):
        decoded = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
        if decoded == text:
            break
        text = decoded
    return text


# Block tags become this mark first, so that "</p> <p>" is one line break, not a blank line.
_BREAK = "\x00"
_BREAKS_RE = re.compile(r"[ \t]*(?:\x00[ \t]*)+")


def _checkbox(match: re.Match[str]) -> str:
    return _BREAK + ("[x] " if _CHECKED_RE.search(match.group(0)) else "[ ] ")


def _split_bare_list(match: re.Match[str]) -> str:
    body = match.group(2)
    return match.group(1) + _BARE_ITEM_RE.sub(_BREAK + "- ", body)


def _html_to_lines(text: str) -> str:
    """Turn inline HTML into line-structured text: blocks and checkboxes start new lines."""
    if "<" not in text and "&" not in text:
        return text
    for _ in range(10):
        before = text
        text = _decode_entities(text)
        if "<" in text:
            text = _INPUT_RE.sub(_checkbox, text)
            text = _BARE_LIST_RE.sub(_split_bare_list, text)
            text = _LI_OPEN_RE.sub(_BREAK + "- ", text)
            text = _BLOCK_RE.sub(_BREAK, text)
            text = _TAG_RE.sub("", text)
            text = _BREAKS_RE.sub("\n", text)
        if text == before:
            break
    return text


# --- markdown pipe tables ------------------------------------------------------------------------

_SEPARATOR_ROW_RE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")


def _is_table_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def _row_to_lines(line: str) -> list[str]:
    stripped = line.strip()
    if _SEPARATOR_ROW_RE.match(stripped):
        return []
    inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
    lines: list[str] = []
    for cell in inner.split("|"):
        for part in _html_to_lines(cell).split("\n"):
            part = part.strip()
            if part:
                lines.append(part)
    return lines


def _convert_tables(text: str) -> str:
    """Markdown pipe tables -> one line per cell paragraph, a blank line between rows."""
    if "|" not in text:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if not _is_table_line(line):
            out.append(line)
            continue
        row = _row_to_lines(line)
        if row:
            if out and out[-1] != "":
                out.append("")
            out.extend(row)
            out.append("")
    return "\n".join(out)


# --- markdown emphasis ---------------------------------------------------------------------------

_STRONG_RE = re.compile(
    r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*|(?<![\w_])__(?=[^\s_])(.+?)(?<=[^\s_])__(?![\w_])"
)
_EM_RE = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?)(?<=[^\s*])\*(?![\w*])")
_STRAY_STRONG_RE = re.compile(r"\*\*+")


def _strip_emphasis(line: str) -> str:
    if "*" not in line and "__" not in line:
        return line
    # Every substitution shortens the line, so this ends; repeat for nested emphasis.
    while True:
        before = line
        line = _STRONG_RE.sub(lambda m: m.group(1) or m.group(2), line)
        line = _EM_RE.sub(r"\1", line)
        # An unmatched "**" (bold split over two lines) carries no text.
        line = _STRAY_STRONG_RE.sub("", line)
        if line == before:
            return line


# --- lines ---------------------------------------------------------------------------------------

_BULLET_CHARS = "▪•●◦\uf0b7\uf0a7\u25aa\u25cf\u2023\u2043\u25e6"
_LEADING_BULLET_RE = re.compile(rf"^[{_BULLET_CHARS}]+\s*")
_INLINE_BULLET_RE = re.compile(rf"\s+[{_BULLET_CHARS}]\s*(?=\S)")
_MD_BULLET_RE = re.compile(r"^[-*]\s+")
_SPACES_RE = re.compile(r"[ \t]+")
_RESIDUE_PREFIX_RE = re.compile(
    r"^(?:gedaan met laden\.?|bezig met laden\.*|laden\.\.\.|loading\.\.\.)\s*", re.IGNORECASE
)
_BREADCRUMB_RE = re.compile(
    r"^(?:u bevindt zich (?:op|hier)|je bevindt je (?:op|hier)|u bent hier|je bent hier|"
    r"you are here|naar (?:de )?(?:hoofd)?inhoud (?:gaan|springen)|ga naar (?:de )?inhoud|"
    r"skip to (?:main )?content)\b",
    re.IGNORECASE,
)


# A list's first bullet mark left at the end of its lead's line by PDF extraction ("..., wat moet
# leiden tot: -" / "Een verhoging van de werkzaamheidsgraad; ..."): the lead ends in its colon.
_DANGLING_BULLET_RE = re.compile(r":\s*[-–•▪]$")


def _clean_line(line: str) -> list[str]:
    """One raw line -> zero or more cleaned lines (inline bullet lists are split)."""
    line = _SPACES_RE.sub(" ", line).strip()
    if not line:
        return [""]
    line = _strip_emphasis(line)
    while True:
        stripped = _RESIDUE_PREFIX_RE.sub("", line, count=1)
        if stripped == line:
            break
        line = stripped
    if not line or _BREADCRUMB_RE.match(line):
        return []
    line = _SPACES_RE.sub(" ", line).strip()
    if not line:
        return []
    line = _DANGLING_BULLET_RE.sub(":", line)
    head, *items = _INLINE_BULLET_RE.split(line)
    lines = [_bullet(head)] if head.strip(_BULLET_CHARS + " ") else []
    lines.extend(_bullet("- " + item) for item in items)
    return [item for item in lines if item]


def _bullet(line: str) -> str:
    line = line.strip()
    if _LEADING_BULLET_RE.match(line):
        rest = _LEADING_BULLET_RE.sub("", line)
        return f"- {rest}" if rest else ""
    if _MD_BULLET_RE.match(line):
        return "- " + _MD_BULLET_RE.sub("", line)
    return line


# --- broken slide-deck lines ---------------------------------------------------------------------

_ENUMERATION_RE = re.compile(r"^(?:[a-z]|[ivxlc]{1,6})[.)]\s")


def _continues(previous: str, line: str) -> bool:
    """Is ``line`` the tail of ``previous``, cut off by a slide layout or a page break?"""
    if not previous or not line:
        return False
    if previous.endswith(TERMINAL) or NO_JOIN_PREFIX_RE.match(previous):
        return False
    first = line[0]
    if not (first.isalpha() and first.islower()):
        return False
    return not _ENUMERATION_RE.match(line)


# A numbered heading of a few words ("1.Duurzaam HR-beleid", "2. Talentontwikkeling") stands on a
# line of its own: a paragraph after a blank line that starts in lower case ("mediarte.be is ...")
# is its body, not its tail. A numbered sentence cut by a page break fills its line.
_NUMBERED_HEADING_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[.)]?\s*[A-Z]")
_HEADING_WORDS = 4


def _is_numbered_heading(line: str) -> bool:
    return bool(_NUMBERED_HEADING_RE.match(line)) and len(line.split()) <= _HEADING_WORDS


# A covenant whose text lost its line breaks (a web page or a PDF without its layout) runs its
# articles on in one line: "... Vlaamse Regering Artikel 1. De Vlaamse Regering verbindt ...
# sectorconsulenten. Artikel 2. De Vlaamse Regering stimuleert ...". A run of consecutively numbered
# "Artikel N." labels that each open a sentence puts every article on a line of its own, where the
# chunker reads it as in a laid-out covenant; a single reference ("bepaald in Artikel 3. De ...") is
# no run and stays.
_INLINE_ARTICLE_RE = re.compile(r"(?:^|(?<=\s))Artikel\s+(\d{1,3})\.\s+(?=[A-Z])")


def _break_inline_articles(line: str) -> list[str]:
    found = list(_INLINE_ARTICLE_RE.finditer(line))
    numbers = [int(m.group(1)) for m in found]
    if len(numbers) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return [line]
    cuts = [m.start() for m in found if m.start() > 0]
    pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)])]
    return [p for p in pieces if p]


def _join_broken_lines(lines: list[str]) -> list[str]:
    width = wrap_width(lines)
    out: list[str] = []
    firsts: list[str] = []  # per line of out: its first and last line as written (a hard-wrapped
    lasts: list[str] = []  # text's lines are joined)
    for i, line in enumerate(lines):
        if line and out and out[-1] and wrapped(out[-1], lasts[-1], line, width):
            out[-1] = f"{out[-1]} {line}"
            lasts[-1] = line
            continue
        if line and out:
            # The previous content line, across at most one blank line.
            gap = 1 if out[-1] == "" and len(out) > 1 else 0
            previous = out[-1 - gap]
            # a clause that leads a list of its own ("en als vertegenwoordigers voor de werknemers:"
            # after a signatory's line) starts in lower case but goes on no line
            if not (gap and _is_numbered_heading(previous)) and _continues(previous, line) and not opens_a_list(lines, i):
                del out[len(out) - gap :], firsts[len(firsts) - gap :], lasts[len(lasts) - gap :]
                out[-1] = f"{previous} {line}"
                lasts[-1] = line
                continue
        out.append(line)
        firsts.append(line)
        lasts.append(line)
    if width is not None:
        return paragraphs_apart(out, firsts, lasts, width)
    return lines_apart(out) if flat(out) else out


# --- words hyphenated at a line break ------------------------------------------------------------

# PDF extraction keeps a word cut at a line end as "over- eenkomst" once its lines are joined. The
# two halves are one word when general Dutch knows the joined word ("overeenkomst", "bijvoorbeeld");
# else, unless the second half is a conjunction (the hyphen of an elided compound: "competentie- en
# loopbaanbeleid", "in- of uitvoer"), they are a hyphenated compound ("ad hoc- overleg" ->
# "ad hoc-overleg"). Only a lower-case second half counts ("generaal- Directeur" stays).
_HYPHEN_BREAK_RE = re.compile(r"\b([^\W\d_]+)- ([^\W\d_A-Z][^\W\d_]*)\b")
_ELISION_CONJUNCTIONS = frozenset({"en", "of", "noch", "and", "or"})  # Dutch (and English) grammar


def _known_word(word: str) -> bool:
    from wordfreq import zipf_frequency  # loaded only for text that has such a break

    return zipf_frequency(word.lower(), "nl") > 0.0


def _join_hyphen(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    if second.lower() in _ELISION_CONJUNCTIONS or not second[0].islower():
        return match.group(0)
    return first + second if _known_word(first + second) else f"{first}-{second}"


def _join_hyphenated_words(line: str) -> str:
    while "- " in line:  # "a- b- c": a match takes "b", so its second break needs another pass
        joined = _HYPHEN_BREAK_RE.sub(_join_hyphen, line)
        if joined == line:
            break
        line = joined
    return line


_MAX_PASSES = 4  # a real document needs one pass (plus the one that confirms it)


# --- public --------------------------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """The canonical cleanup applied to every loaded document (see module docstring).

    One pass is idempotent on real documents; because the steps interact on contrived input
    (residue removal can uncover a table row, a decoded entity can form a tag), the pass is
    repeated until the text is stable, so the result is always a fixed point.
    """
    result = _normalize_once(text)
    for _ in range(_MAX_PASSES):
        again = _normalize_once(result)
        if again == result:
            break
        result = again
    return result


def _normalize_once(text: str) -> str:
    text = _clean_characters(text)
    text = _convert_tables(text)
    text = _html_to_lines(text)
    text = _convert_tables(text)  # decoded entities may have formed new table rows
    text = _clean_characters(text)  # entities may decode to nbsp or zero-width characters
    lines: list[str] = []
    for raw in text.split("\n"):
        lines.extend(_clean_line(raw))
    marks = page_marks(lines)  # page numbers and running headers or footers
    lines = [line for i, line in enumerate(lines) if i not in marks]
    collapsed: list[str] = []
    for line in lines:
        if line == "" and (not collapsed or collapsed[-1] == ""):
            continue  # at most one blank line in a row, none at the start
        collapsed.append(line)
    out = [piece for line in _join_broken_lines(collapsed) for piece in _break_inline_articles(_join_hyphenated_words(line))]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
