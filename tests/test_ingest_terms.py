"""The terms registry is stored with each index build and stays in step with re-ingest."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from assistant.store.layout import builds_dir, read_manifest
from assistant.store.reader import load_index
from ingest.pipeline import ingest
from assistant.store.terms import TERMS_FILE, active_registry
from tests.conftest import SOCIAL_PROFIT
from tests.covenant_texts import PARAPHRASE_410, UITZEND_636


def _terms(settings) -> dict:
    build = builds_dir(settings) / read_manifest(settings).build_id
    return json.loads((build / TERMS_FILE).read_text(encoding="utf-8"))


def test_build_holds_the_terms_of_its_documents(settings, fake_embedder):
    ingest(settings, fake_embedder)
    stored = _terms(settings)
    assert [p["doc_id"] for p in stored["profiles"]] == [SOCIAL_PROFIT]
    (profile,) = stored["profiles"]
    assert profile["max_subsidy"]["value"] == "742000.00"
    assert profile["max_subsidy"]["source"]["section"] == "Artikel 1"  # the chunk's section path
    assert profile["threshold"]["value"] == "1/2"
    registry = active_registry(settings)
    assert registry is not None and registry.find_profile("social profit").fte.value == Decimal(7)
    assert load_index(settings, fake_embedder).terms.to_json() == registry.to_json()


def test_reingest_keeps_the_registry_in_step(settings, fake_embedder):
    ingest(settings, fake_embedder)
    hout = settings.corpus_dir / "hout.md"
    hout.write_text(PARAPHRASE_410, encoding="utf-8")
    ingest(settings, fake_embedder)
    assert active_registry(settings).sectors() == ["houtverwerking", "Social profit"]
    hout.write_text(PARAPHRASE_410.replace("410.000 euro", "420.000 euro"), encoding="utf-8")
    ingest(settings, fake_embedder)
    assert active_registry(settings).find_profile("houtverwerking").max_subsidy.value == Decimal(420000)
    hout.unlink()
    ingest(settings, fake_embedder)
    assert active_registry(settings).sectors() == ["Social profit"]


def test_failed_build_leaves_the_previous_terms_active(settings, fake_embedder):
    ingest(settings, fake_embedder)
    before = _terms(settings)
    (settings.corpus_dir / "uitzend.md").write_text(UITZEND_636, encoding="utf-8")

    def crash() -> None:
        raise RuntimeError("kill before the swap")

    with pytest.raises(RuntimeError):
        ingest(settings, fake_embedder, before_swap=crash)
    assert _terms(settings) == before
    assert active_registry(settings).sectors() == ["Social profit"]


def test_older_or_missing_terms_file_is_extracted_again(settings, fake_embedder):
    ingest(settings, fake_embedder)
    path = builds_dir(settings) / read_manifest(settings).build_id / TERMS_FILE
    path.write_text(json.dumps({"version": "terms-0", "profiles": [], "generations": []}), encoding="utf-8")
    assert active_registry(settings).sectors() == ["Social profit"]
    path.unlink()
    assert active_registry(settings).sectors() == ["Social profit"]
    assert load_index(settings, fake_embedder).terms.sectors() == ["Social profit"]


def test_no_index_gives_no_registry(settings):
    assert active_registry(settings) is None
