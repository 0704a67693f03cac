"""Read covenant parameters from document text, by structure, each value with its citation.

A covenant is recognised by its wording ("Artikel N." paragraphs, "een maximale subsidie van
X EUR", "N VTE sectorconsulenten", the RESULTAATSVERBINTENISSEN table), never by document id
or a known sector name. Generation-wide rules (a slide deck's "Loonkostfinanciering van 49.000
euro per VTE") are read the same way, by pattern.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from assistant.errors import ConfigError, FinancingError
from assistant.financing.model import Cited, CovenantProfile, GenerationRules, Source
from assistant.financing.rules import parse_number
from assistant.types import SourceDocument

logger = logging.getLogger(__name__)

MONTHS = {
    name: number
    for number, name in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split(), 1
    )
}
_MONTH = "|".join(MONTHS)
_AMOUNT = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_EURO = r"(?:EUR|euro|€)"
_QUOTE_MAX = 220

_ARTICLE = re.compile(r"(?m)^[ \t]*Artikel\s+(\d+)\.")
_SECTOR = re.compile(r"sociale\s+partners\s+van\s+de\s+sector\s+([^\n(,]+?)\s*(?:\(|,|\n|$)", re.IGNORECASE)
_MAX_SUBSIDY = re.compile(rf"maximale\s+subsidie\s+van\s+{_AMOUNT}\s*{_EURO}", re.IGNORECASE)
_TERM = re.compile(
    rf"periode\s+van\s+(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})\s+tot\s+en\s+met\s+(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})",
    re.IGNORECASE,
)
_BENEFICIARY = re.compile(r"uit\s+te\s+betalen\s+aan\s+(.+?)(?:,|\s\(|\s+ter\s+financiering)", re.IGNORECASE)
_FTE = re.compile(r"(\d+(?:,\d+)?)\s*VTE[\s-]*sectorconsulent", re.IGNORECASE)
_PCT_BEFORE = r"(\d+(?:,\d+)?)\s*%\s*is\s+de\s+{word}"  # "70% is de inspanningsfinanciering"
_PCT_AFTER = r"{word}\s*\(\s*(\d+(?:,\d+)?)\s*%\s*\)"  # "inspanningsfinanciering (80 %)"
_RESULT_HEADING = re.compile(r"(?m)^[ \t|]*RESULTAATSVERBINTENISSEN[ \t|]*$")
_RESULT_ROW = re.compile(r"(?:^|\|)[ \t]*(?:<p>)?[ \t]*Resultaatsverbintenis\s+(\d+)\b([^|<\n]{0,80})", re.MULTILINE)
_SALARY = re.compile(rf"Loonkostfinanciering\s+van\s+{_AMOUNT}\s*{_EURO}\s+per\s+VTE", re.IGNORECASE)
_ADDENDUM = re.compile(
    rf"(Addend(?:a|um)\b[^:\n]*?):\s*forfaitair\s+bedrag\s+van\s+{_AMOUNT}\s*{_EURO}\s+per\s+sector", re.IGNORECASE
)
_YEARS = re.compile(r"\b(20\d\d)\s*[–-]\s*(20\d\d)\b")
_RULE_SENTENCES = {
    "a_rato": re.compile(r"[^.\n]*\ba\s+rato\b[^.\n]*\.", re.IGNORECASE),
    "drempel": re.compile(r"[^.\n]*minder\s+dan\s+de\s+helft[^.\n]*\.", re.IGNORECASE),
    "afwezigheid": re.compile(
        r"[^.\n]*per\s+consulent\s+per\s+dag\s+van\s+de\s+looptijd[^.\n]*\.(?:\s*[^.\n]*vermenigvuldigd[^.\n]*\.)?",
        re.IGNORECASE,
    ),
}


def _clean(text: str) -> str:
    """Drop Markdown emphasis and HTML tags so patterns see the words."""
    text = re.sub(r"\*+", "", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", " ", text)
    return text.replace("\u00a0", " ")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _quote(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding text[start:end], shortened around the match if long."""
    newline, period = text.rfind("\n", 0, start), text.rfind(". ", 0, start)
    left = max(newline, period + 1 if period >= 0 else -1) + 1
    stops = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    sentence = _squash(text[left:right].lstrip("▪•-| "))
    if len(sentence) <= _QUOTE_MAX:
        return sentence
    match = _squash(text[start:end])
    at = sentence.find(match)
    if at < 0:
        return match
    pad = max(0, (_QUOTE_MAX - len(match)) // 2)
    lo, hi = max(0, at - pad), min(len(sentence), at + len(match) + pad)
    if lo > 0:  # cut at word boundaries
        lo = sentence.find(" ", lo) + 1
    if hi < len(sentence):
        hi = sentence.rfind(" ", 0, hi)
    prefix = "… " if lo > 0 else ""
    suffix = " …" if hi < len(sentence) else ""
    return prefix + sentence[lo:hi].strip() + suffix


class _Text:
    """A document's cleaned text with its article boundaries and line headings."""

    def __init__(self, document: SourceDocument) -> None:
        self.doc = document
        self.text = _clean(document.text)
        self.articles = [(m.start(), int(m.group(1))) for m in _ARTICLE.finditer(self.text)]

    def section_at(self, pos: int) -> str:
        article = None
        for start, number in self.articles:
            if start <= pos:
                article = number
            else:
                break
        heading = self._heading_before(pos)
        if heading == "RESULTAATSVERBINTENISSEN":
            return heading
        if article is not None:
            return f"Artikel {article}"
        if self.articles and pos < self.articles[0][0]:
            return "Aanhef"
        line = self.text.count("\n", 0, pos) + 1
        return f"{heading} (regel {line})" if heading else f"regel {line}"

    def _heading_before(self, pos: int) -> str:
        """Nearest earlier line that looks like a heading: short, capitalised, no bullet."""
        lines = self.text[:pos].split("\n")[:-1]
        for raw in reversed(lines[-40:]):
            line = raw.strip()
            if line and len(line) < 60 and line[0].isupper() and not line.startswith(("▪", "•", "-", "|")):
                if not line.startswith("Artikel") and not line.endswith((".", ",", ";")):
                    return line
        return ""

    def source(self, match: re.Match[str], group: int = 0) -> Source:
        start, end = match.span(group)
        return Source(self.doc.doc_id, self.section_at(start), _quote(self.text, start, end))

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.search(self.text)


def _number(raw: str, what: str, doc_id: str) -> Decimal:
    try:
        return parse_number(raw, what)
    except FinancingError as exc:  # pragma: no cover - patterns only capture digits
        raise FinancingError(f"{doc_id}: {exc}") from exc


def _cited_number(doc: _Text, pattern: re.Pattern[str], what: str) -> Cited[Decimal] | None:
    match = doc.search(pattern)
    if not match:
        return None
    return Cited(_number(match.group(1), what, doc.doc.doc_id), doc.source(match))


def _percentage(doc: _Text, word: str) -> Cited[Decimal] | None:
    for template in (_PCT_BEFORE, _PCT_AFTER):
        found = _cited_number(doc, re.compile(template.format(word=word), re.IGNORECASE), f"percentage {word}")
        if found:
            return found
    return None


def _term(doc: _Text) -> tuple[Cited[date], Cited[date]] | None:
    match = doc.search(_TERM)
    if not match:
        return None
    d1, m1, y1, d2, m2, y2 = match.groups()
    try:
        start = date(int(y1), MONTHS[m1.lower()], int(d1))
        end = date(int(y2), MONTHS[m2.lower()], int(d2))
    except ValueError:
        logger.warning("%s: term %r is not a valid date range", doc.doc.doc_id, match.group(0))
        return None
    source = doc.source(match)
    return Cited(start, source), Cited(end, source)


def _result_commitments(doc: _Text) -> Cited[int] | None:
    heading = doc.search(_RESULT_HEADING)
    offset = heading.end() if heading else 0
    rows: dict[int, re.Match[str]] = {}
    for match in _RESULT_ROW.finditer(doc.text, offset):
        rows.setdefault(int(match.group(1)), match)
    count = 0
    while count + 1 in rows:
        count += 1
    if count == 0:
        return None
    quote = " | ".join(
        _squash(f"Resultaatsverbintenis {n} {rows[n].group(2)}").rstrip(" .") + ("…" if len(rows[n].group(2)) >= 80 else "")
        for n in range(1, count + 1)
    )
    section = "RESULTAATSVERBINTENISSEN" if heading else doc.section_at(rows[1].start())
    return Cited(count, Source(doc.doc.doc_id, section, quote))


def extract_profile(document: SourceDocument) -> CovenantProfile | None:
    """The covenant profile of one document, or None when the text is not a sector covenant."""
    doc = _Text(document)
    subsidy = _cited_number(doc, _MAX_SUBSIDY, "maximale subsidie")
    sector_match = doc.search(_SECTOR)
    if subsidy is None or sector_match is None:
        return None
    sector = Cited(_squash(sector_match.group(1)), doc.source(sector_match, 1))
    beneficiary_match = doc.search(_BENEFICIARY)
    beneficiary = Cited(_squash(beneficiary_match.group(1)), doc.source(beneficiary_match)) if beneficiary_match else None
    term = _term(doc)
    rules = {}
    for name, pattern in _RULE_SENTENCES.items():
        match = doc.search(pattern)
        if match:
            rules[name] = Source(document.doc_id, doc.section_at(match.start()), _squash(match.group(0)))
    return CovenantProfile(
        doc_id=document.doc_id,
        title=document.title,
        sector=sector,
        beneficiary=beneficiary,
        term_start=term[0] if term else None,
        term_end=term[1] if term else None,
        max_subsidy=subsidy,
        fte=_cited_number(doc, _FTE, "aantal VTE"),
        effort_pct=_percentage(doc, "inspanningsfinanciering"),
        result_pct=_percentage(doc, "resultaatsfinanciering"),
        result_commitments=_result_commitments(doc),
        rules=rules,
    )


def _period(doc: _Text) -> Cited[str] | None:
    meta = str(doc.doc.metadata.get("period") or "")
    if re.fullmatch(r"\d{4}-\d{4}", meta):
        return Cited(meta, Source(doc.doc.doc_id, "metadata", f"period: {meta}"))
    counts = Counter((m.group(1), m.group(2)) for m in _YEARS.finditer(doc.text) if m.group(1) <= m.group(2))
    if not counts:
        return None
    (first, last), _ = counts.most_common(1)[0]
    match = next(m for m in _YEARS.finditer(doc.text) if (m.group(1), m.group(2)) == (first, last))
    return Cited(f"{first}-{last}", doc.source(match))


def extract_generation_rules(document: SourceDocument) -> GenerationRules | None:
    """Generation-wide rules stated in a document (split, salary cost per FTE, flat addendum)."""
    doc = _Text(document)
    effort = result = None
    for word in ("inspanningsfinanciering", "resultaatsfinanciering"):
        found = _cited_number(doc, re.compile(_PCT_AFTER.format(word=word), re.IGNORECASE), f"percentage {word}")
        if word == "inspanningsfinanciering":
            effort = found
        else:
            result = found
    salary = _cited_number(doc, _SALARY, "loonkostfinanciering per VTE")
    addendum_match = doc.search(_ADDENDUM)
    addendum = (
        Cited(_number(addendum_match.group(2), "addendum", document.doc_id), doc.source(addendum_match))
        if addendum_match
        else None
    )
    if salary is None and addendum is None and (effort is None or result is None):
        return None
    period = _period(doc)
    if period is None:
        logger.warning("%s: generation rules found but no period; skipped", document.doc_id)
        return None
    return GenerationRules(
        doc_id=document.doc_id,
        title=document.title,
        period=period,
        effort_pct=effort,
        result_pct=result,
        salary_per_fte=salary,
        addendum_per_sector=addendum,
        addendum_name=_squash(addendum_match.group(1)) if addendum_match else "addendum",
    )


def extract_profiles(documents: Iterable[SourceDocument]) -> list[CovenantProfile]:
    """Covenant profiles of the documents that are sector covenants, in input order."""
    return [p for p in (extract_profile(d) for d in documents) if p is not None]


def extract_all_generation_rules(documents: Iterable[SourceDocument]) -> list[GenerationRules]:
    return [g for g in (extract_generation_rules(d) for d in documents) if g is not None]


def load_corpus_documents(corpus_dir: Path | str) -> list[SourceDocument]:
    """Load every supported file of a corpus folder with the ingest loaders and metadata.yaml.

    Raises ConfigError when the folder does not exist; a bad file raises the loader's IngestError.
    """
    from ingest.loaders import SUPPORTED_EXTENSIONS, load_document
    from ingest.metadata import SIDECAR_NAME, read_sidecar

    folder = Path(corpus_dir)
    if not folder.is_dir():
        raise ConfigError(f"corpusmap {str(folder)!r} bestaat niet")
    sidecar = read_sidecar(folder)
    paths = sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS and p.name != SIDECAR_NAME
    )
    return [load_document(path, sidecar=sidecar) for path in paths]
