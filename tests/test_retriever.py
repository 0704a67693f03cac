"""Hybrid retrieval on a real embedded Chroma with exact fake vectors, and LangChain's standard
retriever tests."""

from __future__ import annotations

import shutil

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from assistant.config import Settings
from assistant.retrieval import ConvenantRetriever, Filters, HybridSearcher, IndexHandle, dedupe, same_sector
from ingest.pipeline import ingest
from tests.conftest import CORPUS_DIR, SOCIAL_PROFIT
from tests.fakes import FakeEmbeddings

_CACHE: dict[str, HybridSearcher] = {}


def fake_searcher(tmp_root) -> HybridSearcher:
    if "s" not in _CACHE:
        settings = Settings(data_dir=tmp_root / "data", corpus_dir=CORPUS_DIR)
        embedder = FakeEmbeddings()
        ingest(settings, embedder)
        _CACHE["s"] = HybridSearcher(IndexHandle(settings, embedder))
    return _CACHE["s"]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    return fake_searcher(tmp_path_factory.mktemp("retriever"))


def test_both_retrievers_contribute_and_the_answer_passage_ranks_first(searcher):
    result = searcher.search("voortgangsrapport eindrapport evaluatie", k=5)
    top = result.hits[0]
    assert top.chunk.doc_id == SOCIAL_PROFIT and top.chunk.section == "Artikel 6"
    assert set(top.sources) == {"bm25", "dense"}
    assert result.bm25_top > 0 and 0 < result.dense_top <= 1.0
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)


def test_preferred_documents_take_the_last_places_when_the_search_alone_misses_them(searcher):
    from assistant.retrieval import PREFERRED

    query = "voortgangsrapport eindrapport evaluatie"
    plain = searcher.search(query, k=4)
    missing = next(d for d in ("000_fa49d921990ed2d9", "001_aa09a84216046a83", "002_83f2cc30f09588ec",
                               "004_0f8bd9c489b07411") if d not in {h.chunk.doc_id for h in plain.hits})
    named = searcher.search(query, k=4, prefer=(missing,))
    assert [h.chunk.id for h in named.hits[:4 - PREFERRED]] == [h.chunk.id for h in plain.hits[:4 - PREFERRED]]
    assert {h.chunk.doc_id for h in named.hits[4 - PREFERRED:]} == {missing} and len(named.hits) == 4
    assert all(h.chunk.id in named.dense_scores for h in named.hits)  # the selector reads their cosines
    assert named.preferred == (missing,) and plain.preferred == ()  # the selector weighs their units (source_doc)
    # a preferred document the search already found changes nothing; a filter still holds
    found = plain.hits[0].chunk.doc_id
    assert [h.chunk.id for h in searcher.search(query, k=4, prefer=(found,)).hits] == [h.chunk.id for h in plain.hits]
    only = searcher.search(query, k=4, filters=Filters(doc_ids=(found,)), prefer=(missing,))
    assert {h.chunk.doc_id for h in only.hits} == {found} and only.preferred == (missing,)


def test_filters(searcher):
    only = searcher.search("sectorconsulenten", k=6, filters=Filters(doc_ids=("001_aa09a84216046a83",)))
    assert {h.chunk.doc_id for h in only.hits} == {"001_aa09a84216046a83"}
    typed = searcher.search("sectorconsulenten", k=6, filters=Filters.from_any({"doc_type": "presentatie"}))
    assert {h.chunk.doc_type for h in typed.hits} == {"presentatie"}
    sector = searcher.search("sectorconsulenten", k=6, filters=Filters.from_any({"sectors": ["social profit"]}))
    assert {h.chunk.doc_id for h in sector.hits} == {SOCIAL_PROFIT}
    none = searcher.search("sectorconsulenten", k=6, filters=Filters(doc_ids=("bestaat-niet",)))
    assert none.hits == []


@pytest.mark.parametrize(("wanted", "sector", "same"), [
    ("bouw", "Bouw", True),
    ("uitzendsector", "Uitzend", True),
    ("kappers", "Kappers, fitness en schoonheidszorgen", True),
    # the covenant's terms and ingest word one covenant's parties differently
    ("audiovisuele sector en de sector van de filmproductie", "Audiovisuele sector en filmproductie", True),
    ("Lokale Besturen", "Lokale Diensten", False),  # a name of two words needs both
    ("bouw", "Textielverzorging", False),
])
def test_a_sector_filter_matches_the_words_of_a_sector_name(wanted, sector, same):
    assert same_sector(wanted, sector) is same


def test_dedupe_collapses_overlaps_and_copies(searcher):
    hits = searcher.search("opzegtermijn van 6 maanden", k=4).hits
    from assistant.types import Chunk, ScoredChunk

    c = hits[0].chunk
    copy = Chunk("copy", "andere-doc", "Kopie", c.doc_type, c.section, 0, 0, len(c.text), c.text, "h")
    overlap = Chunk("ov", c.doc_id, c.title, c.doc_type, c.section, 1, c.start + 5, c.end + 5, c.text[5:], "h2")
    merged = dedupe([hits[0], ScoredChunk(copy, 0.5), ScoredChunk(overlap, 0.4), *hits[1:]])
    assert [h.chunk.id for h in merged] == [h.chunk.id for h in hits]


def test_index_is_reopened_after_a_new_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS_DIR / "001_aa09a84216046a83.txt", corpus)
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    embedder = FakeEmbeddings()
    ingest(settings, embedder)
    searcher = HybridSearcher(IndexHandle(settings, embedder))
    assert searcher.search("VESOC Iedereen aan boord", k=3).hits[0].chunk.doc_id == "001_aa09a84216046a83"
    shutil.copy(CORPUS_DIR / "004_0f8bd9c489b07411.txt", corpus)
    ingest(settings, embedder)
    assert searcher.search("Iedereen aan boord 120.000 mensen extra aan het werk", k=3).hits[0].chunk.doc_id == "004_0f8bd9c489b07411"


class TestConvenantRetrieverStandard(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _root(self, tmp_path_factory):
        self.__class__._tmp = tmp_path_factory.getbasetemp()

    @property
    def retriever_constructor(self):
        return ConvenantRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"searcher": fake_searcher(self._tmp), "k": 3}

    @property
    def retriever_query_example(self) -> str:
        return "Tegen wanneer moet het voortgangsrapport binnen?"


def test_dense_side_is_the_exact_cosine_ranking_of_the_vectors_chroma_holds(searcher):
    """Chroma rebuilds the HNSW graph of a small collection in every process, and that build is
    not deterministic; the dense side ranks exactly over the stored vectors instead."""
    import numpy as np

    index = searcher.handle.get()
    stored = index.collection.get(ids=[c.id for c in index.chunks], include=["embeddings"])
    by_id = dict(zip(stored["ids"], stored["embeddings"]))
    matrix = np.asarray([by_id[c.id] for c in index.chunks], dtype=np.float64)
    query = np.asarray(searcher.embedder.embed_query("opzegtermijn van zes maanden"), dtype=np.float64)
    cosine = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query))
    # the vectors are stored in float32: scores equal there (the fake vectors tie often) differ in
    # the 10th digit here, and equal scores keep row order
    rows = np.arange(len(cosine))
    expected = [index.chunks[row].id for row in np.lexsort((rows, -np.round(cosine, 6)))[:30]]
    result = searcher.search("opzegtermijn van zes maanden", k=6)
    assert list(result.dense_scores) == expected
    assert result.dense_top == pytest.approx(float(cosine.max()), abs=1e-5)


def test_exact_dense_breaks_ties_by_row_and_respects_the_filter():
    import numpy as np

    from assistant.retrieval import exact_dense

    vectors = np.asarray([[1, 0], [0, 1], [1, 0], [0.6, 0.8]], dtype=np.float32)
    query = np.asarray([2, 0], dtype=np.float32)  # not unit length: scored as its direction
    assert [row for row, _ in exact_dense(vectors, query, None, 3)] == [0, 2, 3]
    assert exact_dense(vectors, query, None, 1) == [(0, 1.0)]
    allowed = np.asarray([False, True, True, True])
    assert [row for row, _ in exact_dense(vectors, query, allowed, 4)] == [2, 3, 1]
    assert exact_dense(None, query, None, 3) == []


def test_relative_score_fusion_keeps_a_dominant_keyword_hit_on_top():
    """A passage BM25 scores far above all others stays first even when the dense side ranks it
    low; reciprocal rank fusion, which keeps only ranks, let it drop out of the top."""
    from assistant.retrieval import FUSION_WEIGHT, relative_scores

    bm25 = [(7, 10.0), (1, 3.5), (2, 3.0), (3, 2.5)]
    dense = [(1, 0.84), (2, 0.83), (3, 0.83), (7, 0.80), (9, 0.79)]
    fused: dict[int, float] = {}
    for ranking in (bm25, dense):
        for row, share in relative_scores(ranking).items():
            fused[row] = fused.get(row, 0.0) + FUSION_WEIGHT * share
    assert max(fused, key=fused.get) == 7
    assert relative_scores(bm25)[7] == 1.0 and relative_scores(bm25)[3] == 0.0
    assert relative_scores([(4, 2.0), (5, 2.0)]) == {4: 1.0, 5: 1.0} and relative_scores([]) == {}
    rrf = {row: 0.0 for row in fused}
    for ranking in (bm25, dense):
        for rank, (row, _) in enumerate(ranking):
            rrf[row] += 1 / (60 + rank + 1)
    assert max(rrf, key=rrf.get) == 1  # what the old fusion put first
