"""The calculator form without Gradio: field names, per-field Dutch errors, and the result as text
and rows. The financing rules themselves live in ``assistant.financing``; this only maps form
fields to ``make_request`` and errors back to the field they are about."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.errors import ConvenantError, FinancingError
from assistant.financing import ProfileRegistry, calculate, make_request
from assistant.financing import render as calc_present
from assistant.financing.render import AMOUNT_LABELS

__all__ = ["FIELDS", "CalcOutcome", "FormField", "QUANTITY_CHOICES", "field_errors", "run_form"]


@dataclass(frozen=True)
class FormField:
    name: str  # keyword of make_request
    label: str  # Dutch label shown next to the input
    kind: str  # "text", "choice", "check", "multi"
    info: str = ""
    placeholder: str = ""


#: The inputs of the form, in order. Their values arrive in this order from the UI.
FIELDS: tuple[FormField, ...] = (
    FormField("sector", "Sector", "choice", "Parameters uit het sectorconvenant (leeg: alleen eigen bedragen)"),
    FormField("period", "Generatie", "choice", "Bv. 2021-2022: loonkost per VTE, verdeling, addendum"),
    FormField("subsidy", "Maximale subsidie (EUR)", "text", placeholder="bv. 742.000"),
    FormField("split", "Verdeling inspanning/resultaat", "text", placeholder="bv. 70/30"),
    FormField("achieved", "Behaalde resultaatsverbintenissen", "text", placeholder="bv. 5"),
    FormField("total", "Totaal resultaatsverbintenissen", "text", placeholder="bv. 7"),
    FormField("missed", "Niet-behaalde resultaatsverbintenissen", "text", placeholder="bv. 1"),
    FormField("fte", "Aantal VTE sectorconsulenten", "text", placeholder="bv. 2,5"),
    FormField("rate_per_fte", "Loonkostfinanciering per VTE (EUR)", "text", placeholder="bv. 60.000"),
    FormField("years", "Aantal jaren loonkost", "text", placeholder="standaard 1"),
    FormField("absent_days", "Dagen afwezig zonder vervanging", "text", placeholder="bv. 40"),
    FormField("absent_consultants", "Aantal afwezige consulenten", "text", placeholder="standaard 1"),
    FormField("term_start", "Begin looptijd", "text", placeholder="JJJJ-MM-DD"),
    FormField("term_end", "Einde looptijd", "text", placeholder="JJJJ-MM-DD"),
    FormField("addendum", "Addendum meetellen", "check"),
    FormField("addendum_amount", "Addendumbedrag (EUR)", "text", placeholder="uit de documenten als leeg"),
    FormField("deduction_after_split", "Aftrek na de verdeling (i.p.v. van de maximale subsidie)", "check"),
    FormField("asks", "Gevraagde bedragen", "multi"),
    # Asked for when the covenant does not state its result rule (appended: positional API callers keep working).
    FormField("pro_rata", "Resultaatsfinanciering a rato (ja/nee)", "text",
              "Alleen nodig als het convenant het niet zegt", placeholder="uit het convenant als leeg"),
    FormField("threshold", "Drempel resultaatsfinanciering", "text",
              "Aandeel waaronder niets wordt uitbetaald, als het convenant het niet zegt", placeholder="bv. 1/2"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)

#: (label, value) choices of the "Gevraagde bedragen" input.
QUANTITY_CHOICES: list[tuple[str, str]] = [
    (AMOUNT_LABELS.get(name, name), name)
    for name in ("maximale_subsidie", "loonkostfinanciering", "inspanningsfinanciering",
                 "resultaatsfinanciering", "aftrek_afwezigheid", "addendum", "totaal", "subsidie_per_vte_per_jaar")
]

# Which field an error message is about, by the parameter name the financing code puts first.
_MESSAGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("resultaatsregel", "pro_rata"),
    ("a rato", "pro_rata"),
    ("drempel", "threshold"),
    ("aantal niet-behaalde", "missed"),
    ("aantal behaalde", "achieved"),
    ("aandeel behaalde", "achieved"),
    ("totaal aantal resultaatsverbintenissen", "total"),
    ("inspanningspercentage", "split"),
    ("resultaatspercentage", "split"),
    ("verdeling", "split"),
    ("subsidie", "subsidy"),
    ("maximale subsidie", "subsidy"),
    ("aantal vte", "fte"),
    ("aantal jaren", "years"),
    ("aftrekregel", "absent_days"),
    ("loonkostfinanciering per vte", "rate_per_fte"),
    ("aantal jaren", "years"),
    ("aantal afwezigheidsdagen", "absent_days"),
    ("aantal afwezige consulenten", "absent_consultants"),
    ("begindatum", "term_start"),
    ("geef zowel begindatum", "term_end"),
    ("einddatum", "term_end"),
    ("looptijd", "term_end"),
    ("addendumbedrag", "addendum_amount"),
    ("onbekende sector", "sector"),
    ("sector", "sector"),
    ("onbekende generatie", "period"),
    ("generatie", "period"),
)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _request_kwargs(values: Mapping[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for name in ("sector", "period", "subsidy", "split", "achieved", "total", "missed", "fte", "rate_per_fte",
                 "years", "absent_days", "absent_consultants", "term_start", "term_end", "addendum_amount",
                 "pro_rata", "threshold"):
        value = values.get(name)
        kwargs[name] = None if _blank(value) else (value.strip() if isinstance(value, str) else value)
    kwargs["addendum"] = bool(values.get("addendum"))
    kwargs["deduction_before_split"] = not bool(values.get("deduction_after_split"))
    kwargs["asks"] = tuple(values.get("asks") or ())
    return kwargs


def field_for(message: str) -> str | None:
    """The form field an error message is about (by the parameter it names first), if any."""
    lowered = message.lower()
    best: tuple[int, int, str] | None = None
    for phrase, name in _MESSAGE_FIELDS:
        at = lowered.find(phrase)
        if at >= 0 and (best is None or (at, -len(phrase)) < (best[0], best[1])):
            best = (at, -len(phrase), name)
    return best[2] if best else None


def _message(exc: ConvenantError) -> str:
    text = str(exc).strip()
    return text[:1].upper() + text[1:] if text else "Ongeldige waarde"


def field_errors(values: Mapping[str, Any], registry: ProfileRegistry | None = None) -> dict[str, str]:
    """Dutch error per field name; empty when the form can be calculated.

    Each field is first checked on its own, then the combination (split adds up to 100, achieved
    not above total, both term dates), then the sector and generation against the documents.
    """
    errors: dict[str, str] = {}
    kwargs = _request_kwargs(values)
    for name in ("subsidy", "split", "achieved", "total", "missed", "fte", "rate_per_fte", "years",
                 "absent_days", "absent_consultants", "addendum_amount", "pro_rata", "threshold"):
        if kwargs[name] is None:
            continue
        try:
            make_request(**{name: kwargs[name]})
        except ConvenantError as exc:
            errors[name] = _message(exc)
    for name in ("term_start", "term_end"):
        if kwargs[name] is not None:
            try:
                make_request(term_start=kwargs[name], term_end=kwargs[name])
            except ConvenantError as exc:
                errors[name] = _message(exc)
    if errors:
        return errors
    try:
        request = make_request(**kwargs)
    except ConvenantError as exc:
        return {field_for(str(exc)) or "subsidy": _message(exc)}
    if registry is not None:
        try:
            if request.sector:
                registry.find_profile(request.sector, request.period)
        except ConvenantError as exc:
            errors["sector"] = _message(exc)
        try:
            if request.period:
                registry.find_generation(request.period)
        except ConvenantError as exc:
            errors["period"] = _message(exc)
        if not errors:
            try:
                calculate(request, registry)
            except ConvenantError as exc:
                errors[field_for(str(exc)) or "subsidy"] = _message(exc)
    return errors


@dataclass(frozen=True)
class CalcOutcome:
    summary: str  # Markdown: subject and amounts, or the error
    steps: list[list[str]]  # rows: n, label, formula, rule, source
    details: str  # Markdown: rules with their sources, parameters, assumptions, rounding
    data: dict[str, Any]  # FinancingResult.to_dict(), or {"error": message, "field": name}
    error: str | None = None


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def run_form(values: Mapping[str, Any], registry: ProfileRegistry, titles: Mapping[str, str] | None = None) -> CalcOutcome:
    """Calculate from form values; a bad value gives a Dutch error outcome, never an exception."""
    titles = titles or {}
    try:
        result = calculate(make_request(**_request_kwargs(values)), registry)
    except (ConvenantError, FinancingError) as exc:
        message = _message(exc)
        return CalcOutcome(
            summary=f'<div class="ca-answer ca-error"><span class="ca-badge">Fout</span>\n\n{_esc(message)}\n\n</div>',
            steps=[], details="", data={"error": message, "field": field_for(str(exc))}, error=message,
        )
    steps = calc_present.step_rows(result, lambda citation: calc_present.short_source(citation, titles))
    return CalcOutcome(summary=calc_present.amounts_markdown(result), steps=steps,
                       details=calc_present.details_markdown(result, titles), data=result.to_dict())


def values_from(args: Sequence[Any]) -> dict[str, Any]:
    """Form values keyed by field name, from the positional values the UI passes."""
    return dict(zip(FIELD_NAMES, args))
