"""Exact, fast fakes for unit tests."""

from __future__ import annotations

import hashlib
import math

from assistant.embeddings import ConvenantEmbeddings
from assistant.textnl import tokens


class FakeEmbeddings(ConvenantEmbeddings):
    """Bag-of-stems hashed into 64 dimensions, L2-normalised: texts sharing words are close,
    identical texts are identical, and every call is counted."""

    fingerprint = "fake-bag-of-stems-64"
    dimension = 64

    def __init__(self) -> None:
        self.embedded_texts: list[str] = []
        self.queries: list[str] = []

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dimension
        for tok in tokens(text) or ["_"]:
            h = int(hashlib.md5(tok.encode()).hexdigest(), 16)
            vec[h % self.dimension] += 1.0 if (h >> 8) % 2 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded_texts.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self._vector(text)
