"""Which units make the answer: the best one, the items of a list it introduces, a unit that holds
the asked value when the best one does not, and up to ``more`` further units that score nearly as
well or add something the question asks that the answer lacks so far."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.answer.entities import squash
from assistant.answer.vocabulary import covered
from assistant.textnl import NUMBER_WORDS, ORDINAL_WORDS, fold, token_set

if TYPE_CHECKING:
    from assistant.answer.select import Candidate, QuestionProfile

# A unit at least this likely relative to the best one joins on its score alone (a near tie); a
# less likely one (down to the fitted ``second_ratio``) only when it holds a question word the
# units chosen so far lack: "Welke prioriteiten ...?" is answered by two sentences that each name
# some, not by a second sentence that repeats the first one's words.
NEAR_TIE = 0.5


def choose(ranked: Sequence[Candidate], second_ratio: float, typed_ratio: float = 1.01, *, value_asked: bool = False,
           more: int = 1, asked: QuestionProfile | None = None, documents: Sequence[str] = ()) -> list[Candidate]:
    """The units of the answer: the best one, the items of a list it introduces, else the first unit
    that holds more of the asked value when the best one holds it only partly or (``value_asked``: a
    date, amount, period ... is asked) not at all (all of it, or part of it where the best one holds
    none: "eind jaren '90" for "Wanneer ...?"), and scores at least ``typed_ratio`` of it, else up to
    ``more`` further units among the next ``more + 1`` that score at least ``second_ratio`` of it
    and, below NEAR_TIE, hold a word of the question ``asked`` that the chosen units lack (without
    ``asked``, on their score alone). Both ratios and ``more`` are fitted (eval/fit.py).
    ``documents``: each passage's document (by rank); a unit with more of the value leads only
    from the best unit's document: another document's date or figure is not the one asked about."""
    item = _ordinal_item(ranked, asked) if asked is not None else None
    if item is not None:  # "als derde punt" and the best unit is item 2 of the list: item 3 answers
        ranked = [item, *(c for c in ranked if c is not item)]
    chosen = [ranked[0]]
    typed = ranked[0].features.get("typed", 0.0)
    if typed < 1.0 and (typed > 0.0 or value_asked):  # a duration, or no date, where dates were asked for
        full = next((c for c in ranked[1:] if c.features.get("typed", 0.0) > typed
                     and (not documents or documents[c.rank] == documents[ranked[0].rank])), None)
        if full is not None and full.score >= typed_ratio * ranked[0].score:
            return [full, ranked[0]]  # the unit with more of the value leads
    named = _named_before(ranked, asked) if asked is not None else None
    if named is not None:  # "Horeca Vorming wil ... De sectororganisatie zet in op ...": the name leads
        return [named, ranked[0]]
    if introduces_list(ranked[0].text):  # "... de volgende prioriteiten:": the items follow
        chosen.extend(sorted(
            (c for c in ranked if c.rank == ranked[0].rank and ranked[0].order < c.order <= ranked[0].order + 3),
            key=lambda c: c.order,
        ))
        return chosen
    if asked is not None:  # "... 3 fasen" for "Uit welke fasen ...?": the best unit or the next announces them
        counted = _counted_list(ranked, asked)
        if counted:
            return counted
    follows = beside(ranked, ranked[0], 1)
    if follows is not None and _leans_back(follows.text):  # "... een omgevingsanalyse. Die omvat ..."
        chosen.append(follows)
    elif follows is not None and asked is not None and (named := _named_after(ranked, follows, asked)) is not None:
        chosen.extend((follows, named))  # "... naar werkzoekenden. Via ... toeleiden. Hiervoor wordt samengewerkt met VDAB."
    for other in ranked[1:more + 2]:
        if len(chosen) > more:
            break
        if other.score < second_ratio * ranked[0].score or any(_same(other.text, c.text) for c in chosen):
            continue
        if other.score < NEAR_TIE * ranked[0].score and asked is not None and not _adds_asked(other, chosen, asked):
            continue
        chosen.append(other)
    return chosen


def beside(ranked: Sequence[Candidate], unit: Candidate, step: int) -> Candidate | None:
    """The unit ``step`` sentences after ``unit`` in its passage (before it when negative), if ranked."""
    return next((c for c in ranked if c.rank == unit.rank and c.order == unit.order + step), None)


# A sentence that opens with a definite noun phrase ("De sectororganisatie zet in op ...") speaks of
# something named before it: general Dutch articles and demonstratives.
_DEFINITE_OPENING = re.compile(r"^(?:de|het|deze|dit|die|dat)\s+([^\W\d_][\w-]*)")


def _name_missing(best: Candidate, q: QuestionProfile) -> bool:
    """A name is asked ("wie", "welke organisatie") and the best unit holds none."""
    return q.kind in ("who", "name") and best.features.get("typed", 0.0) < 1.0


def _named_before(ranked: Sequence[Candidate], q: QuestionProfile) -> Candidate | None:
    """For a name asked by its noun ("Welke sectororganisatie ...?"): when the best unit holds no
    name and opens with that noun as a definite phrase ("De sectororganisatie zet in op ..."), the
    sentence right before it in its passage, if it holds a name, names what it speaks of."""
    best = ranked[0]
    if not q.asked or not _name_missing(best, q):
        return None
    opening = _DEFINITE_OPENING.match(fold(best.text.strip()))
    # the asked noun itself or its head ("De organisatie" for "sectororganisatie"), not a modifier
    if opening is None or not any(s.endswith(o) for s in q.asked for o in token_set(opening.group(1))):
        return None
    before = beside(ranked, best, -1)
    return before if before is not None and before.features.get("typed", 0.0) >= 1.0 else None


def _named_after(ranked: Sequence[Candidate], follows: Candidate, q: QuestionProfile) -> Candidate | None:
    """For a name asked ("Met welke organisatie ...?") that the best unit does not hold: the sentence
    after ``follows`` (the best unit's next one) when it goes on with them ("Hiervoor wordt
    samengewerkt met VDAB.") and holds a name."""
    if not _name_missing(ranked[0], q):
        return None
    after = beside(ranked, follows, 1)
    return after if after is not None and _leans_back(after.text) and after.features.get("typed", 0.0) >= 1.0 else None


def _adds_asked(unit: Candidate, chosen: Sequence[Candidate], q: QuestionProfile) -> bool:
    """Whether ``unit`` holds a word of the question that none of ``chosen`` holds."""
    have = set().union(*(token_set(c.text) for c in chosen))
    own = token_set(unit.text)
    return any(covered(s, own, q.compounds) and not covered(s, have, q.compounds) for s in q.weights)


def _same(a: str, b: str) -> bool:
    """The same words: a slide's title repeated on the next slide, with or without its dash."""
    return squash(a).split() == squash(b).split()


# A sentence that opens with a demonstrative, a personal pronoun or a pronominal adverb ("Die omvat
# ...", "Daaronder wordt gebundeld ...", "Denk bijvoorbeeld aan ...") goes on with the sentence
# before it: general Dutch (closed word classes), not words of any document.
_LEANS_BACK = re.compile(r"^(?:die|dit|deze|dat|ze|zij|hij|zo|zoals|bijvoorbeeld|denk|(?:daar|hier)[a-z]+)\b")


def _leans_back(text: str) -> bool:
    return bool(_LEANS_BACK.match(fold(text.strip())))


# A unit that ends on a count and a noun ("Ontwikkeld door experten; 3 fasen") announces that many
# items, which follow it (Dutch number words from textnl, or digits).
_COUNT_END = re.compile(r"(?:^|[\s;:(])(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+([\w-]+)[\s.:]*$")
MAX_ITEMS = 12  # a count above this is a figure, not a list ("50 acties")
MAX_ITEM_UNITS = 6


def _counted_list(ranked: Sequence[Candidate], q: QuestionProfile) -> list[Candidate]:
    """The best unit (or the unit right after it) ending on "<count> <noun>" where the noun is a word
    of the question ("Uit welke fasen ...?" and "... 3 fasen"), then the units that follow it in its
    passage until they hold that many items (a unit "Actiefase; Opvolgmeting" holds two); empty
    when there is no such announcement or the passage ends before the count is reached."""
    best = ranked[0]
    in_passage = sorted((c for c in ranked if c.rank == best.rank and c.order >= best.order), key=lambda c: c.order)
    for i, unit in enumerate(in_passage[:2]):
        if unit.order != best.order + i:
            break
        m = _COUNT_END.search(fold(unit.text.strip()))
        if m is None:
            continue
        count = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)]
        if not 2 <= count <= MAX_ITEMS or not any(covered(s, token_set(m.group(2)), q.compounds) for s in q.weights):
            continue
        items, out = 0, list(in_passage[:i + 1])
        for nxt in in_passage[i + 1:i + 1 + MAX_ITEM_UNITS]:
            if nxt.order != out[-1].order + 1:
                break
            out.append(nxt)
            items += len([p for p in nxt.text.split(";") if p.strip()])
            if items >= count:
                return out
        return []
    return []


# A numbered item: "3. het organiseren van ...", "2) ...", "Prioriteit 2: ..."
_ITEM_NUMBER = re.compile(r"^\s*(?:[A-Za-z]+\s+)?(\d{1,2})\s*[.):](?!\d)")
# an ordinal before a singular noun ("het derde punt", "de tweede prioriteit"); before a plural ("de
# eerste sectorconvenants") or "generatie" (covenants count their generations) it numbers no item
_ORDINAL = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\s+(?!generatie\b)([a-z]+)\b(?<!en)(?<!s)")


def _ordinal_item(ranked: Sequence[Candidate], q: QuestionProfile) -> Candidate | None:
    """When the question asks for an item by its place ("als derde punt", "de tweede prioriteit")
    and the best unit is another numbered item of a list, the unit of its passage numbered as
    asked; else None."""
    ordinals = [m.group(1) for m in _ORDINAL.finditer(fold(q.text))]
    best = ranked[0]
    m = _ITEM_NUMBER.match(best.text)
    if len(ordinals) != 1 or m is None:
        return None
    wanted = ORDINAL_WORDS[ordinals[0]]
    if int(m.group(1)) == wanted:
        return None
    for c in ranked:
        n = _ITEM_NUMBER.match(c.text)
        if c.rank == best.rank and n is not None and int(n.group(1)) == wanted:
            return c
    return None


def introduces_list(text: str) -> bool:
    """A unit that ends by announcing what follows: on a colon, or with "de volgende ..." in its
    last sentence ("... pakt ze de volgende prioriteiten aan")."""
    return text.rstrip().endswith(":") or bool(re.search(r"\bvolgende\b[^.]*[.:]?$", fold(text.strip())))


__all__ = ["NEAR_TIE", "beside", "choose", "introduces_list"]
