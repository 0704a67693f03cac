"""Answering from passages: the extractive selection, the language model's draft (streamed), and
the evidence check that lets an answer out or turns it into "not found".

The answerability decision itself lives in :mod:`assistant.answer.gate`; this module only calls it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from assistant.answer.entities import coverage
from assistant.answer.dating import undated
from assistant.answer.gate import about_question, named_verdict, rule_verdict, selection_verdict
from assistant.answer.parts import question_parts
from assistant.answer.select import AnswerSelector, VocabularyIndex, document_text, opening, profile
from assistant.generate.llm import REFUSAL, LLMUnavailable, LLMWriter
from assistant.generate.verify import is_refusal, verify_answer
from assistant.turn.records import Drafted, Retrieved, Verified
from assistant.types import Chunk, Citation, ScoredChunk

__all__ = ["NOT_FOUND", "Drafter", "not_found_text", "verify"]

NOT_FOUND = REFUSAL  # the sentence the language model is told to refuse with starts every not-found answer
_LLM_UNCHECKED = "Het antwoord van het taalmodel kon niet aan de bronnen worden getoetst; hieronder het extractieve antwoord."


def not_found_text(hits: Sequence[ScoredChunk], reason: str = "") -> str:
    """The not-found answer: the fixed sentence, the reason, the closest documents."""
    titles = list(dict.fromkeys(undated(h.chunk.label) for h in hits))[:3]
    text = NOT_FOUND
    if reason:
        text += " " + reason
    if titles:
        text += " Het dichtst in de buurt komen: " + "; ".join(f"‘{t}’" for t in titles) + "."
    return text


def llm_sources(retrieved: Retrieved, count: int) -> list[Chunk]:
    """The passages a language model sees: the best few (prompt size is the cost on CPU)."""
    return [h.chunk for h in retrieved.search.hits[:count]]


class Drafter:
    """Drafts the answer of a retrieved turn over one index build: the extractive selection and,
    with a chat model, the model's answer streamed piece by piece (yields str, then ``Drafted``)."""

    def __init__(self, *, selector: AnswerSelector, vocabulary: VocabularyIndex, index: Any, embedder: Any,
                 chat_model: Any, sources: int, sectors: frozenset[tuple[str, ...]] = frozenset()) -> None:
        self.selector = selector
        self.vocabulary = vocabulary
        self.sectors = sectors  # the index's sector names as stems (entities.sector_words)
        self.index = index
        self.embedder = embedder
        self.chat_model = chat_model
        self.sources = sources

    def draft(self, retrieved: Retrieved) -> Iterator[str | Drafted]:
        started = time.perf_counter()
        llm_text = llm_error = None
        if self.chat_model is not None and retrieved.search.hits:
            pieces: list[str] = []
            try:
                for piece in LLMWriter(self.chat_model).stream(retrieved.question, llm_sources(retrieved, self.sources)):
                    pieces.append(piece)
                    yield piece
                llm_text = "".join(pieces)
            except LLMUnavailable as exc:
                llm_error = str(exc)
        q, selection = self._select(retrieved)
        yield Drafted(retrieved, q, selection, llm_text, llm_error, (time.perf_counter() - started) * 1000)

    def _select(self, retrieved: Retrieved) -> tuple[Any, Any]:
        condensed = retrieved.condensed
        search = retrieved.search
        q = profile(
            retrieved.question, self.vocabulary,
            focus=condensed.focus if condensed.rewritten else None, inherited_kind=condensed.inherited_type,
            followup=condensed.rewritten, sectors=self.sectors,
        )
        query_vector = search.query_vector
        if condensed.rewritten and search.hits:  # units are compared with what the follow-up adds
            focus_vector = np.asarray(self.embedder.embed_query(condensed.focus), dtype=np.float32)
            query_vector = focus_vector if query_vector is None else (focus_vector + query_vector) / 2
        parts = []
        if not condensed.rewritten and search.hits:  # a question that asks two things: each part on its own
            for part in question_parts(retrieved.question):
                vector = np.asarray(self.embedder.embed_query(part), dtype=np.float32)
                parts.append((profile(retrieved.question, self.vocabulary, focus=part),
                              vector if query_vector is None else (vector + query_vector) / 2))
        index = self.index
        selection = self.selector.select(
            q, search.hits, units=index.units, query_vector=query_vector,
            dense_scores=search.dense_scores, dense_top=search.dense_top, documents=index.documents,
            document_chunks=[
                ScoredChunk(c, 0.0, ("document",))
                for doc_id in answer_documents(q, search.hits, index.documents) for c in index.by_doc.get(doc_id, [])
            ],
            parts=parts, sources=search.preferred,
        )
        return q, selection


def answer_documents(q: Any, hits: Sequence[ScoredChunk], documents: Any) -> list[str]:
    """The documents whose every passage may answer (when it holds the asked kind of value): the
    best-ranked one and, when the question names sectors or comités, every retrieved document about
    them (its title and opening name them), which a general page may have outranked; two copies of
    one covenant may hold different parts of it."""
    if not hits:
        return []
    out = [hits[0].chunk.doc_id]
    terms = q.named.sectors + q.named.pcs
    if terms:  # every retrieved document about them: two copies of one covenant may hold different parts
        for hit in hits:
            if hit.chunk.doc_id not in out and coverage(terms, opening(hit.chunk, documents)) >= 1.0:
                out.append(hit.chunk.doc_id)
    return out


def verify(drafted: Drafted, *, index: Any, index_text: str, threshold: float, sources: int,
           document_texts: Sequence[str] = ()) -> Verified:
    """The checked outcome: the model's answer when its citations and figures hold and it is about
    the question, else the extractive answer when the gate finds it answerable, else not found."""
    retrieved = drafted.previous
    hits = retrieved.search.hits
    question = retrieved.question
    named = drafted.profile.named

    def not_found(reason: str = "", notes: tuple[str, ...] = ()) -> Verified:
        return Verified(drafted, question, not_found_text(hits, reason), "not_found", notes=notes)

    verdict = named_verdict(named, index_text, document_texts)
    if not verdict.answerable:
        return not_found(verdict.reason)
    notes: tuple[str, ...] = ()
    if drafted.llm_text is not None:
        text = drafted.llm_text.strip()
        if is_refusal(text):
            return not_found()
        verified = verify_answer(text, llm_sources(retrieved, sources))
        if verified is not None and _about_question(named, [hits[i] for i in verified.used], index):
            citations = tuple(_citation(n + 1, hits[i]) for n, i in enumerate(verified.used))
            return Verified(drafted, question, verified.text, "answered", citations)
        notes = (_LLM_UNCHECKED,)
    elif drafted.llm_error:
        notes = (f"Het taalmodel is niet beschikbaar ({drafted.llm_error}); hieronder het extractieve antwoord.",)
    selection = drafted.selection
    verdict = selection_verdict(selection, threshold=threshold)
    if verdict.answerable:
        verdict = rule_verdict(question, selection, drafted.profile.asked)
    if not verdict.answerable:
        return not_found(verdict.reason, notes)
    return Verified(drafted, question, selection.text, "answered", tuple(selection.citations), notes=notes)


def words(text: str) -> list[str]:
    """A finished answer as stream pieces (a word with the space after it)."""
    return re.findall(r"\S+\s*", text)


def _about_question(named: Any, hits: Sequence[ScoredChunk], index: Any) -> bool:
    return about_question(named, [f"{hit.chunk.title} {document_text(hit.chunk, index.documents)}" for hit in hits])


def _citation(n: int, hit: ScoredChunk) -> Citation:
    return Citation.of(n, hit.chunk, hit.chunk.text, hit.score)
