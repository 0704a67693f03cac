"""Find the statements of a covenant's terms in its text: the maximum subsidy, FTE consultants, the
term, the effort/result split and the result rule. Each finder reads the kind of statement (its
words and figures), not one document's sentences, and returns values with their source span."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from assistant.financing.model import Cited, Source
from assistant.financing.wording import EURO_AMOUNT, PERCENT, parse_amount, parse_percent, parse_share, word_number
from assistant.textnl import MONTH_NUMBERS, MONTH_PATTERN
from assistant.types import SourceDocument

_QUOTE_MAX = 240

_ARTICLE = re.compile(r"(?m)(?:^|(?<=\s))[ \t]*Artikel\s+(\d+)\s*[.:]")
# A sentence ends at . ! ? before a capital/digit/bullet, at a blank line, before a bullet line, at a table cell.
_BOUNDARY = re.compile(r"[.!?](?=\s+[\"“‘(\[A-Z0-9ÀÉÈ▪•]|\s*$)|\n[ \t]*\n|\n(?=[ \t]*[-▪•|*])|\|")
_MAX_WORD = re.compile(r"maxim\w*|ten\s+hoogste|hoogstens|plafond", re.IGNORECASE)
_GRANT_WORD = re.compile(r"subsidie|toelage|werkingsmiddelen|financiering|budget|bedrag|middelen", re.IGNORECASE)
_PER_UNIT = re.compile(r"^\s*(?:per\s+(?:VTE|FTE|sector|consulent|jaar|maand|deelnemer)|miljoen)", re.IGNORECASE)
_FTE = re.compile(
    r"(?<![\w,.])(\d+(?:,\d+)?|[a-zëé]{3,15})\s*(?:VTE|FTE|voltijd(?:s|se)?\s+equivalent(?:en)?)\b"
    r"[\s-]*(?:[\w-]+\s+){0,3}?(?:sector)?consulent",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?<!\d)(\d{1,2})(?:e|ste|de)?\s+(" + MONTH_PATTERN + r")\s+(\d{4})|(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})",
    re.IGNORECASE,
)
_TERM_FROM = re.compile(r"(?:\bvan|\bvanaf|\bop|\bperiode|\bloopt)\s*$", re.IGNORECASE)
_TERM_TO = re.compile(r"^\s*(?:tot\s+en\s+met|t\.e\.m\.?|t/m|tot|[-–]|en\s+eindigt\s+(?:op|per)|en\s+loopt\s+tot(?:\s+en\s+met)?)\s*$", re.IGNORECASE)
_EFFORT = re.compile(r"inspanning\w*", re.IGNORECASE)
_RESULT = re.compile(r"resulta\w*", re.IGNORECASE)
_FINANCE = re.compile(r"financ|subsidie|toelage|bedrag|verbonden|budget|middelen|uitbetaald|toegekend", re.IGNORECASE)
_SEGMENT = re.compile(r"[,;:|]|\ben\b|\bterwijl\b|\bwaarvan\b", re.IGNORECASE)
_COMPARE_BEFORE = re.compile(r"(?:minder\s+dan|minstens|ten\s+minste|minimaal|meer\s+dan)\s*$", re.IGNORECASE)
_PRO_RATA = re.compile(
    r"\b(?:a\s+rato|pro\s+rata|naar\s+rato|naar\s+verhouding|in\s+verhouding\s+(?:tot|met)|evenredig\w*|proportione\w*)\b",
    re.IGNORECASE,
)
_THRESHOLD = re.compile(r"\b(niet\s+meer\s+dan|minder\s+dan|minstens|ten\s+minste|minimaal|meer\s+dan)\s+", re.IGNORECASE)
_NOTHING = re.compile(r"\bgeen\b|\bniets\b|\bvervalt\b|\bvervallen\b|\bnul\b|niet\s+(?:uit)?betaald|niet\s+toegekend|0\s*(?:euro|EUR|€)", re.IGNORECASE)
_ONLY_IF = re.compile(r"\b(?:enkel|alleen|slechts|pas|uitsluitend|op\s+voorwaarde)\b", re.IGNORECASE)
_ABOUT_RESULTS = re.compile(r"resulta\w*|verbintenis", re.IGNORECASE)


def _blank_markup(text: str) -> str:
    """Markdown emphasis and HTML tags replaced by spaces of the same length: offsets stay valid."""
    text = re.sub(r"\*+", lambda m: " " * len(m.group(0)), text)
    text = re.sub(r"</?[a-zA-Z][^>\n]*>", lambda m: " " * len(m.group(0)), text)
    return text.replace("\u00a0", " ")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class DocText:
    """A document's text (markup blanked, offsets kept), its articles, sentences and sources."""

    def __init__(self, document: SourceDocument, sections: Callable[[int], str] | None = None) -> None:
        self.doc = document
        self.text = _blank_markup(document.text)
        self.sections = sections
        self.articles = [(m.start(), int(m.group(1))) for m in _ARTICLE.finditer(self.text)]
        self._bounds = [m.end() for m in _BOUNDARY.finditer(self.text)]

    def section_at(self, pos: int) -> str:
        if self.sections is not None:
            found = self.sections(pos)
            if found:
                return found
        article = None
        for start, number in self.articles:
            if start <= pos:
                article = number
            else:
                break
        if article is not None:
            return f"Artikel {article}"
        if self.articles and pos < self.articles[0][0]:
            return "Aanhef"
        heading = self._heading_before(pos)
        line = self.text.count("\n", 0, pos) + 1
        return f"{heading} (regel {line})" if heading else f"regel {line}"

    def _heading_before(self, pos: int) -> str:
        lines = self.text[:pos].split("\n")[:-1]
        for raw in reversed(lines[-40:]):
            line = raw.strip()
            if line and len(line) < 60 and line[0].isupper() and not line.startswith(("▪", "•", "-", "|")):
                if not line.endswith((".", ",", ";")):
                    return line
        return ""

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """(left, right) of the sentence holding text[start:end]."""
        i = bisect.bisect_right(self._bounds, start)
        left = self._bounds[i - 1] if i > 0 else 0
        j = bisect.bisect_left(self._bounds, end)
        right = self._bounds[j] if j < len(self._bounds) else len(self.text)
        return left, right

    def sentences(self) -> list[tuple[int, int]]:
        edges = [0, *self._bounds, len(self.text)]
        return [(a, b) for a, b in zip(edges, edges[1:]) if self.text[a:b].strip()]

    def source(self, start: int, end: int, *, whole_sentence: bool = False) -> Source:
        left, right = self.sentence_bounds(start, end)
        sentence = _squash(self.text[left:right].lstrip("▪•-|* "))
        if whole_sentence or len(sentence) <= _QUOTE_MAX:
            quote = sentence
        else:
            match = _squash(self.text[start:end])
            at = sentence.find(match)
            pad = max(0, (_QUOTE_MAX - len(match)) // 2)
            lo, hi = max(0, at - pad), min(len(sentence), at + len(match) + pad)
            if lo > 0:
                lo = sentence.find(" ", lo) + 1
            if hi < len(sentence):
                hi = max(sentence.rfind(" ", 0, hi), at + len(match))
            quote = ("… " if lo > 0 else "") + sentence[lo:hi].strip() + (" …" if hi < len(sentence) else "")
        return Source(self.doc.doc_id, self.section_at(start), quote, start, end)


def find_amount(doc: DocText) -> Cited[Decimal] | None:
    """The maximum subsidy: the first euro amount in a sentence that calls it a maximum and a
    subsidy/toelage/budget ("maximale subsidie van X EUR", "een subsidie toe van maximaal X euro")."""
    for match in EURO_AMOUNT.finditer(doc.text):
        if _PER_UNIT.match(doc.text[match.end() : match.end() + 30]):
            continue
        left, right = doc.sentence_bounds(*match.span())
        before = doc.text[max(left, match.start() - 160) : match.start()]
        if not _MAX_WORD.search(before) or not _GRANT_WORD.search(doc.text[left:right]):
            continue
        value = parse_amount(match)
        if value is not None and value > 0:
            return Cited(value, doc.source(*match.span()))
    return None


def find_fte(doc: DocText) -> Cited[Decimal] | None:
    """FTE consultants: "7 VTE sectorconsulenten", "1,5 VTE", "zes voltijdse equivalenten consulenten"."""
    for match in _FTE.finditer(doc.text):
        raw = match.group(1)
        if raw[0].isdigit():
            value = Decimal(raw.replace(",", "."))
        else:
            number = word_number(raw)
            if number is None:
                continue
            value = Decimal(number)
        if value > 0:
            return Cited(value, doc.source(*match.span()))
    return None


def _date(match: re.Match[str]) -> date | None:
    try:
        if match.group(2):
            return date(int(match.group(3)), MONTH_NUMBERS[match.group(2).lower()], int(match.group(1)))
        return date(int(match.group(6)), int(match.group(5)), int(match.group(4)))
    except ValueError:
        return None


def find_term(doc: DocText) -> tuple[Cited[date], Cited[date]] | None:
    """The term: "van 1 juli 2023 tot en met 30 juni 2025", "neemt een aanvang op 1 januari 2012 en
    eindigt per 31 december 2012", "van 01/07/2023 tot 30/06/2025"."""
    dates = list(_DATE.finditer(doc.text))
    for first, second in zip(dates, dates[1:]):
        if not _TERM_TO.match(doc.text[first.end() : second.start()]):
            continue
        if not _TERM_FROM.search(doc.text[max(0, first.start() - 40) : first.start()]):
            continue
        start, end = _date(first), _date(second)
        if start is None or end is None or end < start:
            continue
        source = doc.source(first.start(), second.end())
        return Cited(start, source), Cited(end, source)
    return None


def _nearest(doc: DocText, at: tuple[int, int], lo: int, hi: int) -> str | None:
    """"effort" or "result": the keyword nearest to the percentage at ``at`` within text[lo:hi]."""
    best: tuple[int, str] | None = None
    for pattern, name in ((_EFFORT, "effort"), (_RESULT, "result")):
        for m in pattern.finditer(doc.text, lo, hi):
            gap = m.start() - at[1] if m.start() >= at[1] else at[0] - m.end()
            if best is None or gap < best[0]:
                best = (gap, name)
    return best[1] if best else None


def find_split(doc: DocText) -> tuple[Cited[Decimal] | None, Cited[Decimal] | None]:
    """The effort/result split: percentages (digits or words) next to "inspanning..." or "resulta..."
    in sentences about the financing; the first effort and result share that add up to 100."""
    effort: list[Cited[Decimal]] = []
    result: list[Cited[Decimal]] = []
    for match in PERCENT.finditer(doc.text):
        value = parse_percent(match)
        if value is None or _COMPARE_BEFORE.search(doc.text[max(0, match.start() - 20) : match.start()]):
            continue
        left, right = doc.sentence_bounds(*match.span())
        line_lo = doc.text.rfind("\n", 0, match.start()) + 1
        if doc.text[line_lo:match.start()].lstrip().startswith("|"):  # a table row: the row is the clause
            line_hi = doc.text.find("\n", match.end())
            left, right = line_lo, len(doc.text) if line_hi < 0 else line_hi
        if not _FINANCE.search(doc.text[left:right]):
            continue
        cuts = [left, *(m.end() for m in _SEGMENT.finditer(doc.text, left, right)), right]
        seg_lo = max(c for c in cuts if c <= match.start())
        seg_hi = min(c for c in cuts if c >= match.end())
        kind = _nearest(doc, match.span(), seg_lo, seg_hi) or _nearest(doc, match.span(), left, right)
        if kind is None:
            continue
        (effort if kind == "effort" else result).append(Cited(value, doc.source(*match.span())))
    for e in effort:
        for r in result:
            if e.value + r.value == 100:
                return e, r
    return (effort[0] if effort and not result else None), (result[0] if result and not effort else None)


def find_result_rule(doc: DocText) -> tuple[Cited[bool] | None, Cited[Fraction] | None, bool]:
    """(a rato or not, threshold, whether exactly the threshold pays), each from the sentence that
    states it; None for a part the text does not state."""
    pro_rata: Cited[bool] | None = None
    threshold: Cited[Fraction] | None = None
    pays = True
    previous_about_results = False
    for left, right in doc.sentences():
        sentence = doc.text[left:right]
        about = _ABOUT_RESULTS.search(sentence) is not None
        if not about and not previous_about_results:  # "De uitbetaling gebeurt pro rata." after a result sentence
            continue
        previous_about_results = about
        if pro_rata is None:
            m = _PRO_RATA.search(sentence)
            if m:
                negated = re.search(r"\bniet\s+(?:\w+\s+)?$", sentence[max(0, m.start() - 20) : m.start()]) is not None
                pro_rata = Cited(not negated, doc.source(left, right, whole_sentence=True))
        if threshold is None:
            for m in _THRESHOLD.finditer(sentence):
                share = parse_share(sentence[m.end() :])
                if share is None:
                    continue
                word = re.sub(r"\s+", " ", m.group(1).lower())
                if word in ("minder dan", "niet meer dan") and not _NOTHING.search(sentence):
                    continue
                if word in ("minstens", "ten minste", "minimaal", "meer dan") and not (
                    _ONLY_IF.search(sentence) or _NOTHING.search(sentence)
                ):
                    continue
                if word == "meer dan" and _NOTHING.search(sentence) and not _ONLY_IF.search(sentence):
                    continue  # "meer dan X niet behaald: niets" reads the other way; leave it to the user
                threshold = Cited(share[0], doc.source(left, right, whole_sentence=True))
                pays = word not in ("niet meer dan", "meer dan")
                break
        if pro_rata is not None and threshold is not None:
            break
    return pro_rata, threshold, pays
