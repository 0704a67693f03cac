"""Question checks before answering: validity, language, and whether a named sector is covered by
the indexed covenants (a question about another sector must not be answered from this one)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.textnl import SECTOR_OF_PATTERN, STOPWORDS, fold

MAX_QUESTION_CHARS = 1000

_ENGLISH = {"the", "what", "which", "when", "who", "how", "is", "are", "does", "do", "of", "for", "and", "many", "much", "deadline", "report", "subsidy"}
_DUTCH = {"de", "het", "een", "wat", "welke", "wanneer", "wie", "hoe", "hoeveel", "is", "zijn", "van", "voor", "en", "moet", "tegen", "sector"}

# Words that may precede "sector" without naming one.
_GENERIC = {
    "de", "het", "een", "elke", "iedere", "welke", "deze", "die", "dit", "onze", "hun", "zijn", "haar", "per",
    "inter", "deel", "sub", "hele", "eigen", "andere", "ander", "betrokken", "vermelde", "genoemde",
}
_COMPOUND = re.compile(r"\b([a-z]{3,})sector(?:en)?\b")
_SECTOR_X = re.compile(rf"\b{SECTOR_OF_PATTERN}([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)")
_STOP_AFTER = {
    "heeft", "hebben", "krijgt", "krijgen", "is", "zijn", "in", "voor", "met", "en", "of", "die", "dat", "als",
    "op", "aan", "bij", "tot", "uit", "wordt", "worden", "kan", "moet", "mag", "zich", "ook", "nog", "over", "te",
    "maakt", "doet", "werkt", "neemt", "zet", "staat", "rond", "om", "volgens", "na", "sinds", "tijdens",
}


@dataclass
class QuestionCheck:
    question: str
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None  # a Dutch reply when the question cannot be processed at all


def check_question(raw: str | None) -> QuestionCheck:
    text = (raw or "").strip()
    if not text:
        return QuestionCheck("", refusal="Je vraag is leeg. Stel een vraag over de sectorconvenants, bijvoorbeeld: "
                             "'Tegen wanneer moet het voortgangsrapport binnen?'")
    if not re.search(r"[^\W_]", text):
        return QuestionCheck(text, refusal="Ik kan deze vraag niet lezen: ze bevat geen woorden of cijfers. "
                             "Stel je vraag in gewone zinnen.")
    check = QuestionCheck(text)
    if len(text) > MAX_QUESTION_CHARS:
        check.question = text[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        check.notes.append(
            f"Je vraag was {len(text):,} tekens lang; ik heb enkel de eerste {MAX_QUESTION_CHARS:,} tekens gebruikt.".replace(",", ".")
        )
    words = re.findall(r"[a-z]+", fold(check.question))
    english = sum(w in _ENGLISH for w in words)
    dutch = sum(w in _DUTCH for w in words)
    if english >= 2 and english > dutch:
        check.notes.append("Je vraag lijkt Engelstalig. De documenten zijn Nederlandstalig; ik antwoord in het Nederlands.")
    return check


def named_sectors(question: str) -> list[str]:
    """Sector names a question mentions ("de bouwsector", "sector voeding"), folded."""
    folded = fold(question)
    names: list[str] = []
    for m in _COMPOUND.finditer(folded):
        if m.group(1) not in _GENERIC and not m.group(1).endswith("inter"):
            names.append(m.group(1))
    for m in _SECTOR_X.finditer(folded):
        words = []
        for w in m.group(1).split():
            if w in _STOP_AFTER or w in STOPWORDS:
                break
            words.append(w)
        name = " ".join(words)
        if name and name not in _GENERIC and words[0] not in _GENERIC:
            names.append(name)
    return list(dict.fromkeys(names))


def uncovered_sectors(question: str, covered_texts: Iterable[str]) -> list[str]:
    """Named sectors that no covenant in the index is about. ``covered_texts`` are the titles,
    sector names and texts of the indexed covenants; a sector counts as covered when its name
    occurs there as a word (so sub-sectors named inside a covenant count too)."""
    names = named_sectors(question)
    if not names:
        return []
    haystack = " " + " ".join(fold(t) for t in covered_texts) + " "
    haystack = re.sub(r"[^a-z0-9]+", " ", haystack)
    missing = []
    for name in names:
        plain = re.sub(r"[^a-z0-9]+", " ", name).strip()
        if f" {plain} " not in haystack and f" {plain}sector " not in haystack:
            missing.append(name)
    return missing
