"""The assistant: a LangChain runnable chain  condense → route → retrieve → answer → verify.

Money questions route to the deterministic financing calculator; everything else is answered
from retrieved passages by the extractive writer (default) or a language model whose answer is
verified against its sources before it leaves (falling back to the extractive answer).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.runnables import RunnableBranch, RunnableLambda

from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings, build_embedder
from assistant.errors import FinancingError
from assistant.financing import ProfileRegistry, calculate, format_eur, parse_money_question, sector_key
from assistant.followup import condense, user_turns
from assistant.answer.entities import squash
from assistant.answer.gate import about_question, named_verdict, selection_verdict
from assistant.answer.select import AnswerSelector, Selection, VocabularyIndex, idf_table, profile
from assistant.retrieval import Filters, HybridSearcher, IndexHandle, SearchResult, build_reranker
from assistant.scope import check_question
from assistant.textnl import fold
from assistant.types import Answer, Citation, ScoredChunk

log = logging.getLogger(__name__)

NOT_FOUND = "Dat staat niet in de beschikbare documenten."


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
        self._cache_lock = threading.Lock()
        self._cache_build: str | None = None
        self._vocabulary = VocabularyIndex({})
        self._registry: ProfileRegistry | None = None
        self._index_text = ""  # every document's title and text, squashed, for name look-ups
        self.chain = (
            RunnableLambda(self._condense, name="condense")
            | RunnableLambda(self._route, name="route")
            | RunnableBranch(
                (lambda s: s.get("answer") is not None, RunnableLambda(lambda s: s, name="done")),
                (lambda s: s["route"] == "calculation", RunnableLambda(self._calculate, name="calculate")),
                RunnableLambda(self._retrieve, name="retrieve")
                | RunnableLambda(self._answer, name="answer")
                | RunnableLambda(self._verify, name="verify"),
            )
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
        state = self._start(question, history, filters)
        if state.get("answer") is None:
            state = self.chain.invoke(state)
        return self._finish(state)

    def stream(
        self,
        question: str,
        history: Sequence[dict[str, Any]] | None = None,
        filters: Filters | dict[str, Any] | None = None,
    ) -> Iterator[str | Answer]:
        """Yields pieces of the answer text as they are ready, then the final Answer."""
        state = self._start(question, history, filters)
        if state.get("answer") is None:
            state = self._route(self._condense(state))
        if state.get("answer") is None and state["route"] == "calculation":
            state = self._calculate(state)
        if state.get("answer") is None:
            state = self._retrieve(state)
            if self.chat_model is not None and state["search"].hits:
                from assistant.generate.llm import LLMUnavailable, LLMWriter

                pieces: list[str] = []
                started = time.perf_counter()
                try:
                    for piece in LLMWriter(self.chat_model).stream(state["question"], self._hit_chunks(state)):
                        pieces.append(piece)
                        yield piece
                    state["llm_text"] = "".join(pieces)
                except LLMUnavailable as exc:
                    state["llm_error"] = str(exc)
                state["timings"]["generate"] = (time.perf_counter() - started) * 1000
                state = self._verify(self._extractive(state))
            else:
                state = self._verify(self._answer(state))
        answer = self._finish(state)
        if not state.get("llm_text") or answer.answer != state.get("llm_text"):
            for piece in re.findall(r"\S+\s*", answer.answer):
                yield piece
        yield answer

    def registry(self) -> ProfileRegistry:
        self._refresh_cache()
        assert self._registry is not None
        return self._registry

    def financing_tool(self) -> Any:
        """The LangChain financing tool over this assistant's terms registry (follows re-ingest)."""
        from assistant.tools import make_financing_tool

        return make_financing_tool(self.registry)

    def documents(self) -> list[dict[str, Any]]:
        index = self.searcher.handle.get()
        return [
            {
                "doc_id": entry.doc_id, "title": entry.title, "doc_type": entry.doc_type,
                "metadata": entry.metadata, "chunks": entry.chunks, "ingested_at": entry.ingested_at,
                "path": entry.path,
            }
            for entry in index.manifest.documents.values()
        ]

    def ingest_files(self, paths: Sequence[Path], progress: Any = None) -> Any:
        """Index files (uploads); the searcher picks the new build up on its next query."""
        from ingest.pipeline import ingest

        return ingest(self.settings, self.embedder, list(paths), progress=progress)

    # ------------------------------------------------------------------ caches per index build

    def _refresh_cache(self) -> None:
        index = self.searcher.handle.get()
        with self._cache_lock:
            if self._cache_build == index.manifest.build_id:
                return
            self._vocabulary = VocabularyIndex(idf_table(c.embed_text for c in index.chunks))
            terms = getattr(index, "terms", None)  # the build's terms registry (ingest/terms.py)
            self._registry = terms if terms is not None else ProfileRegistry.from_documents(index.documents.values())
            self._index_text = "".join(squash(f"{d.title} {d.text}") for d in index.documents.values())
            self._cache_build = index.manifest.build_id

    # ------------------------------------------------------------------ chain steps

    def _start(self, question: str, history: Any, filters: Any) -> dict[str, Any]:
        check = check_question(question if isinstance(question, str) else str(question or ""))
        state: dict[str, Any] = {
            "raw": question, "question": check.question, "history": list(history or []),
            "filters": Filters.from_any(filters), "notes": list(check.notes),
            "t0": time.perf_counter(), "timings": {}, "answer": None,
        }
        if check.refusal:
            state["answer"] = Answer(check.question or "", check.refusal, "not_found", notes=check.notes)
        return state

    def _condense(self, state: dict[str, Any]) -> dict[str, Any]:
        history = state["history"]
        condensed = condense(state["question"], history)
        if condensed.rewritten and self.chat_model is not None:
            from assistant.generate.llm import rewrite_followup

            rewritten = rewrite_followup(self.chat_model, state["question"], history)
            if rewritten and rewritten != state["question"]:
                condensed = dataclasses.replace(condensed, question=rewritten, focus=rewritten)
        state["condensed"] = condensed
        state["question"] = condensed.question
        return state

    def _route(self, state: dict[str, Any]) -> dict[str, Any]:
        self._refresh_cache()
        registry = self._registry
        question = state["question"]
        known = {"sectors": registry.sector_names(), "periods": registry.periods()}
        if state["condensed"].rewritten:
            # A follow-up ("En als er maar 1 behaald is?") brings new values; the rest comes from
            # the previous money question of the conversation.
            request = parse_money_question(state["raw"], **known)
            previous = next(
                (r for r in (parse_money_question(t, **known) for t in reversed(user_turns(state["history"]))) if r),
                None,
            )
            if request is not None and previous is not None:
                request = _merge_requests(previous, request)
            elif request is None and previous is not None:
                achieved = _achieved_only(state["raw"])
                if achieved is not None:
                    request = dataclasses.replace(previous, achieved=achieved, achieved_share=None, missed=None)
        else:
            request = parse_money_question(question, **known)
        state["route"] = "retrieve"
        if request is not None:
            if request.sector is None and request.subsidy is None and request.period is None:
                sector = self._sector_from_history(state["history"], registry)
                if sector is None and len(registry.sectors()) == 1:
                    sector = registry.sectors()[0]
                    state["notes"].append(
                        f"Geen sector genoemd; ik reken met het enige sectorconvenant in de documenten ({sector})."
                    )
                if sector is not None:
                    request = dataclasses.replace(request, sector=sector)
            state["route"] = "calculation"
            state["money_request"] = request
        return state

    @staticmethod
    def _sector_from_history(history: Sequence[dict[str, Any]], registry: ProfileRegistry) -> str | None:
        for turn in reversed(user_turns(history)):
            squashed = sector_key(turn)
            for name in registry.sector_names():
                if sector_key(name) and sector_key(name) in squashed:
                    return name
        return None

    def _calculate(self, state: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        request = state["money_request"]
        try:
            result = calculate(request, self._registry)
        except FinancingError as exc:
            missing = getattr(exc, "term", None)  # MissingTermError: a rule or parameter no document gives
            text = (f"Dit kan ik niet berekenen: de documenten geven niet alles wat nodig is. {str(exc)[:1].upper()}{str(exc)[1:]}"
                    if missing else f"Deze berekening kan ik niet maken: {exc}")
            state["answer"] = Answer(
                state["question"], text, "calculation",
                calculation={"error": str(exc), **({"missing": missing} if missing else {})},
            )
            state["timings"]["generate"] = (time.perf_counter() - started) * 1000
            return state
        text, citations = self._render_calculation(result)
        state["answer"] = Answer(state["question"], text, "calculation", citations, result.to_dict())
        state["timings"]["generate"] = (time.perf_counter() - started) * 1000
        return state

    def _render_calculation(self, result: Any) -> tuple[str, list[Citation]]:
        index = self.searcher.handle.get()
        numbers: dict[tuple[str, str, str], int] = {}
        citations: list[Citation] = []

        def cite(citation: dict[str, str] | None) -> str:
            if not citation or "doc_id" not in citation:
                return " (door jou opgegeven)" if citation else ""
            key = (citation["doc_id"], citation.get("section", ""), citation.get("quote", ""))  # one sentence, one number
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                doc = index.documents.get(citation["doc_id"])
                citations.append(Citation(
                    numbers[key], citation["doc_id"], doc.title if doc else citation["doc_id"],
                    citation.get("section", ""), None, citation.get("quote", ""), 1.0,
                ))
            return f" [{numbers[key]}]"

        asked = [n for n in (result.asks or ()) if n in result.amounts] or list(result.amounts)
        if "totaal_met_addendum" in result.amounts:  # components asked together: the sum first
            asked.insert(0, "totaal_met_addendum")
        from assistant.financing.render import AMOUNT_LABELS

        lines = [f"{AMOUNT_LABELS.get(asked[0], asked[0]).capitalize()}: {format_eur(result.amounts[asked[0]])} "
                 f"({result.subject})."]
        others = [n for n in result.amounts if n != asked[0]]
        if others:
            lines.append("; ".join(f"{AMOUNT_LABELS.get(n, n)}: {format_eur(result.amounts[n])}" for n in others) + ".")
        lines.append("")
        lines.append("Berekening:")
        for step in result.steps:
            lines.append(f"{step.n}. {step.label}: {step.formula}{cite(step.citation)}")
        if result.assumptions:
            lines.append("")
            lines.append("Aannames: " + " ".join(result.assumptions))
        lines.append(f"Afronding: {result.rounding}.")
        return "\n".join(lines), citations

    def _retrieve(self, state: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        condensed = state["condensed"]
        query = state["question"]
        bm25_query = f"{condensed.focus} {condensed.focus} {condensed.context}" if condensed.rewritten else query
        result: SearchResult = self.searcher.search(
            query, k=self.settings.top_k, filters=state["filters"], bm25_query=bm25_query
        )
        state["search"] = result
        state["timings"]["retrieve"] = (time.perf_counter() - started) * 1000
        return state

    def _hit_chunks(self, state: dict[str, Any]) -> list[Any]:
        """The passages a language model sees: the best few (prompt size is the cost on CPU)."""
        return [h.chunk for h in state["search"].hits[: self.settings.llm_sources]]

    def _extractive(self, state: dict[str, Any]) -> dict[str, Any]:
        self._refresh_cache()
        condensed = state["condensed"]
        search: SearchResult = state["search"]
        q = profile(
            state["question"], self._vocabulary,
            focus=condensed.focus if condensed.rewritten else None, inherited_kind=condensed.inherited_type,
        )
        index = self.searcher.handle.get()
        state["profile"] = q
        query_vector = search.query_vector
        if condensed.rewritten and search.hits:  # units are compared with what the follow-up adds
            focus_vector = np.asarray(self.embedder.embed_query(condensed.focus), dtype=np.float32)
            query_vector = focus_vector if query_vector is None else (focus_vector + query_vector) / 2
        state["selection"] = self.selector.select(
            q, search.hits, units=index.units, query_vector=query_vector,
            dense_scores=search.dense_scores, dense_top=search.dense_top, documents=index.documents,
            document_chunks=[
                ScoredChunk(c, 0.0, ("document",)) for c in index.by_doc.get(search.hits[0].chunk.doc_id, [])
            ] if search.hits else (),
        )
        return state

    def _answer(self, state: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        self._extractive(state)
        if self.chat_model is not None and state["search"].hits:
            from assistant.generate.llm import LLMUnavailable, LLMWriter

            try:
                state["llm_text"] = LLMWriter(self.chat_model).write(state["question"], self._hit_chunks(state))
            except LLMUnavailable as exc:
                state["llm_error"] = str(exc)
        state["timings"]["generate"] = (time.perf_counter() - started) * 1000
        return state

    def _verify(self, state: dict[str, Any]) -> dict[str, Any]:
        selection: Selection = state["selection"]
        hits = state["search"].hits
        question = state["question"]
        named = state["profile"].named
        verdict = named_verdict(named, self._index_text)
        if not verdict.answerable:
            state["answer"] = self._not_found(question, hits, verdict.reason)
            return state
        if state.get("llm_text") is not None:
            from assistant.generate.verify import is_refusal, verify_answer

            text = state["llm_text"]
            if is_refusal(text):
                state["answer"] = self._not_found(question, hits)
                return state
            verified = verify_answer(text, self._hit_chunks(state))
            if verified is not None and self._about_question(named, [hits[i] for i in verified.used]):
                citations = [self._citation(n + 1, hits[i]) for n, i in enumerate(verified.used)]
                state["answer"] = Answer(question, verified.text, "answered", citations)
                return state
            state["notes"].append(
                "Het antwoord van het taalmodel kon niet aan de bronnen worden getoetst; hieronder het extractieve antwoord."
            )
        elif state.get("llm_error"):
            state["notes"].append(
                f"Het taalmodel is niet beschikbaar ({state['llm_error']}); hieronder het extractieve antwoord."
            )
        verdict = selection_verdict(
            selection, followup=state["condensed"].rewritten, threshold=self.selector.weights.threshold
        )
        if not verdict.answerable:
            state["answer"] = self._not_found(question, hits, verdict.reason)
            return state
        state["answer"] = Answer(question, selection.text, "answered", selection.citations)
        return state

    def _about_question(self, named: Any, hits: Sequence[Any]) -> bool:
        index = self.searcher.handle.get()
        texts = []
        for hit in hits:
            doc = index.documents.get(hit.chunk.doc_id)
            texts.append(f"{hit.chunk.title} {doc.text if doc else hit.chunk.text}")
        return about_question(named, texts)

    @staticmethod
    def _citation(n: int, hit: Any) -> Citation:
        c = hit.chunk
        return Citation(n, c.doc_id, c.title, c.section, c.page, c.text, hit.score, c.id)

    def _not_found(self, question: str, hits: Sequence[Any], reason: str = "") -> Answer:
        titles = list(dict.fromkeys(h.chunk.title for h in hits))[:3]
        text = NOT_FOUND
        if reason:
            text += " " + reason
        if titles:
            text += " Het dichtst in de buurt komen: " + "; ".join(f"‘{t}’" for t in titles) + "."
        return Answer(question, text, "not_found")

    def _finish(self, state: dict[str, Any]) -> Answer:
        answer: Answer = state["answer"]
        answer.notes = list(dict.fromkeys(state.get("notes", []) + answer.notes))
        search = state.get("search")
        if search is not None:
            answer.retrieved_doc_ids = [h.chunk.doc_id for h in search.hits]
            answer.retrieved_passages = [h.chunk.text for h in search.hits]
        timings = dict(state.get("timings", {}))
        timings.setdefault("retrieve", 0.0)
        timings.setdefault("generate", 0.0)
        timings["total"] = (time.perf_counter() - state["t0"]) * 1000
        answer.timings_ms = timings
        return answer


def _merge_requests(previous: Any, new: Any) -> Any:
    """The previous money question with the values the follow-up gives."""
    changes = {
        f.name: getattr(new, f.name)
        for f in dataclasses.fields(new)
        if getattr(new, f.name) not in (None, (), False)
    }
    if ("achieved" in changes or "achieved_share" in changes or "missed" in changes):
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
    from assistant.financing.parse import NUMBER_WORDS

    m = _ACHIEVED_ONLY.search(fold(text))
    if not m:
        return None
    word = m.group(1)
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, NUMBER_WORDS.get(fold(word)))


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
        from assistant.generate.llm import build_chat_model

        chat_model = build_chat_model(settings)
    return Assistant(settings, searcher, chat_model=chat_model)


__all__ = ["NOT_FOUND", "Assistant", "build_assistant"]
