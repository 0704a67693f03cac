"""`convenant keys add|list|remove`: API keys for the HTTP API (only their SHA-256 hashes are stored).

`add` prints the new key once on standard output (everything else goes to standard error), so
`KEY=$(convenant keys add helpdesk)` works in a script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.config import load_settings
from assistant.errors import ConvenantError

keys_app = typer.Typer(help="API-sleutels voor de HTTP-API (/api en /v1).", no_args_is_help=True)

FileOption = Annotated[Optional[Path], typer.Option("--file", help="Sleutelbestand (standaard CONVENANT_API_KEYS_FILE of DATA_DIR/api_keys)")]


def _path(file: Path | None) -> Path:
    from ui.api import keys_file

    return file or keys_file(load_settings())


@keys_app.command("add")
def add_command(name: Annotated[str, typer.Argument(help="Naam van de eigenaar (een beheerder uit CONVENANT_ADMIN_USERS mag uploaden)")],
                file: FileOption = None) -> None:
    """Een nieuwe API-sleutel maken; de sleutel wordt één keer getoond."""
    from ui.keys import add_key

    try:
        path = _path(file)
        key, record = add_key(path, name)
    except ConvenantError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Sleutel {record.key_id}… voor {name!r} opgeslagen (als hash) in {path}. "
               "Bewaar hem nu: hij wordt niet meer getoond.", err=True)
    typer.echo(key)


@keys_app.command("list")
def list_command(file: FileOption = None) -> None:
    """De sleutels tonen (naam, id, aangemaakt), nooit de sleutels zelf."""
    from ui.keys import load_keys

    try:
        keys = load_keys(_path(file))
    except ConvenantError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(2) from None
    if not keys:
        typer.echo("Geen API-sleutels.", err=True)
    for key in keys:
        typer.echo(f"{key.name}\t{key.key_id}…\t{key.created}")


@keys_app.command("remove")
def remove_command(name: Annotated[str, typer.Argument(help="Naam van de eigenaar")],
                   key_id: Annotated[Optional[str], typer.Option("--id", help="Alleen de sleutel met dit id")] = None,
                   file: FileOption = None) -> None:
    """De sleutel(s) van een eigenaar intrekken; geldt meteen, ook voor een draaiende server."""
    from ui.keys import remove_keys

    try:
        removed = remove_keys(_path(file), name, key_id.rstrip("…") if key_id else None)
    except ConvenantError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        raise typer.Exit(2) from None
    if not removed:
        typer.echo(f"Fout: geen sleutel van {name!r}{' met id ' + key_id if key_id else ''} gevonden.", err=True)
        raise typer.Exit(1)
    typer.echo(f"{removed} sleutel(s) van {name!r} ingetrokken.", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
