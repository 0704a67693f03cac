"""The terms registry as JSON: written with each index build (``terms.json``) and read back by the
chat, the calculator tab, `convenant calc` and the LangChain tool, so all use the same terms."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from assistant.errors import FinancingError
from assistant.financing.model import Cited, CovenantProfile, GenerationRules, Source

#: Bump when the extractor reads texts differently: older registries are then extracted anew.
TERMS_VERSION = "terms-4"

_DATES = {"term_start", "term_end"}
_DECIMALS = {"max_subsidy", "fte", "effort_pct", "result_pct", "salary_per_fte", "addendum_per_sector"}
_FRACTIONS = {"threshold"}
_TUPLES = {"pc_numbers"}


def _source_out(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"doc_id": source.doc_id, "section": source.section, "quote": source.quote,
            "start": source.start, "end": source.end}


def _source_in(data: dict[str, Any] | None) -> Source | None:
    return None if data is None else Source(**data)


def _value_out(name: str, value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, Fraction)):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _value_in(name: str, value: Any) -> Any:
    if name in _DATES:
        return date.fromisoformat(value)
    if name in _DECIMALS:
        return Decimal(value)
    if name in _FRACTIONS:
        return Fraction(value)
    if name in _TUPLES:
        return tuple(value)
    return value


def _record_out(record: CovenantProfile | GenerationRules) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, Cited):
            out[f.name] = {"value": _value_out(f.name, value.value), "source": _source_out(value.source)}
        elif f.name == "rules":
            out[f.name] = {k: _source_out(v) for k, v in value.items()}
        else:
            out[f.name] = _value_out(f.name, value)
    return out


def _record_in(cls: type, data: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if isinstance(value, dict) and set(value) == {"value", "source"}:
            kwargs[f.name] = Cited(_value_in(f.name, value["value"]), _source_in(value["source"]))
        elif f.name == "rules":
            kwargs[f.name] = {k: _source_in(v) for k, v in value.items()}
        elif f.name == "aliases":
            kwargs[f.name] = tuple(value)
        else:
            kwargs[f.name] = value
    return cls(**kwargs)


def dumps(profiles: list[CovenantProfile], generations: list[GenerationRules]) -> str:
    return json.dumps(
        {"version": TERMS_VERSION, "profiles": [_record_out(p) for p in profiles],
         "generations": [_record_out(g) for g in generations]},
        ensure_ascii=False, indent=1,
    )


def loads(text: str) -> tuple[list[CovenantProfile], list[GenerationRules]] | None:
    """The registry in ``text``; None when it was written by another extractor version."""
    try:
        data = json.loads(text)
        if data.get("version") != TERMS_VERSION:
            return None
        return (
            [_record_in(CovenantProfile, p) for p in data.get("profiles", [])],
            [_record_in(GenerationRules, g) for g in data.get("generations", [])],
        )
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise FinancingError(f"terms registry is unreadable ({exc})") from exc
