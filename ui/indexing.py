"""The faces' upload path: the ingest pipeline run with the assistant's settings and embedder (the
assistant, the core, does not ingest: its index handle picks the new build up on the next
question), and the web chat's upload status. No Gradio here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import ConvenantError
from ui.render import doc_field, plain, render_error
from ui.uploads import ingest_uploads, uploads_dir

__all__ = ["index_uploads", "indexer"]

log = logging.getLogger(__name__)


def indexer(assistant: Any) -> Callable[..., Any]:
    """What the faces hand to :func:`ingest_uploads`: the ingest pipeline with the assistant's
    settings and embedder. The assistant (the core) does not ingest; its index handle picks the new
    build up on the next question."""

    def ingest_files(paths: Sequence[Path], progress: Callable[[int, int], None] | None = None) -> Any:
        from ingest.pipeline import ingest

        return ingest(assistant.settings, assistant.embedder, list(paths), progress=progress)

    return ingest_files


def index_uploads(
    paths: Sequence[Path], *, settings: Settings, documents: Iterable[Any], ingest_files: Callable[..., Any],
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """The web chat's upload: check, store and index ``paths``; the outcome as Markdown (a failed
    ingest is reported, never raised: the index is then unchanged)."""
    try:
        outcome = ingest_uploads(
            [(p, p.name) for p in paths], folder=uploads_dir(settings.data_dir),
            max_bytes=int(settings.max_file_mb * 1024 * 1024),
            known_documents={str(doc_field(d, "doc_id")): str(doc_field(d, "path") or "") for d in documents},
            ingest_files=ingest_files, progress=progress,
        )
    except ConvenantError as exc:
        return render_error(f"Indexeren mislukt: {exc}. De index is ongewijzigd.")
    except Exception:
        log.exception("upload ingest failed")
        return render_error("Indexeren mislukt; de index is ongewijzigd.")
    lines = []
    if outcome.added:
        lines.append("✅ Geïndexeerd en doorzoekbaar: " + ", ".join(f"`{name}`" for name in outcome.added))
    for _, reason in outcome.rejected:
        lines.append(f"❌ {plain(reason)}")
    return "\n\n".join(lines) or "Niets te doen."
