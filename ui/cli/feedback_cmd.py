"""`convenant feedback export`: the 👎 answers from the web chat as question-set lines.

Each line is ``{"id", "question", "kind": "fact", "history"?, "comment", ...}`` (JSON Lines, the
evaluation harness's format), so complaints become regression tests.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.config import load_settings
from assistant.errors import ConvenantError

feedback_app = typer.Typer(help="Feedback uit de webchat (👍/👎).", no_args_is_help=True)


def run_export(out: Path | None, database: Path | None) -> int:
    from ui.feedback import FeedbackStore, default_path

    try:
        path = database or default_path(load_settings().data_dir)
        if not path.exists():
            typer.echo(f"Nog geen feedback ({path} bestaat niet).", err=True)
            if out is not None:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text("", encoding="utf-8")
            return 0
        store = FeedbackStore(path)
        if out is None:
            count = store.export_questions(sys.stdout)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = out.with_name(out.name + ".tmp")
            with tmp.open("w", encoding="utf-8") as handle:
                count = store.export_questions(handle)
            tmp.replace(out)
    except (ConvenantError, OSError) as exc:
        typer.echo(f"Fout: {exc}", err=True)
        return 2
    typer.echo(f"{count} 👎-vragen geëxporteerd{f' naar {out}' if out else ''}.", err=True)
    return 0


@feedback_app.command("export")
def export_command(
    out: Annotated[Optional[Path], typer.Option("--out", help="Uitvoerbestand (.jsonl); standaard de standaarduitvoer")] = None,
    database: Annotated[Optional[Path], typer.Option("--db", help="Feedbackdatabase (standaard DATA_DIR/feedback.sqlite3)")] = None,
) -> None:
    """De 👎-antwoorden exporteren als vragenset (JSON Lines) voor de evaluatie."""
    raise typer.Exit(run_export(out, database))


def register(app: typer.Typer) -> None:
    app.add_typer(feedback_app, name="feedback")
