"""What kind of value a question asks (date, period, money, count, organisation, ...; none when it asks
what a term means), and whether it asks on its own or as an elliptical follow-up. Cues are general Dutch
question words and covenant vocabulary, not derived from any question set."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.textnl import PREPOSITIONS, QUESTION_WORD_PATTERN, STOPWORDS, fold, stem
from assistant.wordclass import only_verb

# Nouns that name a sum of money; the first ones also as a compound's last part ("werkingssubsidie",
# "inschrijvingsgeld")
_MONEY_COMPOUNDED = ("subsidie", "toelage", "financiering", "budget", "bedrag", "vergoeding", "middelen", "premie",
                     "bijdrage", "tussenkomst", "geld")
_MONEY_WORDS = (*_MONEY_COMPOUNDED, "euro", "kosten")  # "kosten" only of an asked phrase ("opleidingskosten")
_MONEY_NOUN = rf"[a-z]*(?:{'|'.join(_MONEY_COMPOUNDED)})|euro"

# Verbs whose "Hoeveel ...?" asks a sum of money ("Hoeveel krijgt/betaalde/vergoedt ...?"), one list for
# the count cue that leaves them out and the money cue that reads them
_MONEY_VERBS = (
    "bedraagt|bedroeg|bedragen|kost|kosten|kostte|krijgt|krijgen|kreeg|kregen|ontvangt|ontvangen|ontving|betaalt|betalen|"
    "betaalde|betaalden|vergoedt|vergoeden|vergoedde|vergoedden|verdient|verdienen|verdiende|verdienden"
)
_MONEY_NAMED = re.compile(rf"\b(?:{_MONEY_NOUN})\b")


@lru_cache(maxsize=1)
def _money_stems() -> tuple[str, ...]:  # each word's stem alone and as a compound's last part
    return tuple({stem(w) for w in _MONEY_WORDS} | {stem(f"loon{w}")[4:] for w in _MONEY_WORDS})


def names_money(stems: tuple[str, ...]) -> bool:
    """An asked phrase's stems (``asked_stems``) name money, alone or as a compound's end: ``_MONEY_WORDS``."""
    return any(s.endswith(m) for s in stems for m in _money_stems())

_TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [
    # a question that opens by asking a year ("In welk jaar ...", "Vanaf welk werkingsjaar ..."; not a
    # grade, "leerjaar", nor an age, "levensjaar") asks it, whatever count it names after ("het aantal")
    ("year", re.compile(r"^(?:en\s+)?(?:(?:in|vanaf|tot|sinds|uit|voor|na|tijdens)\s+)?welke?\s+(?!leer|levens)[a-z]*(?:jaar|jaren)\b")),
    # contact details, before "nummer": "telefoonnummer" asks a telephone number
    ("email", re.compile(r"\b(?:e-?mail(?:adres)?|mailadres|mailen)\b")),
    ("phone", re.compile(r"\b(?:telefoon(?:nummer)?|gsm(?:-?nummer)?|bellen|opbellen)\b")),
    ("website", re.compile(r"\b(?:welke|op welke|wat is de|wat is het|via welke|naar welke)\s+(?:website|webstek|webpagina|webadres|site|url)\b")),
    ("address", re.compile(r"\b(?:adres|postadres|(?:in|op|aan)\s+welke\s+(?:straat|laan)|welke\s+straat)\b")),
    ("identifier", re.compile(r"\b[a-z]*nummer\b")),
    # a paritair comité is named by its number ("PC 110"): "onder welk paritair comité valt ..."
    ("comite", re.compile(r"\b(?:welke?|onder welke?|van welke?|bij welke?|wat (?:is|was) het)\s+"
                          r"(?:paritair[a-z]*\s+(?:sub)?comit[a-z]*|pc|psc)\b")),
    ("frequency", re.compile(r"\b(hoe vaak|hoe dikwijls|hoeveel keer|hoeveel maal|om de hoeveel|hoe frequent)\b")),
    # a time of day: "Hoe laat ...?", "Tussen welke uren ...?", "Om welk uur ...?"
    ("time", re.compile(r"\bhoe laat\b|\b(?:om|tussen|vanaf|tot)\s+welke?\s+(?:uur|uren)\b")),
    # "over welke periode", "voor welke periode", not "in dezelfde periode"; "hoe snel" asks within what time
    ("period", re.compile(r"\b(looptijd|hoe lang|hoe snel|hoeveel tijd|duur|duurt|welke [a-z]*periode|wat is de [a-z]*periode|van wanneer tot wanneer|geldig|tussen welke data|welke [a-z]*termijn)\b")),
    # "Hoeveel werkdagen voor de start ... ten laatste?" counts days, however it names a deadline
    ("amount", re.compile(r"\bhoeveel\s+(?:kalender|werk)?(?:dagen|weken|maanden|uren)\b")),
    ("date", re.compile(r"\b(wanneer|datum|deadline|welke dag|welk moment|welk tijdstip|sinds wanneer|uiterlijk|ten laatste|van wanneer|op welke data)\b")),
    # a share, even of a subsidy; "hoe is de financiering verdeeld" asks the shares it is divided in, "op
    # basis waarvan werd het budget verdeeld" the basis, no share
    ("amount", re.compile(r"\b(welke? [a-z]*percentage|welke? [a-z]*aandeel|welk deel van|hoeveel procent)\b"
                          r"|^(?!.*\b(?:op basis waarvan|op welke basis|volgens welke criteri[a-z]*)\b).*\b(verdeeld|verdeling|verhouding)\b")),
    # "hoeveel VTE/consulenten/acties ..." counts, even when the question also names the subsidy
    # ("Hoeveel VTE worden met de subsidie gefinancierd?"); "hoeveel krijgt/bedraagt/subsidie" asks money
    ("amount", re.compile(
        rf"\bhoeveel\s+(?!(?:{_MONEY_VERBS}|{_MONEY_NOUN}|is|was|zijn|"
        r"waren|wordt|werd|worden|werden|heeft|hebben|had|zal|zou|mag|moet|kan|er|de|het|een)\b)[a-z]{2,}")),
    # money is asked as a sum ("hoeveel subsidie", "wat bedraagt", "welk bedrag", "hoe hoog is de toelage");
    # a subsidy named in another question ("Wie ontvangt de subsidie?", "Wat telt als subsidiabele kost?",
    # "Waarvoor dient de financiering?") asks who, what or why
    ("money", re.compile(
        rf"\bhoeveel\b.*\b(?:{_MONEY_NOUN})\b|\bhoeveel\s+(?:{_MONEY_VERBS}|verliest|verliezen)\b"
        # the same verbs in a perfect or passive tense, their participle last: "Hoeveel heeft de
        # overheid voor de studie betaald?", "Hoeveel werd er uitgekeerd?"
        r"|\bhoeveel\s+(?:heeft|hebben|had|hadden|werd|werden|wordt|worden|is|zijn|was|waren)\b[^?]*\b"
        r"(?:betaald|gekregen|ontvangen|gekost|uitgegeven|uitgekeerd|uitbetaald|verdiend|toegekend)\b"
        rf"|\b(?:bedraagt|bedroeg|wat kost|wat kostte|hoeveel geld)\b|\bwat\s+(?:krijgt|krijgen|ontvangt|ontvangen)\b[^?]*\b(?:{_MONEY_NOUN})\b"
        # not "via welke middelen", the means by which something is done
        rf"|(?<!\bvia )\b(?:welk|welke|wat is het|wat was het)\s+(?:[a-z]+\s+)?(?:{_MONEY_NOUN})\b"
        rf"|\b(?:wat|hoe hoog|hoe groot)\s+(?:is|was|zijn|waren|wordt|werd)\s+(?:de|het)\s+(?:[a-z]+\s+){{0,2}}(?:{_MONEY_NOUN})\b")),
    # "de hoeveelste generatie" asks a rank, written as an ordinal ("8ste generatie", "achtste")
    ("rank", re.compile(r"\bhoeveelste\b")),
    # not "een aantal" ("some": "Op welk niveau moesten een aantal maatregelen ...?" asks no count; general Dutch)
    ("amount", re.compile(r"\b(hoeveel|hoe groot|hoe hoog|[a-z]*percentage|procent|(?<!\been )[a-z]*aantal|[a-z]*omvang)\b")),
    # an age is a count of years ("Tot welke leeftijd ...?", "Welke leeftijdsgrens ...?", "van welke leeftijden")
    ("amount", re.compile(r"\bwelke\s+[a-z]*leeftijd(?:en|sgrens|sgrenzen)?\b")),
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
WHAT_ABOUT_WORDS = r"hoe\s+(?:zit|zat|staat|stond)\s+het\s+(?:met|voor|bij)|wat\s+(?:dan\s+)?met"
_WHAT_ABOUT = re.compile(rf"\b(?:{WHAT_ABOUT_WORDS})\b")


_FIRST_WORD = re.compile(r"\s*([a-z]+)\b")


def asks_itself(question: str) -> bool:
    """The question has a question word of its own or opens with its verb; an elliptical follow-up ("En voor de bouw in
    dezelfde periode?", "En hoe zat het met de plaatsbezoeken?") asks what the previous question
    asked."""
    folded = fold(question)
    if _WHAT_ABOUT.search(folded):
        return False
    # a yes/no question opens with its finite verb ("Komt de periode van ziekte ... in aanmerking?")
    first = _FIRST_WORD.match(folded)
    return bool(_INTERROGATIVE.search(folded)) or bool(
        first and first.group(1) not in STOPWORDS and only_verb(first.group(1)))


# A question for what a term means asks a definition, not the value the term names: the term is
# left out before the cues are read ("Wat verstaat het decreet onder een INSZ-nummer?" asks no
# number; "Waar staat WIP voor ..., en wanneer werd het afgesloten?" still asks a date).
_TERM_NOUN = r"(?:het\s+begrip|de\s+term|het\s+woord)\s+"
_TERM = rf"(?:{_TERM_NOUN})?(?:een\s+|de\s+|het\s+)?['‘\"“]?([\w-]+)"  # the term defined, quoted or not
# "Wat verstaat het decreet onder 'administratie'?", "Wat betekent ...", "Hoe omschrijft het decreet
# het begrip sectorconsulent?": the term is what the answer must speak of (``asked_stems``)
_PREPOSITION = "|".join(sorted(PREPOSITIONS | {"in"}))
_DESCRIBES = r"\bhoe\s+(?:omschrijft|omschrijven|definieert|definieren)\b"
DEFINED = re.compile(
    rf"\bwat\s+(?:verstaat|verstaan|bedoelt|bedoelen)\b[^?]*?\bonder\s+{_TERM}"
    rf"|\bwat\s+(?:betekent|betekenen)\s+{_TERM}"
    rf"|{_DESCRIBES}[^?]*?\b{_TERM_NOUN}{_TERM}"
    # without "het begrip": the object closing the question ("Hoe omschrijft de inleiding ... de
    # sectorconvenants?"), not a noun of a prepositional phrase ("de rol van de sectoren in het beleid")
    rf"|{_DESCRIBES}[^?]*\s(?!(?:{_PREPOSITION})\s)[\w-]+"
    rf"\s+(?:de|het|een)\s+['‘\"“]?([\w-]+)['’\"”]?\s*\?")
_DEFINITION = re.compile(
    rf"{DEFINED.pattern}"
    r"|\bwaar\s+(?:staat|staan)\b[^?,]*?\bvoor\b|^\s*wat\s+(?:is|zijn)\s+(?:eigenlijk\s+)?een\s+[\w-]+")


# "wanneer" in a clause another question word opens joins a clause ("Welk bedrag ... wanneer een leerling start?")
_WHEN_JOINS = re.compile(r"(\b(?:welke?|wie|wat|hoeveel|hoe)\b(?:(?!\ben\b|\bof\b)[^,:;?])*?)\bwanneer\b")
# a kind of contract, no length asked (labour vocabulary); a time named as the moment of something
# ("Vanaf welke leeftijd op de datum van ontslag ...?") asks no date
_CONTRACT_TERM = re.compile(r"\b(?:on)?bepaalde duur\b|\b(?:op|bij|na|vanaf|voor|tot) de datum van\b")


def answer_type(question: str) -> str | None:
    folded = _CONTRACT_TERM.sub("", _WHEN_JOINS.sub(r"\1", _DEFINITION.sub(" ", fold(question))))
    for name, pattern in _TYPE_CUES:
        if pattern.search(folded):
            return name
    if not asks_itself(question) and _MONEY_NAMED.search(folded):
        return "money"  # "En de maximale subsidie?": an elliptical follow-up that names a sum asks it
    return None


__all__ = ["DEFINED", "WHAT_ABOUT_WORDS", "answer_type", "asks_itself", "names_money"]
