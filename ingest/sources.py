"""A folder's sources list (``SOURCES.md``): a Markdown table that gives each document file its
public address ("| werk-be-sectoraal-beleid.txt | https://www.werk.be/... | what it is |"), as
collections of public texts often come. The address is document metadata (``source``): citations
show it, so a helpdesk answer can point at the public page. (Read as the document's publisher in
the answer signals it cost answers on unseen questions; eval/HISTORY.md.) The file
describes the folder and is no document itself. A row may name its file with or without its
extension, or by its path ("pages/x.txt"). Rows that name no file of the folder or give no address are left out; a file the list does not name simply has no source."""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["SOURCES_NAME", "read_sources"]

log = logging.getLogger(__name__)

SOURCES_NAME = "SOURCES.md"
_ADDRESS = re.compile(r"https?://[^\s|<>)\]]+", re.IGNORECASE)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def read_sources(folder: Path) -> dict[str, dict[str, Any]]:
    """{file stem: {"source": address}} from ``folder/SOURCES.md``; {} when there is none. A file
    that cannot be read as UTF-8 is skipped with a warning naming it (the documents still load)."""
    path = Path(folder) / SOURCES_NAME
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("%s: bronnenlijst niet leesbaar (%s); documenten zonder bronadres", path, exc)
        return {}
    names = [p for p in Path(folder).iterdir() if p.is_file() and p.name != SOURCES_NAME]
    files = {p.name: p.stem for p in names}
    # a row may name its file without the extension ("| werk-be-sectoraal-beleid | https://..."),
    # when no two files of the folder share that stem
    stems = Counter(p.stem for p in names)
    files.update({stem: stem for stem, n in stems.items() if n == 1 and stem not in files})
    sources: dict[str, dict[str, Any]] = {}
    for line in text.splitlines():
        if not line.lstrip().startswith("|"):
            continue
        cells = [cell.strip().strip("`") for cell in _CELL_SPLIT.split(line.strip().strip("|"))]
        # a file named by its path in the folder ("pages/x.txt") is named by its file name
        stem = next((files[name] for cell in cells if (name := cell.rsplit("/", 1)[-1]) in files), None)
        address = next((m.group(0) for cell in cells if (m := _ADDRESS.search(cell))), None)
        if stem and address:
            sources.setdefault(stem, {"source": address.rstrip(".,;")})
    return sources
