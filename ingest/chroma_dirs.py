"""Remove the vector-segment folders that embedded Chroma leaves behind for deleted collections.

``delete_collection`` drops a collection's rows from ``chroma.sqlite3`` but keeps its HNSW segment
folder (upstream chroma-core/chroma issue #5259), so every ingest leaked one folder and the data
directory doubled over a handful of ingests. A folder is a segment's id (a UUID); the live segment
ids are read from Chroma's own database, read-only, and every other UUID-named folder is removed.
Call with the ingest lock held (no collection is being created meanwhile).
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import uuid
from pathlib import Path

__all__ = ["live_segment_ids", "remove_orphan_segment_dirs"]

log = logging.getLogger(__name__)


def live_segment_ids(chroma_dir: Path) -> set[str] | None:
    """Ids of the segments Chroma knows, or None when its database cannot be read."""
    database = Path(chroma_dir) / "chroma.sqlite3"
    if not database.exists():
        return None
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as con:
            return {str(row[0]) for row in con.execute("SELECT id FROM segments")}
    except sqlite3.Error as exc:
        log.warning("cannot read Chroma's segment list (%s); leaving its folders alone", exc)
        return None


def _is_uuid(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False


def remove_orphan_segment_dirs(chroma_dir: Path) -> list[str]:
    """Remove UUID-named folders of ``chroma_dir`` that are no live segment; returns them."""
    chroma_dir = Path(chroma_dir)
    live = live_segment_ids(chroma_dir)
    if live is None:
        return []
    removed = []
    for path in chroma_dir.iterdir():
        if path.is_dir() and _is_uuid(path.name) and path.name not in live:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(str(path))
    if removed:
        log.info("removed %d folder(s) of deleted Chroma collections", len(removed))
    return removed
