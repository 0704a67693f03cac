"""Incremental, crash-safe ingest with honest reports, on a real embedded Chroma (fake vectors)."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfWriter

from assistant.errors import IndexMismatchError
from assistant.store.chroma import connect_chroma
from assistant.store.layout import read_manifest
from assistant.store.reader import load_index
from ingest.pipeline import ingest
from tests.conftest import SOCIAL_PROFIT
from tests.fakes import FakeEmbeddings


def bm25_doc_ids(index, query: str) -> set[str]:
    from assistant.textnl import tokens

    rows, _scores = index.bm25.retrieve([tokens(query)], k=len(index.chunks), show_progress=False)
    return {index.chunks[int(r)].doc_id for r, s in zip(rows[0], _scores[0]) if s > 0}


def test_first_ingest_indexes_the_bundled_corpus(settings, fake_embedder):
    report = ingest(settings, fake_embedder)
    assert report.failed == []
    assert report.documents == 5
    assert report.embedded == report.chunks > 50
    index = load_index(settings, fake_embedder)
    assert index.collection.count() == report.chunks == len(index.chunks)
    art1 = [c for c in index.chunks if "742.000,00 EUR" in c.text]
    assert [c.section for c in art1] == ["Artikel 1"]
    got = index.collection.get(ids=[art1[0].id], include=["metadatas"])
    assert got["metadatas"][0]["doc_id"] == SOCIAL_PROFIT
    assert got["metadatas"][0]["section"] == "Artikel 1"


def test_unchanged_corpus_embeds_nothing_and_one_edit_reembeds_one_file(settings, fake_embedder):
    first = ingest(settings, fake_embedder)
    second = ingest(settings, fake_embedder)
    assert (second.embedded, second.skipped, second.removed) == (0, 5, 0)
    assert read_manifest(settings).build_id == read_manifest(settings).build_id

    news = settings.corpus_dir / "000_fa49d921990ed2d9.txt"
    news.write_text(news.read_text(encoding="utf-8") + "\n\nExtra zin over 12 nieuwe consulenten.\n", encoding="utf-8")
    third = ingest(settings, FakeEmbeddings())
    index = load_index(settings, fake_embedder)
    news_chunks = [c for c in index.chunks if c.doc_id == "000_fa49d921990ed2d9"]
    assert third.embedded == len(news_chunks)
    assert third.skipped == 4 and third.updated == ["000_fa49d921990ed2d9"]
    assert third.chunks == first.chunks + (len(news_chunks) - 6) and index.collection.count() == third.chunks
    assert any("12 nieuwe consulenten" in c.text for c in news_chunks)


def test_removed_file_leaves_both_indexes(settings, fake_embedder):
    ingest(settings, fake_embedder)
    (settings.corpus_dir / "004_0f8bd9c489b07411.txt").unlink()
    report = ingest(settings, fake_embedder)
    assert report.removed == 1 and report.documents == 4
    index = load_index(settings, fake_embedder)
    assert "004_0f8bd9c489b07411" not in {c.doc_id for c in index.chunks}
    assert index.collection.get(where={"doc_id": "004_0f8bd9c489b07411"})["ids"] == []
    assert "004_0f8bd9c489b07411" not in bm25_doc_ids(index, "VESOC Iedereen aan boord 120.000 jobs")


def write_bad_inputs(folder):
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "nep.pdf").write_text("dit is geen pdf", encoding="utf-8")
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("geheim")
    with open(folder / "versleuteld.pdf", "wb") as handle:
        writer.write(handle)
    blank = PdfWriter()
    blank.add_blank_page(width=200, height=200)
    with open(folder / "scan.pdf", "wb") as handle:
        blank.write(handle)
    (folder / "rekenblad.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "groot.txt").write_text("Artikel 1. " + "woord " * 300_000, encoding="utf-8")
    (folder / "westers.txt").write_bytes("Addendum: forfaitair bedrag van € 85.000 per sector in België.".encode("cp1252"))


def test_bad_inputs_get_one_line_reasons_and_good_files_are_indexed(settings, fake_embedder):
    ingest(settings, fake_embedder)
    before = read_manifest(settings)
    write_bad_inputs(settings.corpus_dir)
    report = ingest(settings.with_overrides(max_file_mb=1.0), fake_embedder)
    reasons = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in report.failed}
    assert set(reasons) == {"leeg.txt", "nep.pdf", "versleuteld.pdf", "scan.pdf", "rekenblad.xlsx", "groot.txt"}
    assert all("\n" not in r and r for r in reasons.values())
    assert "OCR" in reasons["scan.pdf"]
    assert ".xlsx" in reasons["rekenblad.xlsx"]
    assert "MB" in reasons["groot.txt"] or "bytes" in reasons["groot.txt"]
    # the cp1252 file is good input: decoded and indexed
    assert report.updated == ["westers"]
    index = load_index(settings, fake_embedder)
    assert any("€ 85.000 per sector in België" in c.text for c in index.chunks)
    assert set(before.documents) < {c.doc_id for c in index.chunks}
    assert index.collection.count() == len(index.chunks) == before.chunk_count + 1


def test_failure_before_swap_keeps_the_previous_index(settings, fake_embedder):
    ingest(settings, fake_embedder)
    before = read_manifest(settings)
    (settings.corpus_dir / "001_aa09a84216046a83.txt").write_text("Een nieuwe versie.\n", encoding="utf-8")

    def explode() -> None:
        raise RuntimeError("disk full (simulated)")

    with pytest.raises(RuntimeError):
        ingest(settings, fake_embedder, before_swap=explode)
    after = read_manifest(settings)
    assert after.build_id == before.build_id
    index = load_index(settings, fake_embedder)
    assert index.collection.count() == before.chunk_count
    names = {c if isinstance(c, str) else c.name for c in connect_chroma(settings).list_collections()}
    assert names == {before.collection}
    assert [p.name for p in (settings.index_dir / "builds").iterdir()] == [before.build_id]


def test_index_of_another_embedder_asks_for_a_rebuild(settings, fake_embedder):
    ingest(settings, fake_embedder)

    class OtherEmbeddings(FakeEmbeddings):
        fingerprint = "other-model"

    with pytest.raises(IndexMismatchError, match="--rebuild"):
        ingest(settings, OtherEmbeddings())
    with pytest.raises(IndexMismatchError, match="other-model"):
        load_index(settings, OtherEmbeddings())
    report = ingest(settings, OtherEmbeddings(), rebuild=True)
    assert report.embedded == report.chunks and read_manifest(settings).embedder == "other-model"


def test_manifest_lists_documents_with_metadata(settings, fake_embedder):
    ingest(settings, fake_embedder)
    data = json.loads((settings.index_dir / "manifest.json").read_text(encoding="utf-8"))
    assert data["chunker"] and data["embedder"] == fake_embedder.fingerprint
    doc = data["documents"][SOCIAL_PROFIT]
    assert doc["metadata"]["sector"] == "Social profit"
    assert doc["doc_type"] == "sectorconvenant" and doc["chunks"] > 50
