"""`convenant calc`: the financing calculator on the command line (issue 3)."""

import typer


def register(app: typer.Typer) -> None:
    @app.command("calc")
    def calc() -> None:
        """Financieringsberekening (nog niet beschikbaar)."""
        raise typer.Exit(2)
