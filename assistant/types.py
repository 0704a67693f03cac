"""Plain typed records shared by ingest, retrieval, answering, UI and evaluation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Union
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from assistant.financing.model import FinancingResult

SECTION_SEP = " › "


# The top-level domains that say nothing of a site's name: the generic ones of the DNS's first
# years; a two-letter one is a country's (.be, .nl, .eu). A newer one often is part of the name
# ("zelfstandige.vlaanderen" is "Zelfstandige Vlaanderen", "visit.brussels").
GENERIC_TLDS = frozenset({"com", "org", "net", "info", "biz", "edu", "gov", "int", "mil", "arpa"})


def publisher(address: str) -> str:
    """The name in a public address's host, without "www" and a generic or country top-level
    domain: the site that publishes the page ("https://www.serv.be/..." -> "serv",
    "https://vorm-dc.be/" -> "vorm-dc", "https://www.zelfstandige.vlaanderen/" -> "zelfstandige
    vlaanderen")."""
    host = (urlsplit(address.strip()).hostname or "") if "//" in address else ""
    if "." not in host:
        return ""  # no address, no scheme, or a host of no domain ("localhost")
    labels = [label for label in host.split(".") if label and label != "www"]
    if len(labels) > 1 and (len(labels[-1]) == 2 or labels[-1] in GENERIC_TLDS):
        labels = labels[:-1]
    return " ".join(labels)


_PATH_COMITE = re.compile(r"(?<![a-z0-9])(ps?c)[-_ ]?(\d{3}(?:[.-]\d{2}(?![0-9]))?)(?![0-9])", re.I)
_PATH_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d\d)(?:[-/_](?:0[1-9]|1[0-2]))?(?![0-9])")


def address_facts(address: str, *, comites: bool = True) -> str:
    """What a public address's path says of its page: the comités of its sections
    (".../Industrie/PC-209-Metaal/CAO/" -> "PC 209"; not with ``comites`` false) and the year of a
    dated path (".../blog/2016/04/6568/" -> "2016"); a long number (an id) is no year."""
    path = urlsplit(address.strip()).path if "//" in address else ""
    found = [f"{m.group(1).upper()} {m.group(2).replace('-', '.')}" for m in _PATH_COMITE.finditer(path)] if comites else []
    found += [m.group(1) for m in _PATH_YEAR.finditer(path)]
    return "; ".join(dict.fromkeys(found))


# The words with which Dutch names the kinds of publication ingest tells apart
# (``ingest.metadata._infer_type``): general vocabulary of document kinds, not of any one document.
# A question that says where it read something ("volgens die FAQ", "het nieuwsbericht van juli
# 2023", "het protocol van samenwerking") names the document by its kind. Only a name's distinctive
# words: "vragen" of "veelgestelde vragen" and "samenwerking" of "protocol van samenwerking" say
# nothing about a document on their own. The covenant kinds themselves (sectorconvenant, addendum,
# akkoord) are left out: every document here is about covenants and their addenda, so those words
# name the subject of a question, not where it was read.
KIND_NAMES: dict[str, str] = {
    "protocol": "protocol",
    "nieuwsbericht": "nieuwsbericht persbericht bericht",
    "presentatie": "presentatie",
    "faq": "FAQ veelgestelde",
    "rapport": "rapport studie",
}


# A text of no kind of its own (ingest's default, "beleidstekst") published at a public address is
# a web page: "volgens de SERV-pagina", "op de site van mediarte", "het ABVV-bericht" (a post on
# its site) name it by that kind.
WEB_PAGE_NAMES = "pagina webpagina website site bericht"
PLAIN_KIND = "beleidstekst"


def kind_names(doc_type: str, source: str = "") -> str:
    """The words that name a document of kind ``doc_type`` published at ``source`` (its public
    address, if any); "" for a kind without a name."""
    if doc_type == PLAIN_KIND and "//" in source:
        return WEB_PAGE_NAMES
    return KIND_NAMES.get(doc_type, "")


def shown_title(title: str, metadata: dict[str, Any]) -> str:
    """The title users see: ingest's ``display_title`` (a file reference or download label above
    the document's own title skipped) when it inferred one, else ``title``."""
    return str(metadata.get("display_title") or title)


@dataclass(frozen=True)
class SourceDocument:
    """A loaded document: its canonical text (what chunk spans point into) and metadata.

    ``pages`` lists (page number, start offset in ``text``) for paged formats such as PDF.
    """

    doc_id: str
    path: str
    text: str
    title: str
    doc_type: str
    metadata: dict[str, Any] = field(default_factory=dict, hash=False)
    pages: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        page = None
        for number, start in self.pages:
            if start <= offset:
                page = number
            else:
                break
        return page


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage of a document."""

    id: str
    doc_id: str
    title: str
    doc_type: str
    section: str  # section path, parts joined by SECTION_SEP, e.g. "Artikel 4 › Thema 3"
    position: int  # 0-based order within the document
    start: int  # character span in the document's canonical text
    end: int
    text: str
    content_hash: str
    page: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def header(self) -> str:
        return f"{self.title} | {self.section}" if self.section else self.title

    @property
    def label(self) -> str:
        """The title citations show (``display_title``: ingest's cleaner title), else ``title``."""
        return shown_title(self.title, self.metadata)

    @property
    def source(self) -> str:
        """The document's public address (a folder's ``SOURCES.md`` or ``metadata.yaml``), or ""."""
        return str(self.metadata.get("source") or "")

    @property
    def keyword_text(self) -> str:
        """Text the keyword index holds: ``embed_text``, the publisher of the public address
        ("volgens de SERV" finds a page on serv.be that never writes "SERV") and the names of the
        document's kind ("volgens de FAQ" finds a text titled "Veelgestelde vragen")."""
        extra = [name for name in (publisher(self.source), kind_names(self.doc_type, self.source)) if name]
        return "\n".join([self.embed_text, *extra])

    @property
    def embed_text(self) -> str:
        """Text that is embedded and keyword-indexed: context header + passage."""
        return f"{self.header}\n{self.text}"


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float
    sources: tuple[str, ...] = ()  # which retrievers found it ("bm25", "dense")


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    title: str
    section: str
    page: int | None
    quote: str
    score: float
    chunk_id: str = ""
    source: str = ""  # the document's public address, when known

    @classmethod
    def of(cls, n: int, chunk: Chunk, quote: str, score: float) -> Citation:
        """Footnote ``n`` quoting ``chunk``: its document, shown title, section, page and address."""
        return cls(n, chunk.doc_id, chunk.label, chunk.section, chunk.page, quote, score, chunk.id, chunk.source)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "n": self.n,
            "doc_id": self.doc_id,
            "title": self.title,
            "section": self.section,
            "page": self.page,
            "quote": self.quote,
            "score": round(self.score, 4),
        }
        if self.source:
            data["source"] = self.source
        return data


Status = Literal["answered", "not_found", "calculation"]


@dataclass(frozen=True)
class CalculationFailed:
    """A money question the calculator could not compute: the reason, and the term (a rule or
    parameter) the documents do not give, when that is why (``MissingTermError.term``)."""

    message: str
    missing: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.message, **({"missing": self.missing} if self.missing else {})}


#: What ``Answer.calculation`` holds: the calculator's result, or why there is none.
Calculation = Union["FinancingResult", CalculationFailed]


@dataclass(frozen=True)
class Answer:
    """One answer, built once at the end of a turn (never changed afterwards)."""

    question: str
    answer: str
    status: Status
    citations: list[Citation] = field(default_factory=list)
    calculation: Calculation | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # visible remarks (fallbacks, truncation, ...)
    retrieved_doc_ids: list[str] = field(default_factory=list)  # retrieval ranking, for evaluation
    retrieved_passages: list[str] = field(default_factory=list)  # their texts, same order

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "status": self.status,
            "citations": [c.to_dict() for c in self.citations],
            "calculation": self.calculation.to_dict() if self.calculation is not None else None,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
