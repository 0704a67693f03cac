"""Find a covenant profile by a user's loose sector name, or generation rules by period."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from assistant.errors import FinancingError
from assistant.financing.model import CovenantProfile, GenerationRules
from assistant.financing.profile import extract_all_generation_rules, extract_profiles, load_corpus_documents
from assistant.types import SourceDocument

_FILLER = {"de", "het", "een", "sector", "sectoren", "sectorconvenant", "convenant", "van", "voor", "bij", "in"}


def sector_key(name: str) -> str:
    """Case-, accent- and spacing-insensitive key: "de Social-Profit" -> "socialprofit"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in _FILLER]
    return "".join(words)


def period_key(period: str) -> str | None:
    """"2021-2022", "2021 – 2022", "generatie 2021/2022" -> "2021-2022"; None without two years."""
    years = re.findall(r"(?<!\d)(\d{4})(?!\d)", period)
    return f"{years[0]}-{years[1]}" if len(years) >= 2 else None


class ProfileRegistry:
    """The covenant profiles and generation rules known from a set of documents."""

    def __init__(self, profiles: Sequence[CovenantProfile] = (), generations: Sequence[GenerationRules] = ()):
        self.profiles = list(profiles)
        self.generations = list(generations)

    @classmethod
    def from_documents(cls, documents: Iterable[SourceDocument]) -> "ProfileRegistry":
        documents = list(documents)
        return cls(extract_profiles(documents), extract_all_generation_rules(documents))

    @classmethod
    def from_corpus(cls, corpus_dir: Path | str) -> "ProfileRegistry":
        return cls.from_documents(load_corpus_documents(corpus_dir))

    def sectors(self) -> list[str]:
        return sorted({p.sector.value for p in self.profiles}, key=str.lower)

    def periods(self) -> list[str]:
        return sorted({g.period.value for g in self.generations})

    def _known(self) -> str:
        sectors = ", ".join(repr(s) for s in self.sectors()) or "geen"
        periods = ", ".join(self.periods()) or "geen"
        return f"bekende sectoren: {sectors}; bekende generaties: {periods}"

    def find_profile(self, name: str, period: str | None = None) -> CovenantProfile:
        """The profile whose sector matches ``name``; with several, the one for ``period`` or the latest."""
        key = sector_key(name or "")
        if not key:
            raise FinancingError(f"sector {name!r} is leeg; {self._known()}")
        matches = [p for p in self.profiles if sector_key(p.sector.value) == key]
        if not matches and len(key) >= 4:
            matches = [p for p in self.profiles if key in sector_key(p.sector.value)]
        if len({p.sector.value for p in matches}) > 1:
            names = ", ".join(sorted({repr(p.sector.value) for p in matches}))
            raise FinancingError(f"sector {name!r} is niet eenduidig: {names}")
        if not matches:
            raise FinancingError(f"onbekende sector {name!r}; {self._known()}")
        wanted = period_key(period) if period else None
        if wanted:
            first, last = (int(y) for y in wanted.split("-"))
            overlapping = [p for p in matches if p.term_start and first <= p.term_start.value.year <= last]
            if overlapping:
                matches = overlapping
        return max(matches, key=lambda p: p.term_start.value if p.term_start else date.min)

    def find_generation(self, period: str) -> GenerationRules:
        key = period_key(period or "")
        found = [g for g in self.generations if g.period.value == key]
        if not found:
            raise FinancingError(f"onbekende generatie {period!r}; {self._known()}")
        return found[0]

    def generation_for(self, profile: CovenantProfile) -> GenerationRules | None:
        """Generation rules whose period covers the start of the profile's term, if any."""
        if profile.term_start is None:
            return None
        year = profile.term_start.value.year
        for rules in self.generations:
            first, last = rules.years
            if first <= year <= last:
                return rules
        return None
