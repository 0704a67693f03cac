"""Routing: is this a money question for the calculator, and with which values?

A follow-up ("En als er maar 1 behaald is?") brings new values; the rest comes from the previous
money question of the conversation. Without a sector, the one named earlier in the conversation
is used, or the only covenant in the documents (said so in a note).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.financing import MoneyRequest, ProfileRegistry, parse_money_question, sector_key
from assistant.financing.parse import NUMBER_WORDS
from assistant.followup import Condensed, user_turns
from assistant.textnl import fold

__all__ = ["money_request"]


def money_request(
    raw: str, condensed: Condensed, history: Sequence[Mapping[str, Any]], registry: ProfileRegistry
) -> tuple[MoneyRequest | None, tuple[str, ...]]:
    """The calculator request of a question (None: not a money question) and the notes it needs."""
    known = {"sectors": registry.sector_names(), "periods": registry.periods()}
    if condensed.rewritten:
        request = parse_money_question(raw, **known)
        previous = next(
            (r for r in (parse_money_question(t, **known) for t in reversed(user_turns(history))) if r), None,
        )
        if request is not None and previous is not None:
            request = _merge_requests(previous, request)
        elif request is None and previous is not None:
            achieved = _achieved_only(raw)
            if achieved is not None:
                request = dataclasses.replace(previous, achieved=achieved, achieved_share=None, missed=None)
    else:
        request = parse_money_question(condensed.question, **known)
    if request is None:
        return None, ()
    notes: tuple[str, ...] = ()
    if request.sector is None and request.subsidy is None and request.period is None:
        sector = _sector_from_history(history, registry)
        if sector is None and len(registry.sectors()) == 1:
            sector = registry.sectors()[0]
            notes = (f"Geen sector genoemd; ik reken met het enige sectorconvenant in de documenten ({sector}).",)
        if sector is not None:
            request = dataclasses.replace(request, sector=sector)
    return request, notes


def _sector_from_history(history: Sequence[Mapping[str, Any]], registry: ProfileRegistry) -> str | None:
    for turn in reversed(user_turns(history)):
        squashed = sector_key(turn)
        for name in registry.sector_names():
            if sector_key(name) and sector_key(name) in squashed:
                return name
    return None


def _merge_requests(previous: MoneyRequest, new: MoneyRequest) -> MoneyRequest:
    """The previous money question with the values the follow-up gives."""
    changes = {
        f.name: getattr(new, f.name)
        for f in dataclasses.fields(new)
        if getattr(new, f.name) not in (None, (), False)
    }
    if "achieved" in changes or "achieved_share" in changes or "missed" in changes:
        for name in ("achieved", "achieved_share", "missed"):
            changes.setdefault(name, None)
    if not new.asks:
        changes["asks"] = previous.asks
    return dataclasses.replace(previous, **changes)


_ACHIEVED_ONLY = re.compile(
    r"\b(\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|geen)\b(?:\s+\w+){0,2}?\s+(?:behaald|gehaald|bereikt)"
)


def _achieved_only(text: str) -> int | None:
    """'En als er maar 1 behaald is?': a new number of achieved commitments, nothing else."""
    m = _ACHIEVED_ONLY.search(fold(text))
    if not m:
        return None
    word = m.group(1)
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, NUMBER_WORDS.get(fold(word)))
