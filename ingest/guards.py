"""Checks that bound the work one file can cause, run before and after parsing.

* ``check_zip_inflation``: a ZIP-based file (DOCX) is refused by the sizes its central directory
  declares, before any part is inflated, when it would unpack to more than a limit or a member
  compresses suspiciously well (a "zip bomb"). Python's ``zipfile`` never inflates a member past
  its declared size (it stops there and fails the CRC check), so the declared sizes bound memory.
* ``junk_text_reason``: text that is not language (random or binary bytes that happened to decode
  as cp1252, base64 blobs) is recognised by how much of it forms words.

Each refusal is an ``IngestError`` naming the file and the reason in one line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from assistant.errors import IngestError

__all__ = [
    "DEFAULT_MAX_INFLATED_BYTES",
    "DEFAULT_MAX_ZIP_RATIO",
    "MAX_ZIP_MEMBERS",
    "check_text_is_language",
    "check_zip_inflation",
    "junk_text_reason",
]

DEFAULT_MAX_INFLATED_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_ZIP_RATIO = 100.0
MAX_ZIP_MEMBERS = 10_000
# Members smaller than this are not judged by their ratio (tiny XML parts compress very well).
_RATIO_MIN_BYTES = 1024 * 1024

# A "word" is a run without white space, at most this long, mostly letters or digits.
_MAX_WORD_CHARS = 40
_MIN_ALNUM_SHARE = 0.6
# Real text (prose, tables of figures, lists) has well over 80 % of its characters in words;
# random bytes read as cp1252 have almost none (a space is 1 byte in 200).
MIN_WORD_SHARE = 0.5
_MIN_JUDGED_CHARS = 40
_SAMPLE_CHARS = 100_000


def _mb(n: float) -> str:
    return f"{n / 1_048_576:,.1f} MB"


def check_zip_inflation(
    path: Path,
    *,
    max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES,
    max_ratio: float = DEFAULT_MAX_ZIP_RATIO,
) -> None:
    """Raise ``IngestError`` when the ZIP at ``path`` would unpack to too much (see module doc)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(f"{path}: damaged ZIP container ({type(exc).__name__}: {exc})") from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise IngestError(
            f"{path}: refused: the container holds {len(infos):,} parts (limit {MAX_ZIP_MEMBERS:,})"
        )
    total = sum(info.file_size for info in infos)
    if total > max_inflated_bytes:
        raise IngestError(
            f"{path}: refused: it unpacks to {_mb(total)} (limit {_mb(max_inflated_bytes)}, "
            "CONVENANT_MAX_INFLATED_MB)"
        )
    for info in infos:
        if info.file_size < _RATIO_MIN_BYTES:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > max_ratio:
            raise IngestError(
                f"{path}: refused: part {info.filename!r} inflates {ratio:,.0f} times "
                f"({_mb(info.compress_size)} -> {_mb(info.file_size)}; limit {max_ratio:g}, "
                "CONVENANT_MAX_ZIP_RATIO): a compression bomb"
            )


def _sample(text: str) -> str:
    if len(text) <= 2 * _SAMPLE_CHARS:
        return text
    middle = len(text) // 2
    return text[:_SAMPLE_CHARS // 2] + " " + text[middle : middle + _SAMPLE_CHARS] + " " + text[-_SAMPLE_CHARS // 2 :]


def junk_text_reason(text: str) -> str | None:
    """Why ``text`` is not language (a short English reason), or None when it reads as text.

    Judged on a bounded sample: the share of non-space characters that are printable, and the
    share that belongs to word-like runs (at most 40 characters, mostly letters or digits).
    Too little text to judge (under 40 characters) is accepted.
    """
    sample = _sample(text)
    words = sample.split()
    visible = sum(len(w) for w in words)
    if visible < _MIN_JUDGED_CHARS:
        return None
    unprintable = sum(1 for w in words for ch in w if not ch.isprintable())
    if unprintable / visible > 0.05:
        return f"{unprintable / visible:.0%} of the characters are control codes: binary data, not text"
    in_words = 0
    for word in words:
        if len(word) <= _MAX_WORD_CHARS and sum(ch.isalnum() for ch in word) >= _MIN_ALNUM_SHARE * len(word):
            in_words += len(word)
    share = in_words / visible
    if share < MIN_WORD_SHARE:
        return (
            f"only {share:.0%} of the characters form words: this looks like binary or encoded "
            "data, not language"
        )
    return None


def check_text_is_language(path: Path, text: str) -> None:
    """Raise ``IngestError`` naming ``path`` when ``junk_text_reason`` finds ``text`` is not language."""
    reason = junk_text_reason(text)
    if reason is not None:
        raise IngestError(f"{path}: not readable text: {reason}")
