"""Load one file (txt, md, html, pdf, docx) into a ``SourceDocument`` with canonical text.

Every format is first turned into markdown-like text (``#`` headings, ``- `` items, pipe-table
rows), then through ``normalize_text``; ``SourceDocument.text`` is what chunk spans point into.
The file type is checked by content, not only by extension (``sniff_type``), and every refusal
is an ``IngestError`` whose one-line message names the file and the reason.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from assistant.errors import IngestError
from assistant.types import SourceDocument
from ingest.filetype import SUPPORTED_EXTENSIONS, check_kind, decode_text, sniff_type
from ingest.guards import (
    DEFAULT_MAX_INFLATED_BYTES,
    DEFAULT_MAX_ZIP_RATIO,
    check_text_is_language,
    check_zip_inflation,
)
from ingest.load_docx import load_docx
from ingest.load_html import load_html
from ingest.load_pdf import load_pdf
from ingest.metadata import TITLE_MAX_CHARS, infer_metadata, merge_metadata, validate_entry
from ingest.normalize import normalize_text

__all__ = ["SUPPORTED_EXTENSIONS", "load_document", "sniff_type"]

log = logging.getLogger(__name__)


def _sidecar_entry(sidecar: dict[str, Any] | None, doc_id: str, path: Path) -> dict[str, Any]:
    if not sidecar:
        return {}
    # Accept either this document's entry or the whole {doc_id: entry} mapping.
    if all(isinstance(value, dict) for value in sidecar.values()):
        sidecar = sidecar.get(doc_id) or {}
        if not sidecar:
            return {}
    return validate_entry(dict(sidecar), source=f"{path} (sidecar)", doc_id=doc_id)


def load_document(
    path: Path,
    *,
    doc_id: str | None = None,
    max_bytes: int | None = None,
    sidecar: dict | None = None,
    max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES,
    max_zip_ratio: float = DEFAULT_MAX_ZIP_RATIO,
) -> SourceDocument:
    """Read ``path`` into a ``SourceDocument`` (canonical normalised text plus metadata).

    ``doc_id`` defaults to the file stem. ``sidecar`` is this document's ``metadata.yaml`` entry
    (or the whole mapping); its values win over what is inferred from the text. Raises
    ``IngestError`` naming the file for empty, oversized, unsupported, mislabelled, encrypted,
    image-only or undecodable files, for a DOCX that would unpack to more than
    ``max_inflated_bytes`` or compresses more than ``max_zip_ratio`` times (checked before it is
    parsed), and for text that is not language (binary or encoded data).
    """
    path = Path(path)
    doc_id = doc_id or path.stem
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        shown = f"'{path.suffix}'" if path.suffix else "(no extension)"
        raise IngestError(
            f"{path}: unsupported file type {shown} (supported: {', '.join(SUPPORTED_EXTENSIONS)})"
        )
    if not path.is_file():
        raise IngestError(f"{path}: file not found")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path}: empty file (0 bytes)")
    if max_bytes is not None and size > max_bytes:
        raise IngestError(
            f"{path}: file is too large ({size:,} bytes; the limit is {max_bytes:,} bytes)"
        )
    entry = _sidecar_entry(sidecar, doc_id, path)
    kind = check_kind(path, suffix)
    data = path.read_bytes()

    pages: tuple[tuple[int, int], ...] = ()
    meta: dict[str, Any]
    if kind == "pdf":
        text, meta, pages = load_pdf(path)
        raw = text
    elif kind == "docx":
        check_zip_inflation(path, max_inflated_bytes=max_inflated_bytes, max_ratio=max_zip_ratio)
        raw, meta = load_docx(path)
        text = normalize_text(raw)
    else:
        if kind == "html" or suffix in (".html", ".htm"):
            raw, meta = load_html(path, data)
        else:
            raw, encoding = decode_text(path, data)
            meta = {"encoding": encoding}
        check_text_is_language(path, raw)  # before normalising drops control characters
        text = normalize_text(raw)
    if not text.strip():
        raise IngestError(f"{path}: no text after extraction")
    check_text_is_language(path, text)

    native_title = meta.pop("native_title", "")
    inferred = infer_metadata(text, path)
    native = {"title": " ".join(native_title.split())[:TITLE_MAX_CHARS]} if native_title else {}
    file_meta = {
        "format": "markdown" if suffix == ".md" else kind,
        "file_name": path.name,
        "size_bytes": size,
        "sha256": hashlib.sha256(data).hexdigest(),
        **meta,
    }
    metadata = merge_metadata(file_meta, inferred, native, entry)
    if native or (entry or {}).get("title"):
        metadata.pop("display_title", None)  # a title the file or the sidecar states is shown as it is
    metadata.setdefault("title", doc_id)
    metadata.setdefault("type", "beleidstekst")
    log.debug("loaded %s as %s: %d chars, %d pages", path, doc_id, len(text), len(pages))
    return SourceDocument(
        doc_id=doc_id,
        path=str(path),
        text=text,
        title=metadata["title"],
        doc_type=metadata["type"],
        metadata=metadata,
        pages=pages,
    )
