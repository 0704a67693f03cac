"""The index's topic words: the words with which a few documents say what they are about.

A sector, organisation, programme or place is named in a document's title and opening ("... de
sociale partners van de sector textielverzorging", "VIVO", "lokale besturen"). A question word that
opens only a few of the indexed documents is read as naming such a topic, whatever its form (no
capital, no "sector" around it) and without any list of names: the index itself says which words
are topics. An answer whose document never uses one of the question's topic words is about
something else (another sector, another organisation) — a signal for unit choice and for the
answerability decision, both fitted on the tuning part.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.answer.entities import MIN_SECTOR_WORD, bare_sector, comites_in, coverage, mentioned_in, proper_names, squash, squashed
from assistant.compounds import compound_parts, name_words
from assistant.textnl import NUMBER_WORDS, ORDINAL_WORDS, fold, stem, token_set, tokens
from assistant.types import address_facts, kind_names, publisher

ABOUT_CHARS = 600  # a document's title and opening say what it is about (as in select.py)
MAX_SHARE = 0.1  # a topic word opens at most this share of the documents ...
MIN_DOCS = 2  # ... or this many, whichever is larger
MAX_TEXT_SHARE = 0.2  # and occurs anywhere in at most this share of them (or MIN_TEXT_DOCS)
MIN_TEXT_DOCS = 3
MIN_CHARS = 4
MIN_MENTIONS = 3  # a document that opens with its topic names it again (a verb form in its opening does not count)
# A name a document repeats this often is one of its parties, wherever it first names it (VIVO in
# the social-profit covenant, first named after its list of ministers); 5 and 10 measured the
# same out of fold on the first two assignments of documents to folds (eval/HISTORY.md)
NAME_MENTIONS = 5
COMPOUND_CHARS = 6  # a stem this long also matches as the start or end of a compound


@dataclass(frozen=True)
class _Words:
    """A document's stems, sorted forwards and backwards for prefix and suffix look-ups."""

    words: frozenset[str]
    forward: tuple[str, ...]
    backward: tuple[str, ...]
    counts: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, words: frozenset[str], counts: Mapping[str, int] | None = None) -> "_Words":
        return cls(words, tuple(sorted(words)), tuple(sorted(w[::-1] for w in words)), counts or {})

    def count(self, stem: str) -> int:
        """How often ``stem`` occurs (as a word, or as the start or end of a compound when long)."""
        total = self.counts.get(stem, 0)
        if len(stem) >= COMPOUND_CHARS and not stem[0].isdigit():
            total += sum(self.counts.get(w, 0) for w in _with_prefix(self.forward, stem) if w != stem)
            total += sum(self.counts.get(w[::-1], 0) for w in _with_prefix(self.backward, stem[::-1]) if w[::-1] != stem)
        return total

    def has(self, stem: str) -> bool:
        """``stem`` as a word or, when long, as the start or the end of a longer compound; a sector's
        compound also as its bare name ("bouwsector": a page on "de bouw"; general covenant vocabulary)."""
        if stem in self.words:
            return True
        bare = bare_sector(stem)
        if bare != stem and len(bare) >= MIN_SECTOR_WORD and bare.isalpha() and self.has(bare):
            return True
        if len(stem) < COMPOUND_CHARS or stem[0].isdigit():
            return False
        return _prefixed(self.forward, stem) or _prefixed(self.backward, stem[::-1])


@lru_cache(maxsize=1)
def _number_stems() -> frozenset[str]:
    """The stems of Dutch number words ("twee", "drie", "negende"): a count in a question ("Welke
    twee sectoren ...?", "de negende generatie") never names a topic, however few documents use it."""
    return frozenset(stem(w) for w in (*NUMBER_WORDS, *ORDINAL_WORDS))


def _with_prefix(ordered: tuple[str, ...], prefix: str) -> list[str]:
    out = []
    i = bisect_left(ordered, prefix)
    while i < len(ordered) and ordered[i].startswith(prefix):
        out.append(ordered[i])
        i += 1
    return out


def _prefixed(ordered: tuple[str, ...], prefix: str) -> bool:
    i = bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)


@dataclass(frozen=True)
class TopicIndex:
    """Per document, the stems of its title and opening (what it is about) and of its whole text."""

    about: Mapping[str, _Words]
    full: Mapping[str, _Words]
    names: Mapping[str, frozenset[str]] = field(default_factory=dict)  # stems of each identity (title, publisher, kind)
    parties: Mapping[str, str] = field(default_factory=dict)  # each document's names of NAME_MENTIONS or more and its speakers, squashed
    _topic: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _about: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_documents(cls, documents: Mapping[str, Any]) -> "TopicIndex":
        about, full, names, parties = {}, {}, {}, {}
        for doc_id, doc in documents.items():
            title = _identity_of(doc)
            names[doc_id] = token_set(title)
            text = str(getattr(doc, "text", "") or "")
            about[doc_id] = _Words.of(token_set(f"{title}\n{text[:ABOUT_CHARS]}"))
            counts: dict[str, int] = {}
            for tok in tokens(f"{title}\n{text}"):
                counts[tok] = counts.get(tok, 0) + 1
            full[doc_id] = _Words.of(frozenset(counts), counts)
            parties[doc_id] = _repeated_names(text) + _speakers(text)
        return cls(about, full, names, parties)

    def about_named(self, terms: tuple[str, ...], documents: Mapping[str, Any]) -> tuple[str, ...]:
        """``about_named`` over the documents this index was built from, once per ``terms``."""
        if terms not in self._about:
            self._about[terms] = tuple(doc_id for doc_id, doc in documents.items() if coverage(
                terms, f"{_identity_of(doc)}\n{str(getattr(doc, 'text', '') or '')[:ABOUT_CHARS]}") >= 1.0)
        return self._about[terms]

    def is_topic(self, stem: str) -> bool:
        """A stem that opens between one and a few documents and occurs in few documents at all
        (never digits or number words: years and comités are checked as such, counts name nothing)."""
        known = self._topic.get(stem)
        if known is None:
            n = len(self.about)
            known = False
            if len(stem) >= MIN_CHARS and not stem[0].isdigit() and stem not in _number_stems():
                opening = [doc_id for doc_id, words in self.about.items() if words.has(stem)]
                if 1 <= len(opening) <= max(MIN_DOCS, int(MAX_SHARE * n)):
                    used = sum(words.has(stem) for words in self.full.values())
                    known = used <= max(MIN_TEXT_DOCS, int(MAX_TEXT_SHARE * n)) and max(
                        self.full[doc_id].count(stem) for doc_id in opening) >= MIN_MENTIONS
            self._topic[stem] = known
        return known

    def topics(self, stems: Iterable[str]) -> tuple[str, ...]:
        return tuple(s for s in stems if self.is_topic(s))

    def coverage(self, topics: Iterable[str], doc_id: str, *, about: bool = False) -> float:
        """The share of ``topics`` the document uses (in its opening with ``about``); 1.0 for none."""
        topics = list(topics)
        if not topics:
            return 1.0
        words = (self.about if about else self.full).get(doc_id)
        if words is None:
            return 0.0
        # a compound the document writes as its parts ("interimopdrachten": "opdrachten als interim")
        return sum(words.has(t) or bool(compound_parts(t, words.words.__contains__)) for t in topics) / len(topics)


def _repeated_names(text: str) -> str:
    """The proper names ``text`` names NAME_MENTIONS times or more, squashed (``entities.squash``)."""
    haystack = squash(text)
    found = {squash(name).strip() for name in proper_names(text)}
    return " " + " ".join(sorted(n for n in found if n and haystack.count(f" {n} ") >= NAME_MENTIONS)) + " "


# A person a text names by a title or gives the floor to ("de heer Ronse", "minister van Werk Hilde
# Crevits", "Mevrouw Talpe heeft het woord."): a speaker of a report, an interview or a news item, who
# the question may name ("volgens Ronse") though the opening does not (general Dutch titles).
_TITLED = re.compile(r"\b(?:[Dd]e heer|[Mm]evrouw|[Mm]inister|[Vv]olksvertegenwoordiger|[Pp]arlementslid|[Ss]taatssecretaris)"
                     r"\s+(?:van\s+(?:[\w-]+\s+){1,3}?)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_HAS_THE_FLOOR = re.compile(r"\b([A-Z][\w'-]+)\s+heeft het woord\b")


def _speakers(text: str) -> str:
    """The names of the persons ``text`` names by a title or gives the floor to, squashed."""
    found = [m.group(1) for pattern in (_TITLED, _HAS_THE_FLOOR) for m in pattern.finditer(text)]
    return " ".join(sorted({squash(name).strip() for name in found} - {""})) + " "


# "volgens de SERV", "volgens die FAQ", "volgens de sectorfoto lokale besturen": where the asker read
# it, up to the end of the clause (a comma, colon, semicolon or the question mark; general Dutch).
_ATTRIBUTION = re.compile(r"\bvolgens\s+(?:de|het|die|dat|deze|dit|een)?\s*([^,;:?!]+)", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")  # a party named by its acronym, in capitals ("VIVO", "SERV")


def attributed(question: str, documents: Mapping[str, Any]) -> tuple[str, ...]:
    """The documents a question says it read from: those whose identity (title, publisher, kind
    names) holds the most of its "volgens ..." phrase among the words that name only a few
    documents (at most MAX_SHARE of them, or MIN_DOCS), each word weighed by how few documents it
    names (one that names a single document outweighs the years two covenants share); a word also
    names an identity whose word it starts as a compound ("VIVO" the publisher "vivosocialprofit").
    Without that phrase, the acronyms the question names a party by are read the same way ("het
    convenant 2018-2019 van VIVO", "Wat zegt de SERV ...?"). () without such a phrase or word.
    "volgens het sectorconvenant" names no document: every covenant's title says so."""
    m = _ATTRIBUTION.search(question)
    # else an acronym the question names a party by ("het convenant 2018-2019 van VIVO")
    phrase = m.group(1) if m else " ".join(_ACRONYM.findall(question))
    if not phrase or not documents:
        return ()
    names = topic_index(documents).names
    limit = max(MIN_DOCS, int(MAX_SHARE * len(names)))
    held: dict[str, float] = {}
    for s in token_set(phrase):
        having = [doc_id for doc_id, words in names.items() if s in words or _starts_a_compound(s, words)]
        if 1 <= len(having) <= limit:
            for doc_id in having:
                held[doc_id] = held.get(doc_id, 0.0) + 1.0 / len(having)
    if not held:
        return ()
    most = max(held.values())
    return tuple(doc_id for doc_id in names if held.get(doc_id) == most)[:limit]  # in index order, not the set's


def unattributed(question: str) -> str:
    """The question without its "volgens ..." phrase: what it asks, not where the asker read it."""
    return _ATTRIBUTION.sub(" ", question)


def _starts_a_compound(stem: str, words: Iterable[str]) -> bool:
    """``stem`` (MIN_CHARS letters or more) opens a word of ``words`` that is MIN_CHARS letters
    longer: a compound, not an inflection."""
    return len(stem) >= MIN_CHARS and stem.isalpha() and any(
        len(w) >= len(stem) + MIN_CHARS and w.startswith(stem) for w in words)


def opened_by(text: str, documents: Mapping[str, Any]) -> tuple[str, ...]:
    """The documents whose title and opening hold the most of ``text``'s topic words (see
    ``TopicIndex.is_topic``): what a previous question was about ("de textielverzorging (PC 110)");
    () without a topic word or a document that opens with one."""
    if not documents:
        return ()
    index = topic_index(documents)
    topics = index.topics(dict.fromkeys(tokens(text)))
    held = {doc_id: sum(words.has(t) for t in topics) for doc_id, words in index.about.items()}
    most = max(held.values(), default=0)
    if not most:
        return ()
    limit = max(MIN_DOCS, int(MAX_SHARE * len(held)))
    return tuple(doc_id for doc_id in index.about if held[doc_id] == most)[:limit]


def about_named(terms: tuple[str, ...], documents: Mapping[str, Any]) -> tuple[str, ...]:
    """The documents whose title and opening name every sector or comité of ``terms`` (none for no
    terms): what a question that names them is about, though a page that mentions the sector in
    passing may outrank them."""
    return topic_index(documents).about_named(terms, documents) if terms else ()


def _identity_of(doc: Any) -> str:
    """``identity`` of an indexed document (its title, publisher and kind)."""
    return identity(str(getattr(doc, "title", "") or ""), getattr(doc, "metadata", None), str(getattr(doc, "doc_type", "") or ""),
                    str(getattr(doc, "text", "") or ""))


def identity(title: str, metadata: Mapping[str, Any] | None, kind: str = "", text: str | None = None) -> str:
    """A document's title with its publisher (also in the words its name is written of,
    ``compounds.name_words``) and the names of its kind (``types.kind_names``): "volgens de SERV"
    names a page on serv.be that never writes "SERV" itself, "de betonsector" a page on
    fondsbeton.be that never writes "beton", "volgens die FAQ" a text titled "Veelgestelde vragen"."""
    source = str((metadata or {}).get("source") or "")
    name = publisher(source)
    spelled = name_words(name)  # "fondsbeton" also as "fonds beton": a sector named only by the address
    named = f"{title} ({name}{'; ' + spelled if spelled != name else ''})" if name else title
    # the year its address's path names ("/2016/04/"), and the comité ("PC-209-Metaal") of a ``text`` that names none
    facts = address_facts(source, comites=text is not None and not comites_in(text))
    named = f"{named} ({facts})" if facts else named
    kinds = kind_names(kind, source)
    return f"{named} [{kinds}]" if kinds else named


def self_named(names: Iterable[str], metadata: Mapping[str, Any] | None, text: str) -> str:
    """The names among ``names`` that a document writes and whose words hold its publisher's name: a
    fund's own page names the fund in passing, deep in the page ("Sociaal Fonds Podiumkunsten" on
    podiumkunsten.be), yet the whole page is about it."""
    labels = {label for label in publisher(str((metadata or {}).get("source") or "")).split() if len(label) >= MIN_SECTOR_WORD}
    holding = [n for n in names if labels & {*fold(n).split(), fold(n).replace(" ", "")}]
    if not holding:  # the whole document is squashed only for a name that holds the publisher's
        return ""
    return "; ".join(n for n in holding if mentioned_in(fold(n), squashed(text)))


# "sector" or a sector's name ending in it ("de bouwsector"), not a compound it opens ("sectorplan")
_SECTOR_WORD = re.compile(r"sector(?:en)?\b")


def subject_named(terms: Iterable[str], opening: str, text: str, published: str = "") -> str:
    """The sectors and comités of ``terms`` a document is about though its opening names no sector
    and no comité, as text. A document of one comité at most (a fund's questions and answers that
    say "Paritair Comité 110" halfway) is about what it names anywhere; a page of several comités
    speaks of each where it names it, and a covenant's opening names its sector. A page of a
    publisher the question names with its sector (``published``: ``self_named``'s names; "Welk
    percentage neemt GRAFOC voor zijn rekening?" of the graphic sector) is about that sector, and
    about a comité the question names if it names no other."""
    terms = list(terms)
    # a title that names a sector, or on a page of no publisher the question names, any "sector" word
    # ("Sectorconvenants generatie 2021-2022": an overview that speaks of each sector where it names it)
    folded = fold(opening)
    if not terms or comites_in(opening) or (_SECTOR_WORD.search(folded) if published else "sector" in folded):
        return ""
    comites = comites_in(text)
    if published:
        return " ".join(t for t in terms if not t[0].isdigit() or not comites or mentioned_in(t, squashed(text)))
    return "" if len(comites) > 1 else " ".join(t for t in terms if mentioned_in(t, squashed(text)))



def document_text(chunk: Any, documents: Mapping[str, Any]) -> str:
    """The whole text of a passage's document (the passage itself when the document is not at hand)."""
    return getattr(documents.get(chunk.doc_id), "text", chunk.text)


def opening(chunk: Any, documents: Mapping[str, Any]) -> str:
    """A document's title and opening: what (which sector, which period) it is about; a sector
    named in passing deep in another sector's covenant does not make that covenant about it."""
    text = document_text(chunk, documents)
    return f"{identity(chunk.title, chunk.metadata, chunk.doc_type, text)} {text[:ABOUT_CHARS]}"


_CACHE: dict[int, tuple[Mapping[str, Any], TopicIndex]] = {}


def topic_index(documents: Mapping[str, Any]) -> TopicIndex:
    """The topic index of a document mapping, built once per mapping (a new index build is a new one)."""
    key = id(documents)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is documents and len(cached[1].about) == len(documents):
        return cached[1]
    built = TopicIndex.from_documents(documents)
    _CACHE.clear()
    _CACHE[key] = (documents, built)
    return built


__all__ = ["ABOUT_CHARS", "TopicIndex", "about_named", "attributed", "document_text", "opened_by", "opening", "self_named", "subject_named", "topic_index", "unattributed"]
