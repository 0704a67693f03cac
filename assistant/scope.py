"""Question checks before answering: an empty or unreadable question, its length, its language.
(Whether the sectors, periods and names a question names are covered is the answer layer's:
``assistant/answer/entities.py`` and ``gate.py``.)"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.textnl import fold

MAX_QUESTION_CHARS = 1000

_ENGLISH = {"the", "what", "which", "when", "who", "how", "is", "are", "does", "do", "of", "for", "and", "many", "much", "deadline", "report", "subsidy"}
_DUTCH = {"de", "het", "een", "wat", "welke", "wanneer", "wie", "hoe", "hoeveel", "is", "zijn", "van", "voor", "en", "moet", "tegen", "sector"}

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
