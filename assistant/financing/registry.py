"""Find a covenant profile by a user's loose sector name, or generation rules by period."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from assistant.errors import FinancingError
from assistant.financing.model import CovenantProfile, GenerationRules
from assistant.financing import store
from assistant.financing.profile import (
    SectionFn,
    extract_generation_rules,
    extract_profile,
)
from assistant.textnl import fold
from assistant.types import Chunk, SourceDocument

_FILLER = {"de", "het", "een", "sector", "sectoren", "sectorconvenant", "convenant", "van", "voor", "bij", "in"}


def sector_key(name: str) -> str:
    """Case-, accent- and spacing-insensitive key: "de Social-Profit" -> "socialprofit"."""
    words = [w for w in re.split(r"[^a-z0-9]+", fold(name)) if w and w not in _FILLER]
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
    def from_documents(
        cls, documents: Iterable[SourceDocument], chunks: Iterable[Chunk] = ()
    ) -> "ProfileRegistry":
        """Terms of every document; with the index's ``chunks``, citations carry their section paths."""
        documents = list(documents)
        by_doc: dict[str, list[Chunk]] = {}
        for chunk in chunks:
            by_doc.setdefault(chunk.doc_id, []).append(chunk)
        profiles, generations = [], []
        for doc in documents:
            sections = _section_fn(by_doc.get(doc.doc_id, []))
            profile = extract_profile(doc, sections)
            if profile is not None:
                profiles.append(profile)
            rules = extract_generation_rules(doc, sections)
            if rules is not None:
                generations.append(rules)
        return cls(profiles, generations)

    def to_json(self) -> str:
        return store.dumps(self.profiles, self.generations)

    @classmethod
    def from_json(cls, text: str) -> "ProfileRegistry | None":
        """The registry stored in ``text``, or None when another extractor version wrote it."""
        loaded = store.loads(text)
        return None if loaded is None else cls(*loaded)

    def sectors(self) -> list[str]:
        return sorted({p.sector.value for p in self.profiles}, key=str.lower)

    def sector_names(self) -> list[str]:
        """Every name a covenant's sector goes by (its name and the shorter forms in its text)."""
        names = {p.sector.value for p in self.profiles} | {a for p in self.profiles for a in p.aliases}
        return sorted(names, key=str.lower)

    def periods(self) -> list[str]:
        return sorted({g.period.value for g in self.generations})

    def _known(self) -> str:
        sectors = ", ".join(repr(s) for s in self.sectors()) or "geen"
        periods = ", ".join(self.periods()) or "geen"
        return f"bekende sectoren: {sectors}; bekende generaties: {periods}"

    def find_profile(self, name: str, period: str | None = None, *, addendum: bool = False) -> CovenantProfile:
        """The profile whose sector matches ``name``; with several, the one for ``period`` or the
        latest; a covenant or extension before an addendum unless ``addendum``."""
        key = sector_key(name or "")
        if not key:
            raise FinancingError(f"sector {name!r} is leeg; {self._known()}")

        def keys(p: CovenantProfile) -> list[str]:
            return [k for k in (sector_key(n) for n in (p.sector.value, *p.aliases)) if k]

        matches = [p for p in self.profiles if key in keys(p)]
        if not matches and len(key) >= 4:
            matches = [p for p in self.profiles if any(key in k for k in keys(p))]
        if len({p.sector.value for p in matches}) > 1:
            names = ", ".join(sorted({repr(p.sector.value) for p in matches}))
            raise FinancingError(f"sector {name!r} is niet eenduidig: {names}")
        if not matches:
            raise FinancingError(f"onbekende sector {name!r}; {self._known()}")
        preferred = [p for p in matches if (p.kind == "addendum") == addendum]
        matches = preferred or matches
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

    def addendum_for(self, profile: CovenantProfile) -> CovenantProfile | None:
        """The addendum of the same sector whose term overlaps the profile's, if one is known."""
        if profile.kind == "addendum":
            return profile
        for other in self.profiles:
            if other.kind != "addendum" or other.sector.value != profile.sector.value:
                continue
            if profile.term_start and other.term_start and profile.term_end:
                if not profile.term_start.value <= other.term_start.value <= profile.term_end.value:
                    continue
            return other
        return None

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


def _section_fn(chunks: list[Chunk]) -> SectionFn | None:
    """Section path at an offset, from the chunks' spans (the index's own section paths)."""
    if not chunks:
        return None
    spans = sorted((c.start, c.end, c.section) for c in chunks)

    def section(pos: int) -> str:
        for start, end, name in spans:
            if start <= pos < end:
                return name
        return ""

    return section
