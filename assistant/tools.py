"""LangChain tools over the project's pure functions. Only this thin edge imports LangChain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.tools import StructuredTool, ToolException
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import ConvenantError
from assistant.financing import ProfileRegistry, calculate, make_request
from assistant.financing.model import Quantity

__all__ = ["FINANCING_TOOL_NAME", "FinancingToolInput", "make_financing_tool"]

FINANCING_TOOL_NAME = "financiering_berekenen"

FINANCING_TOOL_DESCRIPTION = (
    "Berekent exact de financiering van een Vlaams sectorconvenant, met bronvermelding per regel en "
    "parameter: inspanningsfinanciering, resultaatsfinanciering (volgens de regel die het convenant zelf "
    "vermeldt: a rato van het aantal behaalde resultaatsverbintenissen, drempel; ontbreekt die, dan zegt de "
    "tool welke), subsidie per VTE per jaar, "
    "loonkostfinanciering per VTE, "
    "een forfaitair addendum en de aftrek voor een afwezige sectorconsulent die niet vervangen wordt. "
    "Gebruik deze tool voor elke geldberekening en reken nooit zelf. Geef 'sector' (bv. 'social profit') "
    "of 'generatie' (bv. '2021-2022') om de parameters uit de convenantteksten te halen; opgegeven "
    "waarden (subsidie, verdeling, totaal, vte, ...) hebben voorrang. Bedragen in euro."
)

Number = int | float | str


class FinancingToolInput(BaseModel):
    """Arguments of the financing tool; every value is optional and overrides the documents."""

    model_config = ConfigDict(extra="forbid")

    sector: str | None = Field(None, description="Sector van het convenant, bv. 'social profit'.")
    generatie: str | None = Field(None, description="Generatie of periode, bv. '2021-2022'.")
    subsidie: Number | None = Field(None, description="Maximale subsidie in euro, bv. 500000 of '742.000,00'.")
    verdeling: str | None = Field(None, description="Verdeling inspanning/resultaat in procent, bv. '70/30'.")
    behaald: int | None = Field(None, description="Aantal behaalde resultaatsverbintenissen.")
    totaal: int | None = Field(None, description="Totaal aantal resultaatsverbintenissen.")
    niet_behaald: int | None = Field(None, description="Aantal niet-behaalde resultaatsverbintenissen.")
    vte: Number | None = Field(None, description="Aantal VTE sectorconsulenten.")
    loonkost_per_vte: Number | None = Field(None, description="Loonkostfinanciering per VTE in euro.")
    jaren: Number | None = Field(None, description="Aantal jaren voor de loonkostfinanciering (standaard 1).")
    afwezig_dagen: int | None = Field(None, description="Aantal dagen dat een consulent afwezig was zonder vervanging.")
    afwezige_consulenten: Number | None = Field(None, description="Aantal afwezige consulenten (standaard 1).")
    begin: str | None = Field(None, description="Begindatum van de looptijd, JJJJ-MM-DD.")
    einde: str | None = Field(None, description="Einddatum van de looptijd, JJJJ-MM-DD.")
    addendum: bool = Field(False, description="Tel het forfaitaire addendum per sector mee.")
    addendum_bedrag: Number | None = Field(None, description="Bedrag van het addendum in euro.")
    aftrek_na_verdeling: bool = Field(
        False, description="Trek de afwezigheidsaftrek af na de verdeling (standaard: ervoor, van de maximale subsidie)."
    )
    gevraagd: list[Quantity] = Field(default_factory=list, description="Welke bedragen gevraagd zijn.")
    a_rato: bool | None = Field(
        None, description="Resultaatsfinanciering a rato; alleen opgeven als het convenant het niet zegt."
    )
    drempel: str | None = Field(
        None, description="Aandeel behaalde verbintenissen waaronder niets wordt uitbetaald, bv. '1/2'; "
        "alleen opgeven als het convenant het niet zegt.",
    )


def _run(registry: ProfileRegistry, **kwargs: Any) -> tuple[str, dict[str, Any]]:
    args = FinancingToolInput(**kwargs)
    try:
        request = make_request(
            sector=args.sector,
            period=args.generatie,
            subsidy=args.subsidie,
            split=args.verdeling,
            achieved=args.behaald,
            total=args.totaal,
            missed=args.niet_behaald,
            fte=args.vte,
            rate_per_fte=args.loonkost_per_vte,
            years=args.jaren,
            absent_days=args.afwezig_dagen,
            absent_consultants=args.afwezige_consulenten,
            term_start=args.begin,
            term_end=args.einde,
            addendum=args.addendum,
            addendum_amount=args.addendum_bedrag,
            deduction_before_split=not args.aftrek_na_verdeling,
            asks=tuple(args.gevraagd),
            pro_rata=args.a_rato,
            threshold=args.drempel,
        )
        result = calculate(request, registry)
    except ConvenantError as exc:
        raise ToolException(f"Berekening niet mogelijk: {exc}") from exc
    return result.render_nl(), result.to_dict()


def make_financing_tool(registry: ProfileRegistry | Callable[[], ProfileRegistry] | None = None) -> StructuredTool:
    """The financing calculator as a StructuredTool; content is Dutch text, the artifact the JSON result.

    ``registry`` may be a function returning the current registry (``Assistant.registry``), so the
    tool follows re-ingest and uploads like the chat does.
    """
    current: Callable[[], ProfileRegistry]
    if registry is None:
        empty = ProfileRegistry()
        current = lambda: empty  # noqa: E731
    elif isinstance(registry, ProfileRegistry):
        current = lambda: registry  # noqa: E731
    else:
        current = registry

    def financiering_berekenen(**kwargs: Any) -> tuple[str, dict[str, Any]]:
        return _run(current(), **kwargs)

    return StructuredTool.from_function(
        func=financiering_berekenen,
        name=FINANCING_TOOL_NAME,
        description=FINANCING_TOOL_DESCRIPTION,
        args_schema=FinancingToolInput,
        response_format="content_and_artifact",
        handle_tool_error=True,
    )
