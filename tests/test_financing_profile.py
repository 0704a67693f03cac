"""Covenant profiles and generation rules read from document text, with citations; registry lookup."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

import assistant.financing as financing
from assistant.config import PROJECT_ROOT
from assistant.errors import ConfigError, FinancingError
from assistant.financing import (
    ProfileRegistry,
    extract_generation_rules,
    extract_profile,
    extract_profiles,
)
from assistant.types import SourceDocument

CORPUS = PROJECT_ROOT / "corpus"
SOCIAL_PROFIT = "003_115f85ea577e561c"
SLIDES = "002_83f2cc30f09588ec"

BOUW_COVENANT = """Sectorconvenant 2026 - 2027 afgesloten tussen de Vlaamse Regering en de sociale partners van de sector Bouw (PC 124)

Tussen de VLAAMSE REGERING en de SOCIALE PARTNERS van de Sector Bouw,

WORDT OVEREENGEKOMEN WAT VOLGT:

Artikel 1. De Vlaamse Regering verbindt er zich toe tijdens de periode van **1 januari 2026 tot en met 31 december 2027** een maximale subsidie van **530.000,00 EUR** uit te betalen aan **Constructiv vzw, Koningsstraat 132 te 1000 Brussel** ter financiering van **5 VTE sectorconsulenten**.

Artikel 2. De engagementen zijn inspanningsverbintenissen en resultaatsverbintenissen:

- 75% is de inspanningsfinanciering die wordt toegekend op basis van vooraf vastgelegde inspanningsverbintenissen;
- 25% is de resultaatsfinanciering die wordt toegekend op basis van vooraf vastgelegde resultaatsverbintenissen. Als een verbintenis niet wordt behaald, wordt de vijfentwintig procent a rato van het aantal behaalde resultaatsverbintenissen uitbetaald. Als minder dan de helft van de resultaatsverbintenissen wordt behaald, wordt geen resultaatsfinanciering uitbetaald.

Artikel 4. Acties.

RESULTAATSVERBINTENISSEN

| | Resultaatsverbintenissen 2026-2027 |
|---|---|
| Resultaatsverbintenis 1 Instroom in de bouw | 400 leerlingen in duaal leren |
| Resultaatsverbintenis 2 Opleiding | 2.000 opleidingsdeelnames |
| Resultaatsverbintenis 3 Veiligheid | 50 werfbezoeken |

Artikel 5. Sectorconsulenten

Hiertoe worden effectief 5 VTE- sectorconsulenten ingezet. De werkingssubsidie wordt dan berekend per consulent per dag van de looptijd. Dit bedrag wordt vermenigvuldigd met het aantal dagen waarop geen/te weinig consulenten tewerk gesteld waren en in mindering gebracht.

Artikel 6. Evaluatie
"""


@lru_cache(maxsize=1)
def corpus_documents() -> tuple[SourceDocument, ...]:
    """The bundled corpus as SourceDocuments: file text plus its metadata.yaml entry."""
    metadata = yaml.safe_load((CORPUS / "metadata.yaml").read_text(encoding="utf-8"))
    docs = []
    for path in sorted(CORPUS.glob("*.txt")):
        meta = dict(metadata.get(path.stem) or {})
        docs.append(
            SourceDocument(
                doc_id=path.stem,
                path=str(path),
                text=path.read_text(encoding="utf-8"),
                title=str(meta.get("title", path.stem)),
                doc_type=str(meta.get("type", "onbekend")),
                metadata=meta,
            )
        )
    return tuple(docs)


def bouw_document(doc_id: str = "bouw_2026") -> SourceDocument:
    return SourceDocument(doc_id, f"/tmp/{doc_id}.md", BOUW_COVENANT, "Sectorconvenant Bouw", "sectorconvenant")


@lru_cache(maxsize=1)
def corpus_registry() -> ProfileRegistry:
    return ProfileRegistry.from_documents(corpus_documents())


def test_public_api_is_pinned() -> None:
    assert sorted(financing.__all__) == sorted(
        [
            "QUANTITIES", "ROUNDING", "USER_NOTE", "Cited", "CovenantProfile", "FinancingResult",
            "GenerationRules", "MissingTermError", "MoneyRequest", "ResultRule", "Parameter", "ProfileRegistry", "Source", "Split", "Step",
            "calculate", "extract_all_generation_rules", "extract_generation_rules", "extract_profile",
            "extract_profiles", "format_eur", "make_request", "parse_money_question",
            "render_nl", "sector_key", "term_days", "validate_request",
        ]
    )  # fmt: skip
    for name in financing.__all__:
        assert hasattr(financing, name), name


def test_only_the_covenant_yields_a_profile() -> None:
    profiles = extract_profiles(corpus_documents())
    assert [p.doc_id for p in profiles] == [SOCIAL_PROFIT]


def test_social_profit_profile_values_and_citations() -> None:
    (p,) = extract_profiles(corpus_documents())
    assert p.sector.value == "Social profit"
    assert p.beneficiary is not None and p.beneficiary.value == "VIVO vzw"
    assert p.term_start is not None and p.term_start.value == date(2023, 7, 1)
    assert p.term_end is not None and p.term_end.value == date(2025, 6, 30)
    assert p.max_subsidy is not None and p.max_subsidy.value == Decimal("742000.00")
    assert p.fte is not None and p.fte.value == Decimal(7)
    assert p.effort_pct is not None and p.effort_pct.value == Decimal(70)
    assert p.result_pct is not None and p.result_pct.value == Decimal(30)
    assert p.result_commitments is not None and p.result_commitments.value == 3

    assert p.max_subsidy.source is not None
    assert p.max_subsidy.source.doc_id == SOCIAL_PROFIT
    assert p.max_subsidy.source.section == "Artikel 1"
    assert "maximale subsidie van 742.000,00 EUR" in p.max_subsidy.source.quote
    assert p.fte.source is not None and "7 VTE sectorconsulenten" in p.fte.source.quote
    assert p.effort_pct.source is not None and p.effort_pct.source.section == "Artikel 2"
    assert p.effort_pct.source.quote.startswith("70% is de inspanningsfinanciering")
    assert p.result_commitments.source is not None
    assert p.result_commitments.source.section == "RESULTAATSVERBINTENISSEN"
    assert "Resultaatsverbintenis 3" in p.result_commitments.source.quote
    assert p.sector.source is not None and p.sector.source.section == "Aanhef"
    assert set(p.rules) == {"a_rato", "drempel", "afwezigheid"}
    assert p.rules["drempel"].section == "Artikel 2"
    assert "minder dan de helft" in p.rules["drempel"].quote
    assert p.rules["afwezigheid"].section == "Artikel 5"
    assert "per consulent per dag van de looptijd" in p.rules["afwezigheid"].quote


def test_profile_does_not_depend_on_doc_id_or_metadata() -> None:
    doc = next(d for d in corpus_documents() if d.doc_id == SOCIAL_PROFIT)
    renamed = replace(doc, doc_id="whatever", title="x", doc_type="onbekend", metadata={})
    profile = extract_profile(renamed)
    assert profile is not None
    assert profile.max_subsidy is not None and profile.max_subsidy.value == Decimal("742000.00")
    assert profile.max_subsidy.source is not None and profile.max_subsidy.source.doc_id == "whatever"


def test_synthetic_covenant_of_another_sector() -> None:
    p = extract_profile(bouw_document())
    assert p is not None
    assert p.sector.value == "Bouw"
    assert p.beneficiary is not None and p.beneficiary.value == "Constructiv vzw"
    assert (p.term_start.value, p.term_end.value) == (date(2026, 1, 1), date(2027, 12, 31))  # type: ignore[union-attr]
    assert p.max_subsidy.value == Decimal("530000.00")  # type: ignore[union-attr]
    assert p.fte.value == Decimal(5)  # type: ignore[union-attr]
    assert (p.effort_pct.value, p.result_pct.value) == (Decimal(75), Decimal(25))  # type: ignore[union-attr]
    assert p.result_commitments.value == 3  # type: ignore[union-attr]
    assert p.period_label == "2026-2027"


@pytest.mark.parametrize("doc_id", ["000_fa49d921990ed2d9", "001_aa09a84216046a83", SLIDES, "004_0f8bd9c489b07411"])
def test_documents_that_are_not_covenants_yield_no_profile(doc_id: str) -> None:
    doc = next(d for d in corpus_documents() if d.doc_id == doc_id)
    assert extract_profile(doc) is None


def test_generation_rules_from_the_slide_deck() -> None:
    doc = next(d for d in corpus_documents() if d.doc_id == SLIDES)
    g = extract_generation_rules(doc)
    assert g is not None
    assert g.period.value == "2021-2022"
    assert (g.effort_pct.value, g.result_pct.value) == (Decimal(80), Decimal(20))  # type: ignore[union-attr]
    assert g.salary_per_fte is not None and g.salary_per_fte.value == Decimal(49000)
    assert g.salary_per_fte.source is not None
    assert g.salary_per_fte.source.quote == "Loonkostfinanciering van 49.000 euro per VTE sectorconsulent"
    assert "regel" in g.salary_per_fte.source.section
    assert g.addendum_per_sector is not None and g.addendum_per_sector.value == Decimal(85000)
    assert g.addendum_per_sector.source is not None
    assert "forfaitair bedrag van 85.000 euro per sector" in g.addendum_per_sector.source.quote
    assert g.addendum_name == "Addenda non-discriminatie en inclusie"


def test_generation_period_is_read_from_text_without_metadata() -> None:
    doc = next(d for d in corpus_documents() if d.doc_id == SLIDES)
    g = extract_generation_rules(replace(doc, metadata={}))
    assert g is not None and g.period.value == "2021-2022"
    assert g.period.source is not None and g.period.source.section != "metadata"


def test_covenant_and_other_documents_yield_no_generation_rules() -> None:
    found = [d.doc_id for d in corpus_documents() if extract_generation_rules(d) is not None]
    assert found == [SLIDES]
    assert extract_generation_rules(bouw_document()) is None


@pytest.mark.parametrize("name", ["social profit", "de social profit", "Social Profit", "socialprofit", "Social-profit", "sector social profit", "sociàl profit"])
def test_registry_finds_sector_by_loose_name(name: str) -> None:
    assert corpus_registry().find_profile(name).doc_id == SOCIAL_PROFIT


def test_registry_unknown_sector_names_value_and_lists_known() -> None:
    with pytest.raises(FinancingError, match=r"onbekende sector 'bouw'; bekende sectoren: 'Social profit'; bekende generaties: 2021-2022"):
        corpus_registry().find_profile("bouw")


@pytest.mark.parametrize("period", ["2021-2022", "2021 – 2022", "generatie 2021/2022"])
def test_registry_finds_generation_by_period(period: str) -> None:
    assert corpus_registry().find_generation(period).doc_id == SLIDES


def test_registry_unknown_generation() -> None:
    with pytest.raises(FinancingError, match=r"onbekende generatie '2019-2020'"):
        corpus_registry().find_generation("2019-2020")


def test_registry_with_several_sectors() -> None:
    registry = ProfileRegistry.from_documents([*corpus_documents(), bouw_document()])
    assert registry.sectors() == ["Bouw", "Social profit"]
    assert registry.find_profile("de bouw").sector.value == "Bouw"
    assert registry.generation_for(registry.find_profile("bouw")) is None


def test_load_corpus_with_ingest_loaders_gives_same_profile() -> None:
    from ingest.corpus import load_corpus

    (p,) = extract_profiles(load_corpus(CORPUS))
    (q,) = extract_profiles(corpus_documents())
    assert p.to_dict()["max_subsidy"]["value"] == q.to_dict()["max_subsidy"]["value"] == "742000.00"
    assert (p.fte.value, p.result_commitments.value) == (q.fte.value, q.result_commitments.value)  # type: ignore[union-attr]


def test_load_corpus_missing_folder(tmp_path: Path) -> None:
    from ingest.corpus import load_corpus

    with pytest.raises(ConfigError, match="bestaat niet"):
        load_corpus(tmp_path / "nope")


def test_partners_of_the_sector_followed_by_a_verb_name_no_sector() -> None:
    from assistant.financing.profile import parties_names
    from ingest.sector import infer_sector

    # a history page: "the social partners of the sector" with no name, then the clause's verb
    text = ("Een volgend sectorconvenant tussen de Vlaamse Regering en de sociale partners van de sector liep "
            "over de periode 2010-2011.")
    assert list(parties_names(text)) == []
    assert infer_sector("Sectorconvenant", [text]) is None
    named = "tussen de Vlaamse Regering en de sociale partners van de sector textielverzorging (PC 110)"
    assert [name for name, *_ in parties_names(named)] == ["textielverzorging"]


def test_a_participle_before_a_noun_and_a_comite_code_bound_the_sector_name() -> None:
    from assistant.financing.profile import parties_names
    from ingest.sector import infer_sector

    # a protocol's title in capitals: the name is an adjectival participle and a noun, and the
    # comités follow it without a parenthesis
    line = ("TUSSEN DE VLAAMSE REGERING EN DE SOCIALE PARTNERS VAN DE SECTOR VAN HET BEZOLDIGD "
            "PERSONENVERVOER PSC 140.01 PSC 140.02 PSC 140.03 Tussen de Vlaamse Regering, vertegenwoordigd door:")
    assert [name for name, *_ in parties_names(line)] == ["BEZOLDIGD PERSONENVERVOER"]
    assert infer_sector("Protocol van samenwerking", [line]) == "Bezoldigd personenvervoer"
    # a participle before a function word is still the clause's verb
    assert list(parties_names("De sociale partners van de sector gefinancierd door het fonds.")) == []
