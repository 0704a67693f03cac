"""Recognise a money question in Dutch and turn it into a MoneyRequest (or None).

A question is a calculation only when there is something to compute: achieved commitments,
absence days, a number of FTE times a rate, an amount with a split. "Wat is de maximale
subsidie?" is a fact lookup and yields None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from assistant.errors import FinancingError
from assistant.financing.model import MoneyRequest
from assistant.financing.registry import period_key, sector_key
from assistant.financing.rules import parse_number
from assistant.financing.wording import parse_share
from assistant.textnl import NUMBER_WORDS as DUTCH_NUMBER_WORDS, fold

#: Count words of a money question: the Dutch number words, "geen", and "één" with its accents.
NUMBER_WORDS = {**DUTCH_NUMBER_WORDS, "geen": 0, "één": 1, "eén": 1}
_NUM = r"(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_DEC = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_AMT = r"(\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_ACHIEVE = r"(?:ge|be)haald|haalt|halen|haal|gerealiseerd|realiseert|realiseren|bereikt|bereiken|behalen|gehaalde|behaalde"
_COMMITMENT = r"(?:resultaats)?(?:verbintenis(?:sen)?|doelstelling(?:en)?|resultaten)"
_ABSENCE = re.compile(
    r"afwezig|niet\s+vervangen|zonder\s+(?:vervang|consulent)|ziek|uitval|uitgevallen|niet\s+(?:afdoende\s+)?vervangen",
)

_X_OF_Y = re.compile(rf"\b{_NUM}\s*(?:van\s+de|van|op|uit)\s+(?:de\s+)?{_NUM}\b")
_X_SLASH_Y = re.compile(r"(?<![\d.,])(\d{1,2})\s*/\s*(\d{1,2})(?![\d%])")
_X_ACHIEVED = re.compile(rf"\b{_NUM}\s+{_COMMITMENT}\s+(?:\w+\s+){{0,2}}?(?:{_ACHIEVE})\b")
_X_MISSED = re.compile(rf"\b{_NUM}\s+{_COMMITMENT}\s+(?:\w+\s+){{0,2}}?niet\s+(?:worden\s+|wordt\s+|is\s+|zijn\s+)?(?:{_ACHIEVE})\b")
_ACHIEVED_X = re.compile(rf"(?:{_ACHIEVE})\s*:?\s+{_NUM}\s+{_COMMITMENT}")
_HALF = re.compile(rf"(?<!meer dan )(?<!minder dan )(?<!meer als )\bde\s+helft(?:\s+van\s+de\s+{_NUM}\b)?")
_ALL = re.compile(rf"\balle\s+(?:{_NUM}\s+)?{_COMMITMENT}")
_NONE = re.compile(rf"\bgeen\s+(?:enkele\s+)?{_COMMITMENT}|\bniets\s+(?:{_ACHIEVE})|\bgeen\s+enkele\b")
_TOTAL = re.compile(rf"\b(?:in\s+totaal|totaal|van\s+de)\s+{_NUM}\s+{_COMMITMENT}")
_DAYS = re.compile(rf"\b{_NUM}\s*(?:kalender|werk)?dag(?:en)?\b")
_ABSENT_CONSULTANTS = re.compile(rf"\b{_NUM}\s+(?:sector)?consulent(?:e|en)?\b")
_FTE = re.compile(rf"\b{_DEC}\s*(?:vte|fte|voltijdse?\s+equivalent(?:en)?)\b")
_CONSULTANTS = re.compile(rf"\b{_DEC}\s+(?:sector)?consulent(?:en)?\b")
_MONEY = re.compile(rf"€\s*{_AMT}(\s*miljoen)?|\b{_AMT}(\s*miljoen)?\s*(?:euro|eur\b|€)")
_SPLIT = re.compile(r"(?<![\d.,/])(\d{1,3}(?:,\d+)?)\s*%?\s*[/\-–]\s*(\d{1,3}(?:,\d+)?)\s*%?(?![\d/])")
_PCT_WORD = r"(\d{{1,3}}(?:,\d+)?)\s*(?:%|procent)\s+(?:is\s+)?(?:de\s+)?{word}"
_YEARS_N = re.compile(rf"\b(?:voor|gedurende|over)\s+{_DEC}\s+jaar\b")
_PERIOD = re.compile(r"\b(20\d\d)\s*[-–/]\s*(20\d\d)\b")
_UNKNOWN_SECTOR = re.compile(
    r"\bsector\s+(?!van\b|die\b|dat\b|als\b|met\b|bij\b|in\b)([a-z][a-z\- ]{2,40}?)(?=\s*(?:[,.?!;:]|$|\s(?:als|bij|met|indien|wanneer|die|dat|en|in|voor|haalt|halen|heeft)\b))"
)

_ASKS = (
    ("resultaatsfinanciering", re.compile(r"resultaatsfinanci|resultaatsgeld|resultaatsdeel")),
    ("inspanningsfinanciering", re.compile(r"inspanningsfinanci|inspanningsdeel")),
    ("loonkostfinanciering", re.compile(r"loonkost")),
    ("addendum", re.compile(r"addend")),
    ("aftrek_afwezigheid", re.compile(r"aftrek|afgetrokken|in\s+mindering|vermindering|verminder|korting|inhouding|verlie[sz]|minder\s+subsidie")),
    ("totaal", re.compile(r"\btota(?:al|le)\b|alles\s+samen")),
    ("subsidie_per_vte_per_jaar", re.compile(
        r"per\s+(?:vte|fte|(?:sector)?consulent)\s+(?:en\s+)?per\s+jaar|per\s+jaar\s+(?:en\s+)?per\s+(?:vte|fte|(?:sector)?consulent)"
    )),
)


_HOW_MUCH = re.compile(r"\bhoeveel\b|\bwelk(?:e)? bedrag|\bbereken|\bhoe (?:groot|hoog|veel)\b|\bwat (?:is|wordt|bedraagt) de\b.*\bfinanciering\b")


def _num(word: str) -> int:
    word = word.strip().lower()
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else int(word)


def _dec(word: str) -> Decimal:
    word = word.strip().lower()
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    return parse_number(word.replace(".", ","), "aantal VTE")


def _achievement(text: str) -> tuple[int | None, Fraction | None, int | None, int | None]:
    """(achieved, share, total, missed) from "2 van de 3 gehaald", "de helft", "alle", "1 niet gehaald"."""
    verb = re.search(_ACHIEVE, text) is not None
    commitment = re.search(_COMMITMENT, text) is not None
    if verb or commitment:
        match = _X_OF_Y.search(text)
        if match and (verb or re.search(rf"{re.escape(match.group(0))}\s+{_COMMITMENT}", text)):
            return _num(match.group(1)), None, _num(match.group(2)), None
        for match in _X_SLASH_Y.finditer(text):
            a, t = int(match.group(1)), int(match.group(2))
            if a + t != 100 and verb:
                return a, None, t, None
    if not verb:
        return None, None, None, None
    total_match = _TOTAL.search(text)
    total = _num(total_match.group(1)) if total_match else None
    half = _HALF.search(text)
    if half:
        return None, Fraction(1, 2), _num(half.group(1)) if half.group(1) else total, None
    every = _ALL.search(text)
    if every:
        return None, Fraction(1), _num(every.group(1)) if every.group(1) else total, None
    if _NONE.search(text):
        return None, Fraction(0), total, None
    missed = _X_MISSED.search(text)
    if missed:
        return None, None, total, _num(missed.group(1))
    for pattern in (_X_ACHIEVED, _ACHIEVED_X):
        match = pattern.search(text)
        if match:
            return _num(match.group(1)), None, total, None
    return None, None, None, None


def _money(text: str) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(subsidy, rate per FTE, addendum amount) from the euro amounts in the text."""
    subsidy = rate = addendum = None
    for match in _MONEY.finditer(text):
        raw = match.group(1) or match.group(3)
        million = bool(match.group(2) or match.group(4))
        value = parse_number(raw.replace(" ", "."), "bedrag")
        if million:
            value *= Decimal(1_000_000)
        after = text[match.end() : match.end() + 30]
        before = text[max(0, match.start() - 40) : match.start()]
        if re.match(r"\s*per\s+(?:vte|fte|(?:sector)?consulent)", after):
            rate = rate if rate is not None else value
        elif "addend" in before or "addend" in after:
            addendum = addendum if addendum is not None else value
        elif subsidy is None:
            subsidy = value
    return subsidy, rate, addendum


def _split(text: str) -> tuple[Decimal, Decimal] | None:
    for match in _SPLIT.finditer(text):
        effort, result = (parse_number(g, "percentage") for g in match.groups())
        if effort + result == 100:
            return effort, result
    effort_m = re.search(_PCT_WORD.format(word="inspanning"), text)
    result_m = re.search(_PCT_WORD.format(word="resulta"), text)
    if effort_m and result_m:
        return parse_number(effort_m.group(1), "percentage"), parse_number(result_m.group(1), "percentage")
    return None


_RULE_PRO_RATA = re.compile(r"(\bniet\s+)?\b(?:a\s+rato|pro\s+rata|naar\s+verhouding)\b")
_RULE_THRESHOLD = re.compile(r"\bdrempel\s+(?:van\s+|is\s+|op\s+)?")


def _stated_rule(text: str) -> tuple[bool | None, Fraction | None]:
    """A result rule the user states in the question ("a rato, drempel van de helft")."""
    pro_rata = None
    match = _RULE_PRO_RATA.search(text)
    if match:
        pro_rata = match.group(1) is None
    threshold = None
    match = _RULE_THRESHOLD.search(text)
    if match:
        found = parse_share(text[match.end():])
        threshold = found[0] if found else None
    return pro_rata, threshold


def _sector(text: str, sectors: Iterable[str]) -> str | None:
    squashed = sector_key(text)
    known = sorted(sectors, key=lambda s: len(sector_key(s)), reverse=True)
    for name in known:
        key = sector_key(name)
        if len(key) >= 4 and key in squashed:
            return name
    match = _UNKNOWN_SECTOR.search(text)
    return match.group(1).strip() if match else None


def parse_money_question(
    text: str, *, sectors: Iterable[str] = (), periods: Iterable[str] = ()
) -> MoneyRequest | None:
    """A MoneyRequest for a question that asks for a calculation, else None.

    ``sectors`` and ``periods`` are the names known to the registry, so "de social profit"
    or "generatie 2021-2022" can be recognised; an unknown "sector X" is passed on as is
    so the calculator can say it is unknown.
    """
    if not text or not text.strip():
        return None
    folded = fold(text)
    try:
        achieved, share, total, missed = _achievement(folded)
        subsidy, rate, addendum_amount = _money(folded)
        split = _split(folded)
    except FinancingError:
        return None
    absence = _ABSENCE.search(folded) is not None
    days_match = _DAYS.search(folded) if absence else None
    absent_days = _num(days_match.group(1)) if days_match else None
    absent_consultants = None
    if absence:
        cons = _ABSENT_CONSULTANTS.search(folded)
        if cons:
            absent_consultants = Decimal(_num(cons.group(1)))
    fte_match = _FTE.search(folded) or (None if absence else _CONSULTANTS.search(folded))
    fte = _dec(fte_match.group(1)) if fte_match else None
    years_match = _YEARS_N.search(folded)
    years = _dec(years_match.group(1)) if years_match else None
    period_match = _PERIOD.search(folded)
    period = period_key(period_match.group(0)) if period_match else None
    if period is None:
        period = next((p for p in periods if p in folded), None)
    sector = _sector(folded, sectors)
    asks = tuple(name for name, pattern in _ASKS if pattern.search(folded))
    pro_rata, threshold = _stated_rule(folded)

    achieved_given = achieved is not None or share is not None or missed is not None
    computable = (
        achieved_given
        or absent_days is not None
        or (fte is not None and (rate is not None or "loonkostfinanciering" in asks or period is not None))
        or (subsidy is not None and (split is not None or bool(set(asks) & {"inspanningsfinanciering", "resultaatsfinanciering", "totaal"})))
        or (sector is not None and "subsidie_per_vte_per_jaar" in asks)
        or (
            sector is not None
            and bool(set(asks) & {"inspanningsfinanciering", "resultaatsfinanciering"})
            and _HOW_MUCH.search(folded) is not None  # "hoe verschilt de verdeling" asks no amount
        )
    )
    if not computable:
        return None
    wants_addendum = "addendum" in asks and (addendum_amount is not None or period is not None)
    return MoneyRequest(
        sector=sector,
        period=period,
        subsidy=subsidy,
        split=split,
        achieved=achieved,
        achieved_share=share,
        total=total,
        fte=fte,
        rate_per_fte=rate,
        years=years,
        absent_days=absent_days,
        absent_consultants=absent_consultants,
        addendum=wants_addendum,
        addendum_amount=addendum_amount,
        missed=missed,
        asks=asks,
        pro_rata=pro_rata,
        threshold=threshold,
    )
