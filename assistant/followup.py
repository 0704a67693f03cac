"""Deterministic follow-up handling without a language model: carry the subject of the
conversation over to a short question such as "En het voortgangsrapport?"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer.dating import YEAR_RANGE, year_span
from assistant.answer.entities import mentions
from assistant.answer.kinds import answer_type
from assistant.textnl import NUMBER_WORDS, PRONOMINAL_ADVERBS, STOPWORDS, fold, stem, tokens

_LEADING = re.compile(
    r"^\s*(?:(?:(?:en|maar)\s+)?(?:wat\s+met|hoe\s+(?:zit|zat)\s+(?:het|dat)\s+(?:met|voor))|en|maar|ook|dan)\b[\s,]*", re.I
)
# A demonstrative before a noun refers to something said before ("is dat bedrag bedoeld");
# "dat" before an article or pronoun is a conjunction ("klopt het dat de sector ...").
_REFERRING = re.compile(
    r"\b(?:dat|die|deze|dit|datzelfde|diezelfde|dezelfde|hetzelfde)\s+(?!(?:de|het|een|er|ze|zij|hij|we|wij|je|u|men|ik|in|op|van|voor|niet|nog|al|ook)\b)[a-z]{3,}",
    re.I,
)
_QUESTION_START = re.compile(r"^\s*(?:wie|wat|waar|wanneer|hoe|hoeveel|welke?|waarom|waarvoor|is|zijn|kan|mag|moet)\b", re.I)
# a demonstrative or a pronominal adverb that points back ("daaraan", "ervan"; not the asking "waarin")
_POINTERS = sorted(a for a in PRONOMINAL_ADVERBS if not a.startswith("waar"))
_PRONOUN_ONLY = re.compile(rf"\b(?:dat|die|dit|deze|{'|'.join(_POINTERS)})\b", re.I)
# such a pronominal adverb in the question's first clause points back to an earlier turn, whatever the
# question's length ("Op welke twee aspecten zetten ze daarmee in?"); later in the question it may point
# at its own first clause ("Hoeveel sectoren zijn er, en hoeveel daarvan ...?"), and an "er" form before
# "dat" or "om" announces that clause ("Wie zorgt ervoor dat ...?")
_POINTS_BACK = re.compile(rf"^[^,;:]*?\b(?:{'|'.join(a for a in _POINTERS if not a.startswith('er'))}"
                          rf"|(?:{'|'.join(a for a in _POINTERS if a.startswith('er'))})(?![^,;:?]*\b(?:dat|om)\b))\b", re.I)
# "daar" with its preposition at the question's end ("Is daar een uitzondering op?"): split, it points back the same
_DAAR_SPLIT = re.compile(r"\bdaar\b[^,;:?]*\s(?:aan|bij|door|in|mee|na|naar|op|over|tegen|toe|uit|van|voor)\s*\?", re.I)
_CLAUSE_END = re.compile(r",|\s(?:en|of|maar)\s", re.I)
# "het" as the object of the verb, right after the subject and before an adverb or the end ("Tot wanneer
# kan ik het nog aanvragen?", "Moet je het zelf doen?"): it stands for something said before; the article
# comes before a noun ("kan ik het formulier ..."), and a dummy subject before the verb ("is het nodig").
_OBJECT_HET = re.compile(r"\b(?:ik|je|jij|u|we|wij|men|ze|zij|hij|jullie)\s+het(?:\s+(\w+)|\s*[?!.,]|\s*$)", re.I)


# A personal pronoun points at a person named before ("welke rol kreeg hij"); "die laatste" and
# "de eerste" pick one of several.
_PERSONAL = re.compile(r"\b(?:hij|hem|zij|haar)\b", re.I)
_LAST = re.compile(r"\b(?:die|deze|de)\s+laatste\b", re.I)
_FIRST = re.compile(r"\b(?:die|deze|de)\s+eerste\b", re.I)
_REFERENT_LEAD = re.compile(r"^\s*(?:en\s+)?(?:die|deze|de)\s+(?:laatste|eerste)\s*[,:]?\s*", re.I)
# A person's name as written in Dutch texts: a capitalised given name, then capitalised name parts
# or the particles of Dutch surnames ("An De Coen", "Wim Van der Beken"); not an acronym ("KU Leuven").
_PERSON_NAME = re.compile(
    r"(?<![\w.])[A-Z][a-zà-ÿ]+(?:\s+(?:[A-Z][a-zà-ÿ]+|van|de|der|den|ter|ten))*\s+[A-Z][a-zà-ÿ]+\b"
)

# A surname after a title or honorific (general Dutch): "minister Landuyt", "voorzitter Sels",
# "de heer Muyters".
_TITLED_NAME = re.compile(
    r"\b(?:minister(?:-president)?|staatssecretaris|voorzitter|ondervoorzitter|burgemeester|schepen|directeur|"
    r"professor|prof\.|dr\.|de\s+heer|mevrouw)\s+((?:(?:van|de|der|den|ter)\s+)*[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b",
    re.IGNORECASE,
)

@dataclass(frozen=True)
class Condensed:
    question: str  # what is shown and searched (standalone when rewritten)
    focus: str  # the new part of the question, weighted fully when scoring sentences
    context: str  # subject words carried over from earlier turns (lower weight)
    inherited_type: str | None  # the kind of value asked for in the previous question
    rewritten: bool


def turns(history: Sequence[dict[str, Any]] | None, role: str) -> list[str]:
    """The contents of the turns of ``role`` ("user": the questions, "assistant": the answers), in order."""
    return [str(m.get("content", "")) for m in history or [] if m.get("role") == role and m.get("content")]


def user_turns(history: Sequence[dict[str, Any]] | None) -> list[str]:
    return turns(history, "user")


def _speaks_on(question: str, content: Sequence[str], history: Sequence[dict[str, Any]]) -> bool:
    """A short question that names nothing of its own (no year, comité, sector or name) and picks up a
    word the previous answer added to its question goes on about it ("Wie tekende er als
    ondervoorzitter?" after an answer on who signed as chair and vice-chair); an unrelated one, or
    one that shares only the previous question's words ("convenant"), stands alone."""
    if len(content) > 4 or mentions(question):
        return False
    asked, answered = turns(history, "user")[-1:], turns(history, "assistant")[-1:]
    return bool(set(content) & (set(tokens(" ".join(answered))) - set(tokens(" ".join(asked)))))


def is_followup(question: str, history: Sequence[dict[str, Any]] | None) -> bool:
    if not user_turns(history):
        return False
    content = tokens(question)
    return (
        bool(_LEADING.match(question))
        # a fragment ("De maximale subsidie?"); a whole question ("Hoe maak ik stoofvlees?") stands alone
        or (len(content) <= 2 and not _QUESTION_START.match(question))
        or (len(content) <= 3 and bool(_PRONOUN_ONLY.search(question)))
        or bool(_REFERRING.search(question))  # "dat bedrag", "die datum": points back
        or bool(_POINTS_BACK.search(_CLAUSE_END.split(question, maxsplit=1)[0])) or bool(_DAAR_SPLIT.search(question))
        or any(m.group(1) is None or fold(m.group(1)) in STOPWORDS for m in _OBJECT_HET.finditer(question))
        or _speaks_on(question, content, history or ())  # last: it reads what the question names
    )


def condense(question: str, history: Sequence[dict[str, Any]] | None) -> Condensed:
    """Rewrite a follow-up into a standalone question by carrying the previous subject over.

    "En het voortgangsrapport?" after "Tegen wanneer moet het eindrapport binnen?" becomes
    "Tegen wanneer moet het voortgangsrapport binnen?": a word of the previous question that
    shares its head with the new subject (rapport) is replaced, when that keeps every word the
    follow-up adds; otherwise the new words are asked about the previous question's subject.
    """
    turns = user_turns(history)
    people = referent(question, history)
    if people:  # "Die laatste, welke rol kreeg hij?": the person named in the previous answer
        new_part = _REFERENT_LEAD.sub("", _LEADING.sub("", question)).strip().rstrip("?").strip()
        new_part = new_part[:1].upper() + new_part[1:]
        names = ", ".join(people)
        return Condensed(f"{new_part} ({names})?", f"{new_part} {names}", "", answer_type(turns[-1]), True)
    if not is_followup(question, history):
        return Condensed(question, question, "", None, False)
    previous = turns[-1]
    new_part = _LEADING.sub("", question).strip().rstrip("?").strip()
    new_words = [w for w in re.findall(r"[\w'-]+", new_part) if tokens(w)]
    prev_type = answer_type(previous)
    rewritten = None
    for new_word in new_words:
        head = _head(new_word)
        for old_word in re.findall(r"[\w'-]+", previous):
            if fold(old_word) != fold(new_word) and len(head) >= 4 and _head(old_word) == head:
                rewritten = re.sub(rf"\b{re.escape(old_word)}\b", new_word, previous, count=1)
                break
        if rewritten:
            break
    if rewritten is not None and not set(tokens(new_part)) <= set(tokens(rewritten)):
        # a substitution may replace one word only: "En wie tekenden er namens LBC-NVK?" after "Wie
        # tekende ... namens BBTK?" would keep BBTK and lose LBC-NVK
        rewritten = None
    new_part = with_shifted_years(new_part, previous)  # "En een jaar eerder?" after a question on 2019: 2018
    if rewritten is None:
        rewritten = f"{new_part[:1].upper()}{new_part[1:]} ({previous.rstrip('?').strip()})?"
    context_words = [w for w in re.findall(r"[\w'-]+", previous) if tokens(w) and fold(w) not in fold(new_part)]
    return Condensed(rewritten, new_part, " ".join(context_words), prev_type, True)


# A follow-up that asks the same a number of years earlier or later ("En een jaar eerder?", "En het
# jaar daarvoor?", "En twee jaar later?"): general Dutch adverbs of time, relative to the years of the
# previous question.
_SHIFT = re.compile(r"^(?:en\s+)?(?:(?:(een|twee|drie|\d)\s+jaar|het\s+jaar)\s+(eerder|daarvoor|ervoor|voordien|later|daarna|erna|nadien))\s*$", re.I)


def with_shifted_years(new_part: str, previous: str) -> str:
    """``new_part`` with the previous question's years and spans of years (``dating.YEAR_RANGE``)
    shifted as it asks ("En een jaar eerder" after "... in 2019?": "En een jaar eerder (2018)"); as it
    is when it shifts nothing or no year was asked."""
    m, years = _SHIFT.match(new_part.strip()), list(YEAR_RANGE.finditer(previous))
    if m is None or not years:
        return new_part
    count = m.group(1) or "een"  # "het jaar daarvoor": one year
    n = int(count) if count.isdigit() else NUMBER_WORDS[fold(count)]
    delta = -n if fold(m.group(2)) in ("eerder", "daarvoor", "ervoor", "voordien") else n
    spans = [(int(y.group(1)), year_span(y.group(1), y.group(2)) if y.group(2) else None) for y in years]
    shifted = [f"{span[0] + delta}-{span[1] + delta}" if span else str(first + delta) for first, span in spans]
    return f"{new_part} ({', '.join(shifted)})"


def referent(question: str, history: Sequence[dict[str, Any]] | None) -> list[str]:
    """The people a personal pronoun of ``question`` points at: those the previous answer names
    (the last or first of them for "die laatste" / "de eerste"); none without such a pronoun."""
    if not _PERSONAL.search(question) or not user_turns(history):
        return []
    answers = [str(m.get("content", "")) for m in history or [] if m.get("role") == "assistant"]
    if not answers:
        return []
    people = _people(answers[-1])
    if _LAST.search(question):
        return people[-1:]
    if _FIRST.search(question):
        return people[:1]
    return people if len(people) == 1 else []  # "hij" after several people: no guess


def _people(text: str) -> list[str]:
    """The people ``text`` names, in order: full names ("Renaat Landuyt") and surnames after a title
    ("minister Landuyt"), each once."""
    found = [(m.start(), m.group(0)) for m in _PERSON_NAME.finditer(text)]
    for m in _TITLED_NAME.finditer(text):
        surname = m.group(1)
        if surname[:1].isupper() and not any(surname in name for _, name in found):
            found.append((m.start(1), surname))
    return list(dict.fromkeys(name for _, name in sorted(found)))


def _head(word: str) -> str:
    """The last element of a Dutch compound, approximated by its last stem of 4+ letters:
    voortgangsrapport and eindrapport share 'rapport'."""
    whole = (tokens(word, keep_stopwords=True) or [fold(word)])[0]
    for size in range(min(len(whole), 8), 3, -1):
        tail = whole[-size:]
        if tail in _KNOWN_HEADS:
            return tail
    return whole


# Heads of Dutch compounds frequent in covenant texts (rapport, financiering, verbintenis, ...),
# as stems.
_KNOWN_HEADS = frozenset(stem(word) for word in (
    "rapport", "financiering", "verbintenis", "subsidie", "termijn", "consulent", "sector", "plan",
    "addendum", "datum", "bedrag", "budget", "periode", "overleg", "actie",
))
