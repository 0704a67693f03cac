"""What `make serve` installs (the base dependencies of pyproject.toml, by a pinned uv): the web
chat, the API and the first ingest start without PyTorch, sentence-transformers or matplotlib,
which are extras that `make test` (dev) and `make eval` (eval) install. That the base install is
enough to answer is what `scripts/measure_fresh_clone.sh` checks end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib

from packaging.requirements import Requirement

from assistant.config import PROJECT_ROOT

# Modules `convenant serve` loads: the CLI, the first ingest, the assistant, the app and uploads.
SERVE_MODULES = (
    "ui.cli", "ui.cli.serve_cmd", "ui.cli.ingest_cmd", "assistant.embeddings",
    "assistant.e5_model", "ingest.pipeline", "ingest.units", "assistant.chain", "ui.server", "ui.app", "ui.indexing",
)
NOT_FOR_SERVE = ("torch", "sentence_transformers", "transformers", "matplotlib")


def _project() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _serve_imports() -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {SERVE_MODULES!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "GRADIO_ANALYTICS_ENABLED": "False"})
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_serve_imports_no_torch_sentence_transformers_or_matplotlib():
    modules = _serve_imports()
    assert {"gradio", "fastapi", "langchain_core", "bm25s", "typer"} <= modules  # the imports did run
    assert sorted(m for m in NOT_FOR_SERVE if m in modules) == []


def test_heavy_packages_are_extras_and_dev_keeps_them():
    project = _project()
    base = {Requirement(r).name for r in project["dependencies"]}
    extras = {k: {Requirement(r).name for r in v} for k, v in project["optional-dependencies"].items()}
    assert not base & {"torch", "sentence-transformers", "matplotlib"}
    assert {"torch", "sentence-transformers"} <= extras["st"]
    assert extras["eval"] == {"matplotlib"}
    assert extras["st"] | extras["eval"] <= extras["dev"]  # `make test` still has them


def test_makefile_installs_serve_with_a_pinned_uv_and_falls_back_to_pip():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^UV_VERSION := \d+\.\d+\.\d+$", makefile, re.M)
    stamp_recipe = makefile.split("$(STAMP): pyproject.toml\n", 1)[1].split("\n\n", 1)[0]
    assert "uv==$(UV_VERSION) && $(UV_INSTALL) -e . || $(PIP_INSTALL) -e ." in stamp_recipe
    assert re.search(r"^eval-index: \$\(EVAL_STAMP\)", makefile, re.M)  # `make eval` installs the chart's extra
