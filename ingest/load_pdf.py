"""PDF to normalised text with page starts: encrypted and image-only PDFs refused (no OCR),
pages without a text layer reported, a meaningful document-info title kept."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from assistant.errors import IngestError
from ingest.filetype import reason
from ingest.normalize import normalize_text

log = logging.getLogger(__name__)

__all__ = ['load_pdf']

_JUNK_PDF_TITLE_RE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - |untitled|naamloos)|\.(?:docx?|pptx?|pdf)$", re.I
)


def load_pdf(path: Path) -> tuple[str, dict[str, Any], tuple[tuple[int, int], ...]]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                readable = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except (DependencyError, NotImplementedError) as exc:
                raise IngestError(
                    f"{path}: PDF is versleuteld/encrypted ({reason(exc)})"
                ) from exc
            if not readable:
                raise IngestError(
                    f"{path}: PDF is versleuteld/encrypted (a password is needed to open it)"
                )
        pages_raw = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages_raw.append(page.extract_text() or "")
            except Exception as exc:  # pypdf raises many types on damaged content streams
                raise IngestError(
                    f"{path}: text extraction failed on page {number} ({reason(exc)})"
                ) from exc
        info_title = ""
        try:
            info = reader.metadata
            info_title = str(info.title or "").strip() if info else ""
        except Exception:  # damaged info dictionary: the title is optional
            info_title = ""
    except IngestError:
        raise
    except FileNotDecryptedError as exc:
        raise IngestError(f"{path}: PDF is versleuteld/encrypted ({reason(exc)})") from exc
    except Exception as exc:  # PdfReadError and the many errors of damaged files
        raise IngestError(f"{path}: PDF could not be read ({reason(exc)})") from exc

    page_texts = [(number, normalize_text(raw)) for number, raw in enumerate(pages_raw, start=1)]
    with_text = [(number, text) for number, text in page_texts if text]
    if not with_text:
        raise IngestError(
            f"{path}: geen tekstlaag: OCR wordt niet ondersteund "
            f"(PDF has no text layer, {len(pages_raw)} page(s); OCR is not supported)"
        )
    # Re-normalise the whole: a sentence cut by a page break is joined like any broken line,
    # and the document text stays a fixed point of normalize_text. Page starts are found back.
    text = normalize_text("\n\n".join(text for _, text in with_text))
    pages: list[tuple[int, int]] = []
    cursor = 0
    for number, page_text in with_text:
        start = _page_start(text, page_text, cursor)
        pages.append((number, start))
        cursor = start + len(page_text) // 2
    empty = [number for number, page_text in page_texts if not page_text]
    if empty:
        log.warning("%s: %d page(s) without a text layer: %s", path, len(empty), empty)
    meta: dict[str, Any] = {"page_count": len(pages_raw)}
    if empty:
        meta["pages_without_text"] = ", ".join(map(str, empty))
    if info_title and not _JUNK_PDF_TITLE_RE.search(info_title):
        meta["native_title"] = info_title
    return text, meta, tuple(pages)


_PAGE_KEY_WORDS = 8
_PAGE_HEADER_LINES = 2  # a running header and a page number


def _page_start(text: str, page_text: str, cursor: int) -> int:
    """Where ``page_text`` opens in the whole ``text``, searched after the first half of the
    previous page. The whole text is read again (a hard-wrapped document's lines are joined and
    its paragraphs set apart across pages), so a page is found by its first words with any white
    space between them: at the start of a line, or else anywhere (a sentence the page break cut is
    joined). The first line alone is no key: a page number ("3") is found inside any figure. A
    running header the whole text drops (ingest.pagemarks) is passed over: the page then starts
    at its next line."""
    lines = [line for line in page_text.split("\n") if line]
    for skip in range(min(_PAGE_HEADER_LINES + 1, len(lines))):
        key = r"\s+".join(map(re.escape, " ".join(lines[skip:]).split()[:_PAGE_KEY_WORDS]))
        for pattern in (rf"(?m)^{key}", key):
            found = re.compile(pattern).search(text, cursor)
            if found:
                return found.start()
    return cursor
