"""The layers of ARCHITECTURE.md hold: `lint-imports` checks the contracts in pyproject.toml
(core <- ingest <- eval <- faces; pure financing and answer code; only the web app knows Gradio),
function-level imports included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assistant.config import PROJECT_ROOT


def _lint_imports() -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [str(command), "--no-cache"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_import_contracts_are_kept():
    done = _lint_imports()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 3 kept, 0 broken." in done.stdout, done.stdout


def test_every_package_folder_is_a_regular_package():
    """A folder without __init__.py is a namespace package that import-linter does not scan."""
    missing = [
        str(folder.relative_to(PROJECT_ROOT))
        for package in ("assistant", "ingest", "ui", "eval")
        for folder in [PROJECT_ROOT / package, *(PROJECT_ROOT / package).rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    ]
    assert missing == []


def test_core_modules_stay_small():
    """Modules of one role: no module of the four packages over 400 lines."""
    too_long = {
        str(path.relative_to(PROJECT_ROOT)): n
        for package in ("assistant", "ingest", "eval", "ui")
        for path in (PROJECT_ROOT / package).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert too_long == {}, too_long
