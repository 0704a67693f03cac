"""HTML to markdown-like text: page chrome (navigation, scripts, headers outside articles) dropped,
headings as ``#``, list items as ``- ``, tables as pipe rows; the page title kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.errors import IngestError
from ingest.filetype import decode_text, reason

__all__ = ['load_html']

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


def load_html(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    from bs4 import BeautifulSoup

    markup, encoding = decode_text(path, data)
    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception as exc:  # bs4 raises FeatureNotFound or parser errors
        raise IngestError(f"{path}: HTML could not be parsed ({reason(exc)})") from exc
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
