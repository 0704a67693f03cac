"""Compose the pure rules into one calculation: parameters with citations, steps, assumptions.

``calculate`` resolves every parameter (user value first, then the covenant profile, then the
generation rules) and applies the rules in order, recording each step with its source.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.errors import FinancingError
from assistant.financing import rules as R
from assistant.financing.model import (
    Cited,
    CovenantProfile,
    FinancingResult,
    GenerationRules,
    MoneyRequest,
    Source,
)
from assistant.financing.registry import ProfileRegistry
from assistant.financing.render import format_day, format_eur, format_number
from assistant.financing.request import validate_request
from assistant.financing.result import split_financing
from assistant.financing.steps import Builder, choose, doc_label


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
    b = Builder()

    if profile is not None:
        b.param("sector", "Sector", profile.sector)
        b.param("begunstigde", "Begunstigde", profile.beneficiary)
    if generation is not None:
        b.param("generatie", "Generatie", generation.period)

    subsidy = choose(request.subsidy, profile.max_subsidy if profile else None)
    fte = choose(request.fte, profile.fte if profile else None)
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
    b: Builder,
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
    effort, result = split_financing(request, profile, generation, registry, split_base, base_label, b)
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


def _missing_subsidy(profile: CovenantProfile | None) -> R.MissingTermError:
    if profile is not None:
        return R.MissingTermError(
            "subsidie", f"maximale subsidie ontbreekt: {doc_label(profile)} ({profile.doc_id}) vermeldt geen "
            "maximale subsidie; geef het subsidiebedrag op",
        )
    return R.MissingTermError(
        "subsidie", "maximale subsidie ontbreekt: geef een sector (bv. 'social profit') of een subsidiebedrag op"
    )


def _per_fte_year(
    request: MoneyRequest, profile: CovenantProfile | None, subsidy: Cited[Decimal] | None,
    fte: Cited[Decimal] | None, b: Builder,
) -> None:
    """Subsidy per FTE per year: maximum subsidy / FTE / years of the term."""
    if subsidy is None:
        raise _missing_subsidy(profile)
    if fte is None:
        where = f"{doc_label(profile)} vermeldt geen aantal VTE; " if profile is not None else ""
        raise R.MissingTermError("vte", f"aantal VTE sectorconsulenten ontbreekt: {where}geef het aantal VTE op")
    b.param("vte", "Aantal VTE", fte, format_number(fte.value))
    if request.years is not None:
        years: Cited[Decimal] = Cited(request.years, None)
    else:
        start = choose(request.term_start, profile.term_start if profile else None)
        end = choose(request.term_end, profile.term_end if profile else None)
        if start is None or end is None:
            where = f"{doc_label(profile)} vermeldt geen looptijd; " if profile is not None else ""
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
        return doc_label(profile)
    if generation is not None:
        return f"Sectorconvenants generatie {generation.period.value}"
    return "berekening met opgegeven parameters"


def _salary(
    request: MoneyRequest, generation: GenerationRules | None, fte: Cited[Decimal] | None, b: Builder
) -> Decimal:
    rate = choose(request.rate_per_fte, generation.salary_per_fte if generation else None)
    if rate is None:
        raise FinancingError(
            "loonkostfinanciering per VTE onbekend: geef een generatie (bv. '2021-2022') of een bedrag per VTE op"
        )
    if fte is None:
        raise FinancingError("aantal VTE sectorconsulenten ontbreekt voor de loonkostfinanciering")
    years = choose(request.years, None) or Cited(Decimal(1), None)
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
    b: Builder,
) -> tuple[Decimal, int]:
    if request.absent_days is None:
        raise FinancingError("aantal afwezigheidsdagen ontbreekt voor de aftrek")
    if subsidy is None:
        raise FinancingError("maximale subsidie ontbreekt voor de aftrek: geef een sector of een subsidiebedrag op")
    if fte is None:
        raise FinancingError("aantal VTE sectorconsulenten ontbreekt voor de aftrek")
    start = choose(request.term_start, profile.term_start if profile else None)
    end = choose(request.term_end, profile.term_end if profile else None)
    if start is None or end is None:
        raise FinancingError("looptijd ontbreekt voor de aftrek: geef begin- en einddatum op")
    days = R.term_days(start.value, end.value)
    consultants = request.absent_consultants if request.absent_consultants is not None else Decimal(1)
    rule = _rule_source("afwezigheid", profile, registry)
    if rule is None and profile is not None:
        raise R.MissingTermError(
            "aftrekregel",
            f"aftrekregel ontbreekt: {doc_label(profile)} ({profile.doc_id}) zegt niet hoe afwezigheid van een "
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


def _addendum(
    request: MoneyRequest, generation: GenerationRules | None, own: CovenantProfile | None,
    total: Decimal | None, b: Builder,
) -> None:
    amount = choose(
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
