"""The calculation record being built: parameters with citations, steps in order, assumptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.financing.model import Cited, CovenantProfile, Parameter, Source, Step, Unit

def choose(user_value: Any, *candidates: Cited[Any] | None) -> Cited[Any] | None:
    if user_value is not None:
        return Cited(user_value, None)
    return next((c for c in candidates if c is not None), None)


def citation(item: Cited[Any] | Source | None) -> dict[str, str] | None:
    if item is None:
        return None
    if isinstance(item, dict):
        return item
    if isinstance(item, Source):
        return item.to_dict()
    return item.citation()


@dataclass
class Builder:
    steps: list[Step] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    amounts: dict[str, Decimal] = field(default_factory=dict)

    def step(self, label: str, formula: str, value: Decimal, unit: Unit, rule: str, source: Any = None) -> None:
        self.steps.append(Step(len(self.steps) + 1, label, formula, value, unit, rule, citation(source)))

    def param(self, name: str, label: str, item: Cited[Any] | None, display: str | None = None) -> None:
        if item is None or any(p.name == name for p in self.parameters):
            return
        shown = display if display is not None else str(item.value)
        self.parameters.append(Parameter(name, label, shown, item.citation()))

    def assume(self, text: str) -> None:
        if text not in self.assumptions:
            self.assumptions.append(text)


def doc_label(profile: CovenantProfile) -> str:
    kind = {"sectorconvenant": "Sectorconvenant", "addendum": "Addendum", "verlenging": "Verlenging"}[profile.kind]
    period = f" {profile.period_label}" if profile.period_label else ""
    return f"{kind} {profile.sector.value}{period}"


__all__ = ["Builder", "choose", "citation", "doc_label"]
