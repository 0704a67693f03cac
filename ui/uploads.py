"""Uploaded documents: safe file names, checks by content, storage under data_dir/uploads, and an
ingest that keeps the index and the upload folder consistent when a file fails.

No Gradio here: the web app hands in the temporary paths of the uploaded files.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ConvenantError
from ingest.loaders import SUPPORTED_EXTENSIONS, sniff_type

__all__ = [
    "ALLOWED_KINDS",
    "UploadOutcome",
    "UploadRejected",
    "check_upload",
    "ingest_uploads",
    "sanitize_filename",
    "uploads_dir",
]

log = logging.getLogger(__name__)

#: Which content kinds (``sniff_type``) each extension accepts.
ALLOWED_KINDS: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"pdf"}),
    ".docx": frozenset({"docx"}),
    ".html": frozenset({"html", "text"}),
    ".htm": frozenset({"html", "text"}),
    ".md": frozenset({"text", "html"}),
    ".txt": frozenset({"text", "html"}),
}
assert set(ALLOWED_KINDS) == set(SUPPORTED_EXTENSIONS)

_KIND_NL = {
    "pdf": "een PDF",
    "docx": "een Word-document (DOCX)",
    "xlsx": "een Excel-werkmap",
    "pptx": "een PowerPoint-bestand",
    "odf": "een OpenDocument-bestand",
    "zip": "een ZIP-archief",
    "ole": "een oud of beveiligd Office-bestand",
    "rtf": "een RTF-document",
    "image": "een afbeelding",
    "binary": "binaire gegevens",
    "html": "HTML",
    "text": "platte tekst",
    "empty": "leeg",
}
_STEM_MAX = 80
_BACKUP_DIR = ".vorige"


class UploadRejected(ConvenantError):
    """An uploaded file is refused before ingest; the message is Dutch and names the file."""


def uploads_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "uploads"


def sanitize_filename(name: str) -> str:
    """A safe file name for the upload folder: no directories, only ASCII letters, digits, ``_-``,
    one lower-case extension. ``../../etc/passwd.txt`` -> ``passwd.txt``."""
    base = str(name).replace("\\", "/").split("/")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("._-")[:_STEM_MAX].strip("._-")
    ext = re.sub(r"[^a-z0-9]+", "", ext.lower())
    if not stem:
        stem = "document"
    return f"{stem}.{ext}" if ext else stem


def check_upload(path: Path, original_name: str, *, max_bytes: int) -> str:
    """Return the sanitised name of an acceptable upload, or raise UploadRejected (Dutch reason).

    Checks the extension, the size and the content (a PDF must be a PDF, a DOCX a DOCX, text must
    be text), not only the extension.
    """
    shown = Path(str(original_name).replace("\\", "/")).name or "bestand"
    safe = sanitize_filename(original_name)
    suffix = Path(safe).suffix
    if suffix not in ALLOWED_KINDS:
        allowed = ", ".join(sorted(ALLOWED_KINDS))
        raise UploadRejected(f"{shown}: bestandstype '{suffix or 'zonder extensie'}' is niet toegestaan (toegestaan: {allowed})")
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise UploadRejected(f"{shown}: bestand niet leesbaar ({exc.strerror or exc})") from exc
    if size == 0:
        raise UploadRejected(f"{shown}: het bestand is leeg")
    if size > max_bytes:
        raise UploadRejected(
            f"{shown}: te groot ({size / 1_048_576:.1f} MB; de limiet is {max_bytes / 1_048_576:.0f} MB)"
        )
    try:
        kind = sniff_type(Path(path))
    except ConvenantError as exc:
        raise UploadRejected(f"{shown}: inhoud niet leesbaar") from exc
    if kind not in ALLOWED_KINDS[suffix]:
        raise UploadRejected(
            f"{shown}: de inhoud is {_KIND_NL.get(kind, kind)}, niet wat de extensie '{suffix}' belooft"
        )
    return safe


@dataclass
class UploadOutcome:
    """What happened to each uploaded file."""

    added: list[str] = field(default_factory=list)  # sanitised file names now searchable
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (shown name, Dutch reason)
    report: Any = None  # the IngestReport, when an ingest ran

    @property
    def ok(self) -> bool:
        return not self.rejected


def _backup(target: Path) -> Path | None:
    if not target.exists():
        return None
    folder = target.parent / _BACKUP_DIR
    folder.mkdir(exist_ok=True)
    backup = folder / target.name
    os.replace(target, backup)
    return backup


def ingest_uploads(
    files: Sequence[tuple[Path, str]],
    *,
    folder: Path,
    max_bytes: int,
    known_documents: dict[str, str],
    ingest_files: Callable[..., Any],
    progress: Callable[[int, int], None] | None = None,
) -> UploadOutcome:
    """Check, store and ingest uploaded files.

    ``files`` are (temporary path, original name); ``known_documents`` maps doc id -> stored path
    ("" when unknown) of the indexed documents: a name that would replace a document that was not
    uploaded (a corpus document) is refused;
    ``ingest_files(paths, progress=...)`` is the ingest (:func:`ui.indexing.indexer`). A file the ingest rejects is
    removed again (its previous version, if any, is restored), so the upload folder and the index
    keep agreeing; the index itself is swapped only on success by the pipeline.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    outcome = UploadOutcome()
    staged: dict[Path, tuple[str, Path | None]] = {}  # stored path -> (shown name, backup)
    stems: set[str] = set()
    for temp_path, original in files:
        shown = Path(str(original).replace("\\", "/")).name or "bestand"
        try:
            safe = check_upload(Path(temp_path), original, max_bytes=max_bytes)
            target = (folder / safe).resolve()
            if target.parent != root:  # belt and braces: never outside the upload folder
                raise UploadRejected(f"{shown}: ongeldige bestandsnaam")
            doc_id = target.stem
            if doc_id in stems:
                raise UploadRejected(f"{shown}: een ander bestand in deze upload heeft dezelfde naam ({doc_id})")
            if doc_id in known_documents and not _uploaded(doc_id, known_documents[doc_id], root):
                raise UploadRejected(
                    f"{shown}: de naam '{doc_id}' is al in gebruik door een document uit het corpus; hernoem het bestand"
                )
        except UploadRejected as exc:
            outcome.rejected.append((shown, str(exc)))
            continue
        stems.add(doc_id)
        backup = _backup(target)
        temp = target.with_name(f".{target.name}.part")
        shutil.copyfile(temp_path, temp)
        os.replace(temp, target)
        staged[target] = (shown, backup)
    if not staged:
        return outcome
    try:
        report = ingest_files(list(staged), progress=progress)
    except Exception:
        for target, (_, backup) in staged.items():
            _restore(target, backup)
        raise
    outcome.report = report
    failed = {_resolved(f.get("path", "")): f.get("reason", "") for f in getattr(report, "failed", [])}
    for target, (shown, backup) in staged.items():
        reason = failed.get(target)
        if reason is not None:
            _restore(target, backup)
            outcome.rejected.append((shown, f"{shown}: kon niet geïndexeerd worden ({reason})"))
            continue
        if backup is not None:
            backup.unlink(missing_ok=True)
        for other in _same_stem(folder, target):
            other.unlink(missing_ok=True)  # an older version with another extension
        outcome.added.append(target.name)
    return outcome


def _uploaded(doc_id: str, stored_path: str, root: Path) -> bool:
    """Was this indexed document an upload? By its stored path, else by a file of that name."""
    if stored_path:
        try:
            return Path(stored_path).resolve().is_relative_to(root)
        except OSError:
            return False
    return any(p.is_file() and p.stem == doc_id for p in root.iterdir())


def _resolved(path: str) -> Path:
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path)


def _restore(target: Path, backup: Path | None) -> None:
    target.unlink(missing_ok=True)
    if backup is not None and backup.exists():
        os.replace(backup, target)


def _same_stem(folder: Path, target: Path) -> Iterable[Path]:
    return [p for p in folder.iterdir() if p.is_file() and p.stem == target.stem and p != target
            and not p.name.startswith(".")]
