"""`convenant ingest`: bring the index in step with the corpus."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.config import load_settings
from assistant.errors import ConvenantError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters (escape codes, C1 controls, bidi overrides, newlines)
    written as visible escapes such as ``\\x1b``, so a file name cannot drive the terminal."""
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text.replace("\n", "\\n"))


def run_ingest(paths: list[Path] | None, *, rebuild: bool, as_json: bool) -> int:
    """Run an ingest with a progress bar (unless JSON) and print the report. Returns exit code."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
    from rich.table import Table
    from rich.text import Text

    from assistant.embeddings import build_embedder
    from ingest.pipeline import ingest

    err = Console(stderr=True)
    try:
        settings = load_settings()
        embedder = build_embedder(settings.embedder, batch_size=settings.embed_batch)
        if as_json:
            report = ingest(settings, embedder, paths, rebuild=rebuild)
        else:
            with Progress(
                "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                TimeRemainingColumn(), console=err, transient=True,
            ) as bar:
                task = bar.add_task("Embedden", total=None)
                report = ingest(
                    settings, embedder, paths, rebuild=rebuild,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
    except ConvenantError as exc:
        err.print(Text.assemble(("Fout:", "red"), " ", terminal_safe(str(exc))), highlight=False)
        return 2
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    else:
        out = Console()
        for failure in report.failed:
            # File names are shown literally: never read as rich markup, no terminal escape codes.
            line = terminal_safe(f"{failure['path']}: {failure['reason']}")
            out.print(Text.assemble(("mislukt", "red"), " ", line), highlight=False, soft_wrap=True)
        if report.embedded == 0 and not report.failed and not report.removed:
            out.print("Niets veranderd: 0 chunks ge-embed.")
        table = Table(title="Index", show_header=False)
        table.add_column("", style="bold")
        table.add_column("", justify="right")
        for label, value in (
            ("documenten in de index", report.documents),
            ("chunks in de index", report.chunks),
            ("ge-embed", report.embedded),
            ("ongewijzigd (overgeslagen)", report.skipped),
            ("verwijderd", report.removed),
            ("mislukt", len(report.failed)),
            ("seconden", f"{report.seconds:.1f}"),
        ):
            table.add_row(label, str(value))
        out.print(table)
    return 1 if report.failed else 0


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_command(
        paths: Annotated[Optional[list[Path]], typer.Argument(help="Bestanden of mappen (standaard: het corpus)")] = None,
        rebuild: Annotated[bool, typer.Option("--rebuild", help="Index volledig opnieuw opbouwen")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Eén JSON-object als uitvoer")] = False,
    ) -> None:
        """Documenten indexeren (incrementeel; ongewijzigde documenten worden overgeslagen)."""
        raise typer.Exit(run_ingest(paths or None, rebuild=rebuild, as_json=as_json))
