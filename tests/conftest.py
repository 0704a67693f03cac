"""Shared fixtures: settings in a temporary data directory, the bundled corpus, fakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings, apply_offline_env
from tests.fakes import FakeEmbeddings

apply_offline_env()

CORPUS_DIR = PROJECT_ROOT / "corpus"
SOCIAL_PROFIT = "003_115f85ea577e561c"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled corpus that a test may edit."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, corpus_copy: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy, embedder="fake")


@pytest.fixture
def fake_embedder() -> FakeEmbeddings:
    return FakeEmbeddings()
