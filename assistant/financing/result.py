"""Effort and result financing of one calculation: the split, the share of result commitments
achieved, and the result rule (a rato, threshold) taken only from a text that states it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from assistant.errors import FinancingError
from assistant.financing import rules as R
from assistant.financing.model import USER_NOTE, Cited, CovenantProfile, GenerationRules, MoneyRequest, Source
from assistant.financing.registry import ProfileRegistry
from assistant.financing.render import format_eur, format_pct, format_ratio
from assistant.financing.steps import Builder, choose, doc_label
from assistant.financing.wording import share_words

def split_financing(
    request: MoneyRequest,
    profile: CovenantProfile | None,
    generation: GenerationRules | None,
    registry: ProfileRegistry,
    base: Decimal,
    base_label: str,
    b: Builder,
) -> tuple[Decimal, Decimal]:
    if request.split is not None:
        effort_pct: Cited[Decimal] | None = Cited(request.split[0], None)
        result_pct: Cited[Decimal] | None = Cited(request.split[1], None)
    elif profile is not None and profile.effort_pct and profile.result_pct:
        effort_pct, result_pct = profile.effort_pct, profile.result_pct
    elif generation is not None and generation.effort_pct and generation.result_pct:
        effort_pct, result_pct = generation.effort_pct, generation.result_pct
    else:
        where = f"{doc_label(profile)} ({profile.doc_id}) vermeldt geen verdeling; " if profile is not None else ""
        raise R.MissingTermError("verdeling", f"verdeling inspanning/resultaat ontbreekt: {where}geef een verdeling op, bv. 70/30")
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
        where = f"{doc_label(profile)} ({profile.doc_id})" if profile is not None else "de documenten"
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
    b: Builder,
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
    pro_rata: bool | None = None
    threshold: Fraction | None = None
    pays = True
    for holder in stated:
        if pro_rata is None and holder.pro_rata is not None:
            pro_rata, pro_rata_src = holder.pro_rata.value, holder.pro_rata.source
            if request.pro_rata in (None, pro_rata):
                _borrowed(holder, profile, "a rato", b)
        if threshold is None and holder.threshold is not None:
            threshold, pays, threshold_src = holder.threshold.value, holder.threshold_pays, holder.threshold.source
            if request.threshold in (None, threshold):
                _borrowed(holder, profile, "drempel", b)
    # The user's values go first; one equal to the documents' keeps the documents' citation.
    if request.pro_rata is not None and request.pro_rata != pro_rata:
        pro_rata, pro_rata_src = request.pro_rata, user_note
    if request.threshold is not None and request.threshold != threshold:
        threshold, pays, threshold_src = request.threshold, True, user_note
    if pro_rata and threshold is None and stated:
        b.assume(f"{_where(stated[0])} vermeldt geen drempel waaronder geen resultaatsfinanciering wordt uitbetaald; "
                 "er is geen drempel toegepast.")
    return R.ResultRule(pro_rata, threshold, pays), pro_rata_src, threshold_src


def _where(holder: CovenantProfile | GenerationRules) -> str:
    if isinstance(holder, CovenantProfile):
        return f"{doc_label(holder)} ({holder.doc_id})"
    return f"{holder.title} ({holder.doc_id})"


def _borrowed(holder: CovenantProfile | GenerationRules, profile: CovenantProfile | None, part: str, b: Builder) -> None:
    if holder is profile:
        return
    if isinstance(holder, GenerationRules):
        b.assume(f"De regel '{part}' komt uit een algemene tekst van de generatie {holder.period.value}: {_where(holder)}.")
    else:
        b.assume(f"Geen convenant genoemd: de regel '{part}' komt uit {_where(holder)}, de regel die alle convenants "
                 "in de documenten vermelden.")


_SHARE_WORDS = {Fraction(0): "geen", Fraction(1, 2): "de helft", Fraction(1): "alle"}


def _achievement(request: MoneyRequest, profile: CovenantProfile | None, b: Builder) -> tuple[Fraction, str]:
    """Share of result commitments achieved, and how to describe it; records the parameters."""
    total = choose(request.total, profile.result_commitments if profile else None)
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


__all__ = ["split_financing"]
