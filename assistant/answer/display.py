"""How a selected answer is shown: the chosen units, each cut to a window around the question's
words when long, with its citation number, led by the asked value ("98.000,00 EUR: ...")."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.answer.dating import undated
from assistant.answer.entities import proper_names
from assistant.answer.units import list_of
from assistant.answer.values import VALUE_KINDS, lead_value
from assistant.answer.vocabulary import is_or_ends_in
from assistant.textnl import MONTH_PATTERN, YEAR_PATTERN, fold, tokens
from assistant.types import Citation, ScoredChunk

if TYPE_CHECKING:
    from assistant.answer.select import Candidate, QuestionProfile

DISPLAY_CHARS = 300  # a longer unit is shown as a window around the words that match
LIST_CHARS = 2 * DISPLAY_CHARS  # a list of at most this length is shown whole
_ASKS_ARTICLE = re.compile(r"\b(?:welk|in welk|onder welk|volgens welk)\s+artikel\b")
_ARTICLE = re.compile(r"^(?:Artikel|Art\.)\s*\d+[a-z]?(?:\s*§\s*\d+)?", re.IGNORECASE)
# "Met welk doel ...?", "Waarom ...?": the answer is the purpose or the reason a sentence gives after
# its marker, strongest first ("... om te komen tot een samenwerking ..., met het oog op een duurzame
# ontwikkeling"). General Dutch.
_ASKS_PURPOSE = re.compile(r"\b(?:waarom|waartoe|met welk doel|met welke bedoeling|om welke reden)\b")
_PURPOSE_MARKERS = (
    re.compile(r"\b(?:met het oog op|met als doel|teneinde|opdat|zodat)\b", re.IGNORECASE),
    re.compile(r"\b(?:omdat|doordat|want)\b", re.IGNORECASE),
    re.compile(r"\bom\s+(?:\S+\s+){0,8}?te\b", re.IGNORECASE),
)


def article_lead(q: QuestionProfile, unit: Candidate, hits: Sequence[ScoredChunk]) -> str | None:
    """"Artikel 3" for a question that asks which article: the article of the unit's section."""
    if not _ASKS_ARTICLE.search(fold(q.text)):
        return None
    article = _ARTICLE.match(hits[unit.rank].chunk.section or "")
    return article.group(0) if article else None


def name_lead(q: QuestionProfile, unit: Candidate) -> str | None:
    """The name a 'wie'/'welke ...' answer starts with: the one proper name in the unit that the
    question does not already name; no lead when the unit names several (no guess)."""
    if q.kind not in ("who", "name"):
        return None
    asked = fold(q.text)
    asked_words = set(re.findall(r"\w+", asked))
    new = []
    for name in proper_names(unit.text):
        if _opens_a_piece(unit.text, name) or _ORIGIN_ADJECTIVE.fullmatch(name):
            continue
        words = name.split()
        # "Werk Hilde Crevits" for "minister van Werk"; not "voor Bestaanszekerheid" for "welk fonds"
        while len(words) > 1 and fold(words[0]) in asked_words and words[1][:1].isupper():
            words = words[1:]
        shown = " ".join(words)
        initials = "".join(w[0] for w in words if w[:1].isupper()).lower()
        if fold(shown) not in asked and not (len(initials) >= 2 and initials in asked_words):
            new.append(shown)
    return new[0] if len(new) == 1 else None


# A single capitalised word that opens a piece of text (a line, a list item "1.Duurzaam", the part
# after a colon or semicolon, or follows a number: "120.000 Vlamingen") is capitalised for its
# place, not because it is a name; a capitalised adjective of origin ("Vlaamse", "Europese") is
# no name either (general Dutch).
_PIECE_START = re.compile(r"(?:^|[\n:;•▪·–\-(]|\d[.)]?)\s*$")
_ORIGIN_ADJECTIVE = re.compile(r"[A-Z][a-zë]+(?:se|sche)")


def _opens_a_piece(text: str, name: str) -> bool:
    if " " in name or not name[1:].islower():  # a name of several words, an acronym: a name wherever it stands
        return False
    at = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(at) and all(_PIECE_START.search(text[:i]) for i in at)


def window(text: str, q: QuestionProfile, limit: int = DISPLAY_CHARS) -> str:
    """A long unit cut to the part around the question's words (the citation keeps it whole)."""
    s = re.sub(r"\s+", " ", text.strip())
    if len(s) <= limit:
        return s
    words = list(re.finditer(r"\S+", s))
    stems = [tokens(w.group(0)) for w in words]
    # centred on the phrase that names what is asked when the unit holds it ("… het opstellen van een
    # jaarlijks monitoringsrapport" for "Welk rapport …"), else on the question's words and numbers
    asked = [i for i, ts in enumerate(stems) if any(is_or_ends_in(t, a) for t in ts for a in q.asked)]
    purpose = _purpose_marker(s) if _ASKS_PURPOSE.search(fold(q.text)) else None
    if purpose is not None:  # the purpose follows its marker: the window opens a little before it
        centre = purpose + limit // 2 - limit // 3
    elif asked:
        # of several mentions, one of the asked noun itself ("Interreg-programma", not "Interreg-project",
        # for "Welk Interreg-programma ...?"), then the one the question's other words follow ("minister van
        # Onderwijs ..., minister van Werkgelegenheid ..."); what is asked comes after the words that name
        # it, so the window opens a little before them and runs on
        others = q.weights.keys() - set(q.asked)
        best = max(asked, key=lambda i: (any(is_or_ends_in(t, q.asked[-1]) for t in stems[i]),
                                         _followed_by(stems, i, others), -abs(i - asked[len(asked) // 2])))
        centre = words[best].start() + limit // 2 - limit // 3
    else:
        centre = _densest(words, stems, q.weights, limit)
    start = max(0, min(centre - limit // 2, len(s) - limit))
    end = start + limit
    if start > 0:
        start = s.find(" ", start) + 1
    piece = s[start:end].rsplit(" ", 1)[0] if end < len(s) else s[start:]
    return ("… " if start > 0 else "") + piece.strip(" ,;:") + (" …" if end < len(s) else "")


def _densest(words: Sequence[re.Match[str]], stems: Sequence[list[str]], weights: dict[str, float], limit: int) -> int:
    """The offset of the word around which a window of ``limit`` characters holds the most of the
    question's words, each weighed once by its weight (a rare name outweighs the years a long
    signatory line opens and closes with), numbers next; 0 without any."""
    def weight(ts: list[str], word: str) -> float:
        return sum(weights.get(t, 0.0) for t in ts) or (1e-3 if re.search(r"\d", word) else 0.0)

    hits = [(w.start(), ts, weight(ts, w.group(0))) for w, ts in zip(words, stems)]
    hits = [h for h in hits if h[2] > 0]
    best, centre = 0.0, 0
    for at, _, _ in hits:
        seen: dict[str, float] = {}
        for other, ts, value in hits:
            if abs(other - at) <= limit // 2:
                seen[" ".join(ts) or str(other)] = value
        total = sum(seen.values())
        if total > best + 1e-9:
            best, centre = total, at
    return centre


def _purpose_marker(text: str) -> int | None:
    """Where the purpose or reason a sentence gives starts: its strongest marker."""
    for marker in _PURPOSE_MARKERS:
        found = marker.search(text)
        if found:
            return found.start()
    return None


def _followed_by(stems: Sequence[list[str]], i: int, wanted: Set[str], span: int = 6) -> int:
    """How many of ``wanted`` stems the ``span`` words from word ``i`` on hold."""
    return len({t for ts in stems[i:i + span] for t in ts} & wanted)


def render(q: QuestionProfile, chosen: Sequence[Candidate], hits: Sequence[ScoredChunk], *,
           lead: str | None = None) -> tuple[str, list[Citation]]:
    """The chosen units with their citation numbers, led by ``lead`` or else by what the first
    unit answers: the asked article, value or name."""
    numbers: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    parts: list[str] = []
    chosen = [replace(u, text=undated(u.text)) for u in chosen]  # a page's date line is no part of a quote
    first_sentence = [chosen[0].text]  # the first unit, with the pieces of its sentence that follow it
    whole = whole_list(q, chosen[0], hits)
    if whole is not None:  # the list the first unit is an item of, shown whole; its other items are not repeated
        lead, items = whole
        chosen = [chosen[0], *(u for u in chosen[1:] if u.rank != chosen[0].rank or not u.text.startswith(lead))]
    for i, unit in enumerate(chosen):
        n = numbers.setdefault(unit.rank, len(numbers) + 1)
        shown = window(unit.text, q) if i or whole is None else f"{lead} {'; '.join(items)}"
        if i and parts and parts[-1] == window(chosen[i - 1].text, q):  # the next piece of a cut sentence
            shown = shown[repeated_lead(chosen[i - 1].text, shown):]
        quoted = shown if i == 0 and whole is not None else unit.text  # a whole list is quoted whole
        quotes.setdefault(unit.rank, []).append(re.sub(r"\s+", " ", quoted.strip()))
        following = chosen[i + 1] if i + 1 < len(chosen) else None
        if (following is not None and following.rank == unit.rank and following.order == unit.order + 1
                and not shown.endswith((".", "!", "?"))):
            parts.append(shown)  # a clause of a cut sentence: its citation follows the sentence's next piece
            if len(first_sentence) == i + 1:
                first_sentence.append(following.text)
        elif shown.endswith((".", "!", "?")):
            parts.append(f"{shown[:-1]} [{n}]{shown[-1]}")
        else:
            parts.append(f"{shown.rstrip(':;, ')} [{n}].")
    first = chosen[0]
    if len(first_sentence) > 1:
        first = replace(first, text=" ".join(first_sentence))
    value = lead or article_lead(q, first, hits) or lead_value(first.text, q.kind, q.weights, q.asked) or name_lead(q, first)
    if value and q.kind == "date":
        value = with_year(value, [h.chunk.text for h in hits if h.chunk.doc_id == hits[first.rank].chunk.doc_id])
    text = " ".join(parts)
    if value and not text.startswith(value):
        text = f"{value}: {text}"
    citations = []
    for rank, n in sorted(numbers.items(), key=lambda item: item[1]):
        citations.append(Citation.of(n, hits[rank].chunk, " … ".join(quotes[rank]), hits[rank].score))
    return text, citations


_DAY_MONTH = re.compile(rf"^(?:0?[1-9]|[12]\d|3[01])\s+(?:{MONTH_PATTERN})$", re.IGNORECASE)


def with_year(value: str, texts: Sequence[str]) -> str:
    """A day and month without a year ("1 september", a title's "Vanaf 1 september ...") with the
    year the document's passages write it with ("treden in werking op 1 september 2019"), when they
    write it with one year only."""
    if not _DAY_MONTH.match(value):
        return value
    found = {m.group(1) for t in texts for m in re.finditer(rf"\b{re.escape(value)}\s+({YEAR_PATTERN})\b", t, re.IGNORECASE)}
    return f"{value} {found.pop()}" if len(found) == 1 else value


def repeated_lead(before: str, after: str) -> int:
    """The length of the list lead that ``after``, the next piece of the sentence ``before`` ends,
    repeats from the end of ``before`` ("... hierbij vertegenwoordigd door:" and "hierbij
    vertegenwoordigd door: Mevrouw Hilde Crevits, ...": ``units._with_leads`` reads each item with
    its lead), with the space after it; 0 when ``before`` leads no list or ``after`` does not
    repeat its end."""
    if not before.endswith(":"):
        return 0
    for start in [0, *(m.end() for m in re.finditer(r"\s", before))]:
        lead = before[start:]
        if after.startswith(f"{lead} "):
            return len(lead) + 1
    return 0


def whole_list(q: QuestionProfile, unit: Candidate, hits: Sequence[ScoredChunk]) -> tuple[str, list[str]] | None:
    """The lead and items of the list ``unit`` is an item of ("De 3 grote thema's ... zijn:" and
    its three bullets), when the question asks no single value and the list is short enough to
    show whole: a question after themes or signatories is answered by all of them, not the first."""
    if q.kind in VALUE_KINDS or not 0 <= unit.rank < len(hits):
        return None
    found = list_of(hits[unit.rank].chunk.text, unit.text)
    if found is None:
        return None
    lead, items = found
    shown = [item.rstrip(" .;,") for item in items]
    return (lead, shown) if len(lead) + sum(len(i) + 2 for i in shown) <= LIST_CHARS else None


__all__ = ["DISPLAY_CHARS", "article_lead", "name_lead", "render", "repeated_lead", "whole_list", "window"]
