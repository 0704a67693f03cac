"""The one presenter of financing results: Babel formatting, JSON, and every Dutch wording of a
calculation the faces show: the plain-text report (``convenant calc``, the LangChain tool, the
API's ``text``), the chat answer with footnote numbers, the text for a calculation that cannot be
made, the steps as table rows, and the calculator tab's Markdown. No face words a calculation itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from assistant.financing.rules import ROUNDING, round_money

if TYPE_CHECKING:
    from assistant.financing.model import FinancingResult
    from assistant.types import CalculationFailed

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


# --------------------------------------------------------------------------- the chat answer

#: The line that starts the step list in a calculation answer's text.
STEPS_HEADING = "Berekening:"
#: How a value the user gave (not a document) is marked as a source.
USER_GIVEN = "door jou opgegeven"


def answer_text(result: "FinancingResult", cite: Callable[[Mapping[str, Any]], int]) -> str:
    """The chat's (and ``convenant ask``'s) answer to a money question: the asked amount first,
    the other amounts, the numbered steps with a footnote per cited sentence, the assumptions and
    the rounding. ``cite(citation)`` gives the footnote number of a document citation."""

    def mark(citation: Mapping[str, Any] | None) -> str:
        if not citation or "doc_id" not in citation:
            return f" ({USER_GIVEN})" if citation else ""
        return f" [{cite(citation)}]"

    asked = [n for n in (result.asks or ()) if n in result.amounts] or list(result.amounts)
    if "totaal_met_addendum" in result.amounts:  # components asked together: the sum first
        asked.insert(0, "totaal_met_addendum")
    lines = [f"{AMOUNT_LABELS.get(asked[0], asked[0]).capitalize()}: {format_eur(result.amounts[asked[0]])} "
             f"({result.subject})."]
    others = [n for n in result.amounts if n != asked[0]]
    if others:
        lines.append("; ".join(f"{AMOUNT_LABELS.get(n, n)}: {format_eur(result.amounts[n])}" for n in others) + ".")
    lines.append("")
    lines.append(STEPS_HEADING)
    for step in result.steps:
        lines.append(f"{step.n}. {step.label}: {step.formula}{mark(step.citation)}")
    if result.assumptions:
        lines.append("")
        lines.append("Aannames: " + " ".join(result.assumptions))
    lines.append(f"Afronding: {result.rounding}.")
    return "\n".join(lines)


def failure_text(failed: "CalculationFailed") -> str:
    """The answer when a money question cannot be computed; a missing rule or parameter is named."""
    message = failed.message
    if failed.missing:
        return ("Dit kan ik niet berekenen: de documenten geven niet alles wat nodig is. "
                f"{message[:1].upper()}{message[1:]}")
    return f"Deze berekening kan ik niet maken: {message}"


def summary_text(text: str) -> str:
    """A calculation answer's text without its step list (the chat shows the steps as a table)."""
    head, _, _ = text.partition("\n" + STEPS_HEADING)
    return head.strip() or text


# --------------------------------------------------------------------------- steps as rows


def _data(calculation: "FinancingResult | Mapping[str, Any] | None") -> Mapping[str, Any]:
    if calculation is None:
        return {}
    to_dict = getattr(calculation, "to_dict", None)
    return to_dict() if callable(to_dict) else calculation  # type: ignore[return-value]


def footnote_source(citation: Mapping[str, Any] | None, numbers: Mapping[tuple[str, str], Any]) -> str:
    """A step's source in the chat: the footnote number of its document section, or "door jou opgegeven"."""
    if not citation:
        return ""
    if "doc_id" not in citation:
        return USER_GIVEN
    n = numbers.get((str(citation["doc_id"]), str(citation.get("section", ""))))
    return f"[{n}]" if n is not None else str(citation.get("section") or citation["doc_id"])


def short_source(citation: Mapping[str, Any] | None, titles: Mapping[str, str]) -> str:
    """A step's source in the calculator tab: "Title › Section", or the user note."""
    if not citation:
        return ""
    if "note" in citation:
        return str(citation["note"])
    title = titles.get(citation.get("doc_id", ""), citation.get("doc_id", ""))
    return f"{title} › {citation['section']}" if citation.get("section") else title


def step_rows(
    calculation: "FinancingResult | Mapping[str, Any] | None", source: Callable[[Mapping[str, Any] | None], str]
) -> list[list[str]]:
    """Rows (n, label, formula, rule, source) of a calculation's steps; ``source`` words the citation."""
    return [
        [str(step.get("n", "")), str(step.get("label", "")), str(step.get("formula", "")), str(step.get("rule", "")),
         source(step.get("citation"))]
        for step in _data(calculation).get("steps", [])
    ]


def assumptions_of(calculation: "FinancingResult | Mapping[str, Any] | None") -> list[str]:
    return list(_data(calculation).get("assumptions") or [])


def steps_markdown(
    rows: Sequence[Sequence[str]], headers: Sequence[str], assumptions: Sequence[str],
    *, cell: Callable[[str], str], esc: Callable[[str], str],
) -> str:
    """The chat's step table, then the assumptions; ``cell``/``esc`` escape a table cell / a line."""
    if not rows:
        return ""
    lines = ['<div class="ca-steps">', "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    lines += ["", "</div>"]
    if assumptions:
        lines += ["", "**Aannames**", ""]
        lines += [f"- {esc(a)}" for a in assumptions]
    return "\n".join(lines)


# --------------------------------------------------------------------------- the calculator tab


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def _long_source(citation: Mapping[str, Any] | None, titles: Mapping[str, str]) -> str:
    if not citation:
        return ""
    if "note" in citation:
        return f"_{_esc(citation['note'])}_"
    title = titles.get(citation.get("doc_id", ""), citation.get("doc_id", ""))
    section = f" › {_esc(citation['section'])}" if citation.get("section") else ""
    return f"{_esc(title)}{section}: “{_esc(citation.get('quote', ''))}”"


def amounts_markdown(result: "FinancingResult") -> str:
    """The calculator tab's summary: the subject and a table of the amounts, the asked ones bold."""
    lines = [f"### {_esc(result.subject)}", "", "| Bedrag | |", "|---|---:|"]
    for name, label in AMOUNT_LABELS.items():
        if name in result.amounts:
            strong = name in result.asks
            value = format_eur(result.amounts[name])
            lines.append(f"| {'**' + label + '**' if strong else label} | {'**' + value + '**' if strong else value} |")
    return "\n".join(lines)


def details_markdown(result: "FinancingResult", titles: Mapping[str, str]) -> str:
    """The calculator tab's details: each rule with its source, the parameters, assumptions, rounding."""
    data = result.to_dict()
    details = ["#### Regels en bronnen", ""]
    for step in data["steps"]:
        source = _long_source(step.get("citation"), titles)
        details.append(f"{step['n']}. **{_esc(step['label'])}** — {_esc(step['rule'])}" + (f"  \n   Bron: {source}" if source else ""))
    if data["parameters"]:
        details += ["", "#### Parameters", ""]
        for param in data["parameters"]:
            source = _long_source(param.get("citation"), titles)
            details.append(f"- {_esc(param['label'])}: {_esc(param['value'])}" + (f" — {source}" if source else ""))
    if data["assumptions"]:
        details += ["", "#### Aannames", ""]
        details += [f"- {_esc(a)}" for a in data["assumptions"]]
    details += ["", f"_Afronding: {_esc(data['rounding'])}_"]
    return "\n".join(details)

