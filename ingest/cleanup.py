"""Removing what no active build uses: old or crashed builds and their Chroma collections (when
no reader holds a lease on them), and the folders embedded Chroma leaves behind. Part of the index
writer; call with the ingest lock held."""

from __future__ import annotations

import contextlib
import logging
import shutil
from typing import Any

from assistant.config import Settings
from assistant.store import leases
from assistant.store.chroma import connect_chroma
from assistant.store.layout import Manifest, builds_dir, chroma_dir, read_manifest
from ingest.chroma_dirs import remove_orphan_segment_dirs

__all__ = ["cleanup_orphans", "drop_collection"]

log = logging.getLogger(__name__)


def drop_collection(client: Any, name: str) -> None:
    with contextlib.suppress(Exception):
        client.delete_collection(name)


def cleanup_orphans(settings: Settings, *, client: Any = None, active: Manifest | None = None) -> list[str]:
    """Remove builds and collections that the manifest does not point at (left by a crash or
    replaced by a newer build) and that no reader holds a lease on; a build in use stays until a
    later ingest. Also removes the folders Chroma leaves behind for deleted collections. Call with
    the ingest lock held. Returns what was removed."""
    active = active if active is not None else read_manifest(settings)
    removed: list[str] = []
    root = builds_dir(settings)
    client = client or connect_chroma(settings)
    prefix = f"{settings.collection}-"
    names = [col if isinstance(col, str) else col.name for col in client.list_collections()]
    in_use: set[str] = set()
    if root.exists():
        for path in root.iterdir():
            if active is not None and path.name == active.build_id:
                continue
            with leases.exclusive(path) as free:
                if not free:
                    in_use.add(path.name)
                    log.info("build %s is still read; it is removed by a later ingest", path.name)
                    continue
                if f"{prefix}{path.name}" in names:
                    drop_collection(client, f"{prefix}{path.name}")
                    removed.append(f"{prefix}{path.name}")
                shutil.rmtree(path, ignore_errors=True)
                removed.append(str(path))
    for name in names:
        if not name.startswith(prefix) or (active is not None and name == active.collection):
            continue
        if name[len(prefix):] in in_use or name in removed:
            continue
        drop_collection(client, name)
        removed.append(name)
    if not settings.chroma_host:
        removed += remove_orphan_segment_dirs(chroma_dir(settings))
    return removed
