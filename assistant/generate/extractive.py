"""The default answer writer: no language model. It picks the sentences of the retrieved passages
that best answer the question and composes a short Dutch answer whose every sentence carries its
citation marker [n]. The first sentence answers the question; the figure or date asked for is in
it whenever the passages hold one.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer.vocabulary import stem_matches, idf_table  # one implementation for both writers
from assistant.textnl import PERIOD_PATTERN, WORD_DATE_PATTERN, YEAR_PATTERN, fold, sentence_segmenter, tokens
from assistant.types import Citation, ScoredChunk

log = logging.getLogger(__name__)

MAX_SENTENCES = 3
MAX_SENTENCE_CHARS = 420
HEADER_WEIGHT = 0.3  # a question word found only in the passage's title/section path
TYPE_BONUS = 0.3  # the sentence holds the kind of value asked for (date, amount, ...)
RANK_PRIOR = 0.08  # divided by (retrieval rank + 1)

_DATE = re.compile(WORD_DATE_PATTERN, re.I)
_YEAR = re.compile(rf"\b{YEAR_PATTERN}\b")
_RANGE = re.compile(PERIOD_PATTERN, re.I)
_NUMBER = re.compile(r"\d")
_MONEY = re.compile(r"(?:€|\beur\b|\beuro\b)", re.I)
_NAME = re.compile(r"\b(?:vzw|VZW|nv|bv)\b|\b[A-Z]{3,}\b|(?:[A-Z][a-zë]+\s){1,2}[A-Z][A-Z]+")

# Question cue -> expected answer type. General Dutch question words, not tuned to questions.
_TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("period", re.compile(r"\b(looptijd|hoe lang|duur|duurt|periode|van wanneer tot wanneer|geldig)\b")),
    ("date", re.compile(r"\b(wanneer|datum|deadline|tegen wanneer|welke dag|sinds wanneer|uiterlijk|ten laatste)\b")),
    ("money", re.compile(r"\b(bedrag|budget|subsidie|euro|kost|kosten|financiering|hoeveel geld|vergoeding)\b")),
    ("amount", re.compile(r"\b(hoeveel|hoe groot|hoe hoog|percentage|procent|aantal)\b")),
    ("who", re.compile(r"\b(wie|welke organisatie|aan wie|door wie|ondertekend)\b")),
]

@dataclass(frozen=True)
class Composed:
    text: str
    citations: list[Citation]
    support: float  # share of the question's weight covered by the best sentence and its header
    answer_type: str | None = None
    typed_match: bool = False  # the best sentence holds the kind of value asked for
    unknown_terms: tuple[str, ...] = ()  # question words found nowhere in the index


@dataclass(frozen=True)
class _Unit:
    text: str
    hit_rank: int
    order: int  # position of the sentence within its chunk
    ends_colon: bool


@dataclass
class QuestionTerms:
    weights: dict[str, float]
    context: dict[str, float] = field(default_factory=dict)
    answer_type: str | None = None
    unknown: tuple[str, ...] = ()  # question stems that occur nowhere in the index

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0


def answer_type(question: str) -> str | None:
    folded = fold(question)
    for name, pattern in _TYPE_CUES:
        if pattern.search(folded):
            return name
    return None


def question_terms(
    question: str,
    idf: Mapping[str, float] | None = None,
    context: str = "",
    inherited_type: str | None = None,
) -> QuestionTerms:
    idf = idf or {}
    default = max(idf.values(), default=1.0)
    weights: dict[str, float] = {}
    unknown = []
    for tok in tokens(question):
        weights[tok] = idf.get(tok, default)
        if idf and tok not in idf and not tok[0].isdigit() and not _known_in_compound(tok, idf):
            unknown.append(tok)
    ctx: dict[str, float] = {}
    for tok in tokens(context):
        if tok not in weights:
            ctx[tok] = 0.5 * idf.get(tok, default)
    return QuestionTerms(weights, ctx, answer_type(question) or inherited_type, tuple(unknown))


# Verb forms: participles (ge-/be-/ver-... -d/-t, also with a separable prefix such as uitgetest)
# and forms of -eren verbs (organiseert, evolueerde), which passages phrase differently.
_PARTICIPLE = re.compile(
    r"^(?:uit|op|aan|af|in|mee|toe|door|na|voor|over|terug)?(?:ge|be|ver|ont|onder|over)\w+[dt]$|eer[dt]e?n?$|eerd$"
)


def _known_in_compound(stem: str, idf: Mapping[str, float]) -> bool:
    """An out-of-vocabulary stem that is still 'known': part of an indexed compound, or a verb
    form (past participle) that the passages phrase differently."""
    if _PARTICIPLE.search(stem) or len(stem) < 5:
        return True
    return any(
        (len(t) > len(stem) and (t.endswith(stem) or t.startswith(stem)))
        or (len(t) >= 6 and len(stem) > len(t) and stem.endswith(t))  # social-profitconvenant
        for t in idf
    )


def _expanded(terms: QuestionTerms) -> dict[str, tuple[str, ...]]:
    """For each question stem, the stems that count as a match (itself and synonyms)."""
    out: dict[str, tuple[str, ...]] = {}
    for tok in list(terms.weights) + list(terms.context):
        out[tok] = (tok,)
    return out






SHORT_LINE = 45  # lines shorter than this (slide bullets, a date under a title) are joined


def sentences_of(text: str) -> list[str]:
    return list(_sentences_cached(text))


@lru_cache(maxsize=50_000)
def _sentences_cached(text: str) -> tuple[str, ...]:
    """Answer units of a passage: long lines are split into sentences; runs of short lines (slide
    bullets) are joined into one unit; a lone short line with a date or period ("Inhoud duale
    addenda 2021 – 2022", "21 februari 2020") is put in front of the unit that follows it, so a
    bullet or sentence keeps the date it belongs to."""
    out: list[str] = []
    pending: str | None = None
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [re.sub(r"^[-*•▪]\s+", "", ln.strip()) for ln in paragraph.split("\n") if ln.strip()]
        if not lines:
            continue
        if len(lines) == 1 and len(lines[0]) < SHORT_LINE and not lines[0].endswith((".", ";", "!", "?")):
            if pending is not None:
                out.append(pending)
            pending = lines[0].rstrip(":")
            continue
        units: list[str] = []
        run: list[str] = []
        for line in lines:
            if len(line) < SHORT_LINE:
                run.append(line.rstrip(";,"))
                if len(run) >= 4:
                    units.append("; ".join(run))
                    run = []
                continue
            if run:
                units.append("; ".join(run))
                run = []
            parts = [line] if len(line) < 60 else sentence_segmenter().segment(line)
            units.extend(p.strip() for p in parts if p.strip())
        if run:
            units.append("; ".join(run))
        if pending is not None and units:
            if _YEAR.search(pending):  # a date or period line belongs to what follows
                units[0] = f"{pending}: {units[0]}"
            else:
                out.append(pending)
            pending = None
        out.extend(units)
    if pending is not None:
        out.append(pending)
    return tuple(out)


def _clean(sentence: str, keep: set[str] | None = None) -> str:
    s = re.sub(r"^[-*•▪]\s+", "", sentence.strip())
    s = re.sub(r"\s+", " ", s)
    if keep is not None:
        # long parentheticals (company numbers, bank accounts, references) that hold no question
        # word are left out of the answer; the citation keeps the full passage
        def drop(m: re.Match[str]) -> str:
            inner = m.group(0)
            return m.group(0) if len(inner) < 30 or set(tokens(inner)) & keep else ""

        s = re.sub(r"\s*\([^()]*\)", drop, s)
    if len(s) > MAX_SENTENCE_CHARS:
        cut = s[:MAX_SENTENCE_CHARS].rsplit(" ", 1)[0]
        s = cut.rstrip(",;:") + " …"
    return s


def _type_strength(text: str, kind: str | None) -> float:
    """How well a sentence holds the kind of value asked for: 1 (fully), 0.5 (partly), 0."""
    if kind == "period":
        if len(_DATE.findall(text)) >= 2:
            return 1.0  # an explicit date range
        return 0.5 if _RANGE.search(text) else 0.0
    return 1.0 if _has_type(text, kind) else 0.0


def _has_type(text: str, kind: str | None) -> bool:
    if kind is None:
        return False
    if kind == "date":
        return bool(_DATE.search(text))
    if kind == "period":
        return bool(_RANGE.search(text) or len(_DATE.findall(text)) >= 2)
    if kind == "money":
        return bool(_NUMBER.search(text) and _MONEY.search(text))
    if kind == "amount":  # a count or share: digits outside dates and years
        return bool(_NUMBER.search(_YEAR.sub(" ", _DATE.sub(" ", text))))
    if kind == "who":
        return bool(_NAME.search(text))
    return False


class ExtractiveWriter:
    """Scores sentences by weighted overlap with the question (stems, synonyms, the passage's
    context header), the kind of value asked for, and the passage's retrieval rank."""

    def __init__(self, max_sentences: int = MAX_SENTENCES) -> None:
        self.max_sentences = max_sentences

    def compose(
        self,
        question: str,
        hits: Sequence[ScoredChunk],
        *,
        idf: Mapping[str, float] | None = None,
        context: str = "",
        inherited_type: str | None = None,
        document_chunks: Sequence[ScoredChunk] = (),
    ) -> Composed:
        """``document_chunks``: the other passages of the best-ranked document; their sentences
        are candidates only when they hold the asked kind of value (a date range for a question
        about the term), so the answer is not limited to the top-k passages."""
        terms = question_terms(question, idf, context, inherited_type)
        if not hits:
            return Composed("", [], 0.0, terms.answer_type)
        expanded = _expanded(terms)
        scored: list[tuple[float, float, set[str], _Unit]] = []
        seen_ids = {h.chunk.id for h in hits}
        extra = [h for h in document_chunks if h.chunk.id not in seen_ids] if terms.answer_type else []
        hits = list(hits) + extra
        for rank, hit in enumerate(hits):
            header_toks = set(tokens(hit.chunk.header))
            units = sentences_of(hit.chunk.text)
            for order, sentence in enumerate(units):
                if len(sentence) < 12 or fold(sentence) == fold(hit.chunk.title):
                    continue  # fragments, and the title line the header already stands for
                toks = set(tokens(sentence))
                covered = {t for t, alts in expanded.items() if any(stem_matches(a, toks) for a in alts)}
                in_header = {t for t, alts in expanded.items() if any(stem_matches(a, header_toks) for a in alts)} - covered
                weight = sum(terms.weights.get(t, terms.context.get(t, 0.0)) for t in covered)
                weight += HEADER_WEIGHT * sum(terms.weights.get(t, terms.context.get(t, 0.0)) for t in in_header)
                coverage = weight / (terms.total + 0.5 * sum(terms.context.values()))
                strength = _type_strength(sentence, terms.answer_type)
                typed = strength > 0
                if rank >= len(hits) - len(extra) and (strength < 1.0 or not covered):
                    continue
                score = coverage + TYPE_BONUS * strength + RANK_PRIOR / (min(rank, len(hits) - len(extra)) + 1)
                if len(sentence.split()) < 5 and not typed:
                    score -= 0.2  # bare headings and fragments answer little
                unit = _Unit(sentence, rank, order, sentence.rstrip().endswith(":"))
                scored.append((score, coverage, covered, unit))
        if not scored:
            return Composed("", [], 0.0, terms.answer_type)
        scored.sort(key=lambda item: (-item[0], item[3].hit_rank, item[3].order))
        for score, cov, covered, unit in scored[:8] if log.isEnabledFor(logging.DEBUG) else ():
            log.debug("%.3f cov=%.2f rank=%d %s %r", score, cov, unit.hit_rank, sorted(covered), unit.text[:90])
        best_score, best_cov, best_covered, best = scored[0]
        chosen = [best]
        covered_all = set(best_covered)
        if best.ends_colon:  # a list introduction: take the items that follow it
            followers = [u for _, _, _, u in scored if u.hit_rank == best.hit_rank and best.order < u.order <= best.order + 2]
            chosen.extend(sorted(followers, key=lambda u: u.order))
        for score, _cov, covered, unit in scored[1:]:
            if len(chosen) >= self.max_sentences:
                break
            if unit in chosen or score < 0.6 * best_score:
                continue
            gain = sum(terms.weights.get(t, 0.0) for t in covered - covered_all) / terms.total
            # a sentence from another passage that holds the asked kind of value more fully
            stronger = unit.hit_rank != best.hit_rank and _type_strength(unit.text, terms.answer_type) > max(
                _type_strength(u.text, terms.answer_type) for u in chosen
            )
            if gain >= 0.15 or (stronger and score >= 0.7 * best_score):
                chosen.append(unit)
                covered_all |= covered
        composed = self._render(
            chosen, hits, best_cov, terms.answer_type, _has_type(best.text, terms.answer_type), set(expanded)
        )
        return dataclasses.replace(composed, unknown_terms=terms.unknown)

    @staticmethod
    def _render(
        chosen: Iterable[_Unit],
        hits: Sequence[ScoredChunk],
        support: float,
        kind: str | None,
        typed: bool,
        keep: set[str],
    ) -> Composed:
        numbers: dict[int, int] = {}
        quotes: dict[int, list[str]] = {}
        parts: list[str] = []
        for unit in chosen:
            n = numbers.setdefault(unit.hit_rank, len(numbers) + 1)
            sentence = _clean(unit.text, keep)
            quotes.setdefault(unit.hit_rank, []).append(_clean(unit.text))
            if sentence.endswith((".", "!", "?", ":", "…")):
                parts.append(f"{sentence[:-1]} [{n}]{sentence[-1]}" if not sentence.endswith("…") else f"{sentence} [{n}]")
            else:
                parts.append(f"{sentence} [{n}].")
        citations = []
        for rank, n in sorted(numbers.items(), key=lambda item: item[1]):
            citations.append(Citation.of(n, hits[rank].chunk, " … ".join(quotes[rank]), hits[rank].score))
        return Composed(" ".join(parts), citations, support, kind, typed)

