"""Compose the pure rules into one calculation: parameters with citations, steps, assumptions.

``calculate`` resolves every parameter (user value first, then the covenant profile, then the
generation rules) and applies the rules in order, recording each step with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from assistant.errors import FinancingError
from assistant.financing import rules as R
from assistant.financing.model import (
    USER_NOTE,
    Cited,
    CovenantProfile,
    FinancingResult,
    GenerationRules,
    MoneyRequest,
    Parameter,
    Source,
    Step,
    Unit,
)
from assistant.financing.registry import ProfileRegistry
from assistant.financing.render import format_day, format_eur, format_number, format_pct, format_ratio
from assistant.financing.request import validate_request
from assistant.financing.wording import share_words


def _choose(user_value: Any, *candidates: Cited[Any] | None) -> Cited[Any] | None:
    if user_value is not None:
        return Cited(user_value, None)
    return next((c for c in candidates if c is not None), None)


def _citation(item: Cited[Any] | Source | None) -> dict[str, str] | None:
    if item is None:
        return None
    if isinstance(item, dict):
        return item
    if isinstance(item, Source):
        return item.to_dict()
    return item.citation()


@dataclass
class _Builder:
    steps: list[Step] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    amounts: dict[str, Decimal] = field(default_factory=dict)

    def step(self, label: str, formula: str, value: Decimal, unit: Unit, rule: str, citation: Any = None) -> None:
        self.steps.append(Step(len(self.steps) + 1, label, formula, value, unit, rule, _citation(citation)))

    def param(self, name: str, label: str, item: Cited[Any] | None, display: str | None = None) -> None:
        if item is None or any(p.name == name for p in self.parameters):
            return
        shown = display if display is not None else str(item.value)
        self.parameters.append(Parameter(name, label, shown, item.citation()))

    def assume(self, text: str) -> None:
        if text not in self.assumptions:
            self.assumptions.append(text)


def _context(request: MoneyRequest, registry: ProfileRegistry) -> tuple[CovenantProfile | None, GenerationRules | None]:
    profile = registry.find_profile(request.sector, request.period) if request.sector else None
    generation = None
    if request.period:
        try:
            generation = registry.find_generation(request.period)
        except FinancingError:
            if profile is None:
                raise
    elif profile is not None:
        generation = registry.generation_for(profile)
    return profile, generation


def _rule_source(name: str, profile: CovenantProfile | None, registry: ProfileRegistry) -> Source | None:
    """The sentence stating rule ``name``: the covenant's own; without a covenant, any that states it."""
    if profile is not None:
        return profile.rules.get(name)
    return next((p.rules[name] for p in registry.profiles if name in p.rules), None)


def _wants(request: MoneyRequest) -> dict[str, bool]:
    asks = set(request.asks)
    achieved_given = request.achieved is not None or request.achieved_share is not None or request.missed is not None
    salary = "loonkostfinanciering" in asks or (
        request.fte is not None and request.subsidy is None and request.absent_days is None and not request.sector
    )
    deduction = request.absent_days is not None or "aftrek_afwezigheid" in asks
    addendum = request.addendum or request.addendum_amount is not None or "addendum" in asks
    split = achieved_given or bool(asks & {"inspanningsfinanciering", "resultaatsfinanciering", "totaal"})
    per_fte_year = "subsidie_per_vte_per_jaar" in asks
    if not (salary or deduction or addendum or split or per_fte_year):
        split = True  # nothing specific asked: show the covenant's split
    return {"salary": salary, "deduction": deduction, "addendum": addendum, "split": split, "per_fte_year": per_fte_year}


def _default_asks(request: MoneyRequest, wants: dict[str, bool]) -> tuple[str, ...]:
    if request.asks:
        return request.asks
    asks: list[str] = []
    if wants["salary"]:
        asks.append("loonkostfinanciering")
    if wants["deduction"]:
        asks.append("aftrek_afwezigheid")
    if wants["split"] and (request.achieved is not None or request.achieved_share is not None or request.missed is not None):
        asks += ["resultaatsfinanciering", "inspanningsfinanciering", "totaal"]
    elif wants["split"] and not asks:
        asks.append("totaal")
    if wants["addendum"]:
        asks.append("addendum")
    return tuple(asks)


def calculate(request: MoneyRequest, registry: ProfileRegistry | None = None) -> FinancingResult:
    """Apply the financing rules to ``request``; every parameter and rule carries its source."""
    registry = registry or ProfileRegistry()
    request = validate_request(request)
    profile, generation = _context(request, registry)
    wants = _wants(request)
    b = _Builder()

    if profile is not None:
        b.param("sector", "Sector", profile.sector)
        b.param("begunstigde", "Begunstigde", profile.beneficiary)
    if generation is not None:
        b.param("generatie", "Generatie", generation.period)

    subsidy = _choose(request.subsidy, profile.max_subsidy if profile else None)
    fte = _choose(request.fte, profile.fte if profile else None)
    base: Decimal | None = subsidy.value if subsidy else None
    base_label = "maximale subsidie"

    salary = _salary(request, generation, fte, b) if wants["salary"] else None
    if base is None and salary is not None:
        base, base_label = salary, "loonkostfinanciering"
        if wants["split"]:
            b.assume(
                "De loonkostfinanciering wordt behandeld als het subsidiebedrag dat verdeeld wordt in "
                "inspannings- en resultaatsfinanciering."
            )
    if subsidy is not None:
        b.param("maximale_subsidie", "Maximale subsidie", subsidy, format_eur(subsidy.value))
        b.amounts["maximale_subsidie"] = subsidy.value

    deduction = None
    days = None
    if wants["deduction"]:
        deduction, days = _deduction(request, profile, registry, subsidy, fte, b)

    if wants["per_fte_year"]:
        _per_fte_year(request, profile, subsidy, fte, b)

    total = None
    if wants["split"]:
        if base is None:
            raise _missing_subsidy(profile)
        total = _covenant_total(request, profile, generation, registry, base, base_label, deduction, b)

    if wants["addendum"]:
        # the addendum comes on top of the covenant amount: the split total, or else the salary cost
        addendum_profile = registry.addendum_for(profile) if profile is not None else None
        _addendum(request, generation, addendum_profile, total if total is not None else salary, b)

    b.assume(R.ROUNDING_NOTE)
    return FinancingResult(
        subject=_subject(profile, generation),
        amounts={name: R.round_money(value) for name, value in b.amounts.items()},
        steps=tuple(b.steps),
        parameters=tuple(b.parameters),
        assumptions=tuple(b.assumptions),
        rounding="ROUND_HALF_UP op de cent, alleen op het einde",
        asks=_default_asks(request, wants),
        term_days=days,
    )


def _covenant_total(
    request: MoneyRequest,
    profile: CovenantProfile | None,
    generation: GenerationRules | None,
    registry: ProfileRegistry,
    base: Decimal,
    base_label: str,
    deduction: Decimal | None,
    b: _Builder,
) -> Decimal:
    """Effort + result financing on ``base``, with the absence deduction before or after the split."""
    split_base = base
    if deduction is not None and request.deduction_before_split:
        split_base = base - deduction
        b.step(
            "Verminderde maximale subsidie",
            f"{format_eur(base)} − {format_eur(deduction)} = {format_eur(split_base)}",
            split_base,
            "EUR",
            "De aftrek voor afwezigheid vermindert de maximale werkingssubsidie.",
            _rule_source("afwezigheid", profile, registry),
        )
        b.assume(
            "De aftrek voor afwezigheid wordt vóór de verdeling in inspannings- en resultaatsfinanciering "
            "toegepast (de maximale subsidie vermindert); kies 'aftrek na verdeling' om hem van het totaal "
            "af te trekken."
        )
    effort, result = _split(request, profile, generation, registry, split_base, base_label, b)
    total = effort + result
    parts = f"{format_eur(effort)} + {format_eur(result)}"
    rule = "Totaal = inspanningsfinanciering + resultaatsfinanciering."
    if deduction is not None and not request.deduction_before_split:
        b.assume(
            "De aftrek voor afwezigheid wordt na de verdeling van het totaal afgetrokken "
            "(inspannings- en resultaatsfinanciering op de volledige maximale subsidie)."
        )
        total -= deduction
        parts += f" − {format_eur(deduction)}"
        rule = "Totaal = inspanningsfinanciering + resultaatsfinanciering − aftrek afwezigheid."
        if total < 0:
            b.assume("Het totaal kan niet onder € 0,00 zakken; een negatief saldo wordt € 0,00.")
            total = Decimal(0)
    b.step("Totaal", f"{parts} = {format_eur(total)}", total, "EUR", rule)
    b.amounts["totaal"] = total
    return total


def _doc_label(profile: CovenantProfile) -> str:
    kind = {"sectorconvenant": "Sectorconvenant", "addendum": "Addendum", "verlenging": "Verlenging"}[profile.kind]
    period = f" {profile.period_label}" if profile.period_label else ""
    return f"{kind} {profile.sector.value}{period}"


def _missing_subsidy(profile: CovenantProfile | None) -> R.MissingTermError:
    if profile is not None:
        return R.MissingTermError(
            "subsidie", f"maximale subsidie ontbreekt: {_doc_label(profile)} ({profile.doc_id}) vermeldt geen "
            "maximale subsidie; geef het subsidiebedrag op",
        )
    return R.MissingTermError(
        "subsidie", "maximale subsidie ontbreekt: geef een sector (bv. 'social profit') of een subsidiebedrag op"
    )


def _per_fte_year(
    request: MoneyRequest, profile: CovenantProfile | None, subsidy: Cited[Decimal] | None,
    fte: Cited[Decimal] | None, b: _Builder,
) -> None:
    """Subsidy per FTE per year: maximum subsidy / FTE / years of the term."""
    if subsidy is None:
        raise _missing_subsidy(profile)
    if fte is None:
        where = f"{_doc_label(profile)} vermeldt geen aantal VTE; " if profile is not None else ""
        raise R.MissingTermError("vte", f"aantal VTE sectorconsulenten ontbreekt: {where}geef het aantal VTE op")
    b.param("vte", "Aantal VTE", fte, format_number(fte.value))
    if request.years is not None:
        years: Cited[Decimal] = Cited(request.years, None)
    else:
        start = _choose(request.term_start, profile.term_start if profile else None)
        end = _choose(request.term_end, profile.term_end if profile else None)
        if start is None or end is None:
            where = f"{_doc_label(profile)} vermeldt geen looptijd; " if profile is not None else ""
            raise R.MissingTermError("jaren", f"looptijd ontbreekt: {where}geef het aantal jaren of begin- en einddatum op")
        years = Cited(R.term_years(start.value, end.value), start.source)
        b.param("looptijd", "Looptijd", start, f"{format_day(start.value)} tot en met {format_day(end.value)}")
        b.step(
            "Looptijd in jaren",
            f"{format_day(start.value)} tot en met {format_day(end.value)} = {format_number(years.value)} jaar",
            years.value, "aandeel", "De looptijd van het convenant, in hele maanden gedeeld door 12.", start,
        )
    value = R.per_fte_per_year(subsidy.value, fte.value, years.value)
    b.step(
        "Subsidie per VTE per jaar",
        f"{format_eur(subsidy.value)} / {format_number(fte.value)} VTE / {format_number(years.value)} jaar = {format_eur(value)}",
        value, "EUR", "Maximale subsidie gedeeld door het aantal VTE sectorconsulenten en door de looptijd in jaren.",
        subsidy,
    )
    b.amounts["subsidie_per_vte_per_jaar"] = value


def _subject(profile: CovenantProfile | None, generation: GenerationRules | None) -> str:
    if profile is not None:
        return _doc_label(profile)
    if generation is not None:
        return f"Sectorconvenants generatie {generation.period.value}"
    return "berekening met opgegeven parameters"


def _salary(
    request: MoneyRequest, generation: GenerationRules | None, fte: Cited[Decimal] | None, b: _Builder
) -> Decimal:
    rate = _choose(request.rate_per_fte, generation.salary_per_fte if generation else None)
    if rate is None:
        raise FinancingError(
            "loonkostfinanciering per VTE onbekend: geef een generatie (bv. '2021-2022') of een bedrag per VTE op"
        )
    if fte is None:
        raise FinancingError("aantal VTE sectorconsulenten ontbreekt voor de loonkostfinanciering")
    years = _choose(request.years, None) or Cited(Decimal(1), None)
    b.param("vte", "Aantal VTE", fte, format_number(fte.value))
    b.param("loonkost_per_vte", "Loonkostfinanciering per VTE", rate, format_eur(rate.value))
    value = R.salary_cost(fte.value, rate.value, years.value)
    b.step(
        "Loonkostfinanciering",
        f"{format_number(fte.value)} VTE × {format_eur(rate.value)} × {format_number(years.value)} jaar = {format_eur(value)}",
        value,
        "EUR",
        f"Loonkostfinanciering van {format_eur(rate.value)} per VTE sectorconsulent.",
        rate,
    )
    span = f" (looptijd {generation.period.value})" if generation else ""
    b.assume(
        f"Het bedrag van {format_eur(rate.value)} per VTE wordt gelezen als een bedrag per jaar; de bron zegt niet "
        f"of het per jaar of per looptijd geldt. Berekend voor {format_number(years.value)} jaar{span}; "
        "geef een ander aantal jaren op voor een andere periode."
    )
    b.amounts["loonkostfinanciering"] = value
    return value


def _deduction(
    request: MoneyRequest,
    profile: CovenantProfile | None,
    registry: ProfileRegistry,
    subsidy: Cited[Decimal] | None,
    fte: Cited[Decimal] | None,
    b: _Builder,
) -> tuple[Decimal, int]:
    if request.absent_days is None:
        raise FinancingError("aantal afwezigheidsdagen ontbreekt voor de aftrek")
    if subsidy is None:
        raise FinancingError("maximale subsidie ontbreekt voor de aftrek: geef een sector of een subsidiebedrag op")
    if fte is None:
        raise FinancingError("aantal VTE sectorconsulenten ontbreekt voor de aftrek")
    start = _choose(request.term_start, profile.term_start if profile else None)
    end = _choose(request.term_end, profile.term_end if profile else None)
    if start is None or end is None:
        raise FinancingError("looptijd ontbreekt voor de aftrek: geef begin- en einddatum op")
    days = R.term_days(start.value, end.value)
    consultants = request.absent_consultants if request.absent_consultants is not None else Decimal(1)
    rule = _rule_source("afwezigheid", profile, registry)
    if rule is None and profile is not None:
        raise R.MissingTermError(
            "aftrekregel",
            f"aftrekregel ontbreekt: {_doc_label(profile)} ({profile.doc_id}) zegt niet hoe afwezigheid van een "
            "sectorconsulent de subsidie vermindert; geef het bedrag van de aftrek zelf op",
        )
    b.param("vte", "Aantal VTE", fte, format_number(fte.value))
    b.param("looptijd", "Looptijd", start, f"{format_day(start.value)} tot en met {format_day(end.value)}")
    b.step(
        "Dagen van de looptijd",
        f"{format_day(start.value)} tot en met {format_day(end.value)} = {days} dagen (begin- en einddag inbegrepen)",
        Decimal(days),
        "dagen",
        "De looptijd van het convenant, in kalenderdagen.",
        start,
    )
    daily = R.daily_subsidy_per_consultant(subsidy.value, fte.value, days)
    b.step(
        "Subsidie per consulent per dag",
        f"{format_eur(subsidy.value)} / {format_number(fte.value)} VTE / {days} dagen = {format_eur(daily, 4)}",
        daily,
        "EUR",
        "De werkingssubsidie wordt berekend per consulent per dag van de looptijd.",
        rule,
    )
    deduction = R.absence_deduction(subsidy.value, fte.value, days, request.absent_days, consultants)
    who = f"{format_number(consultants)} consulent" + ("" if consultants == 1 else "en")
    b.step(
        "Aftrek afwezigheid",
        f"{format_eur(daily, 4)} × {request.absent_days} dagen × {who} = {format_eur(deduction)}",
        deduction,
        "EUR",
        "Dit bedrag wordt vermenigvuldigd met het aantal dagen zonder (voldoende) consulenten en in mindering gebracht.",
        rule,
    )
    b.assume(
        f"{request.absent_days} afwezigheidsdagen zonder afdoende vervanging, na de periode gedekt door het "
        "gewaarborgd loon; de dagen zijn kalenderdagen, zoals de looptijd."
    )
    if rule is None:
        b.assume("De aftrekregel komt niet uit een geladen document; ze volgt de regel 'per consulent per dag van de looptijd'.")
    b.amounts["aftrek_afwezigheid"] = deduction
    return deduction, days


def _split(
    request: MoneyRequest,
    profile: CovenantProfile | None,
    generation: GenerationRules | None,
    registry: ProfileRegistry,
    base: Decimal,
    base_label: str,
    b: _Builder,
) -> tuple[Decimal, Decimal]:
    if request.split is not None:
        effort_pct: Cited[Decimal] | None = Cited(request.split[0], None)
        result_pct: Cited[Decimal] | None = Cited(request.split[1], None)
    elif profile is not None and profile.effort_pct and profile.result_pct:
        effort_pct, result_pct = profile.effort_pct, profile.result_pct
    elif generation is not None and generation.effort_pct and generation.result_pct:
        effort_pct, result_pct = generation.effort_pct, generation.result_pct
    else:
        raise FinancingError("verdeling inspanning/resultaat ontbreekt: geef een verdeling op, bv. 70/30")
    split = R.Split(effort_pct.value, result_pct.value)
    b.param("verdeling", "Verdeling inspanning/resultaat", effort_pct, split.label)
    effort, result_max = R.split_amounts(base, split)
    b.step(
        "Inspanningsfinanciering",
        f"{format_eur(base)} × {format_pct(split.effort_pct)} = {format_eur(effort)}",
        effort,
        "EUR",
        f"{format_pct(split.effort_pct)} van de {base_label} is inspanningsfinanciering.",
        effort_pct,
    )
    b.step(
        "Resultaatsfinanciering (maximum)",
        f"{format_eur(base)} × {format_pct(split.result_pct)} = {format_eur(result_max)}",
        result_max,
        "EUR",
        f"{format_pct(split.result_pct)} van de {base_label} is resultaatsfinanciering.",
        result_pct,
    )
    b.assume(
        "De inspanningsverbintenissen worden als volledig verantwoord beschouwd; de documenten geven geen regel "
        "voor een gedeeltelijke inspanningsfinanciering."
    )
    ratio, described = _achievement(request, profile, b)
    rule, pro_rata_src, threshold_src = _result_rule(request, profile, generation, registry, b)
    if pro_rata_src is not None or rule.pro_rata is not None:
        b.step(
            "Aandeel behaalde resultaatsverbintenissen",
            f"{described} behaald = {format_ratio(ratio)}",
            Decimal(ratio.numerator) / Decimal(ratio.denominator),
            "aandeel",
            "De resultaatsfinanciering wordt a rato van het aantal behaalde resultaatsverbintenissen uitbetaald."
            if rule.pro_rata else "De resultaatsfinanciering wordt niet a rato uitbetaald.",
            pro_rata_src,
        )
    below = False
    if rule.threshold is not None:
        share = share_words(rule.threshold)
        below = rule.below_threshold(ratio)
        sign = ("<" if rule.pays_at_threshold else "≤") if below else ("≥" if rule.pays_at_threshold else ">")
        b.step(
            f"Drempel van {share}",
            f"{format_ratio(ratio)} {sign} {format_ratio(rule.threshold)}: "
            + ("onder de drempel, geen resultaatsfinanciering" if below else "niet onder de drempel"),
            Decimal(0) if below else Decimal(1),
            "aandeel",
            f"Als {'minder dan' if rule.pays_at_threshold else 'niet meer dan'} {share} van de resultaatsverbintenissen "
            "wordt behaald, wordt geen resultaatsfinanciering uitbetaald.",
            threshold_src,
        )
    try:
        result = R.result_financing(result_max, ratio, rule)
    except R.MissingTermError as exc:
        where = f"{_doc_label(profile)} ({profile.doc_id})" if profile is not None else "de documenten"
        raise R.MissingTermError(
            exc.term,
            f"{exc} ({where} vermeldt geen regel voor {described} behaald). Geef de regel op: a rato ja/nee en de "
            "drempel waaronder niets wordt uitbetaald (bv. 'drempel 1/2').",
        ) from exc
    if below:
        formula = f"{format_eur(result)} (onder de drempel)"
    elif ratio == 1 or not rule.pro_rata:
        formula = f"{format_eur(result_max)} = {format_eur(result)}"
    else:
        formula = f"{format_eur(result_max)} × {format_ratio(ratio)} = {format_eur(result)}"
    b.step(
        "Resultaatsfinanciering",
        formula,
        result,
        "EUR",
        "Resultaatsfinanciering volgens de regel hierboven." if ratio < 1 else "Alle resultaatsverbintenissen behaald: de volledige resultaatsfinanciering.",
        threshold_src if below else pro_rata_src,
    )
    b.amounts["inspanningsfinanciering"] = effort
    b.amounts["resultaatsfinanciering"] = result
    return effort, result


def _result_rule(
    request: MoneyRequest,
    profile: CovenantProfile | None,
    generation: GenerationRules | None,
    registry: ProfileRegistry,
    b: _Builder,
) -> tuple[R.ResultRule, Source | dict[str, str] | None, Source | dict[str, str] | None]:
    """The result rule and the sources of its parts: the user's values first, then the covenant
    itself, then a general text of its generation (said so); without a covenant, the rule all
    covenants that state one agree on. Nothing is taken from another sector's covenant."""
    stated: list[CovenantProfile | GenerationRules] = []
    if profile is not None:
        stated.append(profile)
    if generation is not None:
        stated.append(generation)
    if profile is None:
        rules = {(p.pro_rata.value if p.pro_rata else None, p.threshold.value if p.threshold else None, p.threshold_pays)
                 for p in registry.profiles if p.pro_rata or p.threshold}
        if len(rules) == 1:
            stated += [p for p in registry.profiles if p.pro_rata or p.threshold][:1]
        elif len(rules) > 1:
            b.assume("De convenants in de documenten hebben verschillende regels voor de resultaatsfinanciering; "
                     "geen ervan is toegepast zonder dat een sector genoemd is.")
    user_note = {"note": USER_NOTE}
    pro_rata_src: Source | dict[str, str] | None = None
    threshold_src: Source | dict[str, str] | None = None
    pro_rata: bool | None = request.pro_rata
    if pro_rata is not None:
        pro_rata_src = user_note
    threshold, pays = request.threshold, True
    if threshold is not None:
        threshold_src = user_note
    for holder in stated:
        if pro_rata is None and holder.pro_rata is not None:
            pro_rata, pro_rata_src = holder.pro_rata.value, holder.pro_rata.source
            _borrowed(holder, profile, "a rato", b)
        if threshold is None and holder.threshold is not None:
            threshold, pays, threshold_src = holder.threshold.value, holder.threshold_pays, holder.threshold.source
            _borrowed(holder, profile, "drempel", b)
    if pro_rata and threshold is None and stated:
        b.assume(f"{_where(stated[0])} vermeldt geen drempel waaronder geen resultaatsfinanciering wordt uitbetaald; "
                 "er is geen drempel toegepast.")
    return R.ResultRule(pro_rata, threshold, pays), pro_rata_src, threshold_src


def _where(holder: CovenantProfile | GenerationRules) -> str:
    if isinstance(holder, CovenantProfile):
        return f"{_doc_label(holder)} ({holder.doc_id})"
    return f"{holder.title} ({holder.doc_id})"


def _borrowed(holder: CovenantProfile | GenerationRules, profile: CovenantProfile | None, part: str, b: _Builder) -> None:
    if holder is profile:
        return
    if isinstance(holder, GenerationRules):
        b.assume(f"De regel '{part}' komt uit een algemene tekst van de generatie {holder.period.value}: {_where(holder)}.")
    else:
        b.assume(f"Geen convenant genoemd: de regel '{part}' komt uit {_where(holder)}, de regel die alle convenants "
                 "in de documenten vermelden.")


_SHARE_WORDS = {Fraction(0): "geen", Fraction(1, 2): "de helft", Fraction(1): "alle"}


def _achievement(request: MoneyRequest, profile: CovenantProfile | None, b: _Builder) -> tuple[Fraction, str]:
    """Share of result commitments achieved, and how to describe it; records the parameters."""
    total = _choose(request.total, profile.result_commitments if profile else None)
    achieved = request.achieved
    if request.missed is not None:
        if total is None:
            raise FinancingError("totaal aantal resultaatsverbintenissen ontbreekt: geef het totaal op")
        if request.missed > total.value:
            raise FinancingError(
                f"aantal niet-behaalde resultaatsverbintenissen {request.missed} is groter dan het totaal {total.value}"
            )
        achieved = total.value - request.missed
    share = request.achieved_share
    if achieved is None and share is None:
        b.assume(
            "Aantal behaalde resultaatsverbintenissen niet opgegeven: gerekend alsof alle verbintenissen "
            "behaald zijn (maximum)."
        )
        return Fraction(1), "alle"
    if total is not None:
        b.param("resultaatsverbintenissen", "Aantal resultaatsverbintenissen", total)
    if share is not None:
        ratio = R.achievement_ratio(share, 1)
        word = _SHARE_WORDS.get(ratio, format_ratio(ratio))
        described = word if total is None else f"{word} van {total.value}"
        b.param("behaald", "Behaalde resultaatsverbintenissen", Cited(word), word)
        return ratio, described
    if total is None:
        raise FinancingError("totaal aantal resultaatsverbintenissen ontbreekt: geef het totaal op")
    ratio = R.achievement_ratio(achieved, total.value)
    b.param("behaald", "Behaalde resultaatsverbintenissen", Cited(achieved))
    return ratio, f"{achieved} van {total.value}"


def _addendum(
    request: MoneyRequest, generation: GenerationRules | None, own: CovenantProfile | None,
    total: Decimal | None, b: _Builder,
) -> None:
    amount = _choose(
        request.addendum_amount, own.max_subsidy if own else None, generation.addendum_per_sector if generation else None
    )
    if amount is None:
        raise R.MissingTermError(
            "addendum",
            "addendumbedrag onbekend: geen addendum van deze sector of generatie met een bedrag in de documenten; "
            "geef een generatie met een forfaitair addendum (bv. '2021-2022') of een bedrag op",
        )
    if request.addendum_amount is None and own is not None and own.max_subsidy is not None:
        name = f"Addendum {own.sector.value}"
    else:
        name = generation.addendum_name if generation and request.addendum_amount is None else "Addendum"
    b.param("addendum", name, amount, format_eur(amount.value))
    b.step(
        name,
        f"{format_eur(amount.value)}" if own is not None and own.max_subsidy is amount else f"forfaitair {format_eur(amount.value)} per sector",
        amount.value,
        "EUR",
        "Maximale toelage van het addendum, naast het sectorconvenant." if own is not None and own.max_subsidy is amount
        else "Forfaitair bedrag per sector, naast het sectorconvenant.",
        amount,
    )
    b.amounts["addendum"] = amount.value
    if total is not None:
        with_addendum = total + amount.value
        b.step(
            "Totaal met addendum",
            f"{format_eur(total)} + {format_eur(amount.value)} = {format_eur(with_addendum)}",
            with_addendum,
            "EUR",
            "Het addendum komt bovenop het sectorconvenant.",
        )
        b.amounts["totaal_met_addendum"] = with_addendum
