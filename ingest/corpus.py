"""A corpus on disk: which files of a folder are documents, and loading them all with the
ingest loaders and their ``metadata.yaml`` sidecars (one per folder). The one place that walks a
corpus: used by the ingest pipeline, the terms of a corpus without an index, and eval."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError, ConvenantError
from assistant.types import SourceDocument
from ingest.loaders import SUPPORTED_EXTENSIONS, load_document
from ingest.metadata import SIDECAR_NAME, read_sidecar
from ingest.sources import SOURCES_NAME, read_sources

__all__ = ["SidecarCache", "discover", "load_corpus"]

log = logging.getLogger(__name__)


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(files, scanned directories). Directories are walked recursively; hidden files, the
    metadata sidecar and the sources list (``SOURCES.md``) are not documents."""
    files: list[Path] = []
    dirs: list[Path] = []
    for path in paths:
        path = path.expanduser().resolve()
        if path.is_dir():
            dirs.append(path)
            files.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.name not in (SIDECAR_NAME, SOURCES_NAME)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.append(path)
    return files, dirs


class SidecarCache:
    """The ``metadata.yaml`` entry of a file with its address from the folder's ``SOURCES.md``
    (the sidecar wins), each folder's files read once."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, dict[str, dict[str, Any]]] = {}

    def entry(self, path: Path) -> dict[str, Any] | None:
        if path.parent not in self._by_dir:
            sidecar, sources = read_sidecar(path.parent), read_sources(path.parent)
            self._by_dir[path.parent] = {stem: {**sources.get(stem, {}), **sidecar.get(stem, {})}
                                         for stem in sidecar.keys() | sources.keys()}
        return self._by_dir[path.parent].get(path.stem)


def load_corpus(corpus_dir: Path | str, *, skip_unreadable: bool = False) -> list[SourceDocument]:
    """Every supported document under ``corpus_dir`` (recursively), read as ingest reads it.

    A missing folder raises ConfigError and a bad file the loader's IngestError; with
    ``skip_unreadable`` both are logged and skipped instead.
    """
    folder = Path(corpus_dir)
    if not folder.is_dir():
        if skip_unreadable:
            log.warning("corpus folder %s does not exist", folder)
            return []
        raise ConfigError(f"corpusmap {str(folder)!r} bestaat niet")
    files, _ = discover([folder])
    sidecars = SidecarCache()
    documents = []
    for path in files:
        if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            continue
        try:
            documents.append(load_document(path, sidecar=sidecars.entry(path)))
        except ConvenantError as exc:
            if not skip_unreadable:
                raise
            log.warning("skipping %s: %s", path, exc)
    return documents
