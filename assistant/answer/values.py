"""The values a unit holds (date, period, money, count, organisation, contact details), whether it
holds the kind a question asks for (``kinds.answer_type``), and the value itself to lead an answer
with. Patterns are general Dutch and covenant forms, not derived from any question set."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from assistant.answer.dating import MONTH_OF_PLACED_YEAR, PART as _PART, RELATIVE_TIME, SEASON, SEASON_OF_YEAR as _SEASON_OF_YEAR
from assistant.answer.kinds import names_money
from assistant.answer.entities import COMITE_NAME, proper_names
from assistant.answer.masks import unmasked
from assistant.answer.vocabulary import covered, is_or_ends_in
from assistant.textnl import (
    DAY_MONTH_PATTERN, MONTH_PATTERN, NUMBER_WORDS, ORDINAL_WORDS, PERIOD_PATTERN, WORD_DATE_PATTERN, YEAR_PATTERN, STOPWORDS, fold,
    tokens,
)

# "1/7/2025", "1/7/25", and a day of a month without its year ("op 11 oktober", "op 31/12")
_DATE = re.compile(rf"{WORD_DATE_PATTERN}|\b\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b|\b\d{{1,2}}\s+(?:{MONTH_PATTERN})\b"
                   rf"|{_SEASON_OF_YEAR}|{DAY_MONTH_PATTERN}|{MONTH_OF_PLACED_YEAR}", re.I)
_YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")
_RANGE = re.compile(PERIOD_PATTERN, re.I)
_NUMBER = re.compile(r"\d")
# A number with its thousands grouped by dots or spaces ("816.000", "1 200 000"), or not grouped.
_GROUPED = r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d])|(?<![\d.,])\d{1,3}(?:\s\d{3})+(?![\d.,]?\d)"
_MONEY_VALUE = re.compile(
    rf"(?:€\s*\d[\d.\s]*(?:,\d+)?|(?:{_GROUPED}|\b\d[\d.]*)(?:,\d+)?\s*(?:miljoen\s+|miljard\s+|mio\s+)?(?:(?:EUR|euro)\b|€))", re.I
)
# A sum set as a share of the wage bill, as sector funds' contributions and refunds are ("0,20% van de
# brutolonen", "maximum 0,10% van de loonmassa"; general Belgian social-security vocabulary)
_SHARE_OF_WAGES = re.compile(r"\d+(?:[.,]\d+)?\s*%\s+(?:van|op)\s+(?:de|het|alle)\s+(?:[^\W\d_]+\s+)?(?:bruto)?lo(?:on|nen)\w*", re.I)
_FREE = re.compile(r"\b(?:gratis|kosteloos|kosteloze|(?:zonder|geen)\s+kosten)\b", re.I)  # a price of nothing (general Dutch)
# Every way a sum is written: digits before the currency, the currency before digits ("EUR 2,5 miljoen"), a number
# word's millions ("vijf miljoen euro"), millions that count no noun ("1,5 miljoen per jaar"); no count is one.
_SUM = re.compile(
    rf"{_MONEY_VALUE.pattern}|\b(?:EUR|euro)\s*\d[\d.]*(?:,\d+)?(?:\s+(?:miljoen|miljard|mio)\b)?"
    r"|\b\d+(?:,\d+)?\s+(?:miljoen|miljard)(?=\s*[.,;:()]|\s*$|\s+(?:per|voor|aan|om|extra|bovenop|uit|te)\b)"
    rf"|\b(?:{'|'.join(w for w in NUMBER_WORDS if w not in ('nul', 'miljoen'))}|anderhalf)\s+(?:miljoen|miljard)\s+(?:EUR\b|euro\b|€)",
    re.I,
)
_COUNT = re.compile(rf"(?:(?<![\d/]){_GROUPED}|(?<![\d.,/])\d+(?:[.,]\d+)?)(?:\s*%)?(?:\s+[^\W\d_]+)?")
# An ordinal ("7de specialisatiejaar", "21ste eeuw", "3e graad", "achtste generatie") ranks, it counts
# nothing; it answers "De hoeveelste ...?" (kind "rank"; general Dutch).
_ORDINAL = re.compile(rf"(?<![\w.,])(?:\d{{1,3}}(?:ste|de|e)|{'|'.join(ORDINAL_WORDS)})\b(?:\s+[^\W\d_]+)?", re.I)
# A count written as a word ("drie intersectorale adviseurs"); not "een", which is also the article.
_FRACTION = r"\b(?:de\s+helft|(?:een|één|twee|drie)\s+(?:derde|kwart))\b"  # a fraction in words, a count and a share
_COUNT_WORD = re.compile(  # with hundreds and thousands ("tienduizend", "honderden", "een vierhonderdtal"); "de helft"
    r"\b(?:" + "|".join(w for w in NUMBER_WORDS if w not in ("een", "nul")) + r"|één|[a-z]*(?:honderd|duizend)(?:en|tal)?|[a-z]*(?:tien|tig)tal)\b(?:\s+[^\W\d_]+)?"
    rf"|{_FRACTION}", re.I)

# A period given by the dates that open and close it ("van 1 januari 2013 tot en met 31 december
# 2014", "neemt een aanvang op 1 januari 2020 en eindigt per 31 december 2020").
_DATE_SPAN = re.compile(rf"(?:{_DATE.pattern})[^.;:]{{1,40}}?(?:{_DATE.pattern})", re.I)

# A length of time in words (general Dutch): "vijf jaar", "anderhalf jaar", "voor onbepaalde duur"
# ("18 maanden" in figures is one of PERIOD_PATTERN's already); "Welke looptijd ...?" and "Voor
# welke duur ...?" are answered by a length of time as often as by a period's bounds.
_DURATION = re.compile(
    r"\b(?:" + "|".join(NUMBER_WORDS) + r"|één|half|anderhalf)\s+"
    r"(?:kalender|werk)?(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|uren)\b|\b(?:on)?bepaalde\s+(?:duur|tijd)\b"
    # a length in days, weeks or hours written in figures ("8 uur", "1 dag"; "18 maanden" is a _RANGE)
    r"|\b\d+(?:[.,]\d+)?\s+(?:uur|uren|dag|dagen|week|weken|lesuren|werkdagen)\b",
    re.I,
)

# A time set by a length from an event, half a date: "een maand na de laatste dag", "30 dagen vóór de start"
_AFTER_EVENT = re.compile(rf"(?:{_DURATION.pattern}|\b\d+\s+(?:maand|maanden|jaar))(?=\s+(?:na|voor|vóór|volgend\s+op)\b)", re.I)

# A time of day: "8u30", "om 9u", "08:30", "8.30 uur", "om 9 uur" ("Hoe laat ...?"); "3 uur" alone is a length.
_CLOCK = re.compile(r"\b(?:[01]?\d|2[0-3])(?:u[0-5]\d\b|u\b|:[0-5]\d\b|\.[0-5]\d\s*uur\b)"
                    r"|(?:\b(?:om|tot|vanaf|tussen\s+(?:[01]?\d|2[0-3])\s+en)|:)\s+(?:[01]?\d|2[0-3])\s+uur\b", re.I)
# How often: "3x/jaar", "twee keer per jaar", "maandelijks", "tweejaarlijks", "om de twee jaar".
_FREQUENCY = re.compile(
    r"\b\d+\s*(?:x|keer|maal)\b|\b[a-z]*(?:jaarlijks|maandelijks|wekelijks|dagelijks)[a-z]*"
    r"|\b(?:een|één|twee|drie|vier|vijf|zes)\s+(?:keer|maal)\b"
    r"|\b(?:per|elk|elke|ieder|iedere)\s+(?:\d+\s+|twee\s+|drie\s+|vier\s+|vijf\s+)?"
    r"(?:jaar|maand|maanden|week|weken|dag|dagen|kwartaal|semester|trimester|werkjaar)\b"
    r"|\bom\s+de\s+[a-z0-9]+\s+(?:jaar|maanden|weken|dagen)\b",
    re.I,
)

# A number that identifies (telephone, enterprise, account, file number): a long run of digits,
# possibly grouped ("0472.871.139", "02 553 44 33", "BE50 0013 4839 8818").
_IDENTIFIER = re.compile(r"(?<![\w-])(?:[A-Z]{2}\d{2}\s?|[A-Z]{2,}(?:-[A-Z]{2,})*-)?\d[\d .\/-]{4,}\d(?![\w])")  # "VG-ODB-011670"

# Contact details (general Dutch and Belgian forms): an e-mail address, a website, a telephone
# number (nine digits from 0, ten from 04 for a mobile, or +32: "02 553 44 33", "09/123.45.67"; an
# enterprise number "0427.483.651" groups its ten digits 4.3.3 and is no telephone number), and a
# postal address: a street and its number ("Metrologielaan 8", "Koning Albert II-laan 35 bus 20") or
# a postcode and its place ("1030 Brussel").
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WEBSITE = re.compile(r"\b(?:https?://|www\.)[^\s,;)]+|\b[a-z][\w-]*(?:\.[\w-]+)*\.(?:be|com|org|net|eu|nl|vlaanderen)\b(?!@)", re.I)
_PHONE = re.compile(r"(?<![\w.,/])(?:\+32\s?\(?0?\)?\s?[1-9]|0[1-9])\d{0,2}(?:[\s./-]?\d{2,3}){2,4}(?![\w]|[.,/]\d)")
_ENTERPRISE_NUMBER = re.compile(r"\b[01]\d{3}\.\d{3}\.\d{3}\b")
_STREET = (r"\b(?:[A-Z][\w'’.]*\s+){0,3}[A-Z][\w'’.-]*(?:straat|laan|lei|plein|square|steenweg|dreef|kaai|weg|baan|singel|markt|park|hof|vest)"
           r"\s+\d+[A-Za-z]?(?:\s*[-–]\s*\d{1,3}(?!\d))?(?:\s+bus\s+\d+)?")
_POSTCODE_PLACE = r"\b[1-9]\d{3}\s+[A-Z][a-zà-ÿ'’-]+"
_ADDRESS = re.compile(rf"{_STREET}(?:[\s,;–-]*(?:te\s+)?{_POSTCODE_PLACE})?|{_POSTCODE_PLACE}")


def _phones(text: str) -> list[re.Match[str]]:
    blanked = _blank(_EMAIL, _blank(_ENTERPRISE_NUMBER, text))
    out = []
    for m in _PHONE.finditer(blanked):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith("32"):
            digits = "0" + digits[2:].lstrip("0")
        if len(digits) == 9 or (len(digits) == 10 and digits.startswith("04")):
            out.append(m)
    return out


def _websites(text: str) -> list[re.Match[str]]:
    return list(_WEBSITE.finditer(_blank(_EMAIL, text)))


_QUOTED = re.compile(r"[‘“\"][^\W\d_][^’”\"]{2,}[’”\"]")  # a quoted name or title; not an apostrophe ("PC's")
# The number of a list item or section ("11. Het belang van inclusie ...", "5.1. Onderwijs", after a lead: "stappen: 2. De") orders.
_ENUMERATION = re.compile(r"(?:^|(?<!\d):)\s*\d{1,2}(?:\.\d{1,2})*[.)](?=\s)")

_YEAR_SPAN = re.compile(r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b")

# A paritair comité's number ("PC 110", "paritaire comités 227 en 303.1") names, it does not count.
_PC_NUMBER = re.compile(
    rf"\b{COMITE_NAME}\s*(?:nr\.?\s*|n[°o]\s*)?"
    r"\d{3}(?:[.,]\d{1,2})?(?:\s*(?:,|en|/|&)\s*\d{3}(?:[.,]\d{1,2})?)*",
    re.I,
)
# A month of a year written with an apostrophe, or a part of a month ("midden juni ’25", "eind april"):
# a date named less precisely than by its day (general Dutch; "juni 2025" is one of _DATE's).
_MONTH_TIME = re.compile(rf"\b(?:{_PART}\s+)?(?:{MONTH_PATTERN})\s+['’‘]\d{{2}}\b|\b{_PART}\s+(?:{MONTH_PATTERN})\b", re.I)
# A time named less precisely than a date: a decade ("de jaren '90", "de jaren negentig") or a year.
_DECADE = re.compile(r"\bjaren\s*(?:['’‘]?\d0|(?:19|20)\d0|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)\b", re.I)


COUNT_KINDS = frozenset({"amount", "rank"})  # a count ("Hoeveel ...?") or a rank ("De hoeveelste ...?"); not a name ("who", "name")
FIGURE_ASKED_KINDS = COUNT_KINDS | {"money"}  # a count, a rank or a sum of money: a number is the answer
VALUE_KINDS = frozenset({"date", "time", "year", "period", "money", "amount", "rank", "frequency", "identifier", "comite", "email", "phone", "website", "address"})
# The kinds of value that are figures (a number, a date, a comité's number); an e-mail, website or postal address is a value of its
# own form but no figure; a year question, read as a name question before, is refused better at their rate (eval/HISTORY.md).
FIGURE_KINDS = VALUE_KINDS - {"email", "website", "address", "year"}
_SHARE = re.compile(  # a share ("13,4%", "35 procent", "de helft") counts no noun: "Hoeveel bedrijven ...?" is not answered by "0,10%"
    r"(?<![\d.,])\d+(?:[.,]\d+)?\s*(?:%|procent\b|percent\b)|" + _FRACTION, re.I)
_PLAIN = {"frequency": _FREQUENCY, "comite": _PC_NUMBER, "time": _CLOCK}  # kinds one pattern finds


def counted(kind: str | None, asked: tuple[str, ...] = ()) -> str | None:
    """The kind of value that answers: "count" for an amount asked by the noun it counts
    ("Hoeveel bedrijfscontacten ...?", ``asked``: its stems), which a sum of money does not answer;
    an amount asked without a noun ("Hoeveel werd er uitgetrokken?") or by a money noun may be a sum."""
    return "count" if kind == "amount" and asked and not names_money(asked) else kind


def has_type(text: str, kind: str | None, asked: tuple[str, ...] = ()) -> bool:
    # "De xxxx Xxxxx", "XX00 0000", ",00 EUR" hold no name, number or sum
    return _has_type(unmasked(text), counted(kind, asked))


def _has_type(text: str, kind: str | None) -> bool:
    """``has_type`` of a text whose placeholders are blanked already."""
    if kind is None:
        return False
    if kind == "date":
        return bool(_DATE.search(text) or RELATIVE_TIME.search(text) or _AFTER_EVENT.search(text))
    if kind == "period":
        return bool(_RANGE.search(text) or len(_DATE.findall(text)) >= 2 or _DURATION.search(text) or RELATIVE_TIME.search(text))
    if kind == "year":  # a year, alone or in a date, not a count ("minstens 2000 gebruikers")
        return bool(_years(text))
    if kind == "money":  # a sum: digits next to the currency ("204.000,00 EUR", "€ 5 000"), not a blank; or "gratis"
        return bool(_SUM.search(text) or _SHARE_OF_WAGES.search(text) or _FREE.search(text))
    if kind in ("amount", "count"):  # a count or share: digits outside dates, years, comité numbers and
        # addresses (and sums of money, for a count), or a number word
        text = _blank(_SHARE, _blank(_SUM, text)) if kind == "count" else text
        return bool(_NUMBER.search(_blank_years(_uncounted(text)))) or bool(_COUNT_WORD.search(text))
    if kind == "rank":
        return bool(_ORDINAL.search(text))
    if kind in ("who", "name"):  # a person or organisation by name, not a capital that opens a sentence,
        # or a title in quotes (‘... Oekraïne crisis 23-24’), or a website, the name of what it hosts ("buildingyourlearning.be")
        return bool(proper_names(text) or _QUOTED.search(text) or _websites(text))
    if kind in _PLAIN:
        return bool(_PLAIN[kind].search(text))
    if kind == "identifier":  # at least six digits, not a date or a year range
        return bool(_identifiers(text))
    if kind in _CONTACT:
        return bool(_CONTACT[kind](text))
    return False


def _identifiers(text: str, digits: int = 6) -> list[re.Match[str]]:
    """Identifier numbers: six digits or more, dates, year ranges, sums and postal addresses ("Technologiepark 122 - 9052 Gent") blanked first."""
    blanked = _blank(_ADDRESS, _blank(_SUM, _blank(_YEAR_SPAN, _blank(_DATE, text))))  # an amount, an address
    return [m for m in _IDENTIFIER.finditer(blanked) if sum(ch.isdigit() for ch in m.group(0)) >= digits]


def type_strength(text: str, kind: str | None, asked: tuple[str, ...] = ()) -> float:
    """How well a unit holds the kind of value asked for (``counted``): 1 (fully), 0.5 (partly), 0."""
    text, kind = unmasked(text), counted(kind, asked)
    if kind == "period":
        if len(_DATE.findall(text)) >= 2:
            return 1.0
        return 0.5 if _RANGE.search(text) or _DURATION.search(text) or RELATIVE_TIME.search(text) else 0.0
    if kind == "date" and not (_DATE.search(text) or _AFTER_EVENT.search(text)):
        return 0.5 if any(p.search(text) for p in (_DECADE, _YEAR, _MONTH_TIME, RELATIVE_TIME, SEASON)) else 0.0
    return 1.0 if _has_type(text, kind) else 0.0


def _values(text: str, kind: str | None) -> list[re.Match[str]]:
    text = unmasked(text)
    if kind == "money":
        sums = [m for m in _SUM.finditer(text) if re.search(r"[1-9]|miljoen|miljard", m.group(0), re.I)]
        return sums or list(_SHARE_OF_WAGES.finditer(text)) or list(_FREE.finditer(text))
    if kind == "date":
        return next((found for p in (_DATE, _MONTH_TIME, _AFTER_EVENT, RELATIVE_TIME, SEASON) if (found := list(p.finditer(text)))), [])
    if kind == "period":
        return next((found for p in (_RANGE, _DATE_SPAN, _DURATION, RELATIVE_TIME) if (found := list(p.finditer(text)))), [])
    if kind == "year":
        return _years(text)
    if kind in _PLAIN:
        return list(_PLAIN[kind].finditer(text))
    if kind == "identifier":
        return _identifiers(text)
    if kind in ("amount", "count"):
        return _counts(_blank(_SHARE, _blank(_SUM, text)) if kind == "count" else text)
    if kind == "rank":
        return list(_ORDINAL.finditer(text))
    if kind in _CONTACT:
        return _CONTACT[kind](text)
    return []


_CONTACT = {
    "email": lambda text: list(_EMAIL.finditer(text)),
    "website": _websites,
    "phone": _phones,
    "address": lambda text: list(_ADDRESS.finditer(text)),
}


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


# A quantifier before a number makes it a count, even one that looks like a year ("minstens 2000
# gebruikers"); general Dutch.
_QUANTIFIER = re.compile(
    r"\b(?:minstens|minimum|minimaal|maximum|maximaal|ruim|ongeveer|circa|ca\.|bijna|zo'n|zo’n|meer\s+dan|"
    r"minder\s+dan|tot\s+wel|nagenoeg|exact|precies)\s*$",
    re.I,
)


def _is_year(text: str, match: re.Match[str]) -> bool:
    return not _QUANTIFIER.search(text[max(0, match.start() - 20):match.start()])


def _years(text: str) -> list[re.Match[str]]:
    return [m for m in _YEAR.finditer(text) if _is_year(text, m)]


def names_a_time(text: str) -> bool:
    """``text`` names a year, a date or a decade ("eind jaren '90")."""
    plain = unmasked(text)
    return bool(_years(plain) or _DATE.search(plain) or _DECADE.search(plain))


def _blank_years(text: str) -> str:
    return _YEAR.sub(lambda m: " " * len(m.group(0)) if _is_year(text, m) else m.group(0), text)


_BOX = re.compile(r"\bbus\s+\d+[a-z]?\b", re.I)  # "Kunstlaan 1-2, bus 16": an address's box number
# A reference to a numbered part of a text ("Artikel 1", "art. 5", "§ 2", "hoofdstuk 3", "bijlage 2")
_REFERENCE = re.compile(r"(?:\b(?:artikel|art\.|hoofdstuk|bijlage|afdeling|punt|pagina|p\.)|§)\s*\d+[a-z]?\b", re.I)


# A number written with a leading zero is a code ("werkgeverscategorie 087"), never a count
_CODE = re.compile(r"(?<![\w.,/-])(?<!\d\s)0\d+(?![\w/-]|[.,]\d)")  # not a group of "120 000"


@lru_cache(maxsize=4096)
def _blank_uncounted(text: str) -> str:
    """``text`` with its addresses, phone numbers, identifiers (an enterprise or bank account number)
    and references to numbered parts ("Artikel 1") blanked: a house number, box number, postcode,
    identifier, code or article number counts nothing. A postcode and place alone count only right after
    a street or box ("1500 Vlamingen" is a count)."""
    streets = [m for m in _ADDRESS.finditer(text) if re.search(_STREET, m.group(0))]
    boxes = list(_BOX.finditer(text))
    ends = [m.end() for m in streets + boxes]
    places = [m for m in re.finditer(_POSTCODE_PLACE, text)
              if any(0 <= m.start() - end <= 5 for end in ends)]  # "Kunstlaan 1-2, bus 16 B 1210 Brussel"
    # an enterprise or account number (nine digits or more); "141.968" and "In 2013 2 000" count
    numbers = [m for m in _identifiers(text, digits=9) if not re.fullmatch(_GROUPED, m.group(0).strip())]
    for match in [*_phones(text), *streets, *boxes, *places, *numbers, *_REFERENCE.finditer(text), *_CODE.finditer(text)]:
        text = text[:match.start()] + " " * (match.end() - match.start()) + text[match.end():]
    return text


def _uncounted(text: str) -> str:
    """``text`` with what counts nothing blanked, keeping every offset: ordinals ("3de graad"),
    addresses, phone numbers, identifiers and references (``_blank_uncounted``), enumeration marks,
    dates and comité numbers. Years stay: whether one counts depends on what stands before it."""
    return _blank(_PC_NUMBER, _blank(_DATE, _blank(_ENUMERATION, _blank_uncounted(_blank(_ORDINAL, text)))))


def _counts(text: str) -> list[re.Match[str]]:
    """Counts and shares in ``text``: numbers outside dates, years, comité numbers and addresses."""
    stripped = _uncounted(text)
    found = [m for m in _COUNT.finditer(stripped)
             if not (_YEAR.fullmatch(m.group(0).split()[0]) and _is_year(stripped, m))]
    return sorted(found + list(_COUNT_WORD.finditer(stripped)), key=lambda m: m.start())


def value_near(text: str, kind: str | None, question_stems: Mapping[str, float], window: int = 3, context: frozenset[str] = frozenset(),
               compounds: Mapping[str, tuple[tuple[str, ...], ...]] | None = None, asked: tuple[str, ...] = ()) -> float:
    """1.0 when a value of the asked kind stands within ``window`` words of a (non-numeric) word
    of the question ("37 sectorconvenants" for "Hoeveel sectorconvenants ..."), else 0.0. A value
    with no content word around it (a slide's or table's line "Van 1872 in 2019 naar 4107 in
    2021") is read with ``context``, the stems of the line before it, which names what it counts
    ("Telefonische contacten:"). A question word counts as ``covered`` does: an equivalent word, or
    a compound by its parts ("Plaats bezoeken: van 1216" for "Hoeveel plaatsbezoeken ...";
    ``compounds``: the question's, VocabularyIndex.compounds)."""
    values = _values(text, counted(kind, asked))
    if not values:
        return 0.0
    # a count's window counts content words, as its noun phrase runs on after the number ("8
    # vertegenwoordigers van de representatieve werkgeversorganisaties"); a date's or sum's all words
    words = [w for w in ((m.start(), m.end(), set(tokens(m.group(0)))) for m in re.finditer(r"[^\W\d_]+", text))
             if w[2] or kind not in ("amount", "count")]
    anchors = {s for s in question_stems if not s[0].isdigit()}
    for value in values:
        before = [w for w in words if w[1] <= value.start()][-window:]
        after = [w for w in words if w[0] >= value.start()][:window + 1]  # the counted noun may be inside the match
        near = set().union(*(w[2] for w in before + after))
        # or the asked compound by its last part, the noun it counts ("48 bedrijven" for "voedingsbedrijven"; general Dutch)
        if any(covered(a, near if near else context, compounds) for a in anchors) or any(is_or_ends_in(a, w) for a in asked for w in near):
            return 1.0
    return 0.0


_NEXT_WORD = re.compile(r"(?:\s+[^\W\d_]+)?")
_SUMMED = re.compile(r"\+\s*$")


def lead_value(text: str, kind: str | None, question_stems: Mapping[str, float], asked: tuple[str, ...] = ()) -> str | None:
    """The value a direct answer starts with: the amount, date or period in ``text`` (the one
    nearest to the question's words when there are several), or a lone count (no sum of money
    for a count asked by its noun, ``counted``)."""
    if kind in (None, "who", "name"):
        return None
    kind = counted(kind, asked)
    found = _values(text, kind)
    if kind in ("amount", "count"):  # not a number the question names itself ("werkgeverscategorie 187")
        found = [m for m in found if _number(m.group(0)) not in question_stems]
    if kind in ("amount", "count") and len(found) != 1:  # a count leads when it is the only one, or the only one
        # whose counted noun the question names ("1,5 VTE" for "Hoeveel VTE sectorconsulenten ...?"),
        # as the count's own word or the word after it ("6 VTE sectorconsulenten")
        words = {s for s in question_stems if not s[0].isdigit()}
        counting = {id(m): set(tokens(m.group(0) + _NEXT_WORD.match(text, m.end()).group(0))) for m in found}
        named = [m for m in found if counting[id(m)] & words]
        # of those, the ones that count the asked noun itself ("20 werknemers" for "Vanaf hoeveel
        # werknemers ...?", not "3 individuele opleidingsdagen" though the question names those words
        # too), and no term of a sum ("4 + 1 gratis opleidingsdagen")
        named = [m for m in named if counting[id(m)] & set(asked[-1:]) and not _SUMMED.search(text, 0, m.start())] or named
        if len({_shown(m) for m in named}) != 1:
            return None
        found = named[:1]
    if kind == "year":  # not a year the question names itself ("In welk jaar werd het convenant 2019-2020 ...")
        found = [m for m in found if m.group(0) not in question_stems] or found
    if not found:
        return None
    anchors = [m.start() for m in re.finditer(r"[^\W\d_]+", text) if set(tokens(m.group(0))) & set(question_stems)]
    if anchors and len(found) > 1:
        best = min(found, key=lambda m: min(abs(m.start() - a) for a in anchors))
    else:
        best = found[0]
    if kind == "date":  # a date that opens or closes a period ("1 juli 2023 tot en met 30 juni 2025"):
        # "Tot wanneer loopt het convenant?" asks its end, "Vanaf wanneer ...?" its start; the period answers both
        best = next((m for m in _RANGE.finditer(text) if m.start() <= best.start() < m.end()), best)
    return _shown(best)


def _number(value: str) -> str | None:
    """A value's number as the question's tokens write it ("1.250 werkgevers" -> "1250")."""
    return next((t for t in tokens(value) if t[0].isdigit()), None)


def _shown(value: re.Match[str]) -> str:
    """A value as an answer shows it: on one line, without the punctuation around it, a share without
    the word after it ("37%", not "37% ten" of "37% ten aanzien van"), a number without a function word
    after it ("20", not "20 of" of "20 of meer werknemers")."""
    shown = re.sub(r"%\s+[^\W\d_]+$", "%", re.sub(r"\s+", " ", value.group(0)).strip(" ,.;:"))
    head, _, last = shown.rpartition(" ")
    return head if head[-1:].isdigit() and fold(last) in STOPWORDS else shown


__all__ = ["FIGURE_KINDS", "VALUE_KINDS", "counted", "has_type", "lead_value", "names_a_time", "type_strength", "value_near"]
