"""DOCX to markdown-like text: heading styles as ``#``, list styles as ``- ``, tables as pipe
rows, in document order; the core-properties title kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import IngestError
from ingest.filetype import reason

__all__ = ['load_docx']

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


def load_docx(path: Path) -> tuple[str, dict[str, Any]]:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # PackageNotFoundError, BadZipFile, XMLSyntaxError, KeyError, ...
        raise IngestError(f"{path}: not a valid DOCX ({reason(exc)})") from exc
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
