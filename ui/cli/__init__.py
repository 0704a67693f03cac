"""The `convenant` command line. Each subcommand lives in its own module with a register()."""

from __future__ import annotations

import logging
import sys

import typer

from assistant.config import apply_offline_env

app = typer.Typer(
    name="convenant",
    help="Convenantassistent: vragen over Vlaamse sectorconvenants, met bronnen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


_registered = False


def _register_all() -> None:
    """Add every subcommand to ``app``; safe to call more than once (tests, main)."""
    global _registered
    if _registered:
        return
    import importlib

    for name in ("ingest_cmd", "ask_cmd", "calc_cmd", "serve_cmd", "eval_cmd", "feedback_cmd", "users_cmd", "keys_cmd"):
        try:
            module = importlib.import_module(f"ui.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ui.cli.{name}":
                raise
            continue  # a subcommand that is not part of this installation
        module.register(app)
    _registered = True


def main() -> None:
    apply_offline_env()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _register_all()
    app(prog_name="convenant")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
