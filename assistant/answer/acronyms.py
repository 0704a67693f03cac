"""Acronyms a question uses that no document writes: "het NDI-addendum" asks about the addendum
'Non-discriminatie en inclusie', which the texts name in full and never abbreviate.

An acronym of three to six capitals that occurs in no document is read as the name whose words
(or hyphenated parts: "Non-discriminatie") start with its letters, one after the other, with the
short Dutch function words a name runs on ("en", "van", "de") skipped. Only a name the texts mark
as one counts: written in quotes (‘Non-discriminatie en inclusie’) or with every word capitalised
("Sociaal-Economische Raad van Vlaanderen"). The question is then asked with the name in the
acronym's place, so retrieval, the answer's signals and the named-entity gate all read the name.
An acronym that fewer documents write than its name is asked with the name beside it: the
social-profit covenant writes "ND&I" once, the addenda ‘Non-discriminatie en inclusie’ in full, and
a page that writes "Departement WSE" still matches "WSE". An acronym with no such name, or one the
documents write as often as its name ("SERV"), stays as written (the gate then says no document
mentions it, if none does)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from assistant.answer.entities import squash

__all__ = ["AcronymIndex"]

MIN_LETTERS = 3  # two capitals ("AV", "WK") spell too many word pairs to be read as a name
MAX_LETTERS = 6
# capitals, with "&" between two of them for the "en" of the name ("ND&I", "R&D")
_ACRONYM = re.compile(rf"(?<![\w&-])([A-Z](?:&?[A-Z]){{{MIN_LETTERS - 1},{MAX_LETTERS - 1}}})(?![\w&])(-?)")
# general Dutch function words inside a name ("Non-discriminatie en inclusie", "Raad van Vlaanderen")
_FUNCTION = r"(?:en|van|voor|de|het|der|den|of|op|in|met|tot)"
_OPEN_QUOTE = "‘'“\"„«"


def _pattern(letters: str) -> re.Pattern[str]:
    """A run of words whose initials spell ``letters``: each letter starts a word or a hyphenated
    part, and a function word may sit between two of them."""
    parts = [rf"[{letter}{letter.lower()}][^\W\d_]*" for letter in letters]
    between = rf"(?:-|\s+(?:{_FUNCTION}\s+)?)"
    return re.compile(r"(?<![\w-])" + between.join(parts) + r"(?![\w-])")


def _marked(text: str, match: re.Match[str]) -> bool:
    """The name is marked as one: just after an opening quote, or every part capitalised."""
    before = text[:match.start()].rstrip(" ")
    if before[-1:] and before[-1] in _OPEN_QUOTE:
        return True
    return _capitalised(match.group(0))


def _capitalised(name: str) -> bool:
    """Every word or hyphenated part of ``name`` but its function words starts with a capital."""
    return all(w[:1].isupper() for w in re.split(r"[\s-]+", name) if not re.fullmatch(_FUNCTION, w))


class AcronymIndex:
    """The acronyms of one index build, resolved on demand and remembered."""

    def __init__(self, texts: Iterable[str], squashed: Iterable[str]) -> None:
        self.texts = tuple(texts)  # each document's title and text as written (case matters)
        self.squashed = tuple(squashed)  # the same documents squashed (``entities.squash``)
        # each acronym's name and whether some document writes the acronym too; None: no name
        self._names: dict[str, tuple[str, bool] | None] = {}

    def name_of(self, acronym: str) -> str | None:
        """The name ``acronym`` (as written: "NDI", "ND&I") abbreviates in the documents (the form
        written most often, in lower case unless every word is capitalised); None when no marked
        name spells it or the documents write the acronym at least as often as the name."""
        resolved = self._resolved(acronym)
        return resolved[0] if resolved else None

    def _resolved(self, acronym: str) -> tuple[str, bool] | None:
        if acronym not in self._names:
            self._names[acronym] = self._resolve(acronym)
        return self._names[acronym]

    def _resolve(self, acronym: str) -> tuple[str, bool] | None:
        letters = acronym.replace("&", "")
        if not MIN_LETTERS <= len(letters) <= MAX_LETTERS:
            return None
        writing = self._documents_writing(acronym)
        pattern = _pattern(letters)
        found: Counter[str] = Counter()
        written: dict[str, str] = {}
        naming: dict[str, set[int]] = {}  # the documents that write each name
        for i, text in enumerate(self.texts):
            for match in pattern.finditer(text):
                if _marked(text, match):
                    key = squash(match.group(0)).strip()
                    found[key] += 1
                    written.setdefault(key, match.group(0))
                    naming.setdefault(key, set()).add(i)
        defined = self._defined(acronym)
        if defined is not None:  # a document says what the acronym stands for: that name or none
            found = Counter({k: n for k, n in found.items() if k in defined})
        if not found:
            return None
        key, _ = found.most_common(1)[0]  # ties: the first found, in index order
        if writing >= len(naming[key]):
            return None  # the documents use the acronym as often as the name, or more ("SERV")
        name = re.sub(r"\s+", " ", written[key])
        return (name if _capitalised(name) else name.lower()), writing > 0

    def _defined(self, acronym: str) -> set[str] | None:
        """The names a document defines ``acronym`` by, squashed ("Fonds voor Vakopleiding in de
        Bouwnijverheid (FVB)": the words before the bracketed acronym whose initials spell it, as
        ``_pattern`` reads them); None when no document writes it in brackets after a name. A
        definition whose name the pattern does not read gives an empty set: the documents mean
        another name than one spelled elsewhere ("FVB" is not "Fonds voor Bestaanszekerheid")."""
        bracketed = re.compile(r"\s*\(" + re.escape(acronym) + r"\)")
        pattern = _pattern(acronym.replace("&", ""))
        names: set[str] | None = None
        for text in self.texts:
            for m in bracketed.finditer(text):
                if m.start() == 0 or not text[m.start() - 1].isalpha():
                    continue
                names = names if names is not None else set()
                names |= {squash(n.group(0)).strip() for n in pattern.finditer(text, max(0, m.start() - 120), m.start())
                          if n.end() == m.start()}
        return names

    def _documents_writing(self, acronym: str) -> int:
        """How many documents write ``acronym`` itself (an "&" form as written: squashing splits it)."""
        if "&" in acronym:
            return sum(acronym in text for text in self.texts)
        word = f" {acronym.lower()} "
        return sum(word in text for text in self.squashed)

    def expand(self, question: str) -> str:
        """``question`` with every acronym the documents only write in full replaced by that name
        ("het NDI-addendum" -> "het non-discriminatie en inclusie addendum"), and the name beside an
        acronym fewer documents write than the name ("het ND&I (non-discriminatie en inclusie) addendum")."""
        def replace(m: re.Match[str]) -> str:
            resolved = self._resolved(m.group(1))
            if resolved is None:
                return m.group(0)
            name, written = resolved
            if written:
                name = f"{m.group(1)} ({name})"
            return f"{name} " if m.group(2) else name
        return _ACRONYM.sub(replace, question)
