"""The scale phase of `convenant bench`: a synthetic corpus made from the sample documents with
other sector names and other numbers, and the embedders that time or reuse passage vectors
(a copy of an already embedded template reuses its vector plus a little noise)."""

from __future__ import annotations

import hashlib
import math
import random
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embeddings import ConvenantEmbeddings
from assistant.textnl import MONTH_PATTERN, YEAR_PATTERN, fold

__all__ = ["SECTORS", "TemplateEmbeddings", "TimedEmbeddings", "synthetic_corpus", "synthetic_document", "template_key"]

#: Sector names for the synthetic corpus (Flemish sector covenants that exist, by name only).
SECTORS = (
    "Bouw", "Metaal en technologie", "Voedingsindustrie", "Chemie en life sciences", "Hout en meubel",
    "Textiel en confectie", "Transport en logistiek", "Horeca", "Dienstencheques", "Uitzendarbeid",
    "Bedienden", "Kleinhandel", "Grafische nijverheid", "Autosector", "Elektriciens", "Schoonmaak",
    "Bewaking", "Audiovisuele sector", "Vermakelijkheidsbedrijven", "Verhuizers", "Papier en karton",
    "Glasindustrie", "Tuinbouw", "Landbouw", "Bosbouw", "Bakkerijen", "Diamant", "Havenarbeid",
    "Zeevisserij", "Banken", "Verzekeringen", "Betonindustrie", "Steenbakkerij", "Podiumkunsten",
    "Sport", "Kappers en schoonheidszorg", "Petroleum", "Non-ferro", "Kunststoffen", "Gezinszorg",
)  # fmt: skip
_SOURCE_SECTOR = re.compile(r"social[ -]profit", re.IGNORECASE)
_YEAR = re.compile(rf"^{YEAR_PATTERN}$")



# --------------------------------------------------------------------------- embedder wrappers


class TimedEmbeddings(ConvenantEmbeddings):
    """Delegates to ``inner`` and adds up the time spent embedding passages."""

    def __init__(self, inner: ConvenantEmbeddings) -> None:
        self.inner = inner
        self.fingerprint = inner.fingerprint
        self.dimension = inner.dimension
        self.seconds = 0.0
        self.passages = 0
        self.texts: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        started = time.perf_counter()
        out = self.inner.embed_documents(texts)
        self.seconds += time.perf_counter() - started
        self.passages += len(texts)
        self.texts.extend(texts)
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def template_key(text: str) -> str:
    """A passage with sector names and digits masked: copies of one template share a key."""
    text = _SOURCE_SECTOR.sub("§", fold(text))
    for name in SECTORS:
        text = text.replace(fold(name), "§")
    return " ".join(re.sub(r"\d", "0", text).split())


class TemplateEmbeddings(ConvenantEmbeddings):
    """For the synthetic corpus only: a passage whose template key was embedded before reuses
    that vector plus deterministic noise (norm ``noise``), renormalised; others are embedded by
    ``inner``. Queries always go to ``inner``."""

    def __init__(self, inner: ConvenantEmbeddings, *, noise: float = 0.02) -> None:
        self.inner = inner
        self.fingerprint = inner.fingerprint
        self.dimension = inner.dimension
        self.noise = noise
        self.cache: dict[str, np.ndarray] = {}
        self.embedded = 0
        self.reused = 0
        self.seconds = 0.0  # time spent in ``inner`` (real embedding)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [template_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self.cache))
        if missing:
            first_text: dict[str, str] = {}
            for key, text in zip(keys, texts):
                first_text.setdefault(key, text)
            started = time.perf_counter()
            vectors = self.inner.embed_documents([first_text[k] for k in missing])
            self.seconds += time.perf_counter() - started
            for key, vector in zip(missing, vectors):
                self.cache[key] = np.asarray(vector, dtype=np.float32)
            self.embedded += len(missing)
        out = []
        for key, text in zip(keys, texts):
            seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "little")
            jitter = np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)
            vector = self.cache[key] + self.noise * jitter / (np.linalg.norm(jitter) or 1.0)
            out.append((vector / (np.linalg.norm(vector) or 1.0)).tolist())
        self.reused += len(texts) - len(missing)
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


# --------------------------------------------------------------------------- synthetic corpus


_KEEP_AFTER = re.compile(rf"\s*(?:%|procent|\s(?:{MONTH_PATTERN})\b)", re.IGNORECASE)


def _vary_numbers(text: str, rng: random.Random) -> str:
    """Other amounts and counts of the same shape (same digit count). Kept as they are: single
    digits (article and list numbers), years, days of a date, and percentages, so the copies stay
    valid covenants."""

    def repl(match: re.Match[str]) -> str:
        digits = match.group(0)
        if len(digits) < 2 or _YEAR.match(digits) or _KEEP_AFTER.match(text, match.end()):
            return digits
        first = str(rng.randint(1, 9)) if digits[0] != "0" else "0"
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    return re.sub(r"(?<![\d.,])\d+|(?<=[.,])\d+", repl, text)


def synthetic_document(text: str, copy: int, rng: random.Random) -> str:
    sector = SECTORS[copy % len(SECTORS)]
    return _vary_numbers(_SOURCE_SECTOR.sub(sector, text), rng)


def synthetic_corpus(corpus_dir: Path, target_dir: Path, target_chunks: int, *, seed: int = 7) -> tuple[int, int]:
    """Write copies of the corpus documents (other sector names and numbers) into ``target_dir``
    until they make about ``target_chunks`` chunks. Returns (documents, expected chunks)."""
    from ingest.split import split_document
    from eval.naive import load_corpus

    documents = load_corpus(corpus_dir)
    rng = random.Random(seed)
    target_dir.mkdir(parents=True, exist_ok=True)
    # Chunks per corpus copy, measured on the first copy.
    first = [synthetic_document(doc.text, 0, rng) for doc in documents]
    per_copy = sum(
        len(split_document(_as_document(doc, text, "syn000"))) for doc, text in zip(documents, first)
    )
    copies = max(1, math.ceil(target_chunks / max(per_copy, 1)))
    written = 0
    for copy in range(copies):
        for i, doc in enumerate(documents):
            text = first[i] if copy == 0 else synthetic_document(doc.text, copy, rng)
            (target_dir / f"syn{copy:03d}_{doc.doc_id}.txt").write_text(text, encoding="utf-8")
            written += 1
    return written, copies * per_copy


def _as_document(doc: Any, text: str, prefix: str) -> Any:
    from dataclasses import replace

    return replace(doc, doc_id=f"{prefix}_{doc.doc_id}", text=text, pages=())
