"""API keys: hashed at rest, checked per request, managed with `convenant keys`."""

from __future__ import annotations

import logging
import os

import pytest
from typer.testing import CliRunner

from ui.cli import _register_all, app as cli_app
from assistant.errors import ConfigError
from ui.keys import KEY_PREFIX, KeyRing, add_key, hash_key, load_keys, remove_keys


def test_add_stores_only_a_hash(tmp_path):
    path = tmp_path / "conf" / "api_keys"
    key, record = add_key(path, "helpdesk")
    assert key.startswith(KEY_PREFIX) and len(key) == len(KEY_PREFIX) + 43
    text = path.read_text(encoding="utf-8")
    assert key not in text and key[len(KEY_PREFIX):] not in text
    assert record.hashed == hash_key(key) and record.hashed in text and record.key_id == key[3:11]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert load_keys(path) == [record]
    other, _ = add_key(path, "helpdesk")
    assert other != key and len(load_keys(path)) == 2


def test_keyring_checks_and_follows_the_file(tmp_path):
    path = tmp_path / "api_keys"
    ring = KeyRing(path)
    assert len(ring) == 0 and ring.owner("ca_iets") is None
    key, _ = add_key(path, "helpdesk")
    assert ring.owner(key) == "helpdesk"
    for wrong in (None, "", key[:-1], key + "x", key[3:], "ca_" + "x" * 300, key.upper()):
        assert ring.owner(wrong) is None
    admin_key, record = add_key(path, "beheer")
    assert ring.owner(admin_key) == "beheer"
    assert remove_keys(path, "beheer", record.key_id) == 1 and remove_keys(path, "beheer") == 0
    assert ring.owner(admin_key) is None and ring.owner(key) == "helpdesk"


def test_a_broken_keys_file_refuses_every_key(tmp_path, caplog):
    path = tmp_path / "api_keys"
    key, _ = add_key(path, "helpdesk")
    ring = KeyRing(path)
    assert ring.owner(key) == "helpdesk"
    path.write_text(path.read_text(encoding="utf-8") + "bob:1234:ca_plaintextkey:\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_keys(path)
    assert "regel 3" in str(info.value) and "bob" in str(info.value) and "ca_plaintextkey" not in str(info.value)
    caplog.set_level(logging.WARNING)
    assert ring.owner(key) is None
    assert key not in caplog.text and "ca_plaintextkey" not in caplog.text


@pytest.mark.parametrize("name", ["", "met spatie", "a:b", "x" * 65])
def test_bad_names_are_refused(tmp_path, name):
    with pytest.raises(ConfigError, match="ongeldig"):
        add_key(tmp_path / "api_keys", name)


def test_keys_cli_add_list_remove(tmp_path, monkeypatch):
    _register_all()
    monkeypatch.setenv("CONVENANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CONVENANT_API_KEYS_FILE", raising=False)
    runner = CliRunner()
    added = runner.invoke(cli_app, ["keys", "add", "helpdesk"])
    assert added.exit_code == 0, added.output
    key = added.stdout.strip()
    assert key.startswith(KEY_PREFIX) and "\n" not in key
    assert "Bewaar hem nu" in added.stderr and key not in added.stderr
    path = tmp_path / "data" / "api_keys"
    assert KeyRing(path).owner(key) == "helpdesk"
    listed = runner.invoke(cli_app, ["keys", "list"])
    assert listed.exit_code == 0 and listed.stdout.startswith(f"helpdesk\t{key[3:11]}…\t") and key not in listed.stdout
    gone = runner.invoke(cli_app, ["keys", "remove", "helpdesk"])
    assert gone.exit_code == 0 and "1 sleutel(s)" in gone.stderr
    assert KeyRing(path).owner(key) is None
    missing = runner.invoke(cli_app, ["keys", "remove", "helpdesk"])
    assert missing.exit_code == 1 and "geen sleutel" in missing.stderr
    bad = runner.invoke(cli_app, ["keys", "add", "met spatie"])
    assert bad.exit_code == 2 and "ongeldig" in bad.stderr


def test_keys_file_setting(tmp_path, monkeypatch):
    from assistant.config import load_settings
    from ui.api import keys_file

    assert keys_file(load_settings({"CONVENANT_DATA_DIR": str(tmp_path)})) == tmp_path / "api_keys"
    chosen = load_settings({"CONVENANT_DATA_DIR": str(tmp_path), "CONVENANT_API_KEYS_FILE": str(tmp_path / "k")})
    assert keys_file(chosen) == tmp_path / "k" and os.fspath(chosen.api_keys_file) == str(tmp_path / "k")
