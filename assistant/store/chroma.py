"""The connection to Chroma: an embedded persistent store under the data directory, or a Chroma
server when ``CONVENANT_CHROMA_HOST`` is set. Used by the index reader and the index writer."""

from __future__ import annotations

from typing import Any

from assistant.config import Settings
from assistant.errors import IngestError
from assistant.store.layout import chroma_dir

__all__ = ["connect_chroma"]


def connect_chroma(settings: Settings) -> Any:
    """An embedded persistent client under the data directory, or a client of a Chroma server
    when ``CONVENANT_CHROMA_HOST`` is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:  # noqa: BLE001 - connection errors come in many types
            raise IngestError(
                f"Chroma server {settings.chroma_host}:{settings.chroma_port} is not reachable: {exc}"
            ) from exc
    path = chroma_dir(settings)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
