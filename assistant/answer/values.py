"""The kind of value a question asks for (date, period, money, count, organisation), whether a
unit holds one, and the value itself to lead an answer with. Cues are general Dutch question
words and covenant vocabulary, not derived from any question set."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from assistant.answer.entities import proper_names
from assistant.answer.masks import unmasked
from assistant.textnl import (
    NUMBER_WORDS, PERIOD_PATTERN, QUESTION_WORD_PATTERN, STOPWORDS, WORD_DATE_PATTERN, YEAR_PATTERN, fold, token_set,
    tokens,
)
from assistant.wordclass import modifies, only_verb

_DATE = re.compile(rf"{WORD_DATE_PATTERN}|\b\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})\b", re.I)  # "1/7/2025", "1/7/25"
_YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")
_RANGE = re.compile(PERIOD_PATTERN, re.I)
_NUMBER = re.compile(r"\d")
# A number with its thousands grouped by dots or by spaces ("816.000", "1 200 000", "120 000"), or
# written without grouping.
_GROUPED = r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d])|(?<![\d.,])\d{1,3}(?:\s\d{3})+(?![\d.,]?\d)"
_MONEY_VALUE = re.compile(
    rf"(?:€\s*\d[\d.\s]*(?:,\d+)?|(?:{_GROUPED}|\b\d[\d.]*)(?:,\d+)?\s*(?:miljoen\s+|mio\s+)?(?:EUR|euro)\b)", re.I
)
_MONEY_BEFORE = re.compile(r"\b(?:EUR|euro)\s*\d", re.I)  # "EUR 204.000"
_COUNT = re.compile(rf"(?:(?<![\d/]){_GROUPED}|(?<![\d.,/])\d+(?:[.,]\d+)?)(?:\s*%)?(?:\s+[^\W\d_]+)?")
# A count written as a word ("drie intersectorale adviseurs", "acht prioriteiten"); "een" is left
# out, it is also the article.
_COUNT_WORD = re.compile(
    r"\b(?:" + "|".join(w for w in NUMBER_WORDS if w not in ("een", "nul")) + r"|één)\b(?:\s+[^\W\d_]+)?", re.I
)

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
_IDENTIFIER = re.compile(r"(?<![\w])(?:[A-Z]{2}\d{2}\s?)?\d[\d .\/-]{5,}\d(?![\w])")

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


# The number of a list item ("11. Het belang van inclusie ...") orders, it does not count.
_ENUMERATION = re.compile(r"^\s*\d{1,2}[.)](?=\s)")

_YEAR_SPAN = re.compile(r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b")

# A paritair comité's number ("PC 110", "paritaire comités 227 en 303.1") names, it does not count.
_PC_NUMBER = re.compile(
    r"\b(?:pc|psc|paritair(?:e)?\s+(?:sub)?comit[eé]s?)\s*(?:nr\.?\s*|n[°o]\s*)?"
    r"\d{3}(?:[.,]\d{1,2})?(?:\s*(?:,|en|/|&)\s*\d{3}(?:[.,]\d{1,2})?)*",
    re.I,
)
# A time named less precisely than a date: a decade ("de jaren '90", "de jaren negentig") or a year.
_DECADE = re.compile(r"\bjaren\s*(?:['’‘]?\d0|(?:19|20)\d0|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)\b", re.I)

# Nouns that name a sum of money in covenant texts, also as the head of a compound ("werkingssubsidie").
_MONEY_NOUN = r"[a-z]*(?:subsidie|toelage|financiering|budget|bedrag|vergoeding|middelen)|geld|euro"

_MONEY_NAMED = re.compile(rf"\b(?:{_MONEY_NOUN})\b")

_TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [
    # contact details, before "nummer": "telefoonnummer" asks a telephone number
    ("email", re.compile(r"\b(?:e-?mail(?:adres)?|mailadres|mailen)\b")),
    ("phone", re.compile(r"\b(?:telefoon(?:nummer)?|gsm(?:-?nummer)?|bellen|opbellen)\b")),
    ("website", re.compile(r"\b(?:welke|op welke|wat is de|via welke|naar welke)\s+(?:website|webstek|webpagina|webadres|site|url)\b")),
    ("address", re.compile(r"\b(?:adres|postadres|(?:in|op|aan)\s+welke\s+(?:straat|laan)|welke\s+straat)\b")),
    ("identifier", re.compile(r"\b[a-z]*nummer\b")),
    # a paritair comité is named by its number ("PC 110"): "onder welk paritair comité valt ..."
    ("comite", re.compile(r"\b(?:welke?|onder welke?|van welke?|bij welke?)\s+(?:paritair[a-z]*\s+(?:sub)?comit[a-z]*|pc|psc)\b")),
    ("frequency", re.compile(r"\b(hoe vaak|hoe dikwijls|hoeveel keer|hoeveel maal|om de hoeveel|hoe frequent)\b")),
    # "over welke periode", "voor welke periode", not "in dezelfde periode"
    ("period", re.compile(r"\b(looptijd|hoe lang|duur|duurt|welke periode|wat is de periode|van wanneer tot wanneer|geldig)\b")),
    ("date", re.compile(r"\b(wanneer|datum|deadline|welke dag|sinds wanneer|uiterlijk|ten laatste|van wanneer|hoe laat|om hoe laat)\b")),
    # a share, even of a subsidy; "hoe is de financiering verdeeld" asks the shares it is divided in
    ("amount", re.compile(r"\b(welk percentage|welk aandeel|hoeveel procent|verdeeld|verdeling|verhouding)\b")),
    # "hoeveel VTE/consulenten/acties ..." counts, even when the question also names the subsidy
    # ("Hoeveel VTE worden met de subsidie gefinancierd?"); "hoeveel krijgt/bedraagt/subsidie" asks money
    ("amount", re.compile(
        r"\bhoeveel\s+(?!(?:bedraagt|bedroeg|bedragen|kost|kosten|kostte|krijgt|krijgen|kreeg|kregen|ontvangt|"
        rf"ontvangen|ontving|betaalt|betalen|{_MONEY_NOUN}|is|was|zijn|"
        r"waren|wordt|werd|worden|werden|heeft|hebben|had|zal|zou|mag|moet|kan|er|de|het|een)\b)[a-z]{2,}")),
    # money is asked as a sum ("hoeveel subsidie", "wat bedraagt", "welk bedrag", "hoe hoog is de toelage");
    # a subsidy named in another question ("Wie ontvangt de subsidie?", "Wat telt als subsidiabele kost?",
    # "Waarvoor dient de financiering?") asks who, what or why
    ("money", re.compile(
        rf"\bhoeveel\b.*\b(?:{_MONEY_NOUN})\b|\bhoeveel\s+(?:bedraagt|bedroeg|bedragen|kost|kosten|kostte|krijgt|krijgen|"
        r"kreeg|kregen|ontvangt|ontvangen|ontving|betaalt|betalen|verliest|verliezen)\b"
        # the same verbs in a perfect or passive tense, their participle last: "Hoeveel heeft de
        # overheid voor de studie betaald?", "Hoeveel werd er uitgekeerd?"
        r"|\bhoeveel\s+(?:heeft|hebben|had|hadden|werd|werden|wordt|worden|is|zijn|was|waren)\b[^?]*\b"
        r"(?:betaald|gekregen|ontvangen|gekost|uitgegeven|uitgekeerd|uitbetaald|verdiend|toegekend)\b"
        r"|\b(?:bedraagt|bedroeg|wat kost|wat kostte|hoeveel geld)\b"
        rf"|\b(?:welk|welke|wat is het|wat was het)\s+(?:[a-z]+\s+)?(?:{_MONEY_NOUN})\b"
        rf"|\b(?:wat|hoe hoog|hoe groot)\s+(?:is|was|zijn|waren|wordt|werd)\s+(?:de|het)\s+(?:[a-z]+\s+){{0,2}}(?:{_MONEY_NOUN})\b")),
    # "de hoeveelste generatie" asks a rank, written as a number ("8ste generatie")
    ("amount", re.compile(r"\b(hoeveel|hoeveelste|hoe groot|hoe hoog|percentage|procent|aantal)\b")),
    ("who", re.compile(r"\b(wie|welke organisatie|aan wie|door wie|ondertekend|hoe heet|hoe heten|welke naam)\b")),
    # a year ("In welk (school)jaar ...", not "welk leerjaar", a grade), not a name; after a person or
    # organisation asked for ("Hoe heten ..., en voor welke jaren ...?" asks names first)
    ("year", re.compile(r"\bwelke?\s+(?:kalender|werk|school|academie|boek|begrotings)?(?:jaar|jaren)\b")),
    # where an organisation is seated, when no date, number or name of its own is asked ("In welke
    # stad is dat fonds gevestigd?", not "Sinds wanneer is het fonds in Gent gevestigd?")
    ("address", re.compile(r"\b(?:gevestigd|zetel)\b")),
    # "welk overlegorgaan", "welke werkgeversfederatie": a name is asked for
    ("name", re.compile(r"\b(welke?|naar welk|bij welk|van welke)\s+[a-z]+(?:\s+[a-z]+)?\b")),
]


_INTERROGATIVE = re.compile(rf"\b(?:{QUESTION_WORD_PATTERN}|kan|kunnen|mag|moet|is|zijn)\b")
# "Hoe zit het met ...", "wat met ...": the Dutch idiom for "what about ...", which asks the
# previous question again about something else (general Dutch); what follows it is what is asked.
_WHAT_ABOUT_WORDS = r"hoe\s+(?:zit|zat|staat|stond)\s+het\s+(?:met|voor|bij)|wat\s+(?:dan\s+)?met"
_WHAT_ABOUT = re.compile(rf"\b(?:{_WHAT_ABOUT_WORDS})\b")


# The kinds of value a unit holds or not (a date, an amount); "who" and "name" are answered by names.
VALUE_KINDS = frozenset({"date", "year", "period", "money", "amount", "frequency", "identifier", "comite", "email", "phone",
                         "website", "address"})
# The kinds of value that are figures (a number, a date, a comité's number); an e-mail, website or
# postal address is a value of its own form but no figure; a year question, read as a name question
# before, is refused better at their rate than at figure questions' (out of fold, README).
FIGURE_KINDS = VALUE_KINDS - {"email", "website", "address", "year"}


def asks_itself(question: str) -> bool:
    """The question has a question word of its own; an elliptical follow-up ("En voor de bouw in
    dezelfde periode?", "En hoe zat het met de plaatsbezoeken?") asks what the previous question
    asked."""
    folded = fold(question)
    return bool(_INTERROGATIVE.search(folded)) and not _WHAT_ABOUT.search(folded)


def answer_type(question: str) -> str | None:
    folded = fold(question)
    for name, pattern in _TYPE_CUES:
        if pattern.search(folded):
            return name
    if not asks_itself(question) and _MONEY_NAMED.search(folded):
        return "money"  # "En de maximale subsidie?": an elliptical follow-up that names a sum asks it
    return None


# Nouns that name the form of a value, not a topic (general Dutch): "Op welke datum ...".
_FORM_NOUNS = "datum data dag dagen maand jaar deadline tijdstip looptijd periode bedrag percentage procent aantal getal nummer"


def cue_stems(question: str) -> frozenset[str]:
    """The stems of the question's words that say which kind of value is asked ("Op welke datum
    ...": datum): they describe the answer's form, not its topic."""
    return token_set(question) & _form_stems()


@lru_cache(maxsize=1)
def _form_stems() -> frozenset[str]:
    return frozenset(tokens(_FORM_NOUNS))


# The question words that a noun phrase naming the answer follows: "Welke werkgeversfederatie ...",
# "Hoeveel 'rode draden' ...", "Hoe heten de drie intersectorale adviseurs ...", "Hoe zit het met de
# plaatsbezoeken?" (general Dutch).
_ASKED_AFTER = re.compile(
    rf"\b(?:welke?|hoeveel(?:ste)?|hoe\s+(?:heet|heten|noemt|noemen)|wat\s+voor(?:\s+een)?|{_WHAT_ABOUT_WORDS})\b")
ASKED_WORDS = 3  # at most this many words of the phrase
# a word of the phrase, a hyphenated compound ("kbo-nummer") as one
_PHRASE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d\S*")


def asks_after(question: str) -> bool:
    """The question has a word that a phrase naming the answer follows ("welke", "hoeveel"), even
    when that phrase is left out ("Welke zijn dat?")."""
    return bool(_ASKED_AFTER.search(fold(question)))


def asked_stems(question: str) -> tuple[str, ...]:
    """The stems of the noun phrase that names what is asked (question answering's "lexical answer
    type"): the words after "welke"/"hoeveel"/"hoe heten", past articles and numbers, up to its head
    noun. A Dutch question puts the finite verb right after that phrase, so the phrase ends at the
    first word that is no modifier (adjective) or at a verb: "Welke resultaatsverbintenissen staan
    er in ..." asks resultaatsverbintenissen (not "staan"), and a sentence about ministers does not
    answer it, however many other words it shares. "Hoeveel krijgt ...", with the verb first,
    names nothing."""
    folded = fold(question)
    match = _ASKED_AFTER.search(folded)
    if not match:
        return ()
    # an abbreviation written in capitals ("VTE sectorconsulenten") is no verb and may modify a noun
    capitals = {fold(w) for w in re.findall(r"\b[A-Z]{2,}\b", question)}
    words: list[str] = []
    for word in _PHRASE_WORD.findall(folded[match.end():]):
        if word in STOPWORDS or word in NUMBER_WORDS or word[0].isdigit():
            if words:
                break
            continue
        if word not in capitals and "-" not in word and only_verb(word):
            if words:
                break
            return ()
        words.append(word)
        if len(words) == ASKED_WORDS or (word not in capitals and not modifies(word)):
            break
    return tuple(s for w in words for s in tokens(w))


def has_type(text: str, kind: str | None) -> bool:
    # "De xxxx Xxxxx", "XX00 0000", ",00 EUR" hold no name, number or sum
    return _has_type(unmasked(text), kind)


def _has_type(text: str, kind: str | None) -> bool:
    """``has_type`` of a text whose placeholders are blanked already."""
    if kind is None:
        return False
    if kind == "date":
        return bool(_DATE.search(text))
    if kind == "period":
        return bool(_RANGE.search(text) or len(_DATE.findall(text)) >= 2)
    if kind == "year":  # a year, alone or in a date, not a count ("minstens 2000 gebruikers")
        return bool(_years(text))
    if kind == "money":  # a sum: digits next to the currency ("204.000,00 EUR", "€ 5 000"), not a blank
        return bool(_MONEY_VALUE.search(text) or _MONEY_BEFORE.search(text))
    if kind == "amount":  # a count or share: digits outside dates, years and comité numbers, or a number word
        return bool(_NUMBER.search(_blank_years(_DATE.sub(" ", _PC_NUMBER.sub(" ", _blank(_ENUMERATION, text)))))) or bool(
            _COUNT_WORD.search(text))
    if kind in ("who", "name"):  # a person or organisation by name, not a capital that opens a sentence
        return bool(proper_names(text))
    if kind == "frequency":
        return bool(_FREQUENCY.search(text))
    if kind == "identifier":  # at least six digits, not a date or a year range
        return bool(_identifiers(text))
    if kind == "comite":
        return bool(_PC_NUMBER.search(text))
    if kind in _CONTACT:
        return bool(_CONTACT[kind](text))
    return False


def _identifiers(text: str) -> list[re.Match[str]]:
    """Identifier numbers in ``text``: six digits or more, dates, year ranges and amounts of money
    blanked first."""
    blanked = _blank(_MONEY_VALUE, _blank(_YEAR_SPAN, _blank(_DATE, text)))  # "204.000,00 EUR" is an amount
    return [m for m in _IDENTIFIER.finditer(blanked) if sum(ch.isdigit() for ch in m.group(0)) >= 6]


def type_strength(text: str, kind: str | None) -> float:
    """How well a unit holds the kind of value asked for: 1 (fully), 0.5 (partly), 0."""
    text = unmasked(text)
    if kind == "period":
        if len(_DATE.findall(text)) >= 2:
            return 1.0
        return 0.5 if _RANGE.search(text) else 0.0
    if kind == "date" and not _DATE.search(text):
        return 0.5 if _DECADE.search(text) or _YEAR.search(text) else 0.0
    return 1.0 if _has_type(text, kind) else 0.0


def _values(text: str, kind: str | None) -> list[re.Match[str]]:
    text = unmasked(text)
    if kind == "money":
        return [m for m in _MONEY_VALUE.finditer(text) if re.search(r"[1-9]", m.group(0))]
    if kind == "date":
        return list(_DATE.finditer(text))
    if kind == "period":
        return list(_RANGE.finditer(text))
    if kind == "year":
        return _years(text)
    if kind == "frequency":
        return list(_FREQUENCY.finditer(text))
    if kind == "identifier":
        return _identifiers(text)
    if kind == "comite":
        return list(_PC_NUMBER.finditer(text))
    if kind == "amount":
        return _counts(text)
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


def _blank_years(text: str) -> str:
    return _YEAR.sub(lambda m: " " * len(m.group(0)) if _is_year(text, m) else m.group(0), text)


def _counts(text: str) -> list[re.Match[str]]:
    """Counts and shares in ``text``: numbers outside dates, years and comité numbers."""
    stripped = _blank(_PC_NUMBER, _blank(_DATE, _blank(_ENUMERATION, text)))
    found = [m for m in _COUNT.finditer(stripped)
             if not (_YEAR.fullmatch(m.group(0).split()[0]) and _is_year(stripped, m))]
    return sorted(found + list(_COUNT_WORD.finditer(stripped)), key=lambda m: m.start())


def value_near(text: str, kind: str | None, question_stems: Mapping[str, float], window: int = 3) -> float:
    """1.0 when a value of the asked kind stands within ``window`` words of a (non-numeric) word
    of the question ("37 sectorconvenants" for "Hoeveel sectorconvenants ..."), else 0.0."""
    values = _values(text, kind)
    if not values:
        return 0.0
    words = [(m.start(), m.end(), set(tokens(m.group(0)))) for m in re.finditer(r"[^\W\d_]+", text)]
    anchors = {s for s in question_stems if not s[0].isdigit()}
    for value in values:
        before = [w for w in words if w[1] <= value.start()][-window:]
        after = [w for w in words if w[0] >= value.start()][:window + 1]  # the counted noun may be inside the match
        if any(w[2] & anchors for w in before + after):
            return 1.0
    return 0.0


def lead_value(text: str, kind: str | None, question_stems: Mapping[str, float]) -> str | None:
    """The value a direct answer starts with: the amount, date or period in ``text`` (the one
    nearest to the question's words when there are several), or a lone count."""
    if kind in (None, "who", "name"):
        return None
    found = _values(text, kind)
    if kind == "amount" and len(found) != 1:  # a count leads only when it is the only one
        return None
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
    return re.sub(r"\s+", " ", best.group(0)).strip(" ,.;:")


__all__ = ["FIGURE_KINDS", "VALUE_KINDS", "answer_type", "asked_stems", "asks_after", "asks_itself", "has_type", "lead_value", "type_strength", "value_near"]
