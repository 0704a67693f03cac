"""What a file is, judged by its bytes (``sniff_type``), whether that matches its extension
(``check_kind``), and how its text bytes decode. Every refusal is an ``IngestError`` naming the
file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from assistant.errors import IngestError

__all__ = ["SUPPORTED_EXTENSIONS", "check_kind", "decode_text", "reason", "sniff_type"]

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


def reason(exc: BaseException) -> str:
    """A third-party exception as one short line for an ``IngestError`` message."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 200 else text[:199] + "…"



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
        raise IngestError(f"{path}: cannot read file ({reason(exc)})") from exc
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    return _sniff_bytes(head)


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
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



def check_kind(path: Path, suffix: str) -> str:
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
