"""`convenant calc`: the financing calculator on the command line.

Numbers are taken as text and read by the calculator itself, so a bad value gets a Dutch
one-line message naming it (exit code 2), never a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from assistant.errors import ConfigError, ConvenantError

if TYPE_CHECKING:
    from assistant.financing import ProfileRegistry

logger = logging.getLogger(__name__)

EXIT_BAD_INPUT = 2


def _registry(corpus: Path | None, needed: bool) -> "ProfileRegistry":
    """The terms of the active index (uploads included), or of ``corpus`` when a folder is given;
    without an index, the configured corpus folder."""
    from assistant.config import load_settings
    from assistant.financing import ProfileRegistry
    from assistant.store.terms import active_registry
    from ingest.terms import corpus_registry

    settings = load_settings()
    if corpus is None:
        registry = active_registry(settings)
        if registry is not None:
            return registry
    folder = corpus if corpus is not None else settings.corpus_dir
    try:
        return corpus_registry(folder)
    except ConfigError:
        if needed:
            raise
        logger.warning("corpus %s not readable; calculating with the given parameters only", folder)
        return ProfileRegistry()


def run_calc(options: dict[str, object], *, corpus: Path | None, as_json: bool) -> int:
    """Compute and print; returns the exit code (0, or 2 for bad input)."""
    from assistant.financing import calculate, make_request

    try:
        request = make_request(**options)  # type: ignore[arg-type]
        registry = _registry(corpus, needed=bool(request.sector or request.period))
        result = calculate(request, registry)
    except ConvenantError as exc:
        typer.echo(f"Fout: {exc}", err=True)
        return EXIT_BAD_INPUT
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        typer.echo(result.render_nl())
    return 0


def register(app: typer.Typer) -> None:
    @app.command("calc")
    def calc(
        sector: Annotated[Optional[str], typer.Option(help="Sector, bv. 'social profit' (parameters uit het convenant).")] = None,
        generatie: Annotated[Optional[str], typer.Option(help="Generatie, bv. '2021-2022' (loonkost per VTE, 80/20, addendum).")] = None,
        subsidie: Annotated[Optional[str], typer.Option(help="Maximale subsidie in euro, bv. 500000 of 742.000,00.")] = None,
        verdeling: Annotated[Optional[str], typer.Option(help="Verdeling inspanning/resultaat, bv. 70/30.")] = None,
        behaald: Annotated[Optional[str], typer.Option(help="Aantal behaalde resultaatsverbintenissen.")] = None,
        totaal: Annotated[Optional[str], typer.Option(help="Totaal aantal resultaatsverbintenissen.")] = None,
        niet_behaald: Annotated[Optional[str], typer.Option("--niet-behaald", help="Aantal niet-behaalde resultaatsverbintenissen.")] = None,
        vte: Annotated[Optional[str], typer.Option(help="Aantal VTE sectorconsulenten.")] = None,
        per_vte: Annotated[Optional[str], typer.Option("--per-vte", help="Loonkostfinanciering per VTE in euro.")] = None,
        jaren: Annotated[Optional[str], typer.Option(help="Aantal jaren loonkostfinanciering (standaard 1).")] = None,
        afwezig_dagen: Annotated[Optional[str], typer.Option("--afwezig-dagen", help="Dagen afwezig zonder vervanging.")] = None,
        afwezige_consulenten: Annotated[Optional[str], typer.Option("--afwezige-consulenten", help="Aantal afwezige consulenten (standaard 1).")] = None,
        begin: Annotated[Optional[str], typer.Option(help="Begin van de looptijd, JJJJ-MM-DD.")] = None,
        einde: Annotated[Optional[str], typer.Option(help="Einde van de looptijd, JJJJ-MM-DD.")] = None,
        addendum: Annotated[bool, typer.Option("--addendum", help="Tel het forfaitaire addendum per sector mee.")] = False,
        addendum_bedrag: Annotated[Optional[str], typer.Option("--addendum-bedrag", help="Bedrag van het addendum in euro.")] = None,
        aftrek_na_verdeling: Annotated[bool, typer.Option("--aftrek-na-verdeling", help="Aftrek van het totaal in plaats van van de maximale subsidie.")] = False,
        gevraagd: Annotated[Optional[list[str]], typer.Option(help="Gevraagd bedrag (herhaalbaar), bv. resultaatsfinanciering.")] = None,
        a_rato: Annotated[Optional[str], typer.Option("--a-rato", help="Resultaatsfinanciering a rato: ja of nee (als het convenant het niet zegt).")] = None,
        drempel: Annotated[Optional[str], typer.Option(help="Drempel waaronder geen resultaatsfinanciering, bv. 1/2 of 'drie vierde' (als het convenant hem niet geeft).")] = None,
        corpus: Annotated[Optional[Path], typer.Option(help="Corpusmap (standaard: de actieve index, anders CONVENANT_CORPUS_DIR).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Resultaat als JSON, voor scripts.")] = False,
    ) -> None:
        """Financieringsberekening met bronvermelding: inspanning, resultaat, loonkost, addendum, aftrek."""
        options: dict[str, object] = {
            "sector": sector,
            "period": generatie,
            "subsidy": subsidie,
            "split": verdeling,
            "achieved": behaald,
            "total": totaal,
            "missed": niet_behaald,
            "fte": vte,
            "rate_per_fte": per_vte,
            "years": jaren,
            "absent_days": afwezig_dagen,
            "absent_consultants": afwezige_consulenten,
            "term_start": begin,
            "term_end": einde,
            "addendum": addendum,
            "addendum_amount": addendum_bedrag,
            "deduction_before_split": not aftrek_na_verdeling,
            "asks": tuple(gevraagd or ()),
            "pro_rata": a_rato,
            "threshold": drempel,
        }
        code = run_calc(options, corpus=corpus, as_json=as_json)
        if code:
            raise typer.Exit(code)
