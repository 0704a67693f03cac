"""Things a question names (years and periods, paritair comités, sectors, proper names and
acronyms) and where the index mentions them. Detected from the question's own form (digits,
capitals, "sector X" / "Xsector" / "Xconvenant") and, for a follow-up that names a sector by a
bare word ("En voor de kappers?"), from the sector names the index's own covenants state
(``sector_words``), never from a list of names written here."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.answer.dating import YEAR_RANGE, year_span
from assistant.answer.masks import unmasked
from assistant.textnl import (
    CONJUNCTIONS, ORDINAL_WORDS, PREPOSITIONS, QUESTION_WORD_PATTERN, SECTOR_OF_PATTERN, STOPWORDS, fold,
    full_years, tokens,
)
from assistant.wordclass import is_adjective, is_noun, is_verb

# a generation of covenants by its ordinal, in folded text: "de negende generatie", "8ste generatie"
_GENERATION = re.compile(rf"\b(?:(\d{{1,2}})\s*(?:ste|de|e)|({'|'.join(ORDINAL_WORDS)}))\s+generatie\b")
COMITE_NAME = r"(?:ps?c|paritair(?:e)?\s+(?:sub)?comit[eé]s?(?:\s*\(ps?c\))?)"  # before its number: "PC", "Paritair Subcomité (PSC)"
_PC = re.compile(rf"\b{COMITE_NAME}\s*'?s?\s*(\d{{3}}(?:[.,]\d{{1,2}})?)", re.IGNORECASE)
# "de bouwsector", "het kappersconvenant", "montageprotocol", "social-profitconvenant"
# "de voedingsindustrie", "de papiernijverheid": an industry named as such (general Dutch)
_COMPOUND = re.compile(r"\b([a-z][a-z-]{2,}?)-?(?:sector)?(?:sector|sectoren|convenant|convenants|protocol|addendum|industrie|nijverheid)\b")
# "sector bouw", "sector van de montage", "de audiovisuele sector"; not after an interrogative or
# indefinite determiner, where the verb follows ("Met welke sector kwam er ...", "een sector volgens")
_SECTOR_AFTER = re.compile(
    rf"(?<!\bwelke )(?<!\belke )(?<!\biedere )(?<!\been )(?<!\bgeen )\b{SECTOR_OF_PATTERN}(?:de\s+)?([a-z][a-z'-]{{2,}})"
)
_PARTY_COMPOUND = re.compile(r"\b([A-Z][A-Z0-9]+)-?(?:sector)?(?:convenant|convenants|protocol|addendum|addenda)\b")
# not "sector" as the first part of a compound: "geen afwijkende sector-cao" names no sector
_SECTOR_BEFORE = re.compile(r"\b([a-z][a-z'-]{3,}e)\s+sector\b(?!-)")
# a bare word right after "convenant" names a sector only when the clause goes on (Dutch puts the
# verb last: "... in een convenant zitten?"), and not after an indefinite or interrogative
# determiner, where the covenant is any one ("met een (lopend) convenant tijd om ...", as for "sector");
# its period may stand between: "het sectorconvenant 2023-2025 van de binnenscheepvaart"
_AFTER_CONVENANT = re.compile(
    r"\b(?:sector)?convenant\s+(?:(?:\d{4}(?:\s*-\s*\d{2,4})?\s+)?(?:van|voor)\s+(?:de|het)\s+([a-z][a-z'-]{2,})"
    r"|([a-z][a-z'-]{2,})(?=\s+[a-z0-9]))"
)
_INDEFINITE_BEFORE = re.compile(r"\b(?:een|geen|elk|ieder|welk)\s+(?:[a-z]+\s+)?$")
# a proper name of two or more capitalised words, with the small words inside Dutch names kept
# ("Ronde van Vlaanderen", "Fonds voor Bestaanszekerheid", "Vlaams Partnerschap Duaal Leren")
# a capitalised word of a name, its hyphenated parts with it ("West-Vlaanderen", "Sociaal-Cultureel Werk")
_WORD = r"[A-Z][a-zë]{2,}(?:-[A-Z][a-zë]{2,})*"
_NAME_PHRASE = re.compile(
    rf"(?<![.!?]\s)(?<!^)\b({_WORD}(?:\s+(?:(?:van|voor|en)\s+(?:de\s+|der\s+|het\s+)?)?{_WORD})+)\b"
)
_CAPITALISED = re.compile(rf"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{{2,}}|{_WORD}(?:\s+{_WORD})*)\b")

# Words that may stand before "sector"/"convenant" or after "sector" without naming one: general
# Dutch determiners and the covenant vocabulary itself.
_GENERIC = {
    "elke", "iedere", "welke", "deze", "die", "dit", "onze", "hun", "zijn", "haar", "per", "inter", "deel",
    "sub", "hele", "eigen", "andere", "ander", "betrokken", "vermelde", "genoemde", "zelfde", "eerste",
    "vorige", "volgende", "nieuwe", "huidige", "laatste", "sectoraal", "sectorale", "model", "intersectorale",
    "publieke", "private", "prive", "openbare", "sociale", "dezelfde", "verschillende", "vele", "alle", "betreffende", "sector",
}
_GENERIC_AFTER = _GENERIC | PREPOSITIONS | {
    "convenant", "convenants", "sectorconvenant", "fonds", "consulent", "consulenten", "zelf", "generatie", "periode",
}


@dataclass(frozen=True)
class Mentions:
    """What a question names, folded."""

    years: tuple[str, ...] = ()  # as written: the ends of a range, not the years between
    pcs: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # proper names of several words (not part of ``all``)
    # generations by number ("10de generatie"), not part of ``all``: a covenant seldom names its own
    generations: tuple[str, ...] = ()
    # acronyms that name a covenant's party ("het VIVO-convenant"), also in ``names``: like a sector,
    # one that no document mentions means the documents do not cover the question
    parties: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return self.years + self.pcs + self.sectors + self.names

    def __bool__(self) -> bool:
        return bool(self.all)


_FOLLOWING_WORD = re.compile(r"\s+([^\W\d_]+)")


def _counts_a_noun(text: str, end: int) -> bool:
    """The number that ends at ``end`` counts the word after it: a noun that is no verb form ("2000
    vacatures", "2020 euro"); a year is followed by a verb or a preposition ("In 2019 werden ...")."""
    m = _FOLLOWING_WORD.match(text, end)
    word = m.group(1).lower() if m else ""
    return word not in STOPWORDS and is_noun(word) and not is_verb(word) and not is_adjective(word)


def years_of(text: str, *, expand: bool = True) -> list[str]:
    """Years written in ``text`` ("’13" is 2013); with ``expand``, the years inside a range too
    (2023-2025 -> 2024)."""
    out: list[str] = []
    text = full_years(text)
    for m in YEAR_RANGE.finditer(text):
        if not m.group(2) and _counts_a_noun(text, m.end()):
            continue  # "dat 2000 vacatures niet ingevuld geraken": a count
        first = int(m.group(1))
        out.append(str(first))
        if m.group(2) and not expand:
            end = m.group(2)
            out.append(end if len(end) == 4 else str(first)[:2] + end)
        elif m.group(2) and (span := year_span(m.group(1), m.group(2))):
            out.extend(str(y) for y in range(span[0] + 1, span[1] + 1))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def comites_in(text: str) -> frozenset[str]:
    """The comité numbers a text names, read once per text (each of a document's passages asks)."""
    return frozenset(m.group(1) for m in _PC.finditer(text))


def generations_of(text: str) -> list[str]:
    """The generations of covenants ``text`` names, written one way: "de tiende generatie" and "10de
    generatie" are both "10de generatie"."""
    return list(dict.fromkeys(_generation(m) for m in _GENERATION.finditer(fold(text))))


def _generation(m: re.Match[str]) -> str:
    number = int(m.group(1)) if m.group(1) else ORDINAL_WORDS[m.group(2)]
    return f"{number}{'ste' if number in (1, 8) or number >= 20 else 'de'} generatie"


_WORD = re.compile(r"[a-z]+")
_MEMBERS = re.compile(r"\s*(?:,|\ben\b)\s*")  # "kappers, fitness en schoonheidszorgen"
_SECTOR_SUFFIX = re.compile(r"-?sector(?:en)?$")
MIN_SECTOR_WORD = 4


def bare_sector(word: str) -> str:
    """``word`` without a closing "sector" or "sectoren" ("bouwsector", "horeca-sector": "bouw",
    "horeca"); general covenant vocabulary."""
    return _SECTOR_SUFFIX.sub("", word)


def sector_words(names: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """The index's sector names as the stems a question must use to name each: "kappers, fitness
    en schoonheidszorgen" gives (kapper,), (fitnes,), (schoonheidszorg,) (each member of a list
    names the sector), "Lokale Besturen" gives (lokal, bestur) (both words), "bouwsector" (bouw,);
    general words ("private", "sector", "de") name none."""
    out: set[tuple[str, ...]] = set()
    for name in names:
        for member in _MEMBERS.split(fold(name)):
            stems: list[str] = []
            for word in _WORD.findall(member):
                word = bare_sector(word)
                if len(word) >= MIN_SECTOR_WORD and word not in _GENERIC_AFTER and word not in STOPWORDS:
                    stems.extend(tokens(word))
            if stems:
                out.add(tuple(dict.fromkeys(stems)))
    return frozenset(out)


def sector_names(question: str, known: Collection[tuple[str, ...]] = frozenset()) -> list[str]:
    """The sectors ``question`` names by form and, from ``known`` (see ``sector_words``), by the
    bare words of a sector's name ("Hoeveel consulenten hadden de kappers?")."""
    folded = fold(question)
    names: list[str] = []
    # "het VIVO-convenant", "het ANPCB-protocol": an acronym names the party that signed (a fund, a
    # comité), a proper name the document must mention, not the sector its opening states
    parties = set(_parties(question))
    for m in _COMPOUND.finditer(folded):
        word = m.group(1).strip("-")
        if word in parties:
            continue
        if word not in _GENERIC and word not in STOPWORDS and not word.endswith("inter") and len(word) >= 3:
            names.append(word)
    for pattern in (_SECTOR_AFTER, _SECTOR_BEFORE, _AFTER_CONVENANT):
        for m in pattern.finditer(folded):
            # "het convenant van de taxisector" names the sector "taxi", as "het taxiconvenant" does
            word = bare_sector(next(g for g in m.groups() if g).rstrip("-"))  # "de metaal- en technologische industrie"
            if pattern is _AFTER_CONVENANT and _INDEFINITE_BEFORE.search(folded[:m.start()]):
                continue  # "een (lopend) convenant tijd"
            # a verb, an adverb or a clause-final infinitive names no sector: "het sectorconvenant wordt
            # ...", "is het convenant opgebouwd", "wat een sectorconvenant eigenlijk is" (_names_no_sector)
            no_name = pattern is not _SECTOR_BEFORE and _names_no_sector(word, folded[m.end():])
            # an uninflected adjective right after "convenant" modifies the verb, not the covenant
            # ("onder het convenant maximaal per jaar"): Dutch puts an attributive one before the noun
            no_name = no_name or (pattern is _AFTER_CONVENANT and m.group(2) is not None
                                  and is_adjective(word) and not word.endswith("e"))
            if word and word not in _GENERIC_AFTER and word not in STOPWORDS and not no_name:
                names.append(word)
    if known:
        named = {s for n in names for s in tokens(n)}
        words = {}
        for word in _WORD.findall(fold(_ORGANISATION.sub(" ", question))):
            if len(word) >= MIN_SECTOR_WORD and word not in _GENERIC_AFTER and word not in STOPWORDS:
                words.setdefault(next(iter(tokens(word)), word), word)
        for member in sorted(known):
            if all(s in words for s in member):
                names.extend(words[s] for s in member if s not in named)
                named.update(member)
    # "voedings" of "de voedingsindustrie" read twice ("het convenant van de voedingsindustrie"): the shorter name
    return [n for n in dict.fromkeys(names) if not any(n != o and n.startswith(o) and len(o) >= 4 for o in names)]


# an organisation named by an acronym and a sector's word: the union "ACV-Metaal" names no sector
_ORGANISATION = re.compile(r"\b[A-Z]{2,}[A-Za-z]*-[A-Za-z]+")


def _names_no_sector(word: str, after: str) -> bool:
    """A bare word after "sector" or "convenant" that names no sector: one that cannot be a noun but
    can be an adjective, adverb or verb ("Hoe omschrijft de FAQ wat een sectorconvenant eigenlijk
    is?", "... het convenant gesloten werd"), or an infinitive that ends the clause, where Dutch puts
    its verbs ("Hoeveel consulenten kon de sector financieren?")."""
    if not is_noun(word):
        following = _NEXT_WORD.match(after)
        # an adjective of the name, inflected as before a noun: "de sector lokale besturen", not an
        # adverb before a verb ("het convenant kwalitatief laten instromen")
        if (word.endswith("e") and is_adjective(word) and following and following.group(1) not in STOPWORDS
                and is_noun(following.group(1))):
            return False
        return is_adjective(word) or is_verb(word) or _prefixed_verb(word)
    return word.endswith("en") and is_verb(word) and _CLAUSE_END.match(after) is not None


_INSEPARABLE = ("ont", "ver", "her", "be", "er")  # Dutch verb prefixes that never split off


def _prefixed_verb(word: str) -> bool:
    """A verb form the word tables lack, read as an inseparable prefix before a known verb form
    ("ontving": "ving", "ontvangt": "vangt"; general Dutch morphology)."""
    return any(word.startswith(p) and len(word) - len(p) >= 3 and is_verb(word[len(p):]) for p in _INSEPARABLE)


# the end of a clause: a punctuation mark, or a conjunction that starts the next one ("Hoe lang moet
# een chauffeur in de sector werken voordat ...?")
_CLAUSE_END = re.compile(rf"\s*(?:[?!.,;:]|$|(?:{'|'.join(sorted(CONJUNCTIONS))})\b)")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z'-]+)")


_LEADING_QUESTION_WORD = re.compile(rf"^{QUESTION_WORD_PATTERN}(?:\s+|$)")  # "(Waarop ...", "(Hoeveel Vlamingen ..."


def mentions(question: str, known: Collection[tuple[str, ...]] = frozenset()) -> Mentions:
    """What ``question`` names (``known``: the index's sector names, ``sector_words``). A question word
    that opens a sentence inside it ("Hoeveel mensen werken er (Hoeveel Vlamingen werkten er
    ...)?", as follow-ups are rewritten) is no part of a name."""
    pcs = [m.group(1).replace(",", ".") for m in _PC.finditer(question)]
    names = []
    for m in _CAPITALISED.finditer(question.strip()):
        name = _LEADING_QUESTION_WORD.sub("", fold(m.group(1)))
        if name not in STOPWORDS and len(name) >= 3:
            names.append(name)
    phrases = [fold(m.group(1)) for m in _NAME_PHRASE.finditer(question.strip())]
    phrases = [p for p in (_LEADING_QUESTION_WORD.sub("", p) for p in phrases) if " " in p]
    return Mentions(
        tuple(years_of(question, expand=False)), tuple(dict.fromkeys(pcs)), tuple(sector_names(question, known)),
        tuple(dict.fromkeys(names)), tuple(dict.fromkeys(phrases)), tuple(generations_of(question)),
        _parties(question),
    )


def _parties(question: str) -> tuple[str, ...]:
    """The acronyms before convenant/protocol/addendum ("het VIVO-convenant"), folded, in order."""
    return tuple(dict.fromkeys(fold(m.group(1)) for m in _PARTY_COMPOUND.finditer(question)))


def named_by(question: str, focus: str | None = None, known: Collection[tuple[str, ...]] = frozenset()) -> Mentions:
    """What a question names. A follow-up (``question`` rewritten with the previous one, ``focus``
    its own words) that names a sector, comité or period of its own asks about that one instead of
    the previous question's: "En voor de metaalsector?" after a question about the chemistry
    addendum of 2021-2022 names the metal sector and 2021-2022, not the chemistry sector; "En in de
    negende generatie?" names that generation and not 2021-2022 (a period is named by its years or
    by its generation, and a follow-up's own one replaces the previous question's either way). A part
    of a question in parts (``focus`` the part) is read the same way: a part that names a period
    of its own asks about that one, not also about the other part's.

    ``known`` (the index's sector names, ``sector_words``) is read in a follow-up's own words only:
    "En voor de private autobus- en autocarbedrijven?" after a question about the bouwsector names
    that sector by its bare name and so replaces the bouwsector. A question on its own is read by
    form alone: there its bare sector words are the index's topic words (``topics.py``), a signal
    the models already have (naming them as sectors as well changed no tuning answer and left the
    out-of-fold scores as they were)."""
    named = mentions(question)
    if not focus:
        return named
    own = mentions(focus, known)
    if own.sectors or own.pcs:
        named = replace(named, sectors=own.sectors, pcs=own.pcs)
    if own.years or own.generations:  # a period, by its years or by its generation, replaces the other's
        named = replace(named, years=own.years, generations=own.generations)
    return named


def proper_names(text: str) -> list[str]:
    """Proper names and acronyms in running text, as written ("Fonds voor Bestaanszekerheid",
    "SERV", "Crevits"); a capital that only opens a sentence does not make a name, nor does an
    anonymised one ("De xxxx Xxxxxx Xxxxx")."""
    text = unmasked(text)
    found = [m.group(1) for m in _NAME_PHRASE.finditer(text)]
    found += [m.group(1) for m in _CAPITALISED.finditer(text) if not any(m.group(1) in f for f in found)]
    return [n for n in dict.fromkeys(found) if fold(n) not in STOPWORDS and len(n) >= 3]


def squash(text: str) -> str:
    """Folded text with every run of non-alphanumerics as one space, padded: for word lookups. A
    generation is also written as ``generations_of`` writes it ("negende generatie 9de generatie"),
    and a comité's number apart from its "PC" ("PC126": "pc 126")."""
    folded = _GENERATION.sub(lambda m: f"{m.group(0)} {_generation(m)}", fold(full_years(text)))
    return " " + re.sub(r"[^a-z0-9]+", " ", re.sub(r"\b(ps?c)(?=\d{3})", r"\1 ", folded)) + " "


LONG_WORD = 14  # a word this long keeps its meaning when its last four letters change (general Dutch)


def mentioned_in(term: str, haystack: str) -> bool:
    """``term`` (folded) occurs in a squashed ``haystack`` as a word or as the start of a compound
    ("bouw" in "bouwsector"), or, for longer terms, inside a compound ("kappers" in "kappersbedrijf")."""
    plain = re.sub(r"[^a-z0-9]+", " ", term).strip()
    if not plain:
        return True
    if f" {plain} " in haystack:
        return True
    initials = _initials(plain)
    if initials and f" {initials} " in haystack:  # "Regionaal Technologisch Centrum": a text that writes "RTC"
        return True
    if plain[0].isdigit():
        return f" {plain.replace('.', ' ')} " in haystack
    stem = plain[:-1] if len(plain) > 5 and plain.endswith(("e", "s")) else plain
    if f" {stem}" in haystack:
        return True
    if len(stem) >= 6 and stem in haystack:
        return True
    # a long word with another ending of at most four letters: "elektrotechnische" for "elektrotechnici"
    if len(plain) >= LONG_WORD and re.search(rf" {re.escape(plain[:-4])}[a-z]{{0,4}} ", haystack):
        return True
    # a name the question writes in two words and the text (or its address) in one: "Horeca Forma"
    # on horecaforma.be, "Commerce Training" in "commercetraining"
    if " " in plain and not any(c.isdigit() for c in plain) and f" {plain.replace(' ', '')} " in haystack:
        return True
    # a name the question writes in one word and the text in two ("socialprofit", "lokalebesturen")
    return " " not in plain and len(plain) >= 2 * MIN_SECTOR_WORD and _written_apart(plain).search(haystack) is not None


def _initials(name: str) -> str:
    """The acronym of a name of three words or more, its function words skipped ("regionaal
    technologisch centrum" -> "rtc"); "" for a shorter name or one with a number."""
    words = [w for w in name.split() if w not in STOPWORDS]
    if len(words) < 3 or any(not w.isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words)


def with_acronyms(text: str, phrases: Iterable[str]) -> str:
    """``text`` and each of ``phrases`` (a question's proper names of several words) that it writes
    as an acronym: a fund's page that says "SFSCW" names the "Sociaal Fonds voor het
    Sociaal-Cultureel Werk", and every part of that name the question names."""
    haystack = squashed(text)
    written = [p for p in phrases if (initials := _initials(re.sub(r"[^a-z]+", " ", p).strip())) and f" {initials} " in haystack]
    return " ".join([text, *written])


@lru_cache(maxsize=1024)
def _written_apart(word: str) -> re.Pattern[str]:
    """``word`` from the start of a word, with one space between two of its parts of four letters or more."""
    ends = range(MIN_SECTOR_WORD, len(word) - MIN_SECTOR_WORD + 1)
    return re.compile(" (?:" + "|".join(f"{word[:i]} {word[i:]}" for i in ends) + ")")


@lru_cache(maxsize=4096)
def squashed(text: str) -> str:
    """``squash``, once per text (a document's text is read for each of its passages)."""
    return squash(text)


def coverage(named: Iterable[str], *texts: str) -> float:
    """The share of ``named`` terms found in ``texts`` (1.0 when nothing is named)."""
    named = list(named)
    if not named:
        return 1.0
    haystack = "".join(squashed(t) for t in texts)
    return sum(mentioned_in(n, haystack) for n in named) / len(named)


def word_by_word(term: str, haystack: str) -> bool:
    """Every content word of ``term`` (folded) is mentioned in a squashed ``haystack``."""
    words = [w for w in re.findall(r"[a-z0-9]+", term) if len(w) >= 3 and w not in STOPWORDS]
    return bool(words) and all(mentioned_in(w, haystack) for w in words)


def missing_from(named: Iterable[str], haystack: str) -> list[str]:
    return [n for n in named if not mentioned_in(n, haystack)]


__all__ = ["COMITE_NAME", "Mentions", "comites_in", "coverage", "generations_of", "mentioned_in", "mentions", "missing_from", "named_by",
           "proper_names", "sector_names", "sector_words", "squash", "squashed", "with_acronyms", "word_by_word", "years_of"]
