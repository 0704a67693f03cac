"""The assistant: one LangChain runnable per turn  condense → route → calculate | retrieve → answer.

Money questions route to the deterministic financing calculator; everything else is retrieved
through the LangChain retriever (:class:`assistant.retrieval.ConvenantRetriever`) and answered by
the extractive selector (default) or a language model whose answer is verified against its
sources before it leaves (falling back to the extractive answer). Each step hands a frozen record
(:mod:`assistant.turn.records`) to the next; ``stream`` runs the chain and ``ask`` is the last
value of ``stream``.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import RunnableBranch, RunnableConfig, RunnableGenerator, RunnableLambda

from assistant.answer.acronyms import AcronymIndex
from assistant.answer.entities import mentions, named_by, sector_words, squash
from assistant.answer.select import AnswerSelector, VocabularyIndex
from assistant.answer.topics import about_named, attributed, identity, opened_by, topic_index
from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings, build_embedder
from assistant.errors import FinancingError
from assistant.financing import ProfileRegistry, calculate
from assistant.financing.render import answer_text, failure_text
from assistant.followup import condense
from assistant.generate.llm import build_chat_model, rewrite_followup
from assistant.retrieval import ConvenantRetriever, Filters, HybridSearcher, IndexHandle, build_reranker
from assistant.scope import check_question
from assistant.tools import make_financing_tool
from assistant.turn.answer import NOT_FOUND, Drafter, verify, words
from assistant.turn.records import (
    Calculated, Condensed, Drafted, Record, Retrieved, Routed, Turn, Verified, lineage, to_answer,
)
from assistant.turn.route import money_request
from assistant.types import Answer, CalculationFailed, Citation, shown_title
from assistant.wordclass import word_classes

log = logging.getLogger(__name__)

WARM_UP_QUERY = "sectorconvenant"  # searched once by warm_up (any word: it only builds the indexes)

__all__ = ["NOT_FOUND", "Assistant", "build_assistant"]


@dataclass(frozen=True)
class _Build:
    """What the steps read from one index build, computed once per build."""

    build_id: str
    index: Any
    vocabulary: VocabularyIndex
    registry: ProfileRegistry
    index_text: str  # every document's title and text, squashed, for name look-ups
    document_texts: tuple[str, ...] = ()  # the same, one per document
    sector_words: frozenset[tuple[str, ...]] = frozenset()  # the covenants' sector names (entities.sector_words)
    acronyms: AcronymIndex | None = None  # acronyms the documents only write in full ("NDI")


class Assistant:
    """Answers questions over the index; one instance serves the CLI, the web chat and eval."""

    def __init__(
        self,
        settings: Settings,
        searcher: HybridSearcher,
        *,
        selector: AnswerSelector | None = None,
        chat_model: Any = None,
    ) -> None:
        self.settings = settings
        self.searcher = searcher
        self.selector = selector or AnswerSelector()
        self.chat_model = chat_model
        self.retriever = ConvenantRetriever(searcher=searcher, k=settings.top_k)
        self._cache_lock = threading.Lock()
        self._build: _Build | None = None
        self.chain = RunnableBranch(
            (lambda turn: turn.refusal is not None, RunnableLambda(self._refused, name="refused")),
            RunnableLambda(self._condense, name="condense")
            | RunnableLambda(self._route, name="route")
            | RunnableBranch(
                (lambda routed: routed.request is not None, RunnableLambda(self._calculate, name="calculate")),
                RunnableLambda(self._retrieve, name="retrieve") | RunnableGenerator(self._answer, name="answer"),
            ),
        )

    # ------------------------------------------------------------------ public API

    @property
    def embedder(self) -> ConvenantEmbeddings:
        return self.searcher.embedder

    def ask(
        self,
        question: str,
        history: Sequence[dict[str, Any]] | None = None,
        filters: Filters | dict[str, Any] | None = None,
    ) -> Answer:
        """The final Answer: the last value of :meth:`stream`."""
        last: str | Answer = ""
        for last in self.stream(question, history, filters):
            pass
        assert isinstance(last, Answer)
        return last

    def stream(
        self,
        question: str,
        history: Sequence[dict[str, Any]] | None = None,
        filters: Filters | dict[str, Any] | None = None,
    ) -> Iterator[str | Answer]:
        """Yields pieces of the answer text as they are ready, then the final Answer."""
        for event in self._run(question, history, filters):
            yield to_answer(event) if isinstance(event, Verified) else event

    def steps(
        self,
        question: str,
        history: Sequence[dict[str, Any]] | None = None,
        filters: Filters | dict[str, Any] | None = None,
    ) -> tuple[Record, ...]:
        """Every step record of one turn, from ``Turn`` to ``Verified`` (for evaluation and fitting)."""
        final = None
        for final in self._run(question, history, filters):
            pass
        assert isinstance(final, Verified)
        return lineage(final)

    def registry(self) -> ProfileRegistry:
        return self._current().registry

    def warm_up(self) -> float:
        """Build now what the first question would otherwise wait for (about 4 s on 2 cores): the
        index's vocabulary with the general Dutch word frequencies (stemmed from their dictionary
        forms), the keyword index and the query embedder, the documents' topics, the Dutch word
        classes. Asks no question (no language model runs). Returns seconds."""
        started = time.perf_counter()
        build = self._current()
        self.retriever.invoke(WARM_UP_QUERY, k=self.settings.top_k)
        topic_index(build.index.documents)
        word_classes()
        return time.perf_counter() - started

    def financing_tool(self) -> Any:
        """The LangChain financing tool over this assistant's terms registry (follows re-ingest)."""
        return make_financing_tool(self.registry)

    def documents(self) -> list[dict[str, Any]]:
        index = self.searcher.handle.get()
        return [
            {
                "doc_id": entry.doc_id, "title": shown_title(entry.title, entry.metadata), "doc_type": entry.doc_type,
                "metadata": entry.metadata, "chunks": entry.chunks, "ingested_at": entry.ingested_at,
                "path": entry.path,
            }
            for entry in index.manifest.documents.values()
        ]

    # ------------------------------------------------------------------ per index build

    def _current(self) -> _Build:
        index = self.searcher.handle.get()
        with self._cache_lock:
            build = self._build
            if build is None or build.build_id != index.manifest.build_id:
                terms = getattr(index, "terms", None)  # the build's terms registry, written by ingest
                # a document is named by its title and publisher ("volgens Zelfstandige Vlaanderen": its address)
                written = tuple(f"{identity(d.title, d.metadata, text=d.text)}\n{d.text}" for d in index.documents.values())
                texts = tuple(squash(text) for text in written)
                registry = terms if terms is not None else ProfileRegistry.from_documents(index.documents.values())
                build = _Build(
                    build_id=index.manifest.build_id,
                    index=index,
                    vocabulary=VocabularyIndex.from_texts(c.embed_text for c in index.chunks),
                    registry=registry,
                    index_text="".join(texts),
                    document_texts=texts,
                    sector_words=sector_words(registry.sector_names()),
                    acronyms=AcronymIndex(written, texts),
                )
                self._build = build
            return build

    # ------------------------------------------------------------------ the turn

    def _run(self, question: str, history: Any, filters: Any) -> Iterator[str | Verified]:
        """The chain's events: answer pieces as they are ready, then the ``Verified`` outcome. An
        answer that was not streamed (extractive, calculation, refusal) follows word by word."""
        streamed: list[str] = []
        final: Verified | None = None
        for event in self.chain.stream(self._start(question, history, filters)):
            if isinstance(event, Verified):
                final = event
            else:
                streamed.append(event)
                yield event
        assert final is not None
        if not streamed or final.text != "".join(streamed):
            yield from words(final.text)
        yield final

    @staticmethod
    def _start(question: Any, history: Any, filters: Any) -> Turn:
        check = check_question(question if isinstance(question, str) else str(question or ""))
        return Turn(
            raw=question, question=check.question, history=tuple(history or ()), filters=Filters.from_any(filters),
            notes=tuple(check.notes), started=time.perf_counter(), refusal=check.refusal,
        )

    @staticmethod
    def _refused(turn: Turn) -> Verified:
        return Verified(turn, turn.question or "", turn.refusal or "", "not_found")

    def _condense(self, turn: Turn) -> Condensed:
        acronyms = self._current().acronyms
        question = acronyms.expand(turn.question) if acronyms else turn.question  # "NDI": the name in full
        condensed = condense(question, list(turn.history))
        if condensed.rewritten and self.chat_model is not None:
            rewritten = rewrite_followup(self.chat_model, question, list(turn.history))
            if rewritten and rewritten != question:
                condensed = dataclasses.replace(condensed, question=rewritten, focus=rewritten)
        return Condensed(turn, condensed)

    def _route(self, condensed: Condensed) -> Routed:
        turn = condensed.previous
        request, notes = money_request(turn.raw, condensed.followup, turn.history, self._current().registry)
        return Routed(condensed, request, notes)

    def _calculate(self, routed: Routed) -> Verified:
        started = time.perf_counter()
        build = self._current()
        try:
            result = calculate(routed.request, build.registry)
        except FinancingError as exc:
            failed = CalculationFailed(str(exc), getattr(exc, "term", None))  # MissingTermError names the term
            calculated = Calculated(routed, failed, failure_text(failed), (), (time.perf_counter() - started) * 1000)
        else:
            citations = _Footnotes(build.index)
            text = answer_text(result, citations.number)
            calculated = Calculated(routed, result, text, tuple(citations.made), (time.perf_counter() - started) * 1000)
        return Verified(calculated, routed.question, calculated.text, "calculation", calculated.citations,
                        calculated.calculation)

    def _retrieve(self, routed: Routed, config: RunnableConfig) -> Retrieved:
        started = time.perf_counter()
        condensed = routed.previous.followup
        query = routed.question
        bm25_query = f"{condensed.focus} {condensed.focus} {condensed.context}" if condensed.rewritten else query
        build = self._current()
        prefer = attributed(query, build.index.documents)  # "volgens de SERV": the SERV's pages
        if not prefer and condensed.rewritten and not _names_its_own(condensed.focus, build.sector_words):
            # a follow-up that names no sector, comité, period or name of its own asks about the
            # document the previous question named ("Over welke periode liep dat convenant?" after
            # one on the textielverzorging (PC 110)): its passages are searched too
            prefer = opened_by(condensed.context, build.index.documents)
        if not prefer:  # the documents about a sector or comité the question names (a page may mention it in passing)
            named = named_by(query, condensed.focus if condensed.rewritten else None, build.sector_words)
            prefer = about_named(named.sectors + named.pcs, build.index.documents)
        documents = self.retriever.invoke(
            query, config, k=self.settings.top_k, filters=routed.previous.previous.filters, bm25_query=bm25_query,
            prefer=prefer,
        )
        return Retrieved(routed, documents.result, (time.perf_counter() - started) * 1000)

    def _answer(self, inputs: Iterator[Retrieved]) -> Iterator[str | Verified]:
        for retrieved in inputs:
            build = self._current()
            drafter = Drafter(selector=self.selector, vocabulary=build.vocabulary, index=build.index,
                              embedder=self.embedder, chat_model=self.chat_model, sources=self.settings.llm_sources,
                              sectors=build.sector_words)
            drafted: Drafted | None = None
            for event in drafter.draft(retrieved):
                if isinstance(event, Drafted):
                    drafted = event
                else:
                    yield event
            assert drafted is not None
            yield verify(drafted, index=build.index, index_text=build.index_text, document_texts=build.document_texts,
                         threshold=self.selector.weights.threshold, sources=self.settings.llm_sources)


def _names_its_own(focus: str, sectors: frozenset[tuple[str, ...]]) -> bool:
    """A follow-up's own words name a sector, comité, period, generation or name."""
    own = mentions(focus, sectors)
    return bool(own.all or own.generations)


class _Footnotes:
    """Numbers the sentences a calculation cites, one number per (document, section, sentence)."""

    def __init__(self, index: Any) -> None:
        self.index = index
        self.numbers: dict[tuple[str, str, str], int] = {}
        self.made: list[Citation] = []

    def number(self, citation: Any) -> int:
        key = (citation["doc_id"], citation.get("section", ""), citation.get("quote", ""))
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            doc = self.index.documents.get(citation["doc_id"])
            self.made.append(Citation(
                self.numbers[key], citation["doc_id"], shown_title(doc.title, doc.metadata) if doc else citation["doc_id"],
                citation.get("section", ""), None, citation.get("quote", ""), 1.0,
                source=str(doc.metadata.get("source") or "") if doc else "",
            ))
        return self.numbers[key]


def build_assistant(
    settings: Settings,
    *,
    embedder: ConvenantEmbeddings | None = None,
    searcher: HybridSearcher | None = None,
    chat_model: Any = None,
    llm: str | None = None,
) -> Assistant:
    """The assistant from settings. ``llm`` overrides ``settings.llm`` (none, openai, local)."""
    if llm is not None and llm != settings.llm:
        settings = settings.with_overrides(llm=llm)
    if searcher is None:
        embedder = embedder or build_embedder(settings.embedder, batch_size=settings.embed_batch)
        searcher = HybridSearcher(IndexHandle(settings, embedder), build_reranker(settings))
    if chat_model is None and settings.llm != "none":
        chat_model = build_chat_model(settings)
    return Assistant(settings, searcher, chat_model=chat_model)
