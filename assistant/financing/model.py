"""Typed records of the financing calculator: cited parameters, profiles, requests, results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

#: Shown instead of a citation when the user gave the value.
USER_NOTE = "parameter opgegeven door gebruiker"

#: What a question can ask for; also the keys of FinancingResult.amounts.
Quantity = Literal[
    "maximale_subsidie",
    "loonkostfinanciering",
    "inspanningsfinanciering",
    "resultaatsfinanciering",
    "aftrek_afwezigheid",
    "addendum",
    "totaal",
    "subsidie_per_vte_per_jaar",
]
QUANTITIES: tuple[str, ...] = Quantity.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Source:
    """Where a value or rule was read: document, section path, the words themselves and, when
    read from a document's text, their character span in it."""

    doc_id: str
    section: str
    quote: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"doc_id": self.doc_id, "section": self.section, "quote": self.quote}
        if self.start is not None and self.end is not None:
            out["span"] = [self.start, self.end]
        return out


@dataclass(frozen=True)
class Cited(Generic[T]):
    """A parameter value with its source; ``source`` is None when the user gave it."""

    value: T
    source: Source | None = None

    @property
    def by_user(self) -> bool:
        return self.source is None

    def citation(self) -> dict[str, Any]:
        return self.source.to_dict() if self.source else {"note": USER_NOTE}


#: Kinds of documents that carry covenant terms.
Kind = Literal["sectorconvenant", "addendum", "verlenging"]


@dataclass(frozen=True)
class CovenantProfile:
    """Terms of one covenant, addendum or extension, each read from its text with its source.

    A term the text does not state is None: nothing is defaulted here.
    """

    doc_id: str
    title: str
    sector: Cited[str]
    beneficiary: Cited[str] | None = None
    term_start: Cited[date] | None = None
    term_end: Cited[date] | None = None
    max_subsidy: Cited[Decimal] | None = None
    fte: Cited[Decimal] | None = None
    effort_pct: Cited[Decimal] | None = None
    result_pct: Cited[Decimal] | None = None
    result_commitments: Cited[int] | None = None
    #: Rule sentences found in the text, by rule name ("a_rato", "drempel", "afwezigheid").
    rules: dict[str, Source] = field(default_factory=dict, hash=False, compare=False)
    kind: Kind = "sectorconvenant"
    #: Other names the sector goes by in the text ("bouwsector" -> "bouw"; "kappers, fitness en ...").
    aliases: tuple[str, ...] = ()
    pc_numbers: Cited[tuple[str, ...]] | None = None
    salary_per_fte: Cited[Decimal] | None = None
    #: Result rule: a rato or not, and the share below which nothing is paid.
    pro_rata: Cited[bool] | None = None
    threshold: Cited[Fraction] | None = None
    threshold_pays: bool = True  # exactly the threshold pays ("minder dan ...: niets")

    @property
    def period_label(self) -> str:
        if self.term_start and self.term_end:
            return f"{self.term_start.value.year}-{self.term_end.value.year}"
        return ""

    def to_dict(self) -> dict[str, Any]:
        def cell(item: Cited[Any] | None) -> dict[str, Any] | None:
            if item is None:
                return None
            value = item.value
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, (Decimal, Fraction)):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            return {"value": value, "citation": item.citation()}

        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "kind": self.kind,
            "sector": cell(self.sector),
            "aliases": list(self.aliases),
            "pc_numbers": cell(self.pc_numbers),
            "salary_per_fte": cell(self.salary_per_fte),
            "pro_rata": cell(self.pro_rata),
            "threshold": cell(self.threshold),
            "threshold_pays": self.threshold_pays,
            "beneficiary": cell(self.beneficiary),
            "term_start": cell(self.term_start),
            "term_end": cell(self.term_end),
            "max_subsidy": cell(self.max_subsidy),
            "fte": cell(self.fte),
            "effort_pct": cell(self.effort_pct),
            "result_pct": cell(self.result_pct),
            "result_commitments": cell(self.result_commitments),
            "rules": {name: source.to_dict() for name, source in self.rules.items()},
        }


@dataclass(frozen=True)
class GenerationRules:
    """Rules that hold for a whole generation of covenants (e.g. 2021-2022), read from text."""

    doc_id: str
    title: str
    period: Cited[str]  # "2021-2022"
    effort_pct: Cited[Decimal] | None = None
    result_pct: Cited[Decimal] | None = None
    salary_per_fte: Cited[Decimal] | None = None
    addendum_per_sector: Cited[Decimal] | None = None
    addendum_name: str = "addendum"
    pro_rata: Cited[bool] | None = None
    threshold: Cited[Fraction] | None = None
    threshold_pays: bool = True

    @property
    def years(self) -> tuple[int, int]:
        start, end = self.period.value.split("-")
        return int(start), int(end)


@dataclass(frozen=True)
class MoneyRequest:
    """What to compute and with which inputs; any value given here overrides the documents.

    ``achieved_share`` expresses "de helft", "alle", "geen" when no count is given.
    """

    sector: str | None = None
    period: str | None = None  # a generation such as "2021-2022"
    subsidy: Decimal | None = None
    split: tuple[Decimal, Decimal] | None = None  # (effort %, result %)
    achieved: int | None = None
    achieved_share: Fraction | None = None
    total: int | None = None
    missed: int | None = None  # "1 verbintenis niet gehaald": achieved = total - missed
    fte: Decimal | None = None
    rate_per_fte: Decimal | None = None
    years: Decimal | None = None
    absent_days: int | None = None
    absent_consultants: Decimal | None = None
    term_start: date | None = None
    term_end: date | None = None
    addendum: bool = False
    addendum_amount: Decimal | None = None
    deduction_before_split: bool = False
    asks: tuple[str, ...] = ()
    pro_rata: bool | None = None  # the user's result rule, when the documents give none
    threshold: Fraction | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, (Decimal, Fraction)):
                value = str(value)
            elif isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = [str(v) if isinstance(v, Decimal) else v for v in value]
            out[name] = value
        return out


Unit = Literal["EUR", "dagen", "aandeel", "VTE"]


@dataclass(frozen=True)
class Step:
    """One step of a calculation, in order, with the rule applied and where it comes from."""

    n: int
    label: str
    formula: str  # Dutch, numbers formatted, e.g. "€ 742.000,00 × 30% = € 222.600,00"
    value: Decimal  # unrounded
    unit: Unit
    rule: str  # the rule in Dutch
    citation: dict[str, Any] | None = None  # {doc_id, section, quote, span} or {"note": USER_NOTE}

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "label": self.label,
            "formula": self.formula,
            "value": _plain(self.value),
            "unit": self.unit,
            "rule": self.rule,
            "citation": self.citation,
        }


def _plain(value: Decimal) -> str:
    """An intermediate value for JSON: whole numbers as is, others to 6 decimals (display only)."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value.quantize(Decimal("0.000001")), "f")
    return text.rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Parameter:
    """A parameter the calculation used, with its citation or the user note."""

    name: str
    label: str
    display: str
    citation: dict[str, Any]


@dataclass(frozen=True)
class FinancingResult:
    """Amounts (rounded to the cent, half up), steps in order, parameters, assumptions."""

    subject: str  # e.g. "Sectorconvenant Social profit 2023-2025"
    amounts: dict[str, Decimal]
    steps: tuple[Step, ...]
    parameters: tuple[Parameter, ...]
    assumptions: tuple[str, ...]
    rounding: str
    asks: tuple[str, ...] = ()
    term_days: int | None = None

    def amount(self, name: str) -> Decimal:
        return self.amounts[name]

    def to_dict(self) -> dict[str, Any]:
        from assistant.financing.render import result_to_dict

        return result_to_dict(self)

    def render_nl(self) -> str:
        from assistant.financing.render import render_nl

        return render_nl(self)
