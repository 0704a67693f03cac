"""API keys for the HTTP API: a keys file with hashed keys, and the check a request goes through.

A key is ``ca_`` + 43 random URL-safe characters (256 bits), shown once by
``convenant keys add NAME`` and never stored: the file keeps one line per key,
``name:key_id:sha256$hexdigest:created``. ``key_id`` (the first characters after ``ca_``) lets an
operator tell keys apart in ``convenant keys list`` without revealing them. A plain SHA-256 is the
right hash here (unlike passwords): the keys are long random secrets, so there is nothing to
brute-force, and every request can be checked in microseconds. Keys and hashes are never logged.

The file is re-read when it changes on disk, so a key added or removed while the server runs takes
effect on the next request.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant.errors import ConfigError
from ui.auth import write_private

__all__ = ["KEY_PREFIX", "ApiKey", "KeyRing", "add_key", "hash_key", "load_keys", "remove_keys"]

log = logging.getLogger(__name__)

KEY_PREFIX = "ca_"
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
_HASH = re.compile(r"^sha256\$[0-9a-f]{64}$")
_ID_CHARS = 8
_MAX_KEY = 256


@dataclass(frozen=True)
class ApiKey:
    """One stored key: its owner, a short public id, the hash and when it was made."""

    name: str
    key_id: str
    hashed: str
    created: str = ""

    def line(self) -> str:
        return f"{self.name}:{self.key_id}:{self.hashed}:{self.created}"


def hash_key(key: str) -> str:
    """``sha256$hexdigest`` of a key."""
    return "sha256$" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def load_keys(path: Path) -> list[ApiKey]:
    """Read a keys file; a missing file holds no keys. Raise ConfigError naming the file and line."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"sleutelbestand {path}: niet leesbaar ({getattr(exc, 'strerror', None) or exc})") from None
    keys: list[ApiKey] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":", 3)
        where = f"sleutelbestand {path}, regel {number}"
        if len(parts) < 3:
            raise ConfigError(f"{where}: verwacht 'naam:id:sha256$hash:datum'")
        name, key_id, hashed = parts[0].strip(), parts[1].strip(), parts[2].strip()
        if not _NAME.match(name):
            raise ConfigError(f"{where}: naam {name!r} is ongeldig (letters, cijfers, _ . @ -)")
        if not _HASH.match(hashed):
            # Never echo the value: it may be a key pasted in by hand.
            raise ConfigError(f"{where}: de sleutel van {name!r} is geen sha256-hash; maak sleutels met `convenant keys add NAAM`")
        keys.append(ApiKey(name, key_id, hashed, parts[3].strip() if len(parts) > 3 else ""))
    return keys


def _write(path: Path, keys: list[ApiKey]) -> None:
    text = "# Convenantassistent API-sleutels: naam:id:hash:datum (beheer met `convenant keys add NAAM`)\n"
    text += "".join(k.line() + "\n" for k in keys)
    write_private(path, text)


def add_key(path: Path, name: str) -> tuple[str, ApiKey]:
    """Make a new key for ``name`` and store its hash (file mode 0600); returns (key, record).

    The key itself is returned once and not kept anywhere.
    """
    if not _NAME.match(name or ""):
        raise ConfigError(f"naam {name!r} is ongeldig (letters, cijfers, _ . @ -)")
    path = Path(path)
    keys = load_keys(path)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = ApiKey(name, key[len(KEY_PREFIX):len(KEY_PREFIX) + _ID_CHARS], hash_key(key),
                    datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    _write(path, keys + [record])
    return key, record


def remove_keys(path: Path, name: str, key_id: str | None = None) -> int:
    """Remove the keys of ``name`` (only the one with ``key_id`` when given); returns how many."""
    path = Path(path)
    keys = load_keys(path)
    kept = [k for k in keys if not (k.name == name and (key_id is None or k.key_id == key_id))]
    if len(kept) != len(keys):
        _write(path, kept)
    return len(keys) - len(kept)


class KeyRing:
    """The keys of a keys file, re-read when the file changes: ``owner(key) -> name | None``."""

    def __init__(self, path: Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._by_hash: dict[str, str] = {}

    def _current(self) -> dict[str, str]:
        if self.path is None:
            return {}
        try:
            stat = self.path.stat()
            stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        with self._lock:
            if stamp != self._stamp:
                try:
                    keys = load_keys(self.path) if stamp is not None else []
                except ConfigError:
                    # Refuse every key rather than accept keys from a file we cannot read whole.
                    log.exception("API keys file unreadable; every API key is refused")
                    keys = []
                self._by_hash = {k.hashed: k.name for k in keys}
                self._stamp = stamp
            return self._by_hash

    def __len__(self) -> int:
        return len(self._current())

    def owner(self, key: str | None) -> str | None:
        """The name a valid key belongs to; None for a missing, malformed or unknown key."""
        if not key or len(key) > _MAX_KEY or not key.startswith(KEY_PREFIX):
            return None
        hashed = hash_key(key)
        found = None
        for stored, name in self._current().items():
            if hmac.compare_digest(stored, hashed):
                found = name
        return found
