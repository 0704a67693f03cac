"""`convenant serve`: the web chat and the HTTP API on one port. Indexes the bundled corpus first
when there is no index yet."""

from __future__ import annotations

import logging
from typing import Annotated, Optional

import typer

from assistant.config import load_settings
from assistant.errors import ConvenantError, IndexMismatchError

log = logging.getLogger(__name__)

EXIT_FAILED = 2


def ensure_index(settings) -> bool:  # noqa: ANN001 - Settings, imported lazily by the caller
    """Ingest the corpus (like `convenant ingest`) when no index exists. True when an index exists after."""
    from ui.cli.ingest_cmd import run_ingest
    from assistant.store.layout import read_manifest

    if read_manifest(settings) is not None:
        return True
    typer.echo(f"Geen index in {settings.index_dir}: het corpus ({settings.corpus_dir}) wordt eerst geïndexeerd…", err=True)
    run_ingest(None, rebuild=False, as_json=False)
    return read_manifest(settings) is not None


def rebuild_index(settings) -> None:  # noqa: ANN001
    """Rebuild an index made by another chunker or embedder version: the corpus plus earlier uploads."""
    from ui.cli.ingest_cmd import run_ingest

    paths = [settings.corpus_dir]
    uploads = settings.data_dir / "uploads"
    if uploads.is_dir() and any(p.is_file() and not p.name.startswith(".") for p in uploads.iterdir()):
        paths.append(uploads)
    typer.echo("De index is met een andere versie gemaakt en wordt opnieuw opgebouwd…", err=True)
    run_ingest(paths, rebuild=True, as_json=False)


def run_serve(host: str | None, port: int | None) -> int:
    """Build the assistant and serve the app until interrupted; returns an exit code."""
    try:
        settings = load_settings()
        settings = settings.with_overrides(host=host or settings.host, port=port or settings.port)
        if not ensure_index(settings):
            typer.echo("Fout: er is geen index en het indexeren van het corpus is mislukt.", err=True)
            return EXIT_FAILED
        from assistant.chain import build_assistant
        from ui.server import bind, build_server, run

        assistant = build_assistant(settings)
        try:
            assistant.documents()  # opens the index: fails here when it is of another version
        except IndexMismatchError:
            rebuild_index(settings)
            assistant = build_assistant(settings)
        typer.echo(f"Index geladen ({assistant.warm_up():.1f} s); de eerste vraag hoeft niet te wachten.", err=True)
        server = build_server(assistant)
    except ConvenantError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        return EXIT_FAILED
    try:
        sock = bind(settings.host, settings.port)
    except OSError as exc:
        typer.echo(f"Fout: kan niet luisteren op {settings.host}:{settings.port} ({exc.strerror or exc})", err=True)
        return EXIT_FAILED
    shown = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    typer.echo(f"Convenantassistent draait op http://{shown}:{settings.port}  (stoppen: Ctrl+C)", err=True)
    typer.echo(f"API: http://{shown}:{settings.port}/api/docs  en  http://{shown}:{settings.port}/v1 (OpenAI-compatibel)", err=True)
    if settings.users_file is None:
        typer.echo("Geen aanmelding ingesteld (CONVENANT_USERS_FILE): iedereen die de pagina bereikt kan vragen stellen.", err=True)
    from ui.auth import upload_policy

    typer.echo(upload_policy(admin_users=settings.admin_users, open_uploads=settings.open_uploads,
                             login=settings.users_file is not None), err=True)
    try:
        run(server, sock)
    except KeyboardInterrupt:  # pragma: no cover - interactive stop
        pass
    finally:
        sock.close()
    return 0


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        host: Annotated[Optional[str], typer.Option("--host", help="Adres om op te luisteren (standaard 127.0.0.1; 0.0.0.0 opent het voor het netwerk)")] = None,
        port: Annotated[Optional[int], typer.Option("--port", min=1, max=65535, help="Poort (standaard 7860)")] = None,
    ) -> None:
        """De webchat en de API starten (indexeert eerst het corpus als er nog geen index is)."""
        raise typer.Exit(run_serve(host, port))
