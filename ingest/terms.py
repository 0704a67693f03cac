"""The covenant terms at ingest: extracted from a build's documents into its ``terms.json``
(read by ``assistant.store.terms``), and from a corpus folder without an index."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from assistant.financing import ProfileRegistry
from assistant.store.layout import TERMS_FILE
from assistant.types import Chunk, SourceDocument
from ingest.corpus import load_corpus

__all__ = ["corpus_registry", "write_terms"]


def write_terms(build: Path, documents: Iterable[SourceDocument], chunks: Iterable[Chunk]) -> ProfileRegistry:
    """Extract the terms of ``documents`` (section paths from ``chunks``) into ``build``/terms.json."""
    registry = ProfileRegistry.from_documents(documents, chunks)
    path = build / TERMS_FILE
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(registry.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return registry


def corpus_registry(corpus_dir: Path | str) -> ProfileRegistry:
    """The terms of every document of a corpus folder, read with the ingest loaders (no index).
    Raises ConfigError when the folder does not exist; a bad file raises the loader's IngestError."""
    return ProfileRegistry.from_documents(load_corpus(corpus_dir))
