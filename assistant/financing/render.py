"""Dutch (Belgian) presentation of financing results: Babel formatting, text and JSON."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from assistant.financing.rules import ROUNDING, round_money

if TYPE_CHECKING:
    from assistant.financing.model import FinancingResult

LOCALE = "nl_BE"

#: Dutch labels of the amounts, in the order they are shown.
AMOUNT_LABELS = {
    "maximale_subsidie": "Maximale subsidie",
    "loonkostfinanciering": "Loonkostfinanciering",
    "aftrek_afwezigheid": "Aftrek afwezigheid",
    "inspanningsfinanciering": "Inspanningsfinanciering",
    "resultaatsfinanciering": "Resultaatsfinanciering",
    "totaal": "Totaal",
    "addendum": "Addendum",
    "totaal_met_addendum": "Totaal met addendum",
    "subsidie_per_vte_per_jaar": "Subsidie per VTE per jaar",
}


def format_eur(amount: Decimal, decimals: int = 2) -> str:
    """Belgian euro notation, "€ 148.400,00"; rounds half up first so Babel never rounds.

    Babel separates sign and number with a no-break space; we print a plain space so the
    text reads and copies the same in terminals, JSON and tests.
    """
    exponent = Decimal(1).scaleb(-decimals)
    value = amount.quantize(exponent, rounding=ROUNDING)
    if decimals == 2:
        text = format_currency(value, "EUR", locale=LOCALE)
    else:
        pattern = "¤ #,##0." + "0" * decimals
        text = format_currency(value, "EUR", format=pattern, currency_digits=False, locale=LOCALE)
    return text.replace("\u00a0", " ")


def format_number(value: Decimal | int) -> str:
    """A plain number in Belgian notation: 731, 1.234, 12,5."""
    return format_decimal(value, locale=LOCALE, decimal_quantization=False).replace("\u00a0", " ")


def format_pct(value: Decimal) -> str:
    return f"{format_number(value)}%"


def format_day(day: date) -> str:
    return format_date(day, format="long", locale=LOCALE)


def format_ratio(ratio: Fraction) -> str:
    return f"{ratio.numerator}/{ratio.denominator}"


def result_to_dict(result: "FinancingResult") -> dict[str, Any]:
    """JSON-safe form: amounts as strings ("148400.00") and formatted ("€ 148.400,00")."""
    return {
        "subject": result.subject,
        "asks": list(result.asks),
        "amounts": {
            name: {"value": str(round_money(value)), "formatted": format_eur(value)}
            for name, value in result.amounts.items()
        },
        "steps": [step.to_dict() for step in result.steps],
        "parameters": [
            {"name": p.name, "label": p.label, "value": p.display, "citation": p.citation} for p in result.parameters
        ],
        "assumptions": list(result.assumptions),
        "rounding": result.rounding,
        "term_days": result.term_days,
    }


def _cite(citation: dict[str, str] | None) -> str:
    if not citation:
        return ""
    if "note" in citation:
        return f" [{citation['note']}]"
    return f" [bron: {citation['doc_id']}, {citation['section']}: “{citation['quote']}”]"


def _headline(result: "FinancingResult") -> list[str]:
    asked = [name for name in result.asks if name in result.amounts]
    if not asked:
        asked = [name for name in ("totaal", "loonkostfinanciering", "aftrek_afwezigheid", "addendum") if name in result.amounts][:1]
    return [f"{AMOUNT_LABELS.get(name, name)}: {format_eur(result.amounts[name])}" for name in asked]


def render_nl(result: "FinancingResult") -> str:
    """Dutch text: the answer, the amounts, each step with its rule and source, the assumptions."""
    lines = [f"Financieringsberekening – {result.subject}", ""]
    headline = _headline(result)
    if headline:
        lines += [*headline, ""]
    lines.append("Bedragen:")
    for name, label in AMOUNT_LABELS.items():
        if name in result.amounts:
            lines.append(f"- {label}: {format_eur(result.amounts[name])}")
    lines += ["", "Berekening:"]
    for step in result.steps:
        lines.append(f"{step.n}. {step.label}: {step.formula}")
        lines.append(f"   Regel: {step.rule}{_cite(step.citation)}")
    if result.parameters:
        lines += ["", "Parameters:"]
        for param in result.parameters:
            lines.append(f"- {param.label}: {param.display}{_cite(param.citation)}")
    if result.assumptions:
        lines += ["", "Aannames:"]
        lines += [f"- {text}" for text in result.assumptions]
    lines += ["", f"Afronding: {result.rounding}"]
    return "\n".join(lines)
