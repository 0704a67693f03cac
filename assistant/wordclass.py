"""Dutch word classes (noun, adjective, verb) without a tagger: no trained Dutch pipeline exists
offline, so a word's possible classes come from spaCy's Dutch lookup tables (the
``spacy-lookups-data`` package: the lemmas of each word class, irregular forms per class and a
form-to-lemma table) and the regular rules of Dutch inflection. Used where a rule of Dutch grammar
needs a word's class: the noun phrase after "welke"/"hoeveel" ends at its head noun, before the
finite verb ("Welke resultaatsverbintenissen staan er ...": resultaatsverbintenissen)."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from assistant.textnl import PARTICLES, fold

_VOWELS = frozenset("aeiou")
# A compound's last part names its class ("resultaatsverbintenissen": verbintenissen); shorter
# parts ("ing", "tie") are suffixes, not words.
_MIN_PART = 4
# Plural and possessive endings of Dutch nouns (ending, replacement), on top of spaCy's noun rules
# ("draden" -> "draad" is in its form-to-lemma table).
_NOUN_ENDINGS = (("en", ""), ("s", ""), ("'s", ""), ("ën", ""), ("eren", ""))


@dataclass(frozen=True)
class _Tables:
    lemmas: dict[str, frozenset[str]]  # word class -> its lemmas
    irregular: dict[str, dict[str, list[str]]]  # word class -> form -> lemmas
    lemma_of: dict[str, str]  # any form -> its lemma (no class)
    rules: dict[str, list[list[str]]]  # word class -> [suffix, replacement] of its inflections


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """The tables, folded as every word this project compares is ("comité" -> "comite")."""
    data = resources.files("spacy_lookups_data") / "data"

    def load(name: str):
        with gzip.open(data.joinpath(f"nl_{name}.json.gz").open("rb")) as handle:
            return json.load(handle)

    def f(word: str) -> str:
        return word if word.isascii() else fold(word)

    index = load("lemma_index")
    irregular = load("lemma_exc")
    return _Tables(
        {k: frozenset(map(f, v)) for k, v in index.items()},
        {k: {f(form): lemmas for form, lemmas in forms.items()} for k, forms in irregular.items()},
        {f(form): f(lemma) for form, lemma in load("lemma_lookup").items()},
        load("lemma_rules"),
    )


def word_classes() -> None:
    """Load the tables now (about 0.5 s), not on the first question that needs them."""
    _tables()


def _by_rules(word: str, word_class: str, extra: tuple[tuple[str, str], ...] = ()) -> set[str]:
    """The lemmas ``word`` has by the inflection rules of ``word_class`` (and ``extra`` ones)."""
    out = set()
    for suffix, replacement in [*_tables().rules.get(word_class, []), *extra]:
        if suffix and word.endswith(suffix) and len(word) > len(suffix) + 1:
            out.add(word[: -len(suffix)] + replacement)
    return out


def _is(word: str, word_class: str, candidates: set[str]) -> bool:
    t = _tables()
    lemmas = t.lemmas.get(word_class, frozenset())
    return (word in lemmas or word in t.irregular.get(word_class, {}) or t.lemma_of.get(word) in lemmas
            or any(c in lemmas for c in candidates))


@lru_cache(maxsize=20_000)
def is_noun(word: str) -> bool:
    """``word`` (folded) can be a noun: a noun's lemma, plural or possessive, or a compound of a
    known word (with a linking "s", "e" or "en") and a noun that is no adjective
    ("resultaats|verbintenissen", "werkgevers|federatie", "plaats|bezoeken")."""
    if _noun_form(word):
        return True
    return any(_known(word[:i]) and _simple_noun(word[i:]) for i in range(_MIN_PART, len(word) - _MIN_PART + 1))


def _noun_form(word: str) -> bool:
    """``word`` is a noun's lemma, or one of its plural or possessive forms (no compounds)."""
    return _is(word, "noun", _by_rules(word, "noun", _NOUN_ENDINGS))


def _known(first: str) -> bool:
    """``first`` is a word, bare or with a linking sound, that can open a compound."""
    t = _tables()
    forms = {first} | {first[: -len(link)] for link in ("s", "e", "en", "n") if first.endswith(link)}
    return any(len(f) >= _MIN_PART and (f in t.lemma_of or any(f in lemmas for lemmas in t.lemmas.values()))
               for f in forms)


@lru_cache(maxsize=20_000)
def _simple_noun(part: str) -> bool:
    return _noun_form(part) and not is_adjective(part)


def _undone_spelling(stem: str) -> set[str]:
    """The stems a Dutch spelling rule may have changed before an ending: a long vowel written once
    in an open syllable ("rode" -> "rood"), a doubled consonant ("dikke" -> "dik"), v/z for f/s
    ("lieve" -> "lief")."""
    out = {stem}
    if len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-2] in _VOWELS and stem[-3] not in _VOWELS:
        out.add(stem[:-1] + stem[-2] + stem[-1])
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        out.add(stem[:-1])
    if stem.endswith("v"):
        out.add(stem[:-1] + "f")
    if stem.endswith("z"):
        out.add(stem[:-1] + "s")
    return out


@lru_cache(maxsize=20_000)
def is_adjective(word: str) -> bool:
    """``word`` (folded) can be an adjective, inflected ("maximale", "rode") or not."""
    bases = _undone_spelling(word[:-1]) if word.endswith("e") and len(word) > 2 else set()
    return _is(word, "adj", bases | _by_rules(word, "adj"))


def _infinitives(stem: str) -> set[str]:
    """The infinitives a present or past stem may belong to: "krijg" -> "krijgen", "val" ->
    "vallen", "bespreek" -> "bespreken", "gaa" -> "gaan", "geef" -> "geven", "lees" -> "lezen"."""
    out = {stem + "en", stem + "n", stem + stem[-1:] + "en"}
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in _VOWELS:
        out.add(stem[:-2] + stem[-1] + "en")
    for written, spoken in (("f", "v"), ("s", "z")):
        if stem.endswith(written):
            shorter = stem[:-2] + stem[-1] if len(stem) >= 3 and stem[-2] == stem[-3] else stem
            out.add(shorter[:-1] + spoken + "en")
    return out


@lru_cache(maxsize=20_000)
def is_verb(word: str) -> bool:
    """``word`` (folded) can be a verb form: an infinitive or plural ("gelden"), a present ("keurt",
    "valt", "geldt"), a weak past ("financierde", "verrichtten") or an irregular form ("kreeg",
    "liep")."""
    stems = {word[: -len(end)] for end in ("t", "dt", "de", "te", "den", "ten") if word.endswith(end)} | {word}
    candidates = _by_rules(word, "verb") | {i for s in stems if len(s) >= 2 for i in _infinitives(s)}
    return _is(word, "verb", candidates)


def only_verb(word: str) -> bool:
    """``word`` can be a verb form and neither a noun nor an adjective ("bevatte", "krijgt", not
    "werken" or "rode")."""
    return is_verb(word) and not is_noun(word) and not is_adjective(word)


# "te" before an infinitive, with a separable verb's particle before it: "af te stemmen" (general Dutch)
# in lower case: "gevestigd te Mechelen" names a place
_TE_INFINITIVE = re.compile(r"(?:\b([^\W\d_]+)\s+)?\b[Tt]e\s+([a-zà-ÿ]+en)\b")


@lru_cache(maxsize=4096)
def te_infinitives(text: str) -> frozenset[str]:
    """The verbs ``text`` uses as an infinitive after "te", folded: "af te stemmen" gives "stemmen"
    (a verb form there, though also a noun), its particle "af" and the whole verb "afstemmen"."""
    out: set[str] = set()
    for before, word in ((fold(b), fold(w)) for b, w in _TE_INFINITIVE.findall(text)):
        if is_verb(word) and not is_adjective(word):
            out.add(word)
            if before in PARTICLES:
                out |= {before, before + word}
    return frozenset(out)


def modifies(word: str) -> bool:
    """``word`` can stand before a noun in a noun phrase: an adjective ("telefonische", "paritair"),
    or an unknown word that is no noun and ends like an inflected adjective or participle
    ("intersectorale", "geregistreerde") or is no verb ("matchmaking")."""
    if "-" in word:
        return False  # "acv-centrale", "kbo-nummer": a hyphenated compound is a noun
    if is_adjective(word):
        return True
    return not is_noun(word) and (word.endswith("e") or not is_verb(word))


__all__ = ["is_adjective", "is_noun", "is_verb", "modifies", "only_verb", "te_infinitives", "word_classes"]
