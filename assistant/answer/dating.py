"""When a document was written, and the years it names relative to that: "vorig jaar" in a news page
of 2020 is 2019. Read from the text itself (a dated opening), never from a document id."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.textnl import MONTH_PATTERN, YEAR_PATTERN, fold, full_years, tokens

# When a document was written, from its opening: a date line ("date 2020-09", as web pages are
# kept), an ISO date, or the first date with day, month and year ("Brussel, 3 februari 2020",
# "12/03/2021"); a year alone or a range ("2021-2022") dates nothing.
DATED_CHARS = 300
DATE_LINE = re.compile(r"^\s*(?:date|datum)\s*:?\s*((?:19|20)\d{2})-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?\b",
                       re.IGNORECASE)
_OPENING_DATE = re.compile(
    rf"\b((?:19|20)\d{{2}})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"
    rf"|\b(?:0?[1-9]|[12]\d|3[01])\s+(?:{MONTH_PATTERN})\s+((?:19|20)\d{{2}})\b"
    r"|(?<![\d/.])(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-]((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# A figure compared with another year's is of the time of writing too ("17 meer dan vorig jaar").
_COMPARED = re.compile(r"\b(?:dan|tegenover|vergeleken\s+met|ten\s+opzichte\s+van)\s+(?:[a-z]+\s+){0,2}$")
# A year named relative to the time of writing (general Dutch): "vorig jaar", "dit jaar", "volgend jaar".
_RELATIVE_YEAR = re.compile(r"\b(?:(vorig|vorige|verleden|voorbije)|(dit|deze)|(volgend|volgende|komend|komende))\s+jaar\b")


PART = r"(?:begin|midden|medio|half|eind|einde)"  # a part of a month or a year (general Dutch)
# A season or a part of a year with its year ("het najaar van 2015", "zomer 2016", "eind 2012"): as
# precise as a month of a year, so a date as "september 2015" is (general Dutch).
SEASON_OF_YEAR = rf"\b(?:voorjaar|lente|zomer|najaar|herfst|winter|{PART})\s+(?:van\s+)?{YEAR_PATTERN}\b"
_SEASON_RE = re.compile(SEASON_OF_YEAR, re.I)
# A month named with its year and no day ("volgens VRT NWS in januari 2023"): when something happened or
# was written; a month with its day names a text or an event ("het decreet van 17 februari 2023").
_MONTH_OF_YEAR = re.compile(rf"(?<!\d)(?<!\d\s)\b(?:{MONTH_PATTERN})\s+(?:van\s+)?{YEAR_PATTERN}\b", re.I)


def _word_stems(pattern: re.Pattern[str], text: str) -> frozenset[str]:
    """The stems of the words (not the year) of every match of ``pattern`` in ``text``."""
    return frozenset(s for m in pattern.finditer(text) for s in tokens(m.group(0)) if not s.isdigit())


def time_stems(text: str) -> frozenset[str]:
    """The stems of the season or part of a year ``text`` names with its year ("zomer" in "in de
    zomer van 2021"): a time, checked as its year is, never a word a document must use (a page dated
    "2021-08" does not write "zomer")."""
    return _word_stems(_SEASON_RE, text)


def month_stems(text: str) -> frozenset[str]:
    """The stems of a month ``text`` names with its year and no day ("januari" in "in januari 2023"):
    a text may write it ("in november lagen ze ..."), but a page dated "2023-01" does not, so it names
    no topic the document must use."""
    return _word_stems(_MONTH_OF_YEAR, text)


# A (calendar, school) year named by its place in time, as a date or period of its own (general
# Dutch): "het lopende of het voorgaande kalenderjaar", "in het begin van het volgende jaar".
_PLACED_YEAR = (r"(?:het\s+|de\s+)?(?:lopende|voorgaande|vorige|vorig|volgende|volgend|komende|komend|huidige"
                r"|daaropvolgende|voorbije)\s+(?:kalender|school|boek|werk|academie)?jaar\b")
RELATIVE_TIME = re.compile(rf"\b(?:(?:begin|eind|einde|midden)\s+(?:van\s+)?)?{_PLACED_YEAR}", re.IGNORECASE)
# A season of the year a text speaks of ("in het voorjaar, volgende op het cursusjaar"): when in a year,
# less than a date ("De kick-off vond plaats in het najaar" does not say when).
SEASON = re.compile(r"\bin\s+(?:het|de)\s+(?:voorjaar|najaar|zomer|winter|lente|herfst)\b(?!\s+(?:van\s+)?(?:19|20)\d\d)", re.I)
# A month of such a year is a date as "februari 2021" is: "tot februari van het daaropvolgende jaar".
MONTH_OF_PLACED_YEAR = rf"\b(?:{MONTH_PATTERN})\s+(?:van\s+)?{_PLACED_YEAR}"


def undated(text: str) -> str:
    """``text`` without a page's date line in front ("date 2022-01 Het aantal ..." -> "Het aantal ..."):
    what an answer quotes and a list of titles shows; the date stays in the text the signals read."""
    m = DATE_LINE.match(text)
    return (text[m.end():].lstrip(" :\n") or text) if m else text


def document_year(text: str) -> int | None:
    """The year ``text`` was written in, when its opening dates it (``DATE_LINE``, ``_OPENING_DATE``)."""
    m = DATE_LINE.match(text) or _OPENING_DATE.search(text[:DATED_CHARS])
    return int(next(g for g in m.groups() if g)) if m else None


@lru_cache(maxsize=256)
def relative_years(text: str, written: int | None) -> tuple[str, ...]:
    """The years ``text`` names relative to the year it was ``written`` in: "vorig jaar" in a page of
    2020 is 2019, and 2020 as well when a figure is compared with it; none when the time of writing
    is unknown."""
    if written is None:
        return ()
    folded, found = fold(text), []
    for m in _RELATIVE_YEAR.finditer(folded):
        found.append(written - 1 if m.group(1) else written if m.group(2) else written + 1)
        if _COMPARED.search(folded, 0, m.start()):  # "18,6 procent lager dan in november vorig jaar": now too
            found.append(written)
    return tuple(dict.fromkeys(str(y) for y in found))



# A day of a month of a year ("1 januari 2013", "1/1/2013"), and two of them as a term ("van 1 januari
# 2013 tot en met 31 december 2014"): general Dutch date forms
_DAY = rf"(?:(?:0?[1-9]|[12]\d|3[01])\s+(?:{MONTH_PATTERN})\s+(?:19|20)\d{{2}}|\d{{1,2}}/\d{{1,2}}/(?:19|20)\d{{2}})"
_DAY_RE = re.compile(rf"\b{_DAY}\b", re.I)
_TERM = re.compile(rf"\b{_DAY}\s+(?:tot\s+(?:en\s+met\s+)?|t\.?e\.?m\.?\s+|-\s*){_DAY}\b", re.I)


# the day of an event asked: signed, approved, published, founded (general Dutch verbs)
_EVENT = re.compile(r"\b(?:ondertek\w*|getekend|goedgekeurd|keurde|uitgebracht|gepubliceerd|publiceerde|opgericht|bekrachtigd)\b")


def event_day_asked(question: str) -> bool:
    return bool(_EVENT.search(fold(question)))


def only_a_term(text: str) -> bool:
    """Every date of ``text`` is an end of a term ("voor de periode van 1 januari 2013 tot en met 31
    december 2014"): it says how long something runs, not on which day it was signed or approved."""
    days = len(_DAY_RE.findall(text))
    return bool(days) and days == 2 * len(_TERM.findall(text))


# a year, or a range of years as written ("2022-2023", "2013–14"): the one form entities.years_of and
# spans_of read
YEAR_RANGE = re.compile(rf"(?<![\d.,/])({YEAR_PATTERN})(?:\s*[-–/]\s*((?:19|20)?\d{{2}}))?(?![\d.,]\d)")


def year_span(first: str, end: str) -> tuple[int, int] | None:
    """A range's first and last year ("2013", "14": 2013, 2014), when it spans at most five years."""
    start, last = int(first), int(end) if len(end) == 4 else int(first[:2] + end)
    return (start, last) if start < last <= start + 5 else None


def spans_of(text: str) -> set[tuple[int, int]]:
    """The spans of years ``text`` writes as such ("schooljaar 2022-2023", "2021-2022"): (first, last)."""
    return {span for m in YEAR_RANGE.finditer(full_years(text)) if m.group(2) and (span := year_span(m.group(1), m.group(2)))}


def other_span(unit: str, question: str) -> bool:
    """Both name spans of years, and none of the unit's is the question's: the figures of "het
    schooljaar 2022-2023" are not those of 2023-2024, though the two share a year."""
    asked = spans_of(question)
    return bool(asked) and bool(named := spans_of(unit)) and not asked & named


__all__ = ["DATED_CHARS", "DATE_LINE", "MONTH_OF_PLACED_YEAR", "RELATIVE_TIME", "YEAR_RANGE", "PART", "SEASON", "SEASON_OF_YEAR", "document_year", "event_day_asked",
           "month_stems", "only_a_term", "other_span", "spans_of", "relative_years", "time_stems", "undated", "year_span"]
