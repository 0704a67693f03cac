"""The covenant terms registry of an index build (``terms.json`` in the build folder), read side.

Written by ingest (``ingest.terms``) with every build, before the manifest swap, so the active
manifest always points at a build whose terms match its documents: chat, calculator tab,
`convenant calc` and the LangChain tool read the same registry, uploads included. A build written
by an older extractor (or before terms were stored) gets its terms extracted anew from its
documents when read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

from assistant.config import Settings
from assistant.errors import ConvenantError
from assistant.financing import ProfileRegistry
from assistant.store.layout import (
    CHUNKS_FILE,
    DOCUMENTS_FILE,
    TERMS_FILE,
    build_dir,
    chunk_from_record,
    document_from_record,
    read_manifest,
)
from assistant.types import Chunk, SourceDocument

__all__ = ["TERMS_FILE", "active_registry", "read_terms"]

log = logging.getLogger(__name__)


def read_terms(
    build: Path, documents: Iterable[SourceDocument] = (), chunks: Iterable[Chunk] = ()
) -> ProfileRegistry:
    """The build's registry; extracted from ``documents`` when the file is missing or stale."""
    path = build / TERMS_FILE
    if path.exists():
        try:
            registry = ProfileRegistry.from_json(path.read_text(encoding="utf-8"))
        except ConvenantError as exc:
            log.warning("%s: %s; extracting the terms again", path, exc)
            registry = None
        if registry is not None:
            return registry
    return ProfileRegistry.from_documents(documents, chunks)


def active_registry(settings: Settings) -> ProfileRegistry | None:
    """The terms of the active index build, without loading vectors; None when there is no index."""
    manifest = read_manifest(settings)
    if manifest is None:
        return None
    build = build_dir(settings, manifest.build_id)
    if (build / TERMS_FILE).exists():
        registry = read_terms(build)
        if registry.profiles or registry.generations or not manifest.documents:
            return registry
    documents = [document_from_record(json.loads(line)) for line in _lines(build / DOCUMENTS_FILE)]
    chunks = [chunk_from_record(json.loads(line)) for line in _lines(build / CHUNKS_FILE)]
    return read_terms(build, documents, chunks)


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
