"""Checks a language-model answer against the sources it was given, before anyone sees it.

An answer passes when every citation ``[n]`` points at a provided source, there is at least
one, every figure in it (amounts, percentages, dates, years, article numbers) occurs in a
cited source, and each cited passage of the answer shares at least one content word with the
sources it cites (so "De voorzitter is [1]." citing an unrelated source fails). Passing answers get their citations renumbered densely in order of appearance.
Pure functions: no LangChain, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.masks import unmasked
from assistant.textnl import MONTH_ABBREVIATIONS, MONTH_NUMBERS, canonical_number, fold, raw_tokens, tokens
from assistant.types import Chunk

# "[1]", "[1, 2]", "[1;2]", "[1 en 2]"; adjacent groups "[1][2]" are two matches.
_CITATION = re.compile(r"\[\s*(\d+(?:\s*(?:,|;|en|&)\s*\d+)*)\s*\]")
_CITATION_NUMBER = re.compile(r"\d+")

_MONTHS = {**MONTH_NUMBERS, **MONTH_ABBREVIATIONS}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "30 september 2024", "1 januari", "september 2024" (text is folded to lower case first)
_WORD_DATE = re.compile(
    rf"(?<![\d.,])(?:(\d{{1,2}})(?:ste|de|e)?\s+)?({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?(?![^\W\d_])"
)
# "30/09/2024", "30-09-2024", "30.09.2024"
_NUMERIC_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]\d)")
# "742 000", "1 250 000,50" (space or no-break space as thousands separator)
_SPACED_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d])")

_REFUSALS = (
    re.compile(r"\bstaat niet in de (?:beschikbare |aangeleverde |gegeven |genummerde )?(?:documenten|bronnen)"),
    re.compile(r"\bniet (?:terug ?te vinden|vermeld|opgenomen) in de (?:beschikbare )?(?:documenten|bronnen)"),
    re.compile(r"\b(?:documenten|bronnen) bevatten (?:dit|deze informatie|die informatie|het antwoord|geen)"),
    re.compile(r"\bkan (?:ik )?(?:dit|deze vraag|die vraag|het) niet beantwoorden"),
)


@dataclass(frozen=True)
class Verified:
    """A checked answer. ``used`` holds 0-based indices into the chunks, in order of first
    citation: source ``[k]`` in ``text`` is ``chunks[used[k - 1]]``."""

    text: str
    used: list[int]


@dataclass(frozen=True)
class _Figures:
    """What figures a text contains: plain number values, and dates as (day, month, year)."""

    numbers: frozenset[str]
    dates: frozenset[tuple[int | None, int, int | None]]
    # space-grouped numbers: merged value plus the values of the separate groups
    grouped: tuple[tuple[str, tuple[str, ...]], ...] = ()


def citation_numbers(text: str) -> list[int]:
    """All cited source numbers, in order of appearance (with repeats)."""
    return [int(n) for m in _CITATION.finditer(text) for n in _CITATION_NUMBER.findall(m.group(1))]


def _figures(text: str) -> _Figures:
    text = _CITATION.sub(" ", fold(text))
    dates: set[tuple[int | None, int, int | None]] = set()

    def word_date(m: re.Match[str]) -> str:
        day, month, year = m.group(1), _MONTHS[m.group(2)], m.group(3)
        if day is None and year is None:  # a bare month name: no figure
            return m.group(0)
        day_n = int(day) if day else None
        if day_n is not None and not 1 <= day_n <= 31:
            return m.group(0)
        dates.add((day_n, month, int(year) if year else None))
        return " "

    def numeric_date(m: re.Match[str]) -> str:
        day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group(0)
        dates.add((day, month, year))
        return " "

    text = _NUMERIC_DATE.sub(numeric_date, text)
    text = _WORD_DATE.sub(word_date, text)
    grouped = []

    def spaced(m: re.Match[str]) -> str:
        parts = re.split(r"[ \u00a0\u202f]", m.group(0))
        merged = canonical_number("".join(parts[:-1]) + parts[-1])
        grouped.append((merged, tuple(canonical_number(p) for p in parts)))
        return " "

    text = _SPACED_NUMBER.sub(spaced, text)
    numbers = {t for t in raw_tokens(text) if t[0].isdigit()}
    return _Figures(frozenset(numbers), frozenset(dates), tuple(grouped))


def _header(chunk: Chunk) -> str:
    """Title, section and page: what the prompt shows above a source."""
    return f"{chunk.label} {chunk.section}" + (f" p. {chunk.page}" if chunk.page is not None else "")


def _as_shown(chunk: Chunk) -> str:
    return f"{_header(chunk)}\n{chunk.text}"


def _source_figures(chunk: Chunk) -> _Figures:
    """Figures of a source as the model saw it: passage text plus title, section and page."""
    # a placeholder of an anonymised copy ("0000.000.000", "XX00 0000") is no figure the source gives
    body, head = _figures(unmasked(chunk.text)), _figures(_header(chunk))
    numbers = set(body.numbers | head.numbers)
    for merged, parts in body.grouped:  # "742 000" in a source: both readings count
        numbers.add(merged)
        numbers.update(parts)
    for day, month, year in body.dates:  # a date's day and year are figures of the source too
        numbers.update(str(v) for v in (day, year) if v is not None)
    return _Figures(frozenset(numbers), body.dates | head.dates)


def _date_supported(date: tuple[int | None, int, int | None], known: frozenset) -> bool:
    day, month, year = date
    return any(
        m == month and (day is None or d == day) and (year is None or y == year) for d, m, y in known
    )


def _figures_supported(answer: _Figures, source: _Figures) -> bool:
    if not answer.numbers <= source.numbers:
        return False
    if not all(_date_supported(d, source.dates) for d in answer.dates):
        return False
    return all(merged in source.numbers or set(parts) <= source.numbers for merged, parts in answer.grouped)


def _cited_segments(text: str) -> list[tuple[str, set[int]]]:
    """(text before a citation, the numbers it cites); "A [1][2]" and "A. [1]" are one segment."""
    segments: list[tuple[str, set[int]]] = []
    previous_end = 0
    for m in _CITATION.finditer(text):
        segment = text[previous_end:m.start()]
        numbers = {int(n) for n in _CITATION_NUMBER.findall(m.group(1))}
        if segments and not re.search(r"[^\W_]", segment):
            segments[-1][1].update(numbers)
        else:
            segments.append((segment, numbers))
        previous_end = m.end()
    return segments


def _segments_grounded(text: str, chunks: Sequence[Chunk]) -> bool:
    """Each cited segment with two or more content words shares one with its cited sources."""
    for segment, numbers in _cited_segments(text):
        words = set(tokens(segment))
        if len(words) < 2:
            continue
        source_words = set().union(*(tokens(_as_shown(chunks[n - 1])) for n in numbers))
        if not words & source_words:
            return False
    return True


def verify_answer(text: str, chunks: Sequence[Chunk]) -> Verified | None:
    """The answer with citations renumbered, or None when it cites nothing, cites a source that
    was not provided, states a figure that no cited source contains, or cites a source that has
    nothing in common with the passage citing it."""
    cited = citation_numbers(text)
    if not cited or any(not 1 <= n <= len(chunks) for n in cited):
        return None
    order = list(dict.fromkeys(cited))
    new_number = {old: new for new, old in enumerate(order, start=1)}

    sources = [_source_figures(chunks[n - 1]) for n in order]
    union = _Figures(
        frozenset().union(*(s.numbers for s in sources)),
        frozenset().union(*(s.dates for s in sources)),
    )
    if not _figures_supported(_figures(text), union):
        return None
    if not _segments_grounded(text, chunks):
        return None

    def renumber(m: re.Match[str]) -> str:
        numbers = dict.fromkeys(new_number[int(n)] for n in _CITATION_NUMBER.findall(m.group(1)))
        return "[" + ", ".join(str(n) for n in numbers) + "]"

    return Verified(_CITATION.sub(renumber, text).strip(), [n - 1 for n in order])


def is_refusal(text: str) -> bool:
    """True for "Dat staat niet in de beschikbare documenten."-style answers: a refusal phrase
    and no citation, or a short answer that is only the refusal (with or without a citation)."""
    folded = fold(text)
    if not any(p.search(folded) for p in _REFUSALS):
        return False
    if not _CITATION.search(text):
        return True
    return len(_CITATION.sub(" ", folded).split()) <= 12
