"""`convenant bench` on a tiny scale with exact fake embeddings: every section is written, the
synthetic corpus varies sectors and numbers but keeps dates valid, and vectors are reused."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from assistant.config import PROJECT_ROOT
from eval.bench import run_bench
from eval.bench_corpus import TemplateEmbeddings, synthetic_document, template_key
from tests.fakes import FakeEmbeddings


def test_synthetic_documents_vary_sector_and_amounts_but_keep_dates_and_shape():
    text = "Social profit: periode van 1 juli 2023 tot en met 30 juni 2025, 742.000,00 EUR, 7 VTE, 70%."
    copy = synthetic_document(text, 3, random.Random(1))
    assert "Social profit" not in copy and "1 juli 2023" in copy and "30 juni 2025" in copy
    assert "7 VTE" in copy and "70%" in copy and "742.000,00" not in copy
    assert template_key(copy) == template_key(text)


def test_template_embeddings_reuse_vectors_of_copies():
    inner = FakeEmbeddings()
    emb = TemplateEmbeddings(inner)
    a, b, c = emb.embed_documents(["Social profit krijgt 742.000 EUR", "Bouw krijgt 391.041 EUR", "iets anders"])
    assert inner.embedded_texts == ["Social profit krijgt 742.000 EUR", "iets anders"]
    assert (emb.embedded, emb.reused) == (2, 1)
    assert a != b and sum(x * y for x, y in zip(a, b)) > 0.99  # near copies, not duplicates


def test_bench_writes_every_section(tmp_path: Path, settings):
    (settings.corpus_dir / "003_115f85ea577e561c.txt").unlink()  # the big covenant: keeps the test fast
    questions = tmp_path / "q.jsonl"
    lines = (PROJECT_ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    wanted = {"gen8-loonkost", "vesoc-jobs", "calc-loonkost-3-vte", "weiger-btw"}
    questions.write_text("\n".join(l for l in lines if json.loads(l)["id"] in wanted) + "\n", encoding="utf-8")
    out = run_bench(out=tmp_path / "BENCHMARKS.md", questions=questions, scale_chunks=60,
                    generation_chunks=120, generation_documents=8,
                    work_dir=tmp_path / "work", settings=settings, embedder=FakeEmbeddings())
    text = out.read_text(encoding="utf-8")
    assert "## Ingest (bundled corpus: 4 documents, 27 chunks, from scratch)" in text
    assert "| ingest time per chunk |" in text and "| embedder's share of ingest time |" in text
    assert "| index size on disk |" in text and "## Peak memory" in text
    assert "## Answering the development set (warm index, 4 questions)" in text
    assert "3 questions that retrieve" in text  # the calculation does not retrieve
    assert "## Retrieval at scale (synthetic corpus: 12 documents, 81 chunks)" in text
    assert "| retrieval p50 |" in text and "| chunks | 27 | 81 | ×3 |" in text
    assert (tmp_path / "work" / "scale-corpus" / "syn002_004_0f8bd9c489b07411.txt").exists()
    assert "Not measured: embedder `fake` has no model folder" in text
    generation = text.split("## A full generation (")[1]
    documents, chunks = re.match(r"(\d+) documents, ([\d,]+) chunks", generation).groups()
    assert int(documents) >= 8 and int(chunks.replace(",", "")) >= 120
    assert "| answer latency p50 / p95 (wall time around `ask`, 4 questions) |" in generation
    assert "| ingest time per character |" in generation and "µs" in generation


def test_generation_corpus_reaches_its_size_with_covenants_of_other_sectors(tmp_path: Path, corpus_copy: Path):
    from eval.bench_generation import generation_corpus
    from eval.naive import load_corpus
    from ingest.split import split_document

    realdocs = tmp_path / "realdocs"
    realdocs.mkdir()
    (realdocs / "faq.txt").write_text("Veelgestelde vragen\n\nWat is een sectorconvenant? Een akkoord.\n", encoding="utf-8")
    (realdocs / "questions.jsonl").write_text("{}\n", encoding="utf-8")  # not a document: not copied
    documents, chunks = generation_corpus(corpus_copy, tmp_path / "gen", realdocs_dir=realdocs, min_documents=12, min_chunks=300)
    loaded = load_corpus(tmp_path / "gen")
    assert len(loaded) == documents >= 12
    assert sum(len(split_document(d)) for d in loaded) == chunks >= 300
    names = sorted(p.name for p in (tmp_path / "gen").iterdir())
    assert "faq.txt" in names and "questions.jsonl" not in names
    generated = [p for p in (tmp_path / "gen").glob("gen*.txt")]
    assert len(generated) >= 4 and all("Social profit" not in p.read_text(encoding="utf-8") for p in generated)
    assert "Bouw" in (tmp_path / "gen" / "gen000_bouw.txt").read_text(encoding="utf-8")
