"""Answer selection without a language model: every unit (sentence) of the retrieved passages is scored by a
fitted model over general signals — shared stems (IDF-weighted, Dutch compounds included), meaning (the
question's vector against the unit's vector, precomputed at ingest), the kind of value asked for, the things
the question names, and the passage's retrieval rank — and one calibrated decision says whether the best
unit answers the question at all."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.answer.bounds import bounds, other_side
from assistant.answer.choice import choose
from assistant.answer.conflict import find_conflict, render_conflict
from assistant.answer.cover import missing_weight, rest_coverage, rest_words, word_coverage
from assistant.answer.display import render, window
from assistant.answer.dating import document_year, other_span, relative_years
from assistant.answer.entities import comites_in, coverage, generations_of, with_acronyms, years_of
from assistant.answer.headings import with_headings
from assistant.answer.model import SelectorWeights, load_weights
from assistant.answer.masks import unmasked
from assistant.answer.parts import PartSelection, compose, weakest
from assistant.answer.question import QuestionProfile, profile
from assistant.answer.topics import document_text, identity, opening, self_named, subject_named, topic_index, unattributed
from assistant.answer.units import is_label, sentences_of
from assistant.answer.values import COUNT_KINDS, FIGURE_ASKED_KINDS, FIGURE_KINDS, VALUE_KINDS, has_type, type_strength, value_near
from assistant.answer.vocabulary import VocabularyIndex, idf_table, stem_matches
from assistant.textnl import fold, token_set
from assistant.types import Citation, ScoredChunk

log = logging.getLogger(__name__)
MIN_UNIT_CHARS = 12
_NAME_TOKEN = re.compile(r"(?<!^)(?<![.!?]\s)\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|[A-Z]{2,}|[A-Z][a-zé]+)\b")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
CONFLICT_CHARS = 160  # each of two conflicting units is shown shorter


@dataclass(frozen=True)
class Candidate:
    text: str
    rank: int  # retrieval rank of its passage
    order: int  # position within the passage
    features: dict[str, float]
    score: float = 0.0  # P(unit holds the answer)


@dataclass(frozen=True)
class Selection:
    text: str
    citations: list[Citation]
    answerable: float  # P(answerable)
    candidates: tuple[Candidate, ...] = ()
    question_features: dict[str, float] = field(default_factory=dict)
    kind: str | None = None
    hits: tuple[ScoredChunk, ...] = ()  # the passages the candidates come from (ranks index them)
    conflict: bool = False  # two documents give different values: the answer says so and cites both
    parts: tuple[PartSelection, ...] = ()  # a question that asks two things: each part's units


def relative(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Candidates best first, each scored by its likelihood relative to the best one
    (exp(logit - best logit)); their ``score`` on input is the logit. When the question names a
    sector or comité, a unit of a document about another one (``sector_about`` 0) comes after every
    unit of one about it, with score 0: ``gate.sector_verdict`` never lets it answer, so it is not
    the best unit while one that may answer exists."""
    ranked = sorted(candidates, key=lambda c: (_other_sector(c), -c.score, c.rank, c.order))
    if not ranked:
        return []
    top, mixed = ranked[0].score, not _other_sector(ranked[0])
    return [Candidate(c.text, c.rank, c.order, {**c.features, "logit": c.score},
                      0.0 if mixed and _other_sector(c) else math.exp(c.score - top)) for c in ranked]


def _other_sector(candidate: Candidate) -> bool:
    return candidate.features.get("sector_about", 1.0) <= 0.0


class AnswerSelector:
    """Scores units, picks the answer, decides answerability. Weights are fitted (eval/fit.py)."""

    def __init__(self, weights: SelectorWeights | None = None) -> None:
        self.weights = weights or load_weights()

    # ------------------------------------------------------------------ features

    def candidates(
        self,
        q: QuestionProfile,
        hits: Sequence[ScoredChunk],
        *,
        units: Mapping[str, tuple[tuple[str, ...], np.ndarray]],
        query_vector: np.ndarray | None,
        dense_scores: Mapping[str, float],
        documents: Mapping[str, Any],
        retrieved: int | None = None,
        sources: Collection[str] = (),
    ) -> list[Candidate]:
        """``hits`` beyond the first ``retrieved`` are other passages of the best document: only
        their units that fully hold the kind of value asked for are candidates. ``sources``: the
        documents the question says it read ("volgens de SERV", ``SearchResult.preferred``)."""
        retrieved = len(hits) if retrieved is None else retrieved
        raw: list[tuple[str, int, int, dict[str, float]]] = []
        q_names = {m.group(0) for m in _NAME_TOKEN.finditer(q.text)}
        q_numbers = {m.group(0) for m in _NUMBER_TOKEN.finditer(q.text)}
        q_years, q_bounded = set(years_of(q.text)), bool(bounds(q.text))
        # a year that only names the document the question says it read ("volgens de sectorfoto 2012")
        # asks no period of that document's figures (its 2010 figures are the ones it gives)
        q_years_read = set(years_of(unattributed(q.text)))
        q_generations = set(q.named.generations)
        topics_of = topic_index(documents)
        topics = topics_of.topics(q.topic_candidates)
        topic_cov: dict[str, tuple[float, float]] = {}
        rest_of: dict[str, list[str]] = {}
        for rank, hit in enumerate(hits):
            chunk = hit.chunk
            texts, vectors = units.get(chunk.id, ((), None))
            if not texts:  # an index without unit vectors: units from the text, no meaning signal
                texts = tuple(u for u in sentences_of(chunk.text) if len(u) >= MIN_UNIT_CHARS)
                vectors = None
            if vectors is not None and query_vector is not None and len(texts):
                dense = vectors @ query_vector
                # the unit with the one before it, by meaning (as focus_ctx by words)
                joined = vectors + np.vstack([np.zeros_like(vectors[:1]), vectors[:-1]])
                dense_ctx = (joined @ query_vector) / np.maximum(np.linalg.norm(joined, axis=1), 1e-9)
            else:
                dense = dense_ctx = np.zeros(len(texts))
            header_toks = token_set(chunk.header)
            text_of_doc = document_text(chunk, documents)
            title = identity(chunk.title, chunk.metadata, chunk.doc_type, text_of_doc)  # with its publisher and kind
            # what the document is, in words: its title (as indexed and as shown), kind, sector, period
            named_toks = token_set(f"{title} {chunk.label} "
                                   f"{chunk.metadata.get('sector') or ''} {chunk.metadata.get('period') or ''}")
            own_names = {n for n in q_names if not token_set(n) <= named_toks}  # a name of the question, not of the document
            whole_doc = f"{title} {text_of_doc}"
            ent_doc = coverage(q.named.all, whole_doc)
            about = with_acronyms(opening(chunk, documents), q.named.phrases)  # and the names it abbreviates
            about_generations = set(generations_of(about)) if q_generations else set()
            q_sectors = q.named.sectors + q.named.pcs
            own = self_named(q.named.names, chunk.metadata, text_of_doc)  # a name it writes that holds its publisher's
            subject = subject_named(q_sectors, about, text_of_doc, own)  # a one-comité or a named publisher's page
            parties = topics_of.parties.get(chunk.doc_id, "")
            ent_about = coverage(q.named.all, about, parties, subject, own)  # or a party it repeats
            # a programme or organisation the question names that a page of another subject explains in
            # passing ("het FLA van de RSZ" on a page about training rights): named in the passage, it is covered
            ent_named = ent_about  # (on a page of no one sector, the unit and its label line count instead: below)
            if q.named.names and ent_about < 1.0:
                unnamed = [n for n in q.named.all if n not in q.named.names]
                ent_named = max(ent_about, (len(unnamed) * coverage(unnamed, about, parties, subject, own)
                                            + len(q.named.names) * coverage(q.named.names, about, chunk.header, chunk.text)) / len(q.named.all))
            sector_about = coverage(q_sectors, about, subject)
            # a page of no one sector (a generation's overview, a news item on many sectors) states a
            # sector's facts in the passage that names it: there the unit and its heading count
            sector_of_unit = bool(q_sectors) and sector_about < 1.0 and not chunk.metadata.get("sector")
            # every year of a period, named or relative to the time of writing ("vorig jaar" in 2020)
            written = document_year(text_of_doc) if q_years or q_years_read else None
            year_doc = float(coverage(q.named.years, whole_doc, " ".join(relative_years(text_of_doc, written))) >= 1.0)
            name_doc = coverage(q.named.names, whole_doc)
            doc_toks = token_set(f"{title}\n{text_of_doc}")  # cached per text
            doc_cov = word_coverage(q, doc_toks)
            doc_missing = missing_weight(q, doc_toks)
            if chunk.doc_id not in topic_cov:
                topic_cov[chunk.doc_id] = (topics_of.coverage(topics, chunk.doc_id), topics_of.coverage(topics, chunk.doc_id, about=True))
            topic_doc, topic_about = topic_cov[chunk.doc_id]
            # the question's words the document's title and opening lack: what the question asks
            # within the document, not which document it is about (its sector, period, kind)
            if chunk.doc_id not in rest_of:
                rest_of[chunk.doc_id] = rest_words(q, about)
            years_asked = q_years_read if chunk.doc_id in sources else q_years
            # the preceding sentence's words (a unit's context), and above the unit the last label (units.is_label)
            # and the last question line (a FAQ's, heading its answer)
            before, label, asked_above = frozenset(), "", frozenset()
            for order, text in enumerate(texts):
                toks, context, above = token_set(text), before, label
                label = text if is_label(text) else f"{label} {text}" if comites_in(text) else label  # with comités named after it
                before, asked_above = toks, toks if text.endswith("?") else asked_above
                typed = type_strength(text, q.kind, q.asked)
                if fold(text) == fold(chunk.title) and (q.kind not in VALUE_KINDS or typed < 1.0) and not text.endswith((".", "!")):
                    continue  # a title is a unit when it holds the asked value ("... (PC 322)") or is a sentence
                # beyond the retrieved passages: the asked value, or a name the question gives for a person; never
                # a row on the other side of a bound the question names ("< 20 werknemers" for "20 of meer")
                if (rank >= retrieved and (typed < 1.0 or q.kind not in VALUE_KINDS and not own_names & set(_NAME_TOKEN.findall(text)))
                        or q_bounded and other_side(q.text, text)):
                    continue
                both = toks | header_toks | asked_above
                named = both | named_toks
                plain = unmasked(text)  # an anonymised name or blanked number is no new one
                new_names = {m.group(0) for m in _NAME_TOKEN.finditer(plain)} - q_names
                new_numbers = {m.group(0) for m in _NUMBER_TOKEN.finditer(plain)} - q_numbers
                unit_years = set(years_of(text)) | set(relative_years(text, written)) if years_asked else set()
                # the same for generations; a unit that names none speaks of its document's ("8ste generatie" in its opening)
                unit_generations = set(generations_of(text)) or about_generations if q_generations else set()
                other_generation = bool(unit_generations) and not unit_generations & q_generations
                raw.append((text, rank, order, {
                    "lex": word_coverage(q, toks),
                    # the document's title words count for each of its units (the title line answers nothing)
                    "lex_named": word_coverage(q, named),
                    "lex_header": word_coverage(q, both),
                    "focus": word_coverage(q, both, q.focus),
                    # the phrase naming what is asked ("welke resultaatsverbintenissen") is in the unit
                    # itself: a heading above a sentence about the signatories does not make it answer
                    "asked": word_coverage(q, toks, q.asked) if q.asked else 1.0,
                    "rest": rest_coverage(q, both, rest_of[chunk.doc_id]),
                    "dense": float(dense[order]),
                    "dense_ctx": float(dense_ctx[order]),
                    # the question's focus words in this sentence with the one before it (an answer often
                    # follows the sentence that names what it is about) and the title's, as in lex_named
                    "focus_ctx": word_coverage(q, named | context, q.focus),
                    "rank": 1.0 / (1 + min(rank, retrieved)),
                    "chunk_dense": float(dense_scores.get(chunk.id, 0.0)),
                    "typed": typed,
                    # the unit holds the asked value's form (an amount, a date): a figure's signal only;
                    # a "welke ..." question is answered by a name as often as by a common noun
                    # ("Welke instrumenten ...?" by "opleidingsplannen, databanken"), left to name_answer
                    "typed_value": typed if q.kind in VALUE_KINDS else 0.0,
                    "value_near": value_near(text, q.kind, q.weights, context=context, compounds=q.compounds, asked=q.asked),
                    "ent_unit": coverage(q.named.all, text, chunk.header),
                    "ent_doc": ent_doc,
                    "ent_about": max(ent_about, coverage(q.named.all, text, chunk.header, above)) if sector_of_unit and above
                    else ent_named,
                    "sector_about": max(sector_about, coverage(q_sectors, text, chunk.header, above)) if sector_of_unit
                    else sector_about,
                    "year_doc": year_doc,
                    "name_doc": name_doc,
                    "doc_cov": doc_cov,
                    "topic_doc": topic_doc,
                    "topic_about": topic_about,
                    "topic_unit": sum(stem_matches(t, both) for t in topics) / len(topics) if topics else 1.0,
                    # every period, comité, sector and topic word the question names is in the document
                    "all_named_doc": 1.0 if min(year_doc, ent_doc, topic_doc) >= 1.0 else 0.0,
                    "doc_missing": doc_missing,
                    "unit_missing": missing_weight(q, both),
                    "name_answer": min(len(new_names), 3) / 3 if q.kind in ("who", "name") else 0.0,
                    "number_answer": min(len(new_numbers), 3) / 3 if q.kind in FIGURE_ASKED_KINDS else 0.0,
                    "short": 1.0 if len(text.split()) < 6 else 0.0,
                    # the question names a year or period (a generation, a span of years) and the unit speaks of others only
                    "year_other": float(bool(unit_years and not unit_years & years_asked) or other_generation or other_span(text, q.text)),
                    "generation_other": float(other_generation),
                    "unknown": q.unknown,
                    "source_doc": 1.0 if not sources or chunk.doc_id in sources else 0.0,
                }))
        if not raw:
            return []
        top_dense, top_lex = max(f["dense"] for *_, f in raw), max(f["lex_header"] for *_, f in raw)
        out = []
        for text, rank, order, f in raw:
            f["dense_gap"] = f["dense"] - top_dense
            f["lex_gap"] = f["lex_header"] - top_lex
            out.append(Candidate(text, rank, order, f, self.weights.unit.logit(f)))
        return relative(out)

    @staticmethod
    def question_features(q: QuestionProfile, ranked: Sequence[Candidate], dense_top: float, unit_model: Any) -> dict[str, float]:
        if not ranked:
            return {"best_logit": -10.0, "unknown": q.unknown}
        best = ranked[0]
        return {
            "best_logit": unit_model.logit(best.features),
            "best_focus": best.features["focus"],
            "best_rest": best.features.get("rest", 1.0),
            "best_dense": best.features["dense"],
            "best_dense_ctx": best.features.get("dense_ctx", best.features["dense"]),
            # a value is asked for (an amount, a date, a period or a length of time) and the best unit holds none
            "type_missing": 1.0 if q.kind in VALUE_KINDS and not has_type(best.text, q.kind, q.asked) else 0.0,
            # a name is asked ("Hoe heten ...?") and not even the best unit holds one
            "who_missing": 1.0 if q.kind == "who" and q.names_asked and best.features["typed"] < 1.0 else 0.0,
            "best_ent_about": best.features["ent_about"],
            "best_doc_cov": best.features["doc_cov"],
            "best_doc_missing": best.features["doc_missing"],
            "best_sector_about": best.features["sector_about"],
            "best_year_doc": best.features["year_doc"],
            "best_topic_doc": best.features.get("topic_doc", 1.0),
            "best_all_named": best.features.get("all_named_doc", 1.0),
            "best_value_near": best.features.get("value_near", 0.0),
            # the numbers the best unit adds (a figure asked): a table row holds one for questions its page does not answer
            "best_number_answer": best.features.get("number_answer", 0.0),
            # a figure (amount, date, period, number) is asked: such questions are refused at another rate, so that
            # whether the best unit holds that value near the question's words weighs on its own (best_value_near)
            "asks_value": 1.0 if q.kind in FIGURE_KINDS else 0.0,
            # a number (account, enterprise, phone) or a frequency is asked and the best unit has none
            "id_missing": 1.0 if q.kind in ("identifier", "phone") and best.features["typed"] < 1.0 else 0.0,
            "money_missing": 1.0 if q.kind == "money" and best.features["typed"] < 1.0 else 0.0,
            "count_missing": 1.0 if q.kind in COUNT_KINDS and best.features.get("value_near", 0.0) < 1.0 else 0.0,
            "top_dense": max(c.features["dense"] for c in ranked),
            "chunk_dense": dense_top,
            "unknown": q.unknown,
            "followup": 1.0 if q.followup else 0.0,
        }

    # ------------------------------------------------------------------ the answer

    def select(
        self,
        q: QuestionProfile,
        hits: Sequence[ScoredChunk],
        *,
        units: Mapping[str, tuple[tuple[str, ...], np.ndarray]],
        query_vector: np.ndarray | None,
        dense_scores: Mapping[str, float],
        dense_top: float,
        documents: Mapping[str, Any],
        document_chunks: Sequence[ScoredChunk] = (),
        parts: Sequence[tuple[QuestionProfile, np.ndarray | None]] = (),
        sources: Collection[str] = (),
    ) -> Selection:
        """``document_chunks``: the other passages of the best-ranked document, whose units are
        candidates when they hold the asked kind of value (the term of a covenant for a question
        about its term), so the answer is not limited to the top-k passages. ``parts``: the
        profile and query vector of each part of a question that asks two things (see parts.py);
        ``sources``: the documents the whole question says it read, for every part."""
        seen = {h.chunk.id for h in hits}
        retrieved = len(hits)
        # the other passages answer the asked value, or whom the question names (who signed "namens ABVV-Metaal");
        # a who or name question that names no one reads none of them (candidates() would skip every unit)
        kinds = {q.kind, *(p.kind for p, _ in parts)}
        reads_on = kinds & VALUE_KINDS or kinds & {"who", "name"} and _NAME_TOKEN.search(q.text)
        hits = list(hits) + ([h for h in document_chunks if h.chunk.id not in seen] if reads_on else [])

        def ranking(profile_: QuestionProfile, vector: np.ndarray | None) -> list[Candidate]:
            return self.candidates(profile_, hits, units=units, query_vector=vector, dense_scores=dense_scores,
                                   documents=documents, retrieved=retrieved, sources=sources)

        ranked = ranking(q, query_vector)
        qf = self.question_features(q, ranked, dense_top, self.weights.unit)
        if not ranked:
            return Selection("", [], 0.0, (), qf, q.kind, tuple(hits))
        if len(parts) >= 2:
            selected = []
            for part, vector in parts:
                part_ranked = ranking(part, vector)
                selected.append(PartSelection(part, tuple(part_ranked),
                                              self.question_features(part, part_ranked, dense_top, self.weights.unit)))
            # answered when the whole question's best unit supports an answer or the weakest part's does (eval.fit decides alike)
            text, citations = compose(selected, hits)
            weak = weakest(selected).features
            decided = max((qf, weak), key=self.weights.answerable.prob)
            return Selection(text, citations, self.weights.answerable.prob(decided), tuple(ranked),
                             decided, q.kind, tuple(hits), parts=tuple(selected))
        answerable = self.weights.answerable.prob(qf)
        conflict = find_conflict(q, ranked, hits, documents, self.weights.second_ratio)
        if conflict is not None:
            text, citations = render_conflict(conflict, hits, lambda unit: window(unit, q, CONFLICT_CHARS))
            return Selection(text, citations, answerable, tuple(ranked), qf, q.kind, tuple(hits), conflict=True)
        chosen = choose(ranked, self.weights.second_ratio, self.weights.typed_ratio, value_asked=q.kind in VALUE_KINDS,
                        more=self.weights.more_units, asked=q, documents=[h.chunk.doc_id for h in hits])
        chosen = with_headings(chosen, q, hits, documents, document_chunks)  # may add the passages it cites
        text, citations = render(q, chosen, hits)
        log.debug("best units (score, rank, text): %s", [(round(c.score, 3), c.rank, c.text[:90]) for c in ranked[:5]])
        return Selection(text, citations, answerable, tuple(ranked), qf, q.kind, tuple(hits))


__all__ = ["AnswerSelector", "Candidate", "choose", "QuestionProfile", "Selection", "VocabularyIndex", "idf_table", "profile", "render"]
