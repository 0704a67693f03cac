"""Covenant texts that tests write: one skeleton, many wordings of the terms (paraphrases, other
splits and thresholds, missing articles, tables, anonymised names), and the issue's three cases."""

from __future__ import annotations

from assistant.types import SourceDocument

PARTIES = """Tussen de VLAAMSE REGERING,
hierbij vertegenwoordigd door:
- Xxxxxxx Xxxxx Xxxxxxx, Vlaams minister van Economie, Innovatie, Werk, Sociale economie en Landbouw,
hierna de "Vlaamse Regering" genoemd,
en de SOCIALE PARTNERS VAN DE SECTOR,
met als vertegenwoordigers voor de werkgevers:
- De xxxx Xxxx Xxxxxxxx, voorzitter;
met als vertegenwoordigers voor de werknemers:
- De xxxx Xxxxx Xxx, Nationaal secretaris;
hierna "de sector" genoemd,
WORDT OVEREENGEKOMEN WAT VOLGT:
Verbintenissen van de Vlaamse Regering
"""

ART2_CLASSIC = """Artikel 2. De in dit sectorconvenant opgenomen engagementen zijn inspanningsverbintenissen en resultaatsverbintenissen. Bij de afrekening wordt de verantwoording van de inspanningen én van de resultaten beoordeeld:

- 70% is de inspanningsfinanciering die wordt toegekend op basis van vooraf vastgelegde inspanningsverbintenissen;
- 30% is de resultaatsfinanciering die wordt toegekend op basis van vooraf vastgelegde resultaatsverbintenissen. Dertig procent van het in artikel 1 vermelde bedrag wordt uitbetaald in zoverre de resultaatsverbintenissen behaald zijn. Als een verbintenis niet wordt behaald, wordt de dertig procent a rato van het aantal behaalde resultaatsverbintenissen uitbetaald. Als minder dan {threshold} van de resultaatsverbintenissen wordt behaald, wordt geen resultaatsfinanciering uitbetaald.
"""

COMMITMENTS = """
Artikel 4. De sector formuleert de hiernavolgende acties en resultaatsverbintenissen:

RESULTAATSVERBINTENISSEN

| | Resultaatsverbintenissen |
|---|---|
{rows}

Artikel 5. Sectorconsulenten

De sector verbindt er zich toe de subsidie uitsluitend aan te wenden ter uitvoering van deze acties.

Artikel 6. Evaluatie

De Vlaamse Regering evalueert jaarlijks de uitvoering van dit convenant.
"""


def rows(n: int) -> str:
    return "\n".join(f"| Resultaatsverbintenis {i} Doel {i} | minstens {i * 10} deelnemers |" for i in range(1, n + 1))


def covenant(title: str, art1: str, art2: str = "", commitments: int = 0, extra: str = "") -> str:
    body = f"{title}\n\n{PARTIES}\n{art1}\n\n{art2}\n"
    if commitments:
        body += COMMITMENTS.format(rows=rows(commitments))
    return body + extra


def document(doc_id: str, text: str, title: str = "", doc_type: str = "sectorconvenant") -> SourceDocument:
    return SourceDocument(doc_id, f"/tmp/{doc_id}.md", text, title or doc_id, doc_type)


# --- the three cases -----------------------------------------------------------------

DRIE_VIERDE = covenant(
    "Sectorconvenant 2023 - 2025 afgesloten tussen de Vlaamse Regering en de sociale partners van de sector Zorg en Welzijn (PC's 318.02, 319.01 en 330)",
    "Artikel 1. De Vlaamse Regering verbindt er zich toe in het kader van voorliggende overeenkomst tijdens de periode van 1 juli 2023 tot en met 30 juni 2025 een maximale subsidie van 600.000,00 EUR uit te betalen aan Xxxxxxx vzw, Xxxxxxxxstraat 00 te 0000 Xxxxxxx ter financiering van 6 VTE sectorconsulenten.",
    ART2_CLASSIC.format(threshold="drie vierde"),
    commitments=3,
)

PARAPHRASE_410 = covenant(
    "Sectorconvenant 2024-2025 tussen de Vlaamse Regering en de sociale partners van de sector van de houtverwerking (PC 125)",
    "Artikel 1. Voor de periode van 1 januari 2024 tot en met 31 december 2025 kent de Vlaamse Regering aan Woodwize vzw een subsidie toe van maximaal 410.000 euro, waarmee 4 VTE sectorconsulenten worden gefinancierd.",
    """Artikel 2. Tachtig procent van de subsidie is inspanningsfinanciering, twintig procent is resultaatsfinanciering.
Wordt niet elke resultaatsverbintenis gerealiseerd, dan wordt de resultaatsfinanciering pro rata van het aantal gerealiseerde verbintenissen uitbetaald. Indien minder dan de helft van de resultaatsverbintenissen gerealiseerd wordt, vervalt de resultaatsfinanciering volledig.
""",
    commitments=4,
)

UITZEND_636 = covenant(
    "Sectorconvenant 2023 - 2025 afgesloten tussen de Vlaamse Regering en de sociale partners van de uitzendsector (PC 322)",
    "Artikel 1. De Vlaamse Regering verbindt er zich toe in het kader van voorliggende overeenkomst tijdens de periode van 1 juli 2023 tot en met 30 juni 2025 een maximale subsidie van 636.000,00 EUR uit te betalen aan Xxxxxxxx vzw (ondernemingsnummer: 0000.000.000) ter financiering van 6 VTE sectorconsulenten.",
    """Artikel 2. De in dit sectorconvenant opgenomen engagementen zijn inspanningsverbintenissen en resultaatsverbintenissen. Bij de afrekening wordt de verantwoording van de inspanningen én van de resultaten beoordeeld:

- 70% is de inspanningsfinanciering die wordt toegekend op basis van vooraf vastgelegde inspanningsverbintenissen;
- 30% is de resultaatsfinanciering die wordt toegekend op basis van vooraf vastgelegde resultaatsverbintenissen.
""",
    commitments=5,
)

NO_RESULT_RULE = UITZEND_636  # it states the split but no rule for partly achieved commitments
