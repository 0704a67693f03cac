"""What a question asks: the noun phrase that names the answer, the forms and degrees it asks, and what it
gives as known; the kind of value, and whether it asks on its own, come from ``kinds``. Cues are general
Dutch question words and covenant vocabulary, not derived from any question set."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.kinds import DEFINED, WHAT_ABOUT_WORDS, answer_type, asks_itself
from assistant.textnl import (
    NUMBER_WORDS, PERSONAL_PRONOUNS, PREPOSITIONS, STOPWORDS, fold, raw_tokens, separated_verbs, stem, token_set, tokens,
)
from assistant.wordclass import is_adjective, is_noun, is_verb, modifies, only_verb, te_infinitives

# "Hoe heten ...?", "Welke naam ...?": a name is asked as such; "Wie ...?" asks who, which policy
# texts often answer with a group ("de sociaalrechtelijke inspecteurs", "de sectorale
# vormingsfondsen") rather than a proper name (general Dutch).
_NAME_ASKED = re.compile(r"\b(?:hoe\s+(?:heet|heten|heette|heetten)|welke\s+(?:naam|namen)|wat\s+(?:is|was|zijn|waren)\s+de\s+(?:naam|namen))\b")


def asks_a_name(question: str) -> bool:
    return bool(_NAME_ASKED.search(fold(question)))


# Nouns that name the form of a value, not a topic (general Dutch): "Op welke datum ...".
_FORM_NOUNS = "datum data dag dagen maand jaar deadline tijdstip moment looptijd periode bedrag percentage procent aandeel deel aantal getal nummer"


def cue_stems(question: str) -> frozenset[str]:
    """The stems of the question's words that say which kind of value is asked ("Op welke datum
    ...": datum, "In welk opleidingsjaar ...": a year's compound, not a grade's or an age's)."""
    return frozenset(s for s in token_set(question) if s in _form_stems() or re.search(r"[a-z]{3}(?<!leer|vens)jar$", s))


@lru_cache(maxsize=1)
def _form_stems() -> frozenset[str]:
    return frozenset(tokens(_FORM_NOUNS))


def degree_stems(question: str) -> frozenset[str]:
    """The stems of an adjective or adverb right after "hoe" ("Hoe vaak ...", "Hoe hoog ...", "Hoe
    lang ..."): it asks a degree, the form of the value (a frequency, an amount, a duration), not
    a topic; a text says "tweejaarlijks", not "vaak" (general Dutch). "Hoe heet ..." asks a name
    (``asks_a_name``), a verb after "hoe" ("Hoe verloopt ...", a finite form in "-t" that may also
    be an adjective) what is done."""
    if asks_a_name(question):
        return frozenset()
    words = raw_tokens(question)
    return frozenset(stem(b) for a, b in zip(words, words[1:])
                     if a == "hoe" and not b[0].isdigit() and is_adjective(b) and not only_verb(b)
                     and not (b.endswith("t") and is_verb(b)))


# "Welke twee redenen ...", "Wat zijn de drie grote thema's ...", "Hoe heten de twaalf sectoren ...":
# a number right after the question words counts the items the answer lists (general Dutch).
_COUNTED = re.compile(r"\b(?:welke|(?:wat|wie)\s+(?:zijn|waren)\s+de|hoe\s+heten\s+de|noem\s+de|geef\s+de)\s+"
                      rf"(\d+|{'|'.join(NUMBER_WORDS)})\b")


def count_stems(question: str) -> frozenset[str]:
    """The stem of a number that counts what is asked ("Om welke twee redenen ...", "Wat zijn de
    drie grote thema's ..."): it says how many items the answer has, not what they are about, and
    a passage that says "twee jaar" is no nearer to the answer for it."""
    return frozenset(stem(m.group(1)) for m in _COUNTED.finditer(fold(question)))


def form_stems(question: str) -> frozenset[str]:
    """The stems of words that say the form of the answer, not its topic: the number of items asked
    (``count_stems``) and a noun that only classifies the asked phrase ("soort" of "Welk soort
    oproepen ...?", ``_KIND_NOUNS``), which a passage about the oproepen need not write."""
    folded = fold(question)
    match = _ASKED_AFTER.search(folded)
    phrase = _PHRASE_WORD.findall(folded[match.end():]) if match else []
    first = next((w for w in phrase if w not in STOPWORDS and w not in NUMBER_WORDS and not w[0].isdigit()), "")
    classifier = {stem(first)} if first in _KIND_NOUNS and stem(first) not in asked_stems(question) else set()
    return count_stems(question) | classifier


def items_asked(question: str) -> int | None:
    """How many items the question asks for ("Welke drie universiteiten ...?" -> 3), or None."""
    m = _COUNTED.search(fold(question))
    if m is None:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)]


# a web address's top-level domain: "golfbrekers.be", "www.werk.be", "mediarte.be/nl"
_DOMAIN = re.compile(r"\b[a-z0-9][a-z0-9-]*\.(be|com|org|net|eu|nl|info)\b", re.IGNORECASE)


def domain_stems(question: str) -> frozenset[str]:
    """The stems of the top-level domains of the web addresses a question names ("volgens de
    blogpost op golfbrekers.be"): the site's name names its document, ".be" names nothing, however
    few documents write it. Read word by word, as ``preposition_stems``: a stem another word of the
    question shares stays."""
    domains = [m.group(1).lower() for m in _DOMAIN.finditer(question)]
    if not domains:
        return frozenset()
    other = raw_tokens(_DOMAIN.sub(lambda m: m.group(0).rsplit(".", 1)[0], question))  # the sites' names stay
    return frozenset(stem(d) for d in domains) - frozenset(stem(w) for w in other)


def preposition_stems(question: str) -> frozenset[str]:
    """The stems of the question's prepositions (``textnl.PREPOSITIONS``: "volgens", "tijdens",
    "vanaf", "via"), which the general stop-word list partly lacks: a preposition names no topic
    ("Hoe vaak wordt het convenant volgens mediarte afgesloten?" is not about "volgens"). Read
    word by word: a stem another word of the question shares ("middels" and "middelen", "langs"
    and "lang") stays."""
    words = raw_tokens(question)
    return (frozenset(stem(w) for w in words if w in PREPOSITIONS)
            - frozenset(stem(w) for w in words if w not in PREPOSITIONS))


# The question words that a noun phrase naming the answer follows: "Welke werkgeversfederatie ...",
# "Hoeveel 'rode draden' ...", "Hoe heten de drie intersectorale adviseurs ...", "Hoe zit het met de
# plaatsbezoeken?" (general Dutch).
_ASKED_AFTER = re.compile(
    rf"\b(?:welke?|hoeveel(?:ste)?|hoe\s+(?:heet|heten|noemt|noemen)|wat\s+voor(?:\s+een)?|{WHAT_ABOUT_WORDS})\b")
ASKED_WORDS = 3  # at most this many words of the phrase
# a word of the phrase, a hyphenated compound ("kbo-nummer") as one
_PHRASE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d\S*")


def asks_after(question: str) -> bool:
    """The question has a word that a phrase naming the answer follows ("welke", "hoeveel"), even
    when that phrase is left out ("Welke zijn dat?")."""
    return bool(_ASKED_AFTER.search(fold(question)))


# Nouns that only classify what follows them: "Welk soort oproepen", "Welk type opleiding", "Welke
# vorm van overleg" ask the oproepen, the opleiding, the overleg (general Dutch).
_KIND_NOUNS = frozenset({"soort", "soorten", "type", "types", "sorte", "vorm", "vormen", "categorie", "categorieen"})


# The finite forms of Dutch auxiliaries and copulas, stop words that are verbs (general Dutch)
_AUXILIARIES = frozenset("is was zijn waren wordt werd worden werden heeft hebben had hadden zal zullen zou zouden "
                         "kan kunnen kon konden moet moeten moest moesten mag mogen mocht mochten".split())


def asked_stems(question: str) -> tuple[str, ...]:
    """The stems of the noun phrase that names what is asked (question answering's "lexical answer
    type"): the words after "welke"/"hoeveel"/"hoe heten", past articles and numbers, up to its head
    noun, past a noun that only classifies it ("Welk soort oproepen"). A Dutch question puts the
    finite verb right after that phrase, so the phrase ends at the
    first word that is no modifier (adjective) or at a verb: "Welke resultaatsverbintenissen staan
    er in ..." asks resultaatsverbintenissen (not "staan"), and a sentence about ministers does not
    answer it, however many other words it shares. "Hoeveel krijgt ...", with the verb first,
    names nothing. A definition asked ("Wat verstaat het decreet onder 'administratie'?") names
    the term it defines."""
    folded = fold(question)
    defined = DEFINED.search(folded)
    if defined:  # a definition asked: the term defined
        return tuple(tokens(next(g for g in defined.groups() if g)))
    match = _ASKED_AFTER.search(folded)
    return _phrase_after(question, folded, match) if match else ()


_PREPOSITION_WORDS = PREPOSITIONS | {"in"}  # general Dutch prepositions ("in" is a stop word of textnl's)
_ACRONYM_WORD = re.compile(r"\b[A-Z]{2,}\b")  # an abbreviation written in capitals ("VTE", "SERV")


def later_asked_stems(question: str) -> tuple[str, ...]:
    """The stems of the phrases naming what a question asks second, third ...: "Naar welk fonds
    gaat de toelage, en in welke stad is dat gevestigd?" asks a city as well ("stad"), a word no
    document about the asked fund needs to hold. A question word before a preposition asks the
    first noun again ("en hoeveel in de negende generatie?": the generation is named, not asked)."""
    folded = fold(question)
    return tuple(s for match in list(_ASKED_AFTER.finditer(folded))[1:]
                 if not set(folded[match.end():].split()[:1]) & _PREPOSITION_WORDS
                 for s in _phrase_after(question, folded, match))


def _phrase_after(question: str, folded: str, match: re.Match[str]) -> tuple[str, ...]:
    """The stems of the phrase naming what is asked after the question word ``match`` (``asked_stems``)."""
    # an abbreviation written in capitals ("VTE sectorconsulenten") is no verb and may modify a noun
    capitals = {fold(w) for w in _ACRONYM_WORD.findall(question)}
    words: list[str] = []
    kind_noun: list[str] = []  # "soort" of "Welk soort is dat?": what is asked when nothing follows it
    for word in _PHRASE_WORD.findall(folded[match.end():]):
        if not words and not kind_noun and word in _KIND_NOUNS:
            kind_noun.append(word)
            continue
        if word in PERSONAL_PRONOUNS:  # "Hoeveel van hen ...?" names its noun in an earlier sentence or turn
            break
        if word in STOPWORDS or word in NUMBER_WORDS or word[0].isdigit():
            # "Hoeveel werd er uitgetrokken?" asks a quantity with the verb first: it names nothing
            if words or word in _AUXILIARIES and match.group(0) == "hoeveel":
                break
            continue
        if word not in capitals and "-" not in word and only_verb(word):
            if words:
                break
            words = kind_noun
            break
        words.append(word)
        if len(words) == ASKED_WORDS or (word not in capitals and not modifies(word)):
            break
    return tuple(s for w in words or kind_noun for s in tokens(w))


# A follow-up that is a condition only ("En als de werkgever in Brussel gevestigd is?", "En als de
# opleiding 32 uur duurt?") asks the previous question's value under it; with a main clause after a
# comma ("En als ..., vanaf welk moment ...?") it asks its own. General Dutch.
_CONDITION_ONLY = re.compile(r"^\s*(?:en\s+)?(?:als|indien|ingeval)\b[^,;:?]*\?*\s*$")


def what_is_asked(question: str, focus: str | None = None, inherited_kind: str | None = None
                  ) -> tuple[str | None, tuple[str, ...]]:
    """The kind of value asked and the stems of the phrase naming the answer (``asked_stems``), of
    a question or of a follow-up's own words ``focus`` (the previous question's kind:
    ``inherited_kind``). A follow-up with a question word of its own ("En wat als de werkgever niet
    vervangt?") asks its own kind and only what it says itself; one without ("En voor de bouw?")
    asks the same kind again ("En de subsidie?" asks money), and what the previous question asked,
    as does "Welke zijn dat?", whose noun is left out."""
    own_kind = answer_type(focus or question)
    own_question = bool(focus) and asks_itself(focus)
    kind = own_kind if own_question else own_kind or inherited_kind
    if focus and _CONDITION_ONLY.match(fold(focus)):  # its words say when, not what ("gevestigd is", "duurt")
        kind = inherited_kind or own_kind
    own = asked_stems(focus) if focus else asked_stems(question)
    if focus and not own and (not own_question or asks_after(focus)):
        own = asked_stems(question)
    return kind, own


# "naast X", "behalve X", "bovenop X", "afgezien van X": X is what the asker already has, the answer
# is something else ("Naast de onderhandelingen: welke taken heeft het departement nog?"). General Dutch.
_GIVEN = re.compile(r"\b(?:naast|behalve|bovenop|afgezien\s+van)\s+")
# words that may stand inside the noun phrase after it ("de afstemming tussen school en arbeidsmarkt")
_GIVEN_JOINS = frozenset({"van", "tussen", "en", "of", "voor"})
_ARTICLES = frozenset({"de", "het", "een", "der"})  # at the phrase's start or after a join only
_GIVEN_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*|[,:;?!()]")


def given_stems(question: str) -> frozenset[str]:
    """The stems of what a question gives as known with "naast"/"behalve"/"afgezien van": the noun
    phrase after it, up to punctuation, another preposition or a verb ("... zich naast de huidige
    werknemers van de sector?", "naast de drie decretale kapstokken geselecteerd"), without the
    stems the rest of the question uses too. They say where the answer is, not what it is."""
    folded = fold(question)
    given: set[str] = set()
    rest = folded
    for match in _GIVEN.finditer(folded):
        words: list[str] = []
        end = match.end()
        for word in _GIVEN_WORD.finditer(folded, match.end()):
            w = word.group(0)
            if not w[0].isalnum():
                break
            if w in _ARTICLES:
                if words and words[-1] not in _GIVEN_JOINS:
                    break
            elif w in STOPWORDS and w not in _GIVEN_JOINS:
                break
            elif not w[0].isdigit() and w not in _GIVEN_JOINS and is_verb(w) and not is_noun(w):
                break
            words.append(w)
            end = word.end()
        given.update(s for w in words for s in tokens(w))
        rest = rest.replace(folded[match.start():end], " ", 1)
    return frozenset(given - set(tokens(rest)))


def verb_only_stems(question: str) -> frozenset[str]:
    """Stems every question word of which is a verb form and no noun or adjective, and the parts of
    a split separable verb ("hingen ... vast"); an acronym ("SERV", which folds to a verb form) is a name."""
    acronyms = {fold(m.group(0)) for m in _ACRONYM_WORD.finditer(question)}
    forms: dict[str, list[str]] = {}
    for word in raw_tokens(question):
        if not word[0].isdigit() and word not in STOPWORDS and word not in acronyms:
            forms.setdefault(stem(word), []).append(word)
    split = {stem(w) for verb, particle, _, _ in separated_verbs(question) for w in (verb, particle)}
    split |= {stem(w) for w in te_infinitives(question)}  # "af te stemmen", though "stemmen" is also a noun
    return frozenset(s for s, words in forms.items() if all(map(only_verb, words))) | split


__all__ = ["asks_a_name", "asked_stems", "asks_after", "count_stems", "cue_stems", "domain_stems",
           "form_stems", "given_stems", "later_asked_stems", "verb_only_stems", "what_is_asked"]
