"""Users file, password hashes and the login check; passwords never appear in output."""

from __future__ import annotations

import json
import logging

import pytest
from typer.testing import CliRunner

from ui.cli import _register_all, app as cli_app
from assistant.errors import ConfigError
from ui.auth import Authenticator, add_user, hash_password, is_admin, load_users, verify_password

FAST = {"n": 2**10, "r": 8, "p": 1}


def test_hash_and_verify():
    encoded = hash_password("geheim wachtwoord", **FAST)
    assert encoded.startswith("scrypt$1024$8$1$") and "geheim" not in encoded
    assert verify_password("geheim wachtwoord", encoded)
    assert not verify_password("Geheim wachtwoord", encoded)
    assert hash_password("x", **FAST) != hash_password("x", **FAST)  # salted


def test_pbkdf2_hashes_are_accepted():
    import base64
    import hashlib

    salt = b"0123456789abcdef"
    key = hashlib.pbkdf2_hmac("sha256", b"pw", salt, 1000)
    encoded = f"pbkdf2_sha256$1000${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"
    assert verify_password("pw", encoded) and not verify_password("pw2", encoded)


def test_load_line_and_json_formats(tmp_path):
    a, b = hash_password("a", **FAST), hash_password("b", **FAST)
    lines = tmp_path / "users"
    lines.write_text(f"# comment\nalice:{a}\n\nbob:{b}\n", encoding="utf-8")
    assert load_users(lines) == {"alice": a, "bob": b}
    as_json = tmp_path / "users.json"
    as_json.write_text(json.dumps({"alice": a}), encoding="utf-8")
    assert load_users(as_json) == {"alice": a}


def test_plain_text_password_is_refused_without_echo(tmp_path):
    path = tmp_path / "users"
    path.write_text("alice:hunter2\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_users(path)
    message = str(info.value)
    assert "regel 1" in message and "alice" in message and "convenant users add" in message
    assert "hunter2" not in message


@pytest.mark.parametrize("content", ["", "alice\n", "al ice:scrypt$1$1$1$AA==$AA==\n", "{not json"])
def test_bad_users_files(tmp_path, content):
    path = tmp_path / "users"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="gebruikersbestand"):
        load_users(path)


def test_add_user_creates_and_replaces(tmp_path):
    path = tmp_path / "conf" / "users"
    assert add_user(path, "alice", "eerste") is True
    assert add_user(path, "bob", "tweede") is True
    assert add_user(path, "alice", "derde") is False
    users = load_users(path)
    assert sorted(users) == ["alice", "bob"]
    assert verify_password("derde", users["alice"]) and not verify_password("eerste", users["alice"])
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert "derde" not in path.read_text(encoding="utf-8")


def test_authenticator_checks_and_never_logs_passwords(tmp_path, caplog):
    auth = Authenticator({"alice": hash_password("juist", **FAST)})
    caplog.set_level(logging.DEBUG)
    assert auth("alice", "juist") is True
    assert auth("alice", "fout-wachtwoord") is False
    assert auth("mallory", "juist") is False
    assert auth("", "") is False
    assert "fout-wachtwoord" not in caplog.text and "juist" not in caplog.text
    assert auth.usernames == ["alice"]


def test_is_admin():
    assert not is_admin(None, ()) and not is_admin("bob", ())
    assert is_admin("alice", ("alice",))
    assert not is_admin("bob", ("alice",)) and not is_admin(None, ("alice",))


def test_users_add_cli_reads_password_from_stdin(tmp_path, monkeypatch):
    _register_all()
    path = tmp_path / "users"
    monkeypatch.setenv("CONVENANT_USERS_FILE", str(path))
    result = CliRunner().invoke(cli_app, ["users", "add", "alice", "--password-stdin"], input="s3cret-pw\n")
    assert result.exit_code == 0, result.output
    assert "s3cret-pw" not in result.output
    assert verify_password("s3cret-pw", load_users(path)["alice"])
    bad = CliRunner().invoke(cli_app, ["users", "add", "kwaad naam", "--password-stdin"], input="x\n")
    assert bad.exit_code == 2 and "ongeldig" in bad.output
