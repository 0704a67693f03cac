"""Users of the web app: a users file with hashed passwords, and the check Gradio's login calls.

The file holds one ``name:hash`` per line (``#`` starts a comment), or a JSON object
``{"name": "hash", ...}``. Hashes are ``scrypt$n$r$p$salt$key`` (written by :func:`hash_password`)
or ``pbkdf2_sha256$iterations$salt$key`` (salt and key base64). Plain-text passwords are refused.
Passwords and hashes are never logged or put in an error message.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path

from assistant.errors import ConfigError

__all__ = [
    "Authenticator",
    "add_user",
    "hash_password",
    "is_admin",
    "load_users",
    "may_upload",
    "upload_policy",
    "verify_password",
    "write_private",
]

log = logging.getLogger(__name__)

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
_MAX_PASSWORD = 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def hash_password(password: str, *, n: int = _SCRYPT["n"], r: int = _SCRYPT["r"], p: int = _SCRYPT["p"]) -> str:
    """An scrypt hash with a fresh random salt: ``scrypt$n$r$p$salt$key``."""
    if not password:
        raise ConfigError("het wachtwoord is leeg")
    if len(password) > _MAX_PASSWORD:
        raise ConfigError(f"het wachtwoord is langer dan {_MAX_PASSWORD} tekens")
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2**26, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(key)}"


def _known_scheme(encoded: str) -> bool:
    parts = encoded.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            int(parts[1]), int(parts[2]), int(parts[3]), _unb64(parts[4]), _unb64(parts[5])
            return True
        if parts[0] == "pbkdf2_sha256" and len(parts) == 4:
            int(parts[1]), _unb64(parts[2]), _unb64(parts[3])
            return True
    except ValueError:
        return False
    return False


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded``; False for a wrong password or an unusable hash."""
    if not isinstance(password, str) or len(password) > _MAX_PASSWORD:
        return False
    parts = encoded.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
            salt, key = _unb64(parts[4]), _unb64(parts[5])
            got = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2**26, dklen=len(key))
        elif parts[0] == "pbkdf2_sha256" and len(parts) == 4:
            iterations, salt, key = int(parts[1]), _unb64(parts[2]), _unb64(parts[3])
            got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations, dklen=len(key))
        else:
            return False
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got, key)


def _check_entry(name: str, encoded: str, where: str) -> None:
    if not _NAME.match(name):
        raise ConfigError(f"{where}: gebruikersnaam {name!r} is ongeldig (letters, cijfers, _ . @ -)")
    if not _known_scheme(encoded):
        # Never echo the value: it may be a plain-text password.
        raise ConfigError(
            f"{where}: het wachtwoord van {name!r} is geen scrypt- of pbkdf2-hash; "
            "zet het met `convenant users add NAAM`"
        )


def load_users(path: Path) -> dict[str, str]:
    """Read a users file into {name: hash}; raise ConfigError naming the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"gebruikersbestand {path}: niet leesbaar ({exc.strerror or exc})") from None
    users: dict[str, str] = {}
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ConfigError(f"gebruikersbestand {path}: geen geldige JSON (regel {getattr(exc, 'lineno', '?')})") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise ConfigError(f"gebruikersbestand {path}: verwacht een JSON-object {{\"naam\": \"hash\"}}")
        for name, encoded in data.items():
            _check_entry(name, encoded, f"gebruikersbestand {path}")
            users[name] = encoded
    else:
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, encoded = line.partition(":")
            if not sep:
                raise ConfigError(f"gebruikersbestand {path}, regel {number}: verwacht 'naam:hash'")
            name, encoded = name.strip(), encoded.strip()
            _check_entry(name, encoded, f"gebruikersbestand {path}, regel {number}")
            if name in users:
                raise ConfigError(f"gebruikersbestand {path}, regel {number}: gebruiker {name!r} staat er twee keer in")
            users[name] = encoded
    if not users:
        raise ConfigError(f"gebruikersbestand {path}: bevat geen gebruikers")
    return users


def write_private(path: Path, text: str) -> None:
    """Write a secrets file (users, API keys) atomically with mode 0600: a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_user(path: Path, name: str, password: str) -> bool:
    """Add or replace a user (the file keeps its format); returns True when the user is new.

    The file is written atomically with mode 0600.
    """
    path = Path(path)
    if not _NAME.match(name):
        raise ConfigError(f"gebruikersnaam {name!r} is ongeldig (letters, cijfers, _ . @ -)")
    users = load_users(path) if path.exists() and path.read_text(encoding="utf-8").strip() else {}
    is_json = path.exists() and path.read_text(encoding="utf-8").lstrip().startswith("{")
    new = name not in users
    users[name] = hash_password(password)
    if is_json:
        text = json.dumps(users, indent=1) + "\n"
    else:
        text = "# Convenantassistent users: naam:hash (beheer met `convenant users add NAAM`)\n"
        text += "".join(f"{user}:{encoded}\n" for user, encoded in users.items())
    write_private(path, text)
    return new


class Authenticator:
    """The ``auth`` callable for Gradio's login: (username, password) -> bool.

    Unknown users cost the same hash work as known ones, so timing does not tell which names exist.
    """

    def __init__(self, users: Mapping[str, str]) -> None:
        if not users:
            raise ConfigError("geen gebruikers om mee in te loggen")
        self._users = dict(users)
        self._dummy = hash_password(secrets.token_urlsafe(16))

    @classmethod
    def from_file(cls, path: Path) -> "Authenticator":
        return cls(load_users(path))

    @property
    def usernames(self) -> list[str]:
        return sorted(self._users)

    def __call__(self, username: str, password: str) -> bool:
        encoded = self._users.get(username or "")
        ok = verify_password(password or "", encoded or self._dummy) and encoded is not None
        if not ok:
            log.warning("login refused for user %r", (username or "")[:64])
        return ok


def is_admin(username: str | None, admin_users: tuple[str, ...] | list[str]) -> bool:
    """Is this logged-in user one of the configured admins? Nobody when none are configured."""
    return bool(username) and username in admin_users


def may_upload(username: str | None, *, admin_users: tuple[str, ...] | list[str], open_uploads: bool) -> bool:
    """May this user add documents to the index? Safe by default: only configured admins; everyone
    only with the explicit opt-in ``CONVENANT_OPEN_UPLOADS`` (a single-user laptop)."""
    if admin_users:
        return is_admin(username, admin_users)
    return open_uploads


def upload_policy(*, admin_users: tuple[str, ...] | list[str], open_uploads: bool, login: bool) -> str:
    """One Dutch line for ``serve`` saying who may upload documents, and how to change it."""
    if admin_users:
        if not login:
            return ("Uploaden: uit — CONVENANT_ADMIN_USERS is gezet maar er is geen gebruikersbestand "
                    "(CONVENANT_USERS_FILE), dus niemand kan zich als beheerder aanmelden.")
        return f"Uploaden: alleen beheerders ({', '.join(admin_users)})."
    if open_uploads:
        who = "elke aangemelde gebruiker" if login else "iedereen die de pagina bereikt"
        return f"Uploaden: open voor {who} (CONVENANT_OPEN_UPLOADS=1)."
    return ("Uploaden: uit — zet CONVENANT_ADMIN_USERS (met CONVENANT_USERS_FILE) of, op een laptop "
            "voor één gebruiker, CONVENANT_OPEN_UPLOADS=1.")
