"""Validated requests: turn loose input (CLI strings, tool arguments, parsed questions) into a MoneyRequest.

Every bad value raises FinancingError naming the parameter and the value.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from assistant.errors import FinancingError
from assistant.financing import rules as R
from assistant.financing.model import QUANTITIES, MoneyRequest
from assistant.financing.wording import parse_share

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def _parse_date(raw: object, name: str) -> date:
    if isinstance(raw, date):
        return raw
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(str(raw).strip(), fmt).date()
        except ValueError:
            continue
    raise FinancingError(f"{name} {raw!r} is geen datum (gebruik JJJJ-MM-DD)")


def parse_threshold(raw: object, name: str = "drempel") -> Fraction:
    """A threshold share as a user writes it: "1/2", "de helft", "drie vierde", "75%", "0,5", "geen" (0)."""
    if isinstance(raw, Fraction):
        value = raw
    else:
        text = str(raw).strip().lower()
        if text in ("geen", "nul", "0", "geen drempel"):
            return Fraction(0)
        found = parse_share(text)
        if found is not None and found[1] >= len(text.rstrip(" .")):
            value = found[0]
        else:
            try:
                number = R.parse_number(text, name)
            except FinancingError:
                raise FinancingError(f"{name} {raw!r} is geen aandeel (bv. 1/2, drie vierde of 75%)") from None
            value = Fraction(number) / 100 if number > 1 else Fraction(number)
    if not 0 <= value <= 1:
        raise FinancingError(f"{name} {raw!r} ligt niet tussen 0 en 1 (of 0% en 100%)")
    return value


def _parse_yes_no(raw: object, name: str) -> bool | None:
    if raw is None or isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if not text:
        return None
    if text in ("ja", "yes", "true", "1", "a rato", "pro rata"):
        return True
    if text in ("nee", "neen", "no", "false", "0", "niet a rato"):
        return False
    raise FinancingError(f"{name} {raw!r} is geen ja of nee")


def make_request(
    *,
    sector: str | None = None,
    period: str | None = None,
    subsidy: object = None,
    split: object = None,
    achieved: object = None,
    achieved_share: Fraction | None = None,
    total: object = None,
    missed: object = None,
    fte: object = None,
    rate_per_fte: object = None,
    years: object = None,
    absent_days: object = None,
    absent_consultants: object = None,
    term_start: object = None,
    term_end: object = None,
    addendum: bool = False,
    addendum_amount: object = None,
    deduction_before_split: bool = True,
    asks: tuple[str, ...] | list[str] = (),
    pro_rata: object = None,
    threshold: object = None,
) -> MoneyRequest:
    """A validated request from loose values; each bad value raises FinancingError naming it."""

    def opt(value: object, convert: Any, name: str, **kw: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return convert(value, name, **kw)

    split_value: tuple[Decimal, Decimal] | None = None
    if isinstance(split, R.Split):
        split_value = (split.effort_pct, split.result_pct)
    elif isinstance(split, (tuple, list)):
        parsed = R.Split(R.parse_number(split[0], "inspanningspercentage"), R.parse_number(split[1], "resultaatspercentage"))
        split_value = (parsed.effort_pct, parsed.result_pct)
    elif split is not None and str(split).strip():
        parsed = R.parse_split(str(split))
        split_value = (parsed.effort_pct, parsed.result_pct)
    total_n = opt(total, R.whole, "totaal aantal resultaatsverbintenissen")
    if total_n == 0:
        raise FinancingError("totaal aantal resultaatsverbintenissen 0: er moet minstens één verbintenis zijn")
    achieved_n = opt(achieved, R.whole, "aantal behaalde resultaatsverbintenissen")
    if achieved_n is not None and total_n is not None:
        R.achievement_ratio(achieved_n, total_n)
    missed_n = opt(missed, R.whole, "aantal niet-behaalde resultaatsverbintenissen")
    if missed_n is not None and total_n is not None and missed_n > total_n:
        raise FinancingError(f"aantal niet-behaalde resultaatsverbintenissen {missed_n} is groter dan het totaal {total_n}")
    unknown = [a for a in asks if a not in QUANTITIES]
    if unknown:
        raise FinancingError(f"onbekende gevraagde grootheid {unknown[0]!r}; kies uit {', '.join(QUANTITIES)}")
    start = opt(term_start, _parse_date, "begindatum")
    end = opt(term_end, _parse_date, "einddatum")
    if start and end:
        R.term_days(start, end)
    if (start is None) != (end is None):
        raise FinancingError("geef zowel begindatum als einddatum van de looptijd op")
    return MoneyRequest(
        pro_rata=_parse_yes_no(pro_rata, "a rato"),
        threshold=opt(threshold, parse_threshold, "drempel"),
        sector=sector.strip() if sector and sector.strip() else None,
        period=period.strip() if period and period.strip() else None,
        subsidy=opt(subsidy, R.non_negative, "subsidie"),
        split=split_value,
        achieved=achieved_n,
        achieved_share=achieved_share,
        total=total_n,
        missed=missed_n,
        fte=opt(fte, R.positive, "aantal VTE"),
        rate_per_fte=opt(rate_per_fte, R.non_negative, "loonkostfinanciering per VTE"),
        years=opt(years, R.positive, "aantal jaren"),
        absent_days=opt(absent_days, R.whole, "aantal afwezigheidsdagen"),
        absent_consultants=opt(absent_consultants, R.positive, "aantal afwezige consulenten"),
        term_start=start,
        term_end=end,
        addendum=bool(addendum),
        addendum_amount=opt(addendum_amount, R.non_negative, "addendumbedrag"),
        deduction_before_split=bool(deduction_before_split),
        asks=tuple(asks),
    )


def validate_request(request: MoneyRequest) -> MoneyRequest:
    """Check a request built elsewhere (e.g. by the question parser) with the same rules as make_request."""
    fields = {name: getattr(request, name) for name in request.__dataclass_fields__}
    return make_request(**fields)
