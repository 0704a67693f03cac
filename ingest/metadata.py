"""Document metadata: the ``metadata.yaml`` sidecar and what can be read off the text itself.

The sidecar maps document ids (file stems) to known facts: title, type, date, generation,
period, sector, source (the public address; also read from a folder's ``SOURCES.md``).
``infer_metadata`` guesses the same fields from the document's first lines, so a new covenant
without a sidecar entry still gets a useful title, type and period. Sidecar values
always win (``merge_metadata``); an explicit ``null`` in the sidecar removes an inferred value.
Inference also gives ``display_title`` when the first line is not the document's own title (a
file reference, a download label, a lone word above it): citations show it, while the indexed
``title`` stays the first line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import IngestError
from assistant.textnl import MONTH_NUMBERS, MONTH_PATTERN, YEAR_PATTERN
from ingest.normalize import normalize_text
from ingest.sector import infer_sector

__all__ = [
    "DOC_TYPES",
    "SIDECAR_NAME",
    "SidecarEntry",
    "infer_metadata",
    "merge_metadata",
    "parse_dutch_date",
    "read_sidecar",
    "validate_entry",
]

SIDECAR_NAME = "metadata.yaml"
DOC_TYPES = (
    "sectorconvenant",
    "addendum",
    "nieuwsbericht",
    "presentatie",
    "akkoord",
    "beleidstekst",
)
TITLE_MAX_CHARS = 200

_PERIOD_PATTERN = r"^(?:\d{4}-\d{4}|\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2})$"


class SidecarEntry(BaseModel):
    """One document's entry in ``metadata.yaml``. Unknown keys are an error (typos surface)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=1)
    type: str | None = Field(default=None, pattern=r"^[a-z][a-z_-]*$")
    date: dt.date | None = None
    generation: int | None = Field(default=None, ge=1, le=99)
    period: str | None = Field(default=None, pattern=_PERIOD_PATTERN)
    sector: str | None = Field(default=None, min_length=1)
    source: str | None = Field(default=None, pattern=r"^https?://\S+$")  # the public address

    @field_validator("date", mode="before")
    @classmethod
    def _no_datetime(cls, value: Any) -> Any:
        # YAML turns "2023-07-18 10:00" into a datetime; a document date has no time of day.
        if isinstance(value, dt.datetime):
            raise ValueError("expected a date (YYYY-MM-DD), got a date with a time")
        return value

    def as_metadata(self) -> dict[str, Any]:
        """Only the keys the entry sets (an explicit null stays as None); dates as ISO strings."""
        data = self.model_dump(exclude_unset=True)
        if isinstance(data.get("date"), dt.date):
            data["date"] = data["date"].isoformat()
        return data


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "entry"
        parts.append(f"field '{field}': {error['msg']}")
    return "; ".join(parts)


def validate_entry(entry: Any, *, source: str, doc_id: str) -> dict[str, Any]:
    """Validate one sidecar entry; an ``IngestError`` names the source, the entry and the field."""
    if not isinstance(entry, dict):
        raise IngestError(
            f"{source}: entry '{doc_id}' must be a mapping of fields, got {type(entry).__name__}"
        )
    try:
        return SidecarEntry.model_validate(entry).as_metadata()
    except ValidationError as exc:
        raise IngestError(f"{source}: entry '{doc_id}': {_describe(exc)}") from exc


def read_sidecar(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """Parse ``corpus_dir/metadata.yaml`` (or the YAML file itself) into {doc_id: fields}.

    A missing sidecar is not an error (returns ``{}``); a malformed one is.
    """
    corpus_dir = Path(corpus_dir)
    path = corpus_dir if corpus_dir.is_file() else corpus_dir / SIDECAR_NAME
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path}: sidecar is not UTF-8 ({exc.reason} at byte {exc.start})"
        ) from exc
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 1}, column {mark.column + 1}"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise IngestError(f"{path}: invalid YAML{where}: {problem}") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise IngestError(
            f"{path}: expected a mapping of document ids to fields, got {type(raw).__name__}"
        )
    entries: dict[str, dict[str, Any]] = {}
    for doc_id, entry in raw.items():
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise IngestError(
                f"{path}: document id {doc_id!r} must be a non-empty string (quote it in YAML)"
            )
        entries[doc_id] = validate_entry(entry, source=str(path), doc_id=doc_id)
    return entries


def merge_metadata(*layers: dict[str, Any] | None) -> dict[str, Any]:
    """Later layers win; a None value in a later layer removes the key (sidecar ``date: null``)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        if layer:
            merged.update(layer)
    return {key: value for key, value in merged.items() if value is not None}


# --- inference -----------------------------------------------------------------------------------

_DATE = rf"(\d{{1,2}})\s+({MONTH_PATTERN})\s+(\d{{4}})"
_DATE_RE = re.compile(rf"\b{_DATE}\b", re.IGNORECASE)
_EXPLICIT_PERIOD_RE = re.compile(
    rf"\bperiode\s+van\s+{_DATE}\s+(?:tot\s+en\s+met|tot|t\.?\s?e\.?\s?m\.?|t/m)\s+{_DATE}",
    re.IGNORECASE,
)
_YEAR_RANGE_RE = re.compile(rf"(?<![\d.,])({YEAR_PATTERN})\s*[-–—]\s*({YEAR_PATTERN})(?![\d.,])")
_ORDINALS = {
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
    "vijfde": 5,
    "zesde": 6,
    "zevende": 7,
    "achtste": 8,
    "negende": 9,
    "tiende": 10,
    "elfde": 11,
    "twaalfde": 12,
}
_GENERATION_RE = re.compile(
    rf"\b({'|'.join(_ORDINALS)}|\d{{1,2}}\s?(?:ste|de|e))\s+generatie\b", re.IGNORECASE
)
_NAMED_PERIOD_RE = re.compile(
    r"\b(?:periode|legislatuur|looptijd)\s+(?:van\s+)?(\d{4}\s*[-–—]\s*\d{4})",
    re.IGNORECASE,
)
_HEADING_RE = re.compile(r"^#{1,6}\s+(.+)$")
_BULLET_RE = re.compile(r"^(?:- |\[[ x]\] )")
# The document kinds a covenant's own title opens with (general covenant vocabulary).
_DOCUMENT_KIND_START = re.compile(r"^(?:sector)?(?:convenant|addendum|protocol)\b", re.IGNORECASE)
# A document that opens as an agreement between the government and a sector's partners, without
# numbered articles in its first pages: "Sectorconvenant 2013-2014 tussen de Vlaamse Regering en
# de sociale partners ...", "(Vlaamse regering) PROTOCOL VAN SAMENWERKING TUSSEN DE VLAAMSE REGERING",
# or with the parties on the next line ("PROTOCOL VAN SAMENWERKING In het kader van het Akkoord
# 2003 – 2004" / "TUSSEN DE VLAAMSE REGERING EN ...").
_AGREEMENT_OPENING = re.compile(
    r"^(?:vlaamse\s+regering\s+)?((?:sector)?convenant|protocol\s+van\s+samenwerking)\b"
    r"(?:[^\n.]{0,40}?\b|[^\n.]{0,60}\n)tussen\s+de\s+vlaamse\s+regering\b",
    re.IGNORECASE | re.MULTILINE,
)
_FAQ_RE = re.compile(r"\bveelgestelde\s+vragen\b|\bFAQ\b", re.IGNORECASE)
# a report names itself so on its title page ("Rapport 30 april 2015", "Eindrapport")
_REPORT_RE = re.compile(r"\b(?:[Ee]ind|[Oo]nderzoeks|[Ee]valuatie)?[Rr]apport\b")
OPENING_CHARS = 400  # a title page: the first lines, at most this long
_DOWNLOAD_LABEL = re.compile(r"\s*\((?:pdf|docx?|xlsx?|odt)\s*/\s*[\d.,]+\s*[kmg]?b\)\s*$", re.IGNORECASE)
_RESIDUE_RE = re.compile(
    r"^(?:gedaan met laden|bezig met laden|u bevindt zich|u bent hier|je bent hier)", re.I
)

HEAD_CHARS = 6000  # inference looks at the start of the document only
HEAD_LINES = 10
SHORT_LINE = 80  # a heading or dateline, not a sentence


def parse_dutch_date(text: str) -> str | None:
    """'18 juli 2023' -> '2023-07-18' (first valid Dutch date in ``text``), else None."""
    for match in _DATE_RE.finditer(text):
        iso = _date_from_parts(*match.groups())
        if iso:
            return iso
    return None


def _date_from_parts(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), MONTH_NUMBERS[month.lower()], int(day)).isoformat()
    except ValueError:
        return None


def _head(text: str) -> str:
    if len(text) <= HEAD_CHARS:
        return text
    cut = text.rfind("\n", 0, HEAD_CHARS)
    return text[: cut if cut > 0 else HEAD_CHARS]


def _cap(title: str) -> str:
    title = title.strip()
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title.rfind(" ", 0, TITLE_MAX_CHARS - 1)
    return title[: cut if cut > TITLE_MAX_CHARS // 2 else TITLE_MAX_CHARS - 1].rstrip() + "…"


def _first_heading(lines: list[str]) -> str | None:
    for line in lines[:20]:
        heading = _HEADING_RE.match(line)
        if heading:
            return _cap(heading.group(1))
    return None


def _infer_title(lines: list[str], path: Path) -> str:
    heading = _first_heading(lines)
    if heading:
        return heading
    for line in lines:
        if _RESIDUE_RE.match(line) or _BULLET_RE.match(line):
            continue
        if len(line) >= 8 and sum(ch.isalpha() for ch in line) >= 5:
            title = line[0].upper() + line[1:]
            return _cap(title)
    return path.stem


def _display_title(lines: list[str], title: str) -> str:
    """The title citations show: ``title`` (``_infer_title``'s) when it is a Markdown heading; else
    the covenant's own title when one of the first three lines opens with a document kind
    ("Sectorconvenant 2018-2019 afgesloten ...", "Addendum ...", "Protocol ..."), so a file
    reference ("VR 2018 0203 DOC.0188/43"), a lone word ("Contract") or a download label ("Bouw
    (pdf / 0.81 MB)") above it is passed over, and a title hard-wrapped over lines that go on in
    lower case is joined; else ``title`` without its download label. Only shown: the indexed text
    and the answer signals keep ``title`` (a better title there cost answers on the tuning part;
    eval/HISTORY.md)."""
    if _first_heading(lines):
        return title
    top = [i for i, line in enumerate(lines) if not (_RESIDUE_RE.match(line) or _BULLET_RE.match(line))][:3]
    first = next((i for i in top if _DOCUMENT_KIND_START.match(lines[i])), None)
    if first is None:
        return _DOWNLOAD_LABEL.sub("", title) or title
    shown = lines[first]
    for line in lines[first + 1:first + 4]:  # "... tussen de Vlaamse Regering" / "en de sociale partners ..."
        if not line[:1].islower() or len(shown) + len(line) >= TITLE_MAX_CHARS:
            break
        shown = f"{shown} {line}"
    return _cap(shown[0].upper() + shown[1:])


def _infer_type(head: str, lines: list[str]) -> str:
    """The document's kind, from its own opening: addendum, sectorconvenant, protocol (of
    cooperation), nieuwsbericht, faq, akkoord, rapport, presentatie; else beleidstekst."""
    first = "\n".join(lines[:3])
    top = "\n".join(lines[:HEAD_LINES])
    if re.search(r"\baddendum\b", first, re.IGNORECASE):
        return "addendum"
    if re.search(r"\bsectorconvenant\b", head, re.IGNORECASE) and re.search(
        r"^Artikel\s+1\b|WORDT OVEREENGEKOMEN", head, re.MULTILINE
    ):
        return "sectorconvenant"
    agreement = _AGREEMENT_OPENING.search(first)
    if agreement:
        return "protocol" if agreement.group(1).lower().startswith("protocol") else "sectorconvenant"
    if re.search(r"\bNieuwsbericht(?:en)?\b", top):
        return "nieuwsbericht"
    if _FAQ_RE.search(first[:OPENING_CHARS]):
        return "faq"
    if re.search(r"\bVESOC\b|akkoord\b", lines[0] if lines else "", re.IGNORECASE):
        return "akkoord"
    if _REPORT_RE.search(first[:OPENING_CHARS]):
        return "rapport"
    bullets = [line for line in lines if _BULLET_RE.match(line)]
    if len(lines) >= 8 and len(bullets) >= 0.5 * len(lines):
        mean_length = sum(map(len, bullets)) / len(bullets)
        if mean_length < 100:
            return "presentatie"
    return "beleidstekst"


def _infer_period(head: str, title: str, lines: list[str]) -> str | None:
    explicit = _EXPLICIT_PERIOD_RE.search(head)
    if explicit:
        start = _date_from_parts(*explicit.groups()[:3])
        end = _date_from_parts(*explicit.groups()[3:])
        if start and end and start <= end:
            return f"{start}/{end}"
    # "voor de periode 2019-2024", "legislatuur 2019-2024" anywhere in the head; otherwise a
    # range in the title or in a short heading-like line (not in a long sentence about history).
    named = [m.group(1) for m in _NAMED_PERIOD_RE.finditer(head)]
    short = [line for line in lines if len(line) <= SHORT_LINE and not _BULLET_RE.match(line)]
    for candidate in (*named, title, *short):
        for match in _YEAR_RANGE_RE.finditer(candidate):
            start_year, end_year = int(match.group(1)), int(match.group(2))
            if 0 < end_year - start_year <= 6:
                return f"{start_year}-{end_year}"
    return None


def _infer_date(title: str, lines: list[str]) -> str | None:
    """A dateline near the top: the title or a short line among the first lines."""
    short = [line for line in lines[:HEAD_LINES] if len(line) <= SHORT_LINE]
    return parse_dutch_date("\n".join([title, *short]))


def _infer_generation(head: str) -> int | None:
    match = _GENERATION_RE.search(head)
    if not match:
        return None
    word = match.group(1).lower()
    if word in _ORDINALS:
        return _ORDINALS[word]
    return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]


def infer_metadata(text: str, path: Path) -> dict[str, Any]:
    """Guess title, type, period, date, generation and sector from the start of ``text``.

    Always returns ``title`` and ``type``; the other keys only when the text states them.
    Works on raw or already normalised text (the head is normalised here; that is idempotent).
    """
    head = normalize_text(_head(text))
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    title = _infer_title(lines, Path(path))
    result: dict[str, Any] = {"title": title, "type": _infer_type(head, lines)}
    shown = _display_title(lines, title)
    if shown != title:
        result["display_title"] = shown
    period = _infer_period(head, title, lines)
    if period:
        result["period"] = period
    date = _infer_date(title, lines)
    if date:
        result["date"] = date
    generation = _infer_generation(head)
    if generation:
        result["generation"] = generation
    sector = infer_sector(title, lines)
    if sector:
        result["sector"] = sector
    return result
