"""`convenant users add NAME`: add or change a web-app user in the users file (scrypt hash).

The password is asked twice without echo, or read from standard input with --password-stdin;
it is never printed or logged.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.config import load_settings
from assistant.errors import ConvenantError

users_app = typer.Typer(help="Gebruikers van de webapp (aanmelding).", no_args_is_help=True)


@users_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="Gebruikersnaam")],
    file: Annotated[Optional[Path], typer.Option("--file", help="Gebruikersbestand (standaard CONVENANT_USERS_FILE)")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Wachtwoord van de standaardinvoer lezen")] = False,
) -> None:
    """Een gebruiker toevoegen of zijn wachtwoord wijzigen."""
    from ui.auth import add_user

    try:
        path = file or load_settings().users_file
        if path is None:
            typer.echo("Fout: geef --file of zet CONVENANT_USERS_FILE.", err=True)
            raise typer.Exit(2)
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Herhaal het wachtwoord")
        new = add_user(path, name, password)
    except ConvenantError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Gebruiker {name!r} {'toegevoegd aan' if new else 'bijgewerkt in'} {path}.", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
