"""`convenant bench` on a tiny scale with exact fake embeddings: every section is written, the
synthetic corpus varies sectors and numbers but keeps dates valid, and vectors are reused."""

from __future__ import annotations

import json
import random
from pathlib import Path

from assistant.config import PROJECT_ROOT
from eval.bench import TemplateEmbeddings, run_bench, synthetic_document, template_key
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
