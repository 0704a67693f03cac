"""The financing rules of the sector covenants, as pure functions over Decimal.

Every function validates its inputs and raises :class:`FinancingError` naming the bad
value; none rounds. Rounding to the cent happens once, at the end (:func:`round_money`).
This module imports neither LangChain nor Gradio nor Babel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from assistant.errors import FinancingError

CENT = Decimal("0.01")
ROUNDING = ROUND_HALF_UP
#: Stated in every result: how amounts are rounded.
ROUNDING_NOTE = "Bedragen exact berekend en pas op het einde afgerond op de cent (ROUND_HALF_UP: 0,005 naar boven)."
HUNDRED = Decimal(100)
HALF = Fraction(1, 2)
_PRECISION = 50  # digits of working precision, far beyond any cent-level error

_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[. ]\d{3})+")  # 742.000 or 1 000 000
_GROUPED_DECIMAL = re.compile(r"[+-]?(?:\d{1,3}(?:[. ]\d{3})+|\d+),\d+")  # 742.000,00 or 12,5
_POINT_DECIMAL = re.compile(r"[+-]?\d*\.\d+|[+-]?\d+")  # 12.5 or 300000
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?\b)\s*|\s*(?:€|\beur(?:o)?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Split:
    """Effort / result split in percent; the two parts add up to 100."""

    effort_pct: Decimal
    result_pct: Decimal

    def __post_init__(self) -> None:
        for name, value in (("inspanningspercentage", self.effort_pct), ("resultaatspercentage", self.result_pct)):
            if not isinstance(value, Decimal) or not value.is_finite():
                raise FinancingError(f"{name} {value!r} is geen getal")
            if value < 0 or value > HUNDRED:
                raise FinancingError(f"{name} {_plain(value)}% ligt niet tussen 0 en 100")
        if self.effort_pct + self.result_pct != HUNDRED:
            raise FinancingError(
                f"verdeling {_plain(self.effort_pct)}/{_plain(self.result_pct)} telt op tot "
                f"{_plain(self.effort_pct + self.result_pct)}%, niet tot 100%"
            )

    @property
    def label(self) -> str:
        return f"{_plain(self.effort_pct)}/{_plain(self.result_pct)}"


def show(raw: object) -> str:
    """A value as the user wrote it, for messages: text quoted, numbers plain ("'abc'", "-5", "2.5")."""
    if isinstance(raw, Decimal):
        return _plain(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return str(raw)
    return repr(raw)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, for messages: 70, 12.5."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_number(raw: object, name: str) -> Decimal:
    """Read a number written the Belgian way ("742.000,00", "300000", "12,5") or as Python does.

    Raises FinancingError naming ``name`` and the raw value when it is not a number.
    """
    if isinstance(raw, bool):
        raise FinancingError(f"{name} {show(raw)} is geen getal")
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(str(raw))
    elif isinstance(raw, str):
        value = _parse_text_number(raw, name)
    else:
        raise FinancingError(f"{name} {show(raw)} is geen getal")
    if not value.is_finite():
        raise FinancingError(f"{name} {show(raw)} is geen eindig getal")
    return value


def _parse_text_number(raw: str, name: str) -> Decimal:
    text = _CURRENCY.sub("", raw.strip().replace("\u00a0", " ")).strip()
    if _GROUPED_DECIMAL.fullmatch(text):
        text = text.replace(".", "").replace(" ", "").replace(",", ".")
    elif _GROUPED.fullmatch(text):
        text = text.replace(".", "").replace(" ", "")
    elif not _POINT_DECIMAL.fullmatch(text):
        raise FinancingError(f"{name} {show(raw)} is geen getal")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - guarded by the patterns
        raise FinancingError(f"{name} {show(raw)} is geen getal") from None


def non_negative(raw: object, name: str) -> Decimal:
    value = parse_number(raw, name)
    if value < 0:
        raise FinancingError(f"{name} {show(raw)} mag niet negatief zijn")
    return value


def positive(raw: object, name: str) -> Decimal:
    value = parse_number(raw, name)
    if value <= 0:
        raise FinancingError(f"{name} {show(raw)} moet groter dan 0 zijn")
    return value


def whole(raw: object, name: str, *, minimum: int = 0) -> int:
    value = parse_number(raw, name)
    if value != value.to_integral_value():
        raise FinancingError(f"{name} {show(raw)} is geen geheel getal")
    if value < minimum:
        raise FinancingError(f"{name} {show(raw)} moet minstens {minimum} zijn")
    return int(value)


def parse_split(raw: str) -> Split:
    """Read a split written as "70/30", "70%/30%" or "70-30"."""
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*[/\-–]\s*(\d+(?:[.,]\d+)?)\s*%?\s*", str(raw))
    if not match:
        raise FinancingError(f"verdeling {show(raw)} is niet van de vorm 70/30")
    effort = parse_number(match.group(1).replace(".", ","), "inspanningspercentage")
    result = parse_number(match.group(2).replace(".", ","), "resultaatspercentage")
    return Split(effort, result)


def round_money(amount: Decimal) -> Decimal:
    """Round to the cent, half up: the only rounding in the calculator."""
    return amount.quantize(CENT, rounding=ROUNDING)


def split_amounts(subsidy: Decimal, split: Split) -> tuple[Decimal, Decimal]:
    """Effort share and (maximum) result share of ``subsidy``, unrounded."""
    subsidy = non_negative(subsidy, "subsidie")
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        effort = subsidy * split.effort_pct / HUNDRED
        result = subsidy * split.result_pct / HUNDRED
    return effort, result


def achievement_ratio(achieved: object, total: object) -> Fraction:
    """Share of result commitments achieved; validates 0 <= achieved <= total, total > 0."""
    total_n = whole(total, "totaal aantal resultaatsverbintenissen", minimum=0)
    if total_n == 0:
        raise FinancingError("totaal aantal resultaatsverbintenissen 0: er moet minstens één verbintenis zijn")
    if isinstance(achieved, Fraction):
        ratio = achieved
        if ratio < 0 or ratio > 1:
            raise FinancingError(f"aandeel behaalde verbintenissen {ratio} ligt niet tussen 0 en 1")
        return ratio
    achieved_n = whole(achieved, "aantal behaalde resultaatsverbintenissen", minimum=0)
    if achieved_n > total_n:
        raise FinancingError(
            f"aantal behaalde resultaatsverbintenissen {achieved_n} is groter dan het totaal {total_n}"
        )
    return Fraction(achieved_n, total_n)


class MissingTermError(FinancingError):
    """A rule or parameter the calculation needs and no document states; ``term`` names it
    ("resultaatsregel", "drempel", "looptijd", ...) so a form can show the field to fill in."""

    def __init__(self, term: str, message: str) -> None:
        super().__init__(message)
        self.term = term


@dataclass(frozen=True)
class ResultRule:
    """How result financing is paid when not every commitment is achieved, as a text states it.

    ``pro_rata``: True "a rato / pro rata / naar verhouding", False "niet a rato", None when not
    stated. ``threshold``: below this share nothing is paid, None when no threshold is stated.
    ``pays_at_threshold``: whether exactly the threshold pays ("minder dan de helft: niets") or
    not ("de helft of minder: niets").
    """

    pro_rata: bool | None
    threshold: Fraction | None = None
    pays_at_threshold: bool = True

    def __post_init__(self) -> None:
        if self.threshold is not None and not 0 <= self.threshold <= 1:
            raise FinancingError(f"drempel {self.threshold} ligt niet tussen 0 en 1")

    def below_threshold(self, ratio: Fraction) -> bool:
        if self.threshold is None:
            return False
        return ratio < self.threshold or (ratio == self.threshold and not self.pays_at_threshold)


def result_financing(result_share: Decimal, ratio: Fraction, rule: ResultRule) -> Decimal:
    """Result financing paid for ``ratio`` of the commitments achieved, under ``rule``.

    Everything achieved pays the whole share; below the threshold pays nothing; otherwise the
    share a rato (pro_rata) or whole (not pro rata). A case the rule does not settle raises
    MissingTermError instead of guessing.
    """
    result_share = non_negative(result_share, "resultaatsfinanciering")
    if ratio < 0 or ratio > 1:
        raise FinancingError(f"aandeel behaalde verbintenissen {ratio} ligt niet tussen 0 en 1")
    if ratio == 1:
        return result_share
    if rule.below_threshold(ratio):
        return Decimal(0)
    if rule.pro_rata is None:
        raise MissingTermError(
            "resultaatsregel",
            "resultaatsregel ontbreekt: de documenten zeggen niet of de resultaatsfinanciering a rato van "
            "het aantal behaalde resultaatsverbintenissen wordt uitbetaald",
        )
    if not rule.pro_rata:
        if rule.threshold is None:
            raise MissingTermError(
                "drempel",
                "drempel ontbreekt: de resultaatsfinanciering is niet a rato, maar de documenten zeggen niet "
                "vanaf hoeveel behaalde resultaatsverbintenissen ze wordt uitbetaald",
            )
        return result_share
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return result_share * ratio.numerator / ratio.denominator


def term_years(start: date, end: date) -> Decimal:
    """Length of a term in years when it spans whole months (1 July 2023 - 30 June 2025 is 2).

    A term that does not end the day before a month day of its start raises MissingTermError.
    """
    if end < start:
        raise FinancingError(f"einddatum {end.isoformat()} ligt voor begindatum {start.isoformat()}")
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day != start.day or months <= 0:
        raise MissingTermError(
            "jaren",
            f"looptijd {start.isoformat()} tot {end.isoformat()} is geen geheel aantal maanden: geef het aantal jaren op",
        )
    return Decimal(months) / Decimal(12)


def per_fte_per_year(subsidy: object, fte: object, years: object) -> Decimal:
    """Subsidy per FTE per year: subsidy / FTE / years, unrounded."""
    subsidy_d = non_negative(subsidy, "maximale subsidie")
    fte_d = positive(fte, "aantal VTE")
    years_d = positive(years, "aantal jaren")
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return subsidy_d / fte_d / years_d


def salary_cost(fte: object, rate_per_fte: object, years: object = 1) -> Decimal:
    """Salary-cost financing: FTE x rate per FTE x years."""
    fte_d = positive(fte, "aantal VTE")
    rate = non_negative(rate_per_fte, "loonkostfinanciering per VTE")
    years_d = positive(years, "aantal jaren")
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return fte_d * rate * years_d


def term_days(start: date, end: date) -> int:
    """Days of a term, both ends included (1 July 2023 - 30 June 2025 is 731 days)."""
    if end < start:
        raise FinancingError(f"einddatum {end.isoformat()} ligt voor begindatum {start.isoformat()}")
    return (end - start).days + 1


def daily_subsidy_per_consultant(subsidy: object, fte: object, days_in_term: int) -> Decimal:
    """Subsidy per consultant per day of the term (Artikel 5), unrounded."""
    subsidy_d = non_negative(subsidy, "maximale subsidie")
    fte_d = positive(fte, "aantal VTE")
    days = whole(days_in_term, "aantal dagen van de looptijd", minimum=1)
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        return subsidy_d / fte_d / days


def absence_deduction(
    subsidy: object, fte: object, days_in_term: int, absent_days: object, absent_consultants: object = 1
) -> Decimal:
    """Deduction for consultants absent and not replaced: subsidy / FTE / term days x days x consultants."""
    subsidy_d = non_negative(subsidy, "maximale subsidie")
    fte_d = positive(fte, "aantal VTE")
    days = whole(days_in_term, "aantal dagen van de looptijd", minimum=1)
    absent = whole(absent_days, "aantal afwezigheidsdagen", minimum=0)
    if absent > days:
        raise FinancingError(f"aantal afwezigheidsdagen {absent} is langer dan de looptijd van {days} dagen")
    consultants = non_negative(absent_consultants, "aantal afwezige consulenten")
    if consultants > fte_d:
        raise FinancingError(
            f"aantal afwezige consulenten {_plain(consultants)} is groter dan het aantal VTE {_plain(fte_d)}"
        )
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        # Multiply first, divide last: exact for every whole-cent subsidy.
        return subsidy_d * absent * consultants / (fte_d * days)
