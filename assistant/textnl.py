"""Dutch text processing shared by the keyword index, the answer writer, the financing calculator,
ingest and evaluation: accent folding, tokenisation with number canonicalisation, stop words and
Snowball stemming of dictionary forms, and the one home of the small Dutch vocabularies (month
names, number words, year and "sector X" patterns)."""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import pysbd
import simplemma
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH
from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY

# General Dutch question words, auxiliaries and pronouns that name no topic, on top of the general
# Dutch stop-word list (not derived from any question set).
_QUESTION_WORDS = {
    "wat", "wie", "wanneer", "waar", "welke", "welk", "hoe", "hoeveel", "waarom", "waarvoor", "waarmee",
    "moet", "moeten", "mag", "mogen", "kan", "kunnen", "wordt", "worden", "werd", "werden", "zijn", "is",
    "er", "dan", "heeft", "hebben", "had", "zal", "zullen", "zou", "zouden", "wil", "willen",
    "daarmee", "daarvoor", "hiervoor", "hiermee", "daarvan", "ervan", "men", "we", "wij", "ik", "jullie",
    "u", "jij", "je", "ons", "onze", "hoeveelste", "dezelfde", "hetzelfde", "datzelfde", "diezelfde",
}
#: Dutch pronominal adverbs ("daaraan", "eraan", "hiermee"; "waarin" asks): a closed word class of
#: general Dutch; but for the "waar-" ones, which ask, each points back at something named before.
#: Never the name of a topic.
PRONOMINAL_ADVERBS: frozenset[str] = frozenset(
    f"{pronoun}{preposition}"
    for pronoun in ("er", "daar", "hier", "waar")
    for preposition in (
        "aan", "achter", "bij", "binnen", "boven", "buiten", "door", "in", "langs", "mee", "na", "naar", "naast",
        "om", "omheen", "onder", "op", "over", "tegen", "toe", "tussen", "uit", "van", "vandaan", "voor", "zonder",
    )
)
#: Dutch prepositions (a closed word class of general Dutch; bm25s's stop words lack some, such as
#: "volgens", "tijdens", "via"): never the name of a sector ("een sector volgens de FAQ").
PREPOSITIONS: frozenset[str] = frozenset(
    "aan achter behalve beneden bij binnen boven bovenop buiten dankzij door gedurende ingevolge inzake jegens krachtens "
    "langs met middels na naar naast nabij namens om omtrent ondanks onder op over per rond rondom sinds tegen "
    "tegenover tijdens tot tussen uit van vanaf vanuit vanwege via volgens voor voorbij wegens zonder zoals".split()
)
STOPWORDS: frozenset[str] = frozenset(
    {"".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c)) for w in STOPWORDS_DUTCH}
    | _QUESTION_WORDS
    | PRONOMINAL_ADVERBS
)

#: Dutch month names, in order (dates in covenants are written out: "30 september 2024").
MONTHS: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)
#: Month name -> number (1-12).
MONTH_NUMBERS: dict[str, int] = {name: number for number, name in enumerate(MONTHS, 1)}
#: Abbreviated month names as written in dates ("1 sept. 2024", "mrt 2023") -> number.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: The month names as a regular-expression alternation (no group): "januari|februari|...".
MONTH_PATTERN = "|".join(MONTHS)
#: Dutch number words: 0 to 20, the tens and 100 (compounds such as "vijfentwintig" are read by
#: assistant.financing.wording.word_number).
NUMBER_WORDS: dict[str, int] = {
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30,
    "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90,
    "honderd": 100, "duizend": 1000, "miljoen": 1000000,
}  # fmt: skip
#: Dutch indefinite quantifiers that inflect like adjectives ("verschillende beroepen", "diverse
#: opleidingen"): they count a noun without restricting it (general Dutch grammar).
QUANTIFIER_WORDS = frozenset({
    "verschillende", "diverse", "meerdere", "enkele", "sommige", "talrijke", "vele", "ettelijke", "afzonderlijke",
    "aparte", "unieke",
})
#: Dutch personal pronouns in object or subject form ("hoeveel van hen", "welke van ze"): they stand
#: for a noun named elsewhere (general Dutch grammar). Not "hun", "haar" and "ons", which are
#: possessives too ("hoeveel van hun werknemers").
PERSONAL_PRONOUNS = frozenset({"hen", "ze", "zij", "hem", "hij", "wij", "we", "jullie", "u", "jou", "mij", "me"})
#: Dutch ordinal words, 1st to 20th ("achtste generatie", "de tiende generatie").
ORDINAL_WORDS: dict[str, int] = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
    "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12, "dertiende": 13, "veertiende": 14,
    "vijftiende": 15, "zestiende": 16, "zeventiende": 17, "achttiende": 18, "negentiende": 19, "twintigste": 20,
}  # fmt: skip
#: "sector" before a sector's name, as in "sector bouw" and "sector van de bouw" (no group).
SECTOR_OF_PATTERN = r"sector\s+(?:van\s+(?:de|het)\s+)?"
#: A Dutch question word that opens a (part of a) question: wie, wat, welk(e), hoeveel, wanneer,
#: waar, waarom, waarvoor, ..., hoe (no group; match case-insensitively or on folded text).
QUESTION_WORD_PATTERN = r"(?:wie|wat|welke?|hoeveel|wanneer|waar[a-z]*|hoe)"
#: A year of the covenants' era as a regular expression (no group, no anchors): 1900-2099.
YEAR_PATTERN = r"(?:19|20)\d{2}"
#: A date written out, "30 september 2024" or "september 2024" (no group; match case-insensitively).
WORD_DATE_PATTERN = rf"\b\d{{1,2}}\s+(?:{MONTH_PATTERN})\s+\d{{4}}\b|\b(?:{MONTH_PATTERN})\s+\d{{4}}\b"
#: A day and month without the year, one of them in two digits ("31/12", "1/12"; "4/5" is a fraction).
DAY_MONTH_PATTERN = r"(?<![\d/.,])(?=\d{2}/|\d/\d{2})(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/]|[a-z])"
#: A period: "1 januari 2024 tot en met 31 december 2025", "2024-2025", "2 jaar", "18 maanden"
#: (no group; match case-insensitively).
PERIOD_PATTERN = (
    rf"(?:\b\d{{1,2}}\s+(?:{MONTH_PATTERN})\s+\d{{4}}\s+(?:tot(?:\s+en\s+met)?|t\.e\.m\.?|-|–)\s+\d{{1,2}}\s+(?:{MONTH_PATTERN})\s+\d{{4}})"
    rf"|\b{YEAR_PATTERN}\s*[-–]\s*(?:19|20)?\d{{2}}\b|\b\d+\s+(?:jaar|maanden|maand|weken|dagen)\b"
)

# A year written with an apostrophe for its century ("de convenants ’13-’14", "jaren '90").
_SHORT_YEAR = re.compile(r"(?<![\w'’‘])['’‘](\d{2})(?!\d)")


def full_years(text: str) -> str:
    """``text`` with every year written as "’13" written out ("2013"), the century as POSIX
    ``strptime`` reads a two-digit year (00-68: 2000s, 69-99: 1900s)."""
    return _SHORT_YEAR.sub(lambda m: ("20" if int(m.group(1)) <= 68 else "19") + m.group(1), text)


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:%)?|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


def fold(text: str) -> str:
    """Lower-case and strip accents ("één" -> "een")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def canonical_number(token: str) -> str:
    """'742.000,00' -> '742000', '76,5' -> '76.5', '49.000' -> '49000', '2023' -> '2023'."""
    token = token.rstrip("%")
    if _THOUSANDS.match(token):
        whole, _, frac = token.partition(",")
        whole = whole.replace(".", "")
        frac = frac.rstrip("0")
        return f"{whole}.{frac}" if frac else whole
    if "," in token and "." not in token:
        whole, _, frac = token.partition(",")
        frac = frac.rstrip("0")
        return f"{whole}.{frac}" if frac else whole
    if token.count(".") > 1:  # an identifier like 0472.871.139 or a section number 1.2.3
        return token
    if "." in token:
        whole, _, frac = token.partition(".")
        if len(frac) == 3:  # Dutch thousands separator without decimals: 49.000
            return whole + frac
        frac = frac.rstrip("0")
        return f"{whole}.{frac}" if frac else whole
    return token.lstrip("0") or "0"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch_porter")  # the classic Snowball Dutch; "dutch" is Kraaij-Pohlmann


def raw_tokens(text: str) -> list[str]:
    """Folded word and number tokens, numbers in canonical form."""
    out = []
    for match in _TOKEN.finditer(fold(text)):
        tok = match.group(0)
        out.append(canonical_number(tok) if tok[0].isdigit() else tok)
    return out


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a folded word, with the present-tense verb ending "-t" and the
    participle's "-d" taken off as the infinitive's "-en" is: Snowball leaves "krijgt", "bedraagt",
    "betaald", "ondertekend" whole, so a question in the third person ("Hoeveel bedraagt ...") or
    the passive ("Aan wie wordt ... betaald?") missed "krijgen", "bedrag", "betalen" in the text.
    General Dutch morphology: a stem that ends in a consonant + "t" or "d" is
    stemmed again as that stem + "en", with the consonant doubled after the one short vowel of a
    one-syllable stem ("telt" as "tellen", "valt" as "vallen"); every form of one word still gets
    one stem.

    A word is first replaced by its dictionary form (``simplemma``'s Dutch lemma list): Snowball
    only strips suffixes, so the forms of a strong verb ("kreeg", "ontstonden", "gekozen") or a
    noun with a changed stem ("afspraken", "initiatieven") never met their infinitive or singular,
    and a paraphrased question ("Wanneer zijn ... ontstaan?") missed the text ("... ontstonden
    eind jaren '90")."""
    stemmer = _stemmer()
    out = stemmer.stemWord(_lemma(word))
    for _ in range(2):  # "geldt" -> "geld" -> as "gelden"
        if len(out) < 4 or out[-1] not in "td" or out[-2] in "aeiouy" or out[-2] == out[-1]:
            break
        base = out[:-1]
        if _SHORT_SYLLABLE.fullmatch(base):
            base += base[-1]
        again = stemmer.stemWord(base + "en")
        if again == out:
            break
        out = again
    return out


_SHORT_SYLLABLE = re.compile(r"[^aeiouy]*[aeiouy][^aeiouy]")


@lru_cache(maxsize=1)
def _dictionary_forms() -> frozenset[str]:
    """Every dictionary form in simplemma's Dutch list (about 125,000 words; 0.2 s once), from the
    list its lemmatizer has loaded already (the shared factory), not a second copy."""
    return frozenset(DEFAULT_DICTIONARY_FACTORY.get_dictionary("nl").values())


def is_dictionary_word(word: str) -> bool:
    """A folded word that is a dictionary form, or an inflection of one ("brekers" of "breker")."""
    return word in _dictionary_forms() or _listed_lemma(word) in _dictionary_forms()


def _lemma(word: str) -> str:
    """The Dutch dictionary form of a folded word ("kreeg" -> "krijgen", "acties" -> "actie").
    A word that is a dictionary form itself stays as it is: the list maps the infinitive "tellen"
    to the noun "tel" and "telt" to "tellen", and only a word that is no dictionary form (an
    inflection) is sure to belong to the one it is mapped to. A separable verb's parts are joined
    ("uit_voeren" -> "uitvoeren")."""
    if not word.isalpha() or word in _dictionary_forms():
        return word
    return _listed_lemma(word) or word


def _listed_lemma(word: str) -> str:
    """simplemma's Dutch lemma of ``word``, a separable verb's parts joined ("uit_voeren" -> "uitvoeren")."""
    return simplemma.lemmatize(word, lang="nl").replace("_", "")


# Particles of Dutch separable verbs: "uit te betalen" is a form of "uitbetalen" (general Dutch).
PARTICLES = frozenset(
    "aan af bij door in mee na om onder op over toe uit voor weg terug samen vast tegen binnen".split()
)


def tokens(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Stemmed content tokens for BM25 and overlap scoring. A separable verb split by "te" ("uit te
    betalen") also gives the stem of its whole ("uitbetalen"), which a question writes in one word
    ("Aan wie wordt de subsidie uitbetaald?")."""
    raw = raw_tokens(text)
    words = [t for t in raw if keep_stopwords or t not in STOPWORDS]
    out = [t if t[0].isdigit() else stem(t) for t in words if len(t) > 1 or t[0].isdigit()]
    for i in range(len(raw) - 2):
        if raw[i] in PARTICLES and raw[i + 1] == "te" and raw[i + 2].isalpha():
            out.append(stem(raw[i] + raw[i + 2]))
    return out


# The conjunctions that start a clause (coordinating and subordinating); general Dutch.
CONJUNCTIONS = frozenset({
    "en", "of", "maar", "want", "omdat", "zodat", "als", "wanneer", "terwijl", "nadat", "voordat", "toen",
    "zodra", "indien", "tenzij", "opdat", "hoewel", "doordat",
})
# A separable verb's particle that a main clause puts after its finite verb, also one that is a
# noun elsewhere ("vond ... plaats" of "plaatsvinden", "nam ... deel" of "deelnemen"); general Dutch.
_SEPARATED = PARTICLES | {"plaats", "deel", "voort", "bekend", "kennis"}
_CLAUSE = re.compile(r"[^.?!;:]+")
# What may follow a separated particle in its clause: a main clause puts the particle after its
# objects, so only a prepositional phrase ("traden toe tot ...") or the next clause comes after it.
# A particle before a noun phrase is a preposition ("kreeg ... in 2021", "vragen ... aan het departement").
_AFTER_PARTICLE = PREPOSITIONS | CONJUNCTIONS


def starting_with(ordered: Sequence[str], prefix: str, limit: int = 1) -> list[str]:
    """At most ``limit`` of the sorted words ``ordered`` that begin with ``prefix``, in order."""
    i = bisect.bisect_left(ordered, prefix)
    found: list[str] = []
    while i < len(ordered) and ordered[i].startswith(prefix) and len(found) < limit:
        found.append(ordered[i])
        i += 1
    return found


def rejoined_verbs(text: str) -> list[str]:
    """The stems of separable verbs a main clause splits ("Welke sectoren traden toe tot ...?" ->
    "toetreden", "Wanneer vond de kick-off plaats?" -> "plaatsvinden"): a particle after a word
    of the same clause whose dictionary form, the particle in front, is a verb of the dictionary;
    the particle closes its clause or a prepositional phrase follows it. Texts write these verbs
    whole ("het toetreden van de begrafenissector"); questions split them."""
    return list(dict.fromkeys(joined for _, _, joined, _ in separated_verbs(text)))


def agent_nouns(text: str) -> list[str]:
    """The stems of the dictionary's agent nouns of the separable verbs a main clause splits
    ("Wie zit de commissie voor?" -> "voorzitter", "Wie neemt deel?" -> "deelnemer", "Wie voert
    ... uit?" -> "uitvoerder"): the verb's stem with "-er", or "-der" after an "r" (general Dutch
    derivation). A text names the person by the noun where the question uses the verb."""
    forms = _dictionary_forms()
    out: list[str] = []
    for _, _, _, infinitive in separated_verbs(text):
        base = infinitive[:-2]
        for noun in (base + "er", base + "der" if base.endswith("r") else ""):
            if noun in forms:
                out.append(stem(noun))
    return list(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def separated_verbs(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """(finite verb, particle, stem of the whole verb, the whole verb) of each split separable
    verb, as ``rejoined_verbs`` finds them: "traden", "toe", stem("toetreden"), "toetreden".
    Cached: a question's profile asks for the verbs and for their parts."""
    out: list[tuple[str, str, str, str]] = []
    forms = _dictionary_forms()
    for clause in _CLAUSE.findall(fold(text)):
        every = raw_tokens(clause)
        for at, particle in enumerate(every):
            if particle not in _SEPARATED:
                continue
            if at + 1 < len(every) and every[at + 1] not in _AFTER_PARTICLE:
                continue  # a preposition: "vragen over de sectorconvenants aan het departement"
            for word in every[:at]:
                if not word.isalpha() or word in _SEPARATED:
                    continue
                # a finite verb that is also a dictionary form of its own ("zit", a noun) is read
                # as a verb as well when the particle closes the clause: "Wie zit ... voor?"
                bases = [_lemma(word)]
                if at == len(every) - 1:
                    bases.append(_listed_lemma(word))
                for base in dict.fromkeys(bases):
                    joined = particle + base
                    if joined.endswith("en") and joined in forms:
                        out.append((word, particle, stem(joined), joined))
    return tuple(out)


@lru_cache(maxsize=200_000)
def token_set(text: str, keep_stopwords: bool = False) -> frozenset[str]:
    """``tokens(text)`` as a set, cached: passages and their units are tokenised once per process."""
    return frozenset(tokens(text, keep_stopwords=keep_stopwords))


# General covenant vocabulary: words that covenants and questions use for the same thing. Not
# derived from any question set; a question word also counts as matched by its group's other words.
COVENANT_THESAURUS: tuple[tuple[str, ...], ...] = (
    ("looptijd", "periode", "duur", "lopen"),  # an agreement "loopt" over its "looptijd"
    ("subsidie", "toelage", "werkingssubsidie"),
    ("vte", "voltijds", "voltijdsequivalent", "voltijdequivalent"),  # VTE: "voltijds equivalent" (full-time)
    ("paritair", "pc", "psc"),  # "PC 110" is written for "paritair comité 110"
    ("comité", "comités", "comité's", "pc", "psc"),  # the plural of a French loan keeps its "s" in the stemmer
    ("ondernemingsnummer", "kbo"),  # the enterprise number is the number in the KBO (Kruispuntbank van Ondernemingen)
    ("maximum", "maximaal"),  # general Dutch: the noun and its adjective, which the stemmer keeps apart
    ("minimum", "minimaal"),
    ("leeftijd", "jaar", "jarigen", "oud"),  # general Dutch: an age is written in years ("jonger dan 26 jaar", "-26-jarigen")
)


@lru_cache(maxsize=1)
def _thesaurus_stems() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for group in COVENANT_THESAURUS:
        stems = tuple(dict.fromkeys(t for word in group for t in tokens(word, keep_stopwords=True)))
        for member in stems:  # a word in two groups ("pc") is equivalent to the members of both
            out[member] = tuple(dict.fromkeys((*out.get(member, (member,)), *stems)))
    return out


def equivalent_stems(stem: str) -> tuple[str, ...]:
    """The stem and the stems of its thesaurus group."""
    return _thesaurus_stems().get(stem, (stem,))


_LOCAL = threading.local()


def sentence_segmenter(*, char_span: bool = False) -> pysbd.Segmenter:
    """A Dutch pysbd segmenter for this thread: a segmenter keeps state while it segments, so
    sharing one between threads (the web chat answers in threads) mixes up sentences."""
    key = "span" if char_span else "plain"
    seg = getattr(_LOCAL, key, None)
    if seg is None:
        seg = pysbd.Segmenter(language="nl", clean=False, char_span=char_span)
        setattr(_LOCAL, key, seg)
    return seg
