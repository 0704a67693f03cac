"""Read covenant terms from document text, by structure and meaning, each value with its citation.

A covenant (or addendum, or extension) is recognised by what it says: the social partners of a
sector, and a maximum subsidy, a number of FTE consultants or an effort/result split. Terms are
found by the kind of statement (an amount with a "maximum" and a "subsidy/toelage" word; a
percentage next to "inspanning" or "resultaat"; a share after "minder dan" in a sentence about
result financing), in digits or words, never by a document id, a sector name or one document's
sentences. A term the text does not state is left out. Spans are offsets in the document text.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from assistant.financing.clauses import (
    DocText,
    find_amount,
    find_fte,
    find_result_rule,
    find_split,
    find_term,
)
from assistant.financing.model import Cited, CovenantProfile, GenerationRules, Kind, Source
from assistant.financing.wording import EURO_AMOUNT, parse_amount
from assistant.textnl import SECTOR_OF_PATTERN, STOPWORDS, fold
from assistant.types import SourceDocument, shown_title
from assistant.wordclass import is_noun, only_verb

logger = logging.getLogger(__name__)

SectionFn = Callable[[int], str]

_PARTNERS = re.compile(r"sociale\s+partners\s*,?\s+(?:van|uit)\s+", re.IGNORECASE)
_NAME_STOP = re.compile(r"\(|:|;|\.\s|\b(?:PS?C|P\.S?\.?C\.)\s*\d{3}|\bmet\s+als\b|\bhierna\b|\bhierbij\b|\bwordt\b|,\s*(?:met|en\s+als)\b|\n(?=\s*[A-Z\[])|$")
_LEADING = re.compile(rf"^(?:(?:de|het)\s+)?(?:{SECTOR_OF_PATTERN})?", re.IGNORECASE)
_PC = re.compile(
    r"\b(?:PC'?s?|P\.C\.|paritair(?:e)?\s+comit(?:é|e)(?:'?s)?)\s*(?:nr\.?\s*)?"
    r"((?:\d{3}(?:\.\d{1,2})?)(?:\s*(?:,|en|&|/)\s*(?:PC\s*)?\d{3}(?:\.\d{1,2})?)*)",
    re.IGNORECASE,
)
_BENEFICIARY = re.compile(r"\baan\s+((?:het\s+|de\s+)?[A-Za-z0-9][^,(;]{1,160}?)(?=\s*(?:\(|,|;|\s[-–]\s|\s+ter\s+|\s+een\s+|\s+waarmee\s+|\.\s+[A-Z]|\.?\s*$))")
_PAID_TO = re.compile(r"(?:uit\s+te\s+betalen|uitbetaald|toegekend|betaalt)\s+aan\b", re.IGNORECASE)
_SALARY = re.compile(r"loonkost", re.IGNORECASE)
_PER_FTE = re.compile(r"^\s*per\s+(?:VTE|FTE|voltijd\w*|(?:sector)?consulent)", re.IGNORECASE)
_ADDENDUM_FLAT = re.compile(
    rf"(Addend(?:a|um)\b[^:\n]*?):\s*forfaitair\s+bedrag\s+van\s+(?:{EURO_AMOUNT.pattern})\s+per\s+sector", re.IGNORECASE
)
_YEARS = re.compile(r"\b(20\d\d)\s*[–-]\s*(20\d\d)\b")
_RESULT_HEADING = re.compile(r"(?m)^[ \t|]*RESULTAATSVERBINTENISSEN[ \t|]*$")
_RESULT_ROW = re.compile(r"(?:^|\|)[ \t]*(?:<p>)?[ \t]*Resultaatsverbintenis\s+(\d+)\b([^|<\n]{0,80})", re.MULTILINE)
_ABSENCE = re.compile(
    r"[^.\n]*per\s+consulent\s+per\s+dag\s+van\s+de\s+looptijd[^.\n]*\.(?:\s*[^.\n]*vermenigvuldigd[^.\n]*\.)?",
    re.IGNORECASE,
)


def parties_names(text: str, limit: int = 6000) -> Iterator[tuple[str, int, int]]:
    """The names after "de sociale partners van ..." in the opening of a covenant's text (how a
    covenant, addendum or protocol names the sector it is made with), with their spans: "de
    sector van de private autobus- en autocarbedrijven (PC 140.01)" gives "private autobus- en
    autocarbedrijven". Also what ingest reads a document's sector from (``ingest/sector.py``)."""
    for match in _PARTNERS.finditer(text, 0, min(len(text), limit)):
        rest = text[match.end() : match.end() + 200]
        stop = _NAME_STOP.search(rest)
        raw = rest[: stop.start() if stop else len(rest)]
        name = re.sub(r"\s+", " ", raw).strip(" ,-–")
        name = _LEADING.sub("", name).strip()
        if len(name) < 2 or name.lower() in {"de sector", "sector"}:
            continue
        words = [fold(w.strip(".,")) for w in name.split()[:2]]
        if only_verb(words[0]) and not (len(words) > 1 and words[1] not in STOPWORDS and is_noun(words[1])):
            # "de sociale partners van de sector liep over de periode 2010-2011": no name; but a
            # participle before a noun is an adjective of one ("van het bezoldigd personenvervoer")
            continue
        start = match.end() + rest.find(raw.lstrip()[:1]) if raw.strip() else match.end()
        yield name, start, start + len(raw.rstrip())


def _sector(doc: DocText) -> tuple[Cited[str], tuple[str, ...]] | None:
    """The sector named after "de sociale partners van ...", in the opening of the text."""
    for name, start, end in parties_names(doc.text):
        if name.isupper() and len(name) > 6:
            continue  # "SOCIALE PARTNERS VAN SECTOR X" headings repeat the title in capitals
        return Cited(name, doc.source(start, end)), _aliases(name)
    return None


def _aliases(name: str) -> tuple[str, ...]:
    """Shorter names for the same sector: "bouwsector" -> "bouw", "X en de sector van de Y" -> X, Y."""
    parts = re.split(r"\s*(?:,|\ben\s+(?:de\s+)?sector\s+(?:van\s+(?:de|het)\s+)?|\ben\s+de\s+)\s*", name)
    out: list[str] = []
    for part in [name, *parts]:
        part = _LEADING.sub("", part.strip()).strip()
        for candidate in (part, re.sub(r"\s*sector$", "", part, flags=re.IGNORECASE)):
            if len(candidate) >= 4 and candidate not in out and candidate != name:
                out.append(candidate)
    return tuple(out)


def _span(item: Cited | None) -> tuple[int, int] | None:
    if item is None or item.source is None or item.source.start is None or item.source.end is None:
        return None
    return item.source.start, item.source.end


def _pc_numbers(doc: DocText, head_end: int) -> Cited[tuple[str, ...]] | None:
    numbers: list[str] = []
    first: re.Match[str] | None = None
    for match in _PC.finditer(doc.text, 0, head_end):
        first = first or match
        for number in re.findall(r"\d{3}(?:\.\d{1,2})?", match.group(1)):
            if number not in numbers:
                numbers.append(number)
    if not numbers or first is None:
        return None
    return Cited(tuple(numbers), doc.source(*first.span()))


def _beneficiary(doc: DocText, subsidy_span: tuple[int, int] | None) -> Cited[str] | None:
    """Who is paid: the "aan X" of the subsidy sentence, or of the first "uit te betalen aan"."""
    if subsidy_span is None:
        paid = _PAID_TO.search(doc.text)
        if paid is None:
            return None
        subsidy_span = paid.span()
    left, right = doc.sentence_bounds(*subsidy_span)
    sentence = doc.text[left:right]
    for match in _BENEFICIARY.finditer(sentence):
        name = re.sub(r"\s+", " ", match.group(1)).strip(" -–")
        if name.lower().startswith(("de sector", "het sector", "de sociale")):
            continue
        return Cited(name, doc.source(left + match.start(1), left + match.end(1)))
    return None


def _salary(doc: DocText) -> Cited | None:
    for match in EURO_AMOUNT.finditer(doc.text):
        if not _PER_FTE.match(doc.text[match.end() : match.end() + 40]):
            continue
        left, right = doc.sentence_bounds(*match.span())
        if _SALARY.search(doc.text[left:right]):
            value = parse_amount(match)
            if value is not None:
                return Cited(value, doc.source(*match.span()))
    return None


def _result_commitments(doc: DocText) -> Cited[int] | None:
    heading = _RESULT_HEADING.search(doc.text)
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
        re.sub(r"\s+", " ", f"Resultaatsverbintenis {n} {rows[n].group(2)}").strip().rstrip(" .")
        + ("…" if len(rows[n].group(2)) >= 80 else "")
        for n in range(1, count + 1)
    )
    first = rows[1]
    section = "RESULTAATSVERBINTENISSEN" if heading else doc.section_at(first.start())
    return Cited(count, Source(doc.doc.doc_id, section, quote, first.start(), rows[count].end()))


def _kind(doc: DocText) -> Kind:
    opening = doc.text[:600].lower() + " " + doc.doc.title.lower()
    if "addendum" not in opening and "addenda" not in opening:
        return "sectorconvenant"
    if re.search(r"verleng\w*\s+(?:\w+\s+){0,5}looptijd|verlenging", doc.text[:4000], re.IGNORECASE):
        return "verlenging"
    return "addendum"


def extract_profile(document: SourceDocument, sections: SectionFn | None = None) -> CovenantProfile | None:
    """The terms of one covenant, addendum or extension, or None when the text is none of these.

    ``sections`` maps a character offset to its section path (the index's chunks); without it the
    article ("Artikel 2") or line is used.
    """
    doc = DocText(document, sections)
    sector = _sector(doc)
    if sector is None:
        return None
    subsidy = find_amount(doc)
    fte = find_fte(doc)
    effort, result = find_split(doc)
    if subsidy is None and fte is None and effort is None and result is None:
        return None
    term = find_term(doc)
    pro_rata, threshold, pays = find_result_rule(doc)
    rules: dict[str, Source] = {}
    if pro_rata is not None and pro_rata.source is not None:
        rules["a_rato"] = pro_rata.source
    if threshold is not None and threshold.source is not None:
        rules["drempel"] = threshold.source
    absence = _ABSENCE.search(doc.text)
    if absence:
        rules["afwezigheid"] = doc.source(absence.start(), absence.end())
    head_end = doc.articles[0][0] if doc.articles else min(len(doc.text), 3000)
    return CovenantProfile(
        doc_id=document.doc_id,
        title=shown_title(document.title, document.metadata),
        sector=sector[0],
        aliases=sector[1],
        kind=_kind(doc),
        pc_numbers=_pc_numbers(doc, max(head_end, 400)),
        beneficiary=_beneficiary(doc, _span(subsidy)),
        term_start=term[0] if term else None,
        term_end=term[1] if term else None,
        max_subsidy=subsidy,
        fte=fte,
        effort_pct=effort,
        result_pct=result,
        result_commitments=_result_commitments(doc),
        salary_per_fte=_salary(doc),
        pro_rata=pro_rata,
        threshold=threshold,
        threshold_pays=pays,
        rules=rules,
    )


def _period(doc: DocText) -> Cited[str] | None:
    meta = str(doc.doc.metadata.get("period") or "")
    if re.fullmatch(r"\d{4}-\d{4}", meta):
        return Cited(meta, Source(doc.doc.doc_id, "metadata", f"period: {meta}"))
    counts = Counter((m.group(1), m.group(2)) for m in _YEARS.finditer(doc.text) if m.group(1) <= m.group(2))
    if not counts:
        return None
    (first, last), _ = counts.most_common(1)[0]
    match = next(m for m in _YEARS.finditer(doc.text) if (m.group(1), m.group(2)) == (first, last))
    return Cited(f"{first}-{last}", doc.source(*match.span()))


def extract_generation_rules(document: SourceDocument, sections: SectionFn | None = None) -> GenerationRules | None:
    """Rules a general text states for a whole generation (split, salary cost per FTE, flat
    addendum, result rule); None for covenants and for texts that state none."""
    doc = DocText(document, sections)
    if _sector(doc) is not None and (find_amount(doc) or find_fte(doc)):
        return None  # a covenant's own terms are its profile
    effort, result = find_split(doc)
    salary = _salary(doc)
    addendum_match = _ADDENDUM_FLAT.search(doc.text)
    addendum = None
    if addendum_match:
        value = parse_amount(addendum_match.group(2) or addendum_match.group(3))
        if value is not None:
            addendum = Cited(value, doc.source(*addendum_match.span()))
    pro_rata, threshold, pays = find_result_rule(doc)
    if salary is None and addendum is None and (effort is None or result is None) and pro_rata is None and threshold is None:
        return None
    period = _period(doc)
    if period is None:
        logger.warning("%s: generation rules found but no period; skipped", document.doc_id)
        return None
    return GenerationRules(
        doc_id=document.doc_id,
        title=shown_title(document.title, document.metadata),
        period=period,
        effort_pct=effort,
        result_pct=result,
        salary_per_fte=salary,
        addendum_per_sector=addendum,
        addendum_name=re.sub(r"\s+", " ", addendum_match.group(1)).strip() if addendum_match else "addendum",
        pro_rata=pro_rata,
        threshold=threshold,
        threshold_pays=pays,
    )


def extract_profiles(documents: Iterable[SourceDocument]) -> list[CovenantProfile]:
    """Terms of the documents that are covenants, addenda or extensions, in input order."""
    return [p for p in (extract_profile(d) for d in documents) if p is not None]


def extract_all_generation_rules(documents: Iterable[SourceDocument]) -> list[GenerationRules]:
    return [g for g in (extract_generation_rules(d) for d in documents) if g is not None]
