"""Hybrid retrieval: BM25 (Dutch stems) and dense (vectors stored in Chroma) fused by relative score fusion,
deduplicated, optionally reranked, cut to top-k. Exposed as a LangChain ``BaseRetriever``."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.answer.entities import sector_words
from assistant.compounds import compound_parts
from assistant.config import Settings
from assistant.embeddings import ConvenantEmbeddings
from assistant.store.reader import IndexHandle  # the index this searcher reads (re-exported)
from assistant.textnl import fold, raw_tokens, starting_with, stem, token_set, tokens
from assistant.types import Chunk, ScoredChunk

log = logging.getLogger(__name__)

# Relative score fusion (as Weaviate's relativeScoreFusion): each retriever's scores are scaled to
# 0..1 over its candidates (best 1, worst 0) and the two are averaged, equal weights, not tuned.
# It replaced reciprocal rank fusion, which keeps only ranks: a passage that BM25 scores three times
# higher than any other (every rare word of the question) lost to passages both retrievers placed
# around fifth. Out of fold on the tuning part: unit top-1 0.742 -> 0.752, balanced score 0.735 -> 0.752.
FUSION_WEIGHT = 0.5
CANDIDATES = 30  # per retriever, before fusion
PREFERRED = 2  # passages of the documents a question names as its source (HybridSearcher.search)


@dataclass(frozen=True)
class Filters:
    """Metadata filters; empty fields do not filter."""

    doc_ids: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()

    @classmethod
    def from_any(cls, value: "Filters | dict[str, Any] | None") -> "Filters":
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value

        def tup(key: str, *aliases: str) -> tuple[str, ...]:
            for name in (key, *aliases):
                raw = value.get(name)
                if raw:
                    return (raw,) if isinstance(raw, str) else tuple(str(v) for v in raw)
            return ()

        return cls(
            doc_ids=tup("doc_ids", "doc_id", "documents"),
            doc_types=tup("doc_types", "doc_type", "type"),
            sectors=tup("sectors", "sector"),
            periods=tup("periods", "period"),
        )

    def __bool__(self) -> bool:
        return bool(self.doc_ids or self.doc_types or self.sectors or self.periods)

    def accepts(self, chunk: Chunk) -> bool:
        if self.doc_ids and chunk.doc_id not in self.doc_ids:
            return False
        if self.doc_types and chunk.doc_type not in self.doc_types:
            return False
        if self.sectors:
            sector = str(chunk.metadata.get("sector", ""))
            if not sector or not any(same_sector(s, sector) for s in self.sectors):
                return False
        if self.periods:
            period = str(chunk.metadata.get("period", ""))
            if not any(p in period or period in p for p in self.periods if period):
                return False
        return True


@lru_cache(maxsize=4096)  # asked for every chunk of a filtered search: a few distinct pairs
def same_sector(wanted: str, sector: str) -> bool:
    """A sector filter's value names a document's sector: one holds the other ("bouw", "Bouw";
    "uitzendsector", "Uitzend"), or every word of one member of either names the other ("audiovisuele
    sector en de sector van de filmproductie" as the covenant's terms name it, "Audiovisuele sector
    en filmproductie" as ingest does; "lokale besturen" needs both words)."""
    a, b = fold(wanted), fold(sector)
    if a and b and (a in b or b in a):
        return True
    members_a, members_b = sector_words([a]), sector_words([b])
    words_a, words_b = ({s for m in members for s in m} for members in (members_a, members_b))
    return any(set(m) <= words_b for m in members_a) or any(set(m) <= words_a for m in members_b)


class Reranker(Protocol):
    def rerank(self, query: str, hits: Sequence[ScoredChunk]) -> list[ScoredChunk]: ...


class NoReranker:
    """The default: keep the fused order (no cross-encoder ships offline)."""

    def rerank(self, query: str, hits: Sequence[ScoredChunk]) -> list[ScoredChunk]:
        return list(hits)


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder, when one is configured (local path or cache)."""

    def __init__(self, model: str) -> None:
        from sentence_transformers import CrossEncoder

        self._model = CrossEncoder(model, device="cpu", local_files_only=True)

    def rerank(self, query: str, hits: Sequence[ScoredChunk]) -> list[ScoredChunk]:
        if not hits:
            return []
        scores = self._model.predict([(query, h.chunk.embed_text) for h in hits])
        ranked = sorted(zip(hits, scores), key=lambda pair: -float(pair[1]))
        return [ScoredChunk(h.chunk, float(s), h.sources + ("rerank",)) for h, s in ranked]


def build_reranker(settings: Settings) -> Reranker:
    return CrossEncoderReranker(settings.reranker) if settings.reranker else NoReranker()


@dataclass
class SearchResult:
    hits: list[ScoredChunk]
    bm25_top: float = 0.0  # best raw BM25 score among candidates
    dense_top: float = 0.0  # best cosine similarity among candidates
    dense_scores: dict[str, float] = field(default_factory=dict)  # chunk id -> cosine
    query_vector: Any = None  # the embedded query (the answer selector compares units with it)
    preferred: tuple[str, ...] = ()  # the documents the question says it read (topics.attributed)


class HybridSearcher:
    """BM25 + dense, fused by relative score fusion."""

    def __init__(self, handle: IndexHandle, reranker: Reranker | None = None) -> None:
        self.handle = handle
        self.reranker = reranker or NoReranker()

    @property
    def embedder(self) -> ConvenantEmbeddings:
        return self.handle.embedder

    def search(
        self, query: str, k: int = 6, filters: Filters | None = None, *, bm25_query: str | None = None,
        prefer: Sequence[str] = (),
    ) -> SearchResult:
        """The k best passages; with ``prefer`` (documents the question says it read, see
        ``topics.attributed``) the best PREFERRED passages of those documents are among them, in the
        places of the last ones when the search alone did not find them."""
        result = dataclasses.replace(self._search(query, k, filters, bm25_query=bm25_query), preferred=tuple(prefer))
        if not prefer or not result.hits:
            return result
        base = filters or Filters()
        named = tuple(d for d in prefer if not base.doc_ids or d in base.doc_ids)  # a filter still holds
        if not named:
            return result
        own = self._search(query, PREFERRED, dataclasses.replace(base, doc_ids=named), bm25_query=bm25_query,
                           vector=result.query_vector)
        have = {h.chunk.id for h in result.hits}
        extra = [h for h in own.hits if h.chunk.id not in have]
        if not extra:
            return result
        hits = [*result.hits[:max(k - len(extra), 0)], *extra][:k]
        return dataclasses.replace(result, hits=hits, dense_scores={**own.dense_scores, **result.dense_scores})

    def _search(
        self, query: str, k: int, filters: Filters | None, *, bm25_query: str | None = None, vector: Any = None
    ) -> SearchResult:
        index = self.handle.get()
        filters = filters or Filters()
        chunks: list[Chunk] = index.chunks
        if not chunks:
            return SearchResult([])
        allowed = np.array([filters.accepts(c) for c in chunks], dtype=bool) if filters else None
        if allowed is not None and not allowed.any():
            return SearchResult([])

        # Keyword side
        q_tokens = keyword_tokens(bm25_query or query, index.bm25.vocab_dict, index.keyword_stems)
        bm25_ranked: list[tuple[int, float]] = []
        if q_tokens:
            n = min(CANDIDATES, len(chunks))
            mask = allowed.astype(np.float32) if allowed is not None else None
            rows, scores = index.bm25.retrieve(
                [q_tokens], k=n, show_progress=False, weight_mask=mask, n_threads=1
            )
            bm25_ranked = [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if s > 0]

        # Dense side: exact cosine over the build's vectors (see store.reader.read_vectors)
        if vector is None:
            vector = self.embedder.embed_query(query)
        dense_ranked = exact_dense(index.vectors, np.asarray(vector, dtype=np.float32), allowed, CANDIDATES)

        fused: dict[int, float] = {}
        found_by: dict[int, list[str]] = {}
        for name, ranking in (("bm25", bm25_ranked), ("dense", dense_ranked)):
            for row, share in relative_scores(ranking).items():
                fused[row] = fused.get(row, 0.0) + FUSION_WEIGHT * share
                found_by.setdefault(row, []).append(name)
        ordered = sorted(fused.items(), key=lambda item: -item[1])
        hits = [ScoredChunk(chunks[row], score, tuple(found_by[row])) for row, score in ordered]
        hits = dedupe(hits, limit=max(k * 2, k))
        hits = self.reranker.rerank(query, hits)[:k]
        return SearchResult(
            hits=hits,
            bm25_top=bm25_ranked[0][1] if bm25_ranked else 0.0,
            dense_top=dense_ranked[0][1] if dense_ranked else 0.0,
            dense_scores={chunks[row].id: s for row, s in dense_ranked},
            query_vector=np.asarray(vector, dtype=np.float32),
        )


def keyword_tokens(text: str, vocabulary: Mapping[str, int], ordered: Sequence[str]) -> list[str]:
    """The BM25 query tokens of ``text``: its stems, and for a word the index never uses that is a
    compound of words it does, those words ("textielverzorgingssector" is searched as
    "textielverzorging" and "sector", as a passage writes "de sector textielverzorging").
    ``vocabulary``: the keyword index's stems; ``ordered``: the same stems sorted (for prefixes)."""
    out = tokens(text)
    for word in raw_tokens(text):
        if not word.isalpha() or stem(word) in vocabulary:
            continue
        for part in compound_parts(word, lambda p: p in vocabulary or bool(starting_with(ordered, p))):
            # a part the index writes only inside longer words is searched as those ("film": "filmproductie")
            out.extend([part] if part in vocabulary else starting_with(ordered, part, PREFIX_EXPANSIONS))
    return out


PREFIX_EXPANSIONS = 3  # a compound's part the index uses only inside longer words: at most this many of them


def relative_scores(ranking: Sequence[tuple[int, float]]) -> dict[int, float]:
    """Each row's score scaled to 0..1 between the ranking's worst and best (all 1 when equal)."""
    if not ranking:
        return {}
    scores = [score for _, score in ranking]
    top, low = max(scores), min(scores)
    return {row: (score - low) / (top - low) if top > low else 1.0 for row, score in ranking}


def exact_dense(
    vectors: np.ndarray | None, query: np.ndarray, allowed: np.ndarray | None, n: int
) -> list[tuple[int, float]]:
    """The ``n`` rows most similar to ``query`` (cosine), best first; equal scores keep row order,
    so the ranking is the same in every process."""
    if vectors is None or not len(vectors):
        return []
    norm = float(np.linalg.norm(query))
    scores = vectors @ (query / norm if norm > 0 else query)
    rows = np.flatnonzero(allowed) if allowed is not None else np.arange(len(vectors))
    order = rows[np.lexsort((rows, -scores[rows]))][:n]
    return [(int(row), float(scores[row])) for row in order]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def dedupe(hits: Sequence[ScoredChunk], threshold: float = 0.8, limit: int | None = None) -> list[ScoredChunk]:
    """Collapse overlapping spans of one document and near-identical texts (same passage in two
    documents, or a re-ingested copy), keeping the better-ranked hit; stop at ``limit`` kept."""
    kept: list[ScoredChunk] = []
    kept_tokens: list[frozenset[str]] = []
    for hit in hits:
        if limit is not None and len(kept) >= limit:
            break
        c = hit.chunk
        toks = token_set(c.text, True)
        duplicate = False
        for other, other_toks in zip(kept, kept_tokens):
            o = other.chunk
            overlap = o.doc_id == c.doc_id and min(o.end, c.end) - max(o.start, c.start) > 0.5 * min(
                o.end - o.start, c.end - c.start
            )
            if overlap or _jaccard(toks, other_toks) >= threshold:
                duplicate = True
                break
        if not duplicate:
            kept.append(hit)
            kept_tokens.append(toks)
    return kept


class SearchDocuments(list):  # list[Document]
    """The retriever's documents, with the search result they come from (``result``): the answer
    selector needs the query vector and the dense scores of every candidate, not only the hits."""

    def __init__(self, documents: Sequence[Document], result: SearchResult) -> None:
        super().__init__(documents)
        self.result = result


class ConvenantRetriever(BaseRetriever):
    """LangChain retriever over the hybrid searcher; returns Documents with chunk metadata.

    The assistant's chain retrieves through it; ``invoke`` takes ``k``, ``filters`` and
    ``bm25_query`` (the keyword side's query, e.g. a follow-up's focus words) as keyword arguments.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k: int = 6
    filters: Any = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> SearchDocuments:
        k = int(kwargs.get("k", self.k))
        filters = Filters.from_any(kwargs.get("filters", self.filters))
        result = self.searcher.search(query, k=k, filters=filters, bm25_query=kwargs.get("bm25_query"),
                                      prefer=tuple(kwargs.get("prefer") or ()))
        return SearchDocuments([to_document(hit) for hit in result.hits], result)


def to_document(hit: ScoredChunk) -> Document:
    c = hit.chunk
    return Document(
        page_content=c.text,
        id=c.id,
        metadata={
            "doc_id": c.doc_id,
            "title": c.title,
            "doc_type": c.doc_type,
            "section": c.section,
            "page": c.page,
            "start": c.start,
            "end": c.end,
            "score": hit.score,
            "found_by": list(hit.sources),
            **c.metadata,
        },
    )
