"""Load one file (txt, md, html, pdf, docx) into a ``SourceDocument`` with canonical text.

Every format is first turned into markdown-like text (``#`` headings, ``- `` items, pipe-table
rows), then through ``normalize_text``; ``SourceDocument.text`` is what chunk spans point into.
The file type is checked by content, not only by extension (``sniff_type``), and every refusal
is an ``IngestError`` whose one-line message names the file and the reason.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import IngestError
from assistant.types import SourceDocument
from ingest.guards import (
    DEFAULT_MAX_INFLATED_BYTES,
    DEFAULT_MAX_ZIP_RATIO,
    check_text_is_language,
    check_zip_inflation,
)
from ingest.metadata import TITLE_MAX_CHARS, infer_metadata, merge_metadata, validate_entry
from ingest.normalize import normalize_text

__all__ = ["SUPPORTED_EXTENSIONS", "load_document", "sniff_type"]

log = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

# Which sniffed content kinds each extension accepts.
_ACCEPTS = {
    ".txt": {"text", "html"},
    ".md": {"text", "html"},
    ".html": {"html", "text"},
    ".htm": {"html", "text"},
    ".pdf": {"pdf"},
    ".docx": {"docx"},
}
_KIND_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word document (DOCX)",
    "xlsx": "an Excel workbook (XLSX)",
    "pptx": "a PowerPoint file (PPTX)",
    "odf": "an OpenDocument file",
    "zip": "a ZIP archive",
    "ole": "a legacy or password-protected Office file (.doc/.xls/encrypted .docx)",
    "rtf": "an RTF document",
    "image": "an image",
    "binary": "binary data",
    "html": "HTML",
    "text": "plain text",
    "empty": "empty",
}
_EXPECTED = {
    ".txt": "text",
    ".md": "markdown text",
    ".html": "HTML",
    ".htm": "HTML",
    ".pdf": "a PDF",
    ".docx": "a DOCX",
}
_SNIFF_BYTES = 4096


def _reason(exc: BaseException) -> str:
    """A third-party exception as one short line for an ``IngestError`` message."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 200 else text[:199] + "…"


# --- type sniffing -------------------------------------------------------------------------------


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "binary"
    if "word/document.xml" in names:
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if any(name.startswith("ppt/") for name in names):
        return "pptx"
    if "content.xml" in names and "mimetype" in names:
        return "odf"
    return "zip"


def _sniff_bytes(head: bytes) -> str:
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return "binary"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or re.search(
        rb"<html[\s>]|<head[\s>]|<body[\s>]", lowered[:2048]
    ):
        return "html"
    return "text"


def sniff_type(path: Path) -> str:
    """What the file contains, judged by its bytes: 'pdf', 'docx', 'html', 'text', 'empty',
    or another kind we do not load ('xlsx', 'pptx', 'odf', 'zip', 'ole', 'rtf', 'image',
    'binary')."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise IngestError(f"{path}: cannot read file ({_reason(exc)})") from exc
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    return _sniff_bytes(head)


# --- text decoding -------------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding): UTF-8 (BOM stripped), UTF-16 with BOM, else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(f"{path}: undecodable UTF-16 text at byte {exc.start}") from exc
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"{path}: undecodable text: not UTF-8 (byte 0x{data[utf8_error.start]:02x} at "
                f"offset {utf8_error.start}) and not cp1252 (byte 0x{data[exc.start]:02x} at "
                f"offset {exc.start})"
            ) from exc


# --- HTML ----------------------------------------------------------------------------------------

_HTML_DROP = ("script", "style", "nav", "aside", "form", "noscript", "template", "iframe", "svg",
              "button", "select", "dialog")
# Page header and footer are site chrome; an <article>'s own header holds its title, so stays.
_HTML_CHROME = ("header", "footer")
_HTML_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "address", "figure",
                "figcaption", "dl", "dt", "dd", "pre", "hr", "center", "details", "summary"}
_WS_RE = re.compile(r"\s+")


def _html_cell(node: Any) -> str:
    """A table cell as one line; paragraphs and items stay marked so normalize can split them."""
    text = _html_render(node)
    parts = [_WS_RE.sub(" ", part).strip() for part in text.split("\n")]
    return " <br> ".join(part for part in parts if part).replace("|", "¦")


def _html_table(table: Any) -> str:
    rows = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue  # rows of a nested table are rendered inside their cell
        cells = [_html_cell(cell) for cell in row.find_all(["td", "th"], recursive=False)]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return "\n\n" + "\n".join(rows) + "\n\n"


def _html_render(node: Any) -> str:
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    out: list[str] = []
    for child in node.children:
        if isinstance(child, PreformattedString):
            continue  # comments, doctype, processing instructions
        if isinstance(child, NavigableString):
            out.append(_WS_RE.sub(" ", str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if re.fullmatch(r"h[1-6]", name):
            heading = _WS_RE.sub(" ", child.get_text(" ")).strip()
            if heading:
                out.append(f"\n\n{'#' * int(name[1])} {heading}\n\n")
        elif name == "br":
            out.append("\n")
        elif name == "li":
            item = re.sub(r"\n{2,}", "\n", _html_render(child)).strip()
            out.append(f"\n- {item}" if item else "")
        elif name in ("ul", "ol"):
            out.append("\n" + _html_render(child) + "\n")
        elif name == "table":
            out.append(_html_table(child))
        elif name == "input" and (child.get("type") or "").lower() == "checkbox":
            out.append("\n[x] " if child.has_attr("checked") else "\n[ ] ")
        elif name in _HTML_BLOCKS or name in ("tr", "tbody", "thead", "tfoot"):
            out.append("\n\n" + _html_render(child) + "\n\n")
        else:
            out.append(_html_render(child))
    return "".join(out)


def _load_html(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    from bs4 import BeautifulSoup

    markup, encoding = _decode(path, data)
    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception as exc:  # bs4 raises FeatureNotFound or parser errors
        raise IngestError(f"{path}: HTML could not be parsed ({_reason(exc)})") from exc
    title = ""
    if soup.title and soup.title.get_text(strip=True):
        title = _WS_RE.sub(" ", soup.title.get_text(" ")).strip()
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(_HTML_CHROME):
        if tag.find_parent("article") is None:
            tag.decompose()
    for tag in soup.select('[role="navigation"], [aria-hidden="true"], [hidden]'):
        tag.decompose()
    if not title:
        h1 = soup.find("h1")
        if h1:
            title = _WS_RE.sub(" ", h1.get_text(" ")).strip()
    root = soup.body or soup
    text = _html_render(root)
    # Lines inside a block are separated by single newlines; make blocks explicit.
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return text, {"encoding": encoding, "native_title": title}


# --- DOCX ----------------------------------------------------------------------------------------

_HEADING_STYLE_RE = re.compile(r"^(?:heading|kop)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "titel"}
_LIST_STYLE_RE = re.compile(r"^(?:list|lijst)", re.IGNORECASE)


def _docx_paragraph_text(p_element: Any) -> str:
    """All visible text of a <w:p>, including hyperlinks, content controls and insertions."""
    from docx.oxml.ns import qn

    parts: list[str] = []
    for node in p_element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _docx_style_name(paragraph: Any) -> str:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return ""
    return (style.name or "") if style is not None else ""


def _docx_paragraph(paragraph: Any) -> str:
    text = _docx_paragraph_text(paragraph._p).strip()
    if not text:
        return ""
    style = _docx_style_name(paragraph)
    heading = _HEADING_STYLE_RE.match(style)
    if heading:
        return f"{'#' * int(heading.group(1))} {' '.join(text.split())}"
    if style.lower() in _TITLE_STYLES:
        return f"# {' '.join(text.split())}"
    p_pr = paragraph._p.pPr
    if _LIST_STYLE_RE.match(style) or (p_pr is not None and p_pr.numPr is not None):
        return f"- {text}"
    return text


def _docx_blocks(parent: Any, container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or cell in document order (content controls unwrapped)."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(parent, content)


def _docx_cell(cell: Any) -> str:
    from docx.table import Table

    parts: list[str] = []
    for block in _docx_blocks(cell, cell._tc):
        if isinstance(block, Table):
            for row in _docx_rows(block):
                parts.append(" / ".join(row))
            continue
        line = _docx_paragraph(block)
        if line:
            parts.append(line.replace("\n", " <br> "))
    return " <br> ".join(parts).replace("|", "¦")


def _docx_rows(table: Any) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is reported once per grid column it spans
            seen.add(id(cell._tc))
            cells.append(_docx_cell(cell))
        if any(cells):
            rows.append(cells)
    return rows


def _load_docx(path: Path) -> tuple[str, dict[str, Any]]:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # PackageNotFoundError, BadZipFile, XMLSyntaxError, KeyError, ...
        raise IngestError(f"{path}: not a valid DOCX ({_reason(exc)})") from exc
    parts: list[str] = []
    previous = ""
    for block in _docx_blocks(document, document.element.body):
        if isinstance(block, Table):
            rows = _docx_rows(block)
            current = "\n".join("| " + " | ".join(row) + " |" for row in rows)
        else:
            current = _docx_paragraph(block)
        if not current:
            continue
        # Items of one list stay together; every other block is its own paragraph.
        together = previous.startswith("- ") and current.startswith("- ")
        parts.append(("\n" if together else "\n\n") + current if parts else current)
        previous = current
    text = "".join(parts)
    title = (document.core_properties.title or "").strip()
    return text, {"native_title": title}


# --- PDF -----------------------------------------------------------------------------------------

_JUNK_PDF_TITLE_RE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - |untitled|naamloos)|\.(?:docx?|pptx?|pdf)$", re.I
)


def _load_pdf(path: Path) -> tuple[str, dict[str, Any], tuple[tuple[int, int], ...]]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                readable = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except (DependencyError, NotImplementedError) as exc:
                raise IngestError(
                    f"{path}: PDF is versleuteld/encrypted ({_reason(exc)})"
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
                    f"{path}: text extraction failed on page {number} ({_reason(exc)})"
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
        raise IngestError(f"{path}: PDF is versleuteld/encrypted ({_reason(exc)})") from exc
    except Exception as exc:  # PdfReadError and the many errors of damaged files
        raise IngestError(f"{path}: PDF could not be read ({_reason(exc)})") from exc

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
    # Each page's normalised text appears verbatim in ``text`` (only the separator after it
    # can change), so its start is found from where the previous page ends.
    pages: list[tuple[int, int]] = []
    cursor = 0
    for number, page_text in with_text:
        found = text.find(page_text[:200], cursor)
        start = found if found >= 0 else cursor
        pages.append((number, start))
        cursor = start + len(page_text)
    empty = [number for number, page_text in page_texts if not page_text]
    if empty:
        log.warning("%s: %d page(s) without a text layer: %s", path, len(empty), empty)
    meta: dict[str, Any] = {"page_count": len(pages_raw)}
    if empty:
        meta["pages_without_text"] = ", ".join(map(str, empty))
    if info_title and not _JUNK_PDF_TITLE_RE.search(info_title):
        meta["native_title"] = info_title
    return text, meta, tuple(pages)


# --- entry point ---------------------------------------------------------------------------------


def _check_kind(path: Path, suffix: str) -> str:
    kind = sniff_type(path)
    if kind == "empty":
        raise IngestError(f"{path}: empty file (0 bytes)")
    if kind not in _ACCEPTS[suffix]:
        found = _KIND_NAMES.get(kind, kind)
        raise IngestError(
            f"{path}: content is {found}, not {_EXPECTED[suffix]} as the extension "
            f"'{suffix}' says"
        )
    return kind


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
    kind = _check_kind(path, suffix)
    data = path.read_bytes()

    pages: tuple[tuple[int, int], ...] = ()
    meta: dict[str, Any]
    if kind == "pdf":
        text, meta, pages = _load_pdf(path)
        raw = text
    elif kind == "docx":
        check_zip_inflation(path, max_inflated_bytes=max_inflated_bytes, max_ratio=max_zip_ratio)
        raw, meta = _load_docx(path)
        text = normalize_text(raw)
    else:
        if kind == "html" or suffix in (".html", ".htm"):
            raw, meta = _load_html(path, data)
        else:
            raw, encoding = _decode(path, data)
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
