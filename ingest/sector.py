"""The sector a covenant, addendum or protocol is made with, read off its title or first lines
(general covenant phrasing, no list of sectors): "... de sociale partners van de sector
textielverzorging (PC 110)", "... van de bouwsector", "... van de sector van de private autobus- en
autocarbedrijven", "... van sector Lokale Besturen", "VAN DE SECTOR VAN DE MONTAGE"."""

from __future__ import annotations

import re

from assistant.financing.profile import parties_names
from assistant.textnl import fold
from assistant.wordclass import only_verb

__all__ = ["infer_sector"]

# elsewhere a capitalised name after "van de sector" ("... van de sector Bouw (PC 124)")
_SECTOR_RE = re.compile(r"\bvan\s+de\s+sector\s+([A-Z0-9À-Ý][^()\n,;:]{0,80}?)\s*(?:\(|,|;|:|$)")
_SECTOR_COMPOUND_RE = re.compile(r"^([^\W\d_]{3,}?)-?sector\b", re.IGNORECASE)
_SECTOR_TAIL_RE = re.compile(r"\s+sector$", re.IGNORECASE)
_SECTOR_JOIN_RE = re.compile(r"\s+en\s+(?:de\s+)?sector\s+van\s+(?:de|het)\s+", re.IGNORECASE)
SECTOR_MAX_WORDS = 8  # longer is a sentence, not a name


def infer_sector(title: str, lines: list[str]) -> str | None:
    """The sector a covenant, addendum or protocol is made with, from its title or first lines."""
    candidates = [title, *lines[:3]]
    # A PDF title wrapped right after "van de sector": the name is on the next line.
    for line, following in zip(lines[:3], lines[1:4]):
        if re.search(r"\bvan\s+de\s+sector$", line, re.IGNORECASE) and len(following) <= 60:
            candidates.append(f"{line} {following}")
    for candidate in candidates:
        for phrase, _, _ in parties_names(candidate):
            name = _sector_name(phrase)
            if name:
                return name
    for candidate in candidates:
        match = _SECTOR_RE.search(candidate)
        if match:
            return match.group(1).strip()
    return None


def _sector_name(phrase: str) -> str | None:
    """A name as ``parties_names`` gives it, normalised: "MONTAGE" -> "Montage", "bouwsector" ->
    "Bouw", "audiovisuele sector en de sector van de filmproductie" -> "Audiovisuele sector en
    filmproductie"; None for what is no name."""
    phrase = _SECTOR_JOIN_RE.sub(" en ", phrase.strip(" .,"))
    compound = _SECTOR_COMPOUND_RE.match(phrase) if phrase[:1].islower() else None
    if compound:  # "bouwsector ...": the compound is the whole name ("Testsector" is a name as written)
        phrase = compound.group(1)
    words = phrase.split()  # a leading "de sector van de" is gone already (``parties_names``)
    for i, word in enumerate(words[1:], 1):  # a running sentence: the name ends before its verb
        if only_verb(fold(word.strip(".,"))):
            words = words[:i]
            break
    phrase = _SECTOR_TAIL_RE.sub("", " ".join(words)).strip(" .,")
    words = phrase.split()
    if not words or len(words) > SECTOR_MAX_WORDS or not re.search(r"[^\W\d_]{2,}", phrase):
        return None
    if phrase.isupper() and (len(words) > 1 or len(phrase) > 6):  # "MONTAGE", not the acronym "ANPCB"
        phrase = phrase.lower()
    return phrase[0].upper() + phrase[1:]
