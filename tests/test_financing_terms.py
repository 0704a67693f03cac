"""The covenant terms extractor: the same terms in many wordings, absent terms stay absent, every
value cites the sentence (and span) it was read from; the real covenants in eval/realdocs (a copy of shared/realdocs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from assistant.financing import ProfileRegistry, extract_profile
from assistant.financing.wording import parse_share, word_number
from assistant.types import SourceDocument
from tests.covenant_texts import DRIE_VIERDE, PARAPHRASE_410, UITZEND_636, covenant, document

REALDOCS = Path(__file__).resolve().parents[1] / "eval" / "realdocs"  # the project's copy of shared/realdocs

T = "Sectorconvenant 2024-2025 tussen de Vlaamse Regering en de sociale partners van de sector Testsector (PC 999)"
ART1 = ("Artikel 1. De Vlaamse Regering verbindt er zich toe tijdens de periode van 1 januari 2024 tot en met "
        "31 december 2025 een maximale subsidie van 300.000,00 EUR uit te betalen aan Testfonds vzw ter "
        "financiering van 3 VTE sectorconsulenten.")
A_RATO_HALF = ("Artikel 2. 70% is de inspanningsfinanciering; 30% is de resultaatsfinanciering. Als een verbintenis "
               "niet wordt behaald, wordt de resultaatsfinanciering a rato van het aantal behaalde "
               "resultaatsverbintenissen uitbetaald. Als minder dan de helft van de resultaatsverbintenissen wordt "
               "behaald, wordt geen resultaatsfinanciering uitbetaald.")


def art2(split: str, rule: str = "") -> str:
    return f"Artikel 2. {split}\n{rule}"


# (name, text, expected terms); a key with None must be absent.
VARIANTS: list[tuple[str, str, dict[str, object]]] = [
    ("klassiek", covenant(T, ART1, A_RATO_HALF, 3),
     {"max_subsidy": Decimal(300000), "fte": Decimal(3), "effort_pct": Decimal(70), "result_pct": Decimal(30),
      "pro_rata": True, "threshold": Fraction(1, 2), "result_commitments": 3, "pc_numbers": ("999",)}),
    ("drie vierde", DRIE_VIERDE, {"max_subsidy": Decimal(600000), "threshold": Fraction(3, 4), "pro_rata": True}),
    ("parafrase 410.000 80/20", PARAPHRASE_410,
     {"max_subsidy": Decimal(410000), "effort_pct": Decimal(80), "result_pct": Decimal(20), "pro_rata": True,
      "threshold": Fraction(1, 2), "fte": Decimal(4), "beneficiary": "Woodwize vzw", "sector": "houtverwerking"}),
    ("uitzend zonder regel", UITZEND_636,
     {"max_subsidy": Decimal(636000), "fte": Decimal(6), "effort_pct": Decimal(70), "pro_rata": None,
      "threshold": None, "sector": "uitzendsector", "term_end": date(2025, 6, 30)}),
    ("toelage zonder verdeling", covenant(T, ART1.replace("maximale subsidie van 300.000,00 EUR", "maximale toelage van 98.000,00 euro")),
     {"max_subsidy": Decimal(98000), "effort_pct": None, "result_pct": None, "pro_rata": None, "threshold": None}),
    ("euroteken vooraan", covenant(T, ART1.replace("een maximale subsidie van 300.000,00 EUR", "een bedrag van maximaal € 250.000")),
     {"max_subsidy": Decimal(250000)}),
    ("spatie als duizendtal", covenant(T, "Artikel 1. De subsidie bedraagt ten hoogste 300 000 euro voor 3 VTE sectorconsulenten.\n"),
     {"max_subsidy": Decimal(300000), "fte": Decimal(3)}),
    ("percentages in woorden", covenant(T, ART1, art2("Zestig procent van de subsidie is inspanningsfinanciering en veertig procent is resultaatsfinanciering.",
                                                      "De resultaatsfinanciering wordt evenredig met het aantal behaalde resultaatsverbintenissen uitbetaald.")),
     {"effort_pct": Decimal(60), "result_pct": Decimal(40), "pro_rata": True, "threshold": None}),
    ("verdeling als tabel", covenant(T, ART1, "Artikel 2. Verdeling van de subsidie:\n\n| Onderdeel | Aandeel |\n|---|---|\n| Inspanningsfinanciering | 75 % |\n| Resultaatsfinanciering | 25 % |\n"),
     {"effort_pct": Decimal(75), "result_pct": Decimal(25)}),
    ("bedrag vóór het woord", covenant(T, ART1, art2("De inspanningsfinanciering bedraagt 65 procent van de subsidie, de resultaatsfinanciering 35 procent.")),
     {"effort_pct": Decimal(65), "result_pct": Decimal(35)}),
    ("naar verhouding, twee derde", covenant(T, ART1, art2("80% is de inspanningsfinanciering, 20% is de resultaatsfinanciering.",
                                                           "De resultaatsfinanciering wordt naar verhouding uitbetaald, maar enkel als minstens twee derde van de resultaatsverbintenissen behaald is.")),
     {"pro_rata": True, "threshold": Fraction(2, 3), "threshold_pays": True}),
    ("drempel in procent", covenant(T, ART1, art2("70% is de inspanningsfinanciering, 30% is de resultaatsfinanciering.",
                                                  "Als minder dan 50% van de resultaatsverbintenissen wordt gehaald, wordt geen resultaatsfinanciering toegekend. De uitbetaling gebeurt pro rata.")),
     {"effort_pct": Decimal(70), "result_pct": Decimal(30), "threshold": Fraction(1, 2), "pro_rata": True}),
    ("de helft of minder", covenant(T, ART1, art2("70% is de inspanningsfinanciering, 30% is de resultaatsfinanciering.",
                                                  "Wordt niet meer dan de helft van de resultaatsverbintenissen behaald, dan vervalt de resultaatsfinanciering. Anders a rato van de behaalde resultaatsverbintenissen.")),
     {"threshold": Fraction(1, 2), "threshold_pays": False, "pro_rata": True}),
    ("alles of niets", covenant(T, ART1, art2("70% is de inspanningsfinanciering, 30% is de resultaatsfinanciering.",
                                              "De resultaatsfinanciering wordt niet a rato uitbetaald: enkel als minstens 4 van de 4 resultaatsverbintenissen behaald zijn, wordt ze uitbetaald.")),
     {"pro_rata": False, "threshold": Fraction(1)}),
    ("a rato zonder drempel", covenant(T, ART1, art2("70% is de inspanningsfinanciering, 30% is de resultaatsfinanciering.",
                                                     "Als een verbintenis niet wordt behaald, wordt de resultaatsfinanciering a rato van het aantal behaalde resultaatsverbintenissen uitbetaald.")),
     {"pro_rata": True, "threshold": None}),
    ("numerieke datums", covenant(T, "Artikel 1. De Vlaamse Regering verbindt zich ertoe tijdens de periode van 01/07/2024 tot en met 30/06/2026 een maximale subsidie van 200.000,00 EUR uit te betalen aan Fonds vzw ter financiering van 2 VTE sectorconsulenten."),
     {"term_start": date(2024, 7, 1), "term_end": date(2026, 6, 30), "max_subsidy": Decimal(200000)}),
    ("VTE in woorden", covenant(T, "Artikel 1. De Vlaamse Regering kent een maximale subsidie van 200.000,00 EUR toe aan Fonds vzw ter financiering van vier VTE-sectorconsulenten."),
     {"fte": Decimal(4)}),
    ("halve VTE", covenant(T, ART1.replace("3 VTE sectorconsulenten", "1,5 VTE sectorconsulenten")), {"fte": Decimal("1.5")}),
    ("blanco bedrag", covenant(T, ART1.replace("300.000,00 EUR", ",00 EUR")),
     {"max_subsidy": None, "fte": Decimal(3), "beneficiary": "Testfonds vzw"}),
    ("geen Artikel 2", covenant(T, ART1), {"effort_pct": None, "result_pct": None, "pro_rata": None, "threshold": None, "result_commitments": None}),
    ("addendum met eigen verdeling", covenant(
        "Addendum 'Non-discriminatie en inclusie 2021-2022' bij het sectorconvenant 2021 - 2022 afgesloten tussen de Vlaamse Regering en de sociale partners van de sector Testsector",
        "Artikel 1. De Vlaamse Regering verbindt er zich toe tijdens de periode van 1 januari 2021 tot en met 31 december 2022 een maximale toelage van\n85.000 EUR uit te betalen aan Testfonds vzw ter financiering van acties.",
        art2("- 80% van de projectsubsidie wordt verbonden aan de inspanningen die geleverd worden door de sector;",
             "- 20% van de projectsubsidie wordt verbonden aan de resultaatsverbintenissen die bij de acties worden vermeld.")),
     {"kind": "addendum", "max_subsidy": Decimal(85000), "effort_pct": Decimal(80), "result_pct": Decimal(20), "fte": None}),
    ("verlenging", covenant(
        "Addendum bij het op 23/07/2010 afgesloten Sectorconvenant tussen de Vlaamse Regering en de sociale partners van Testsector (PC 999)",
        "Artikel 1. Middels onderhavig addendum verlengt de Vlaamse Regering de looptijd van het sectorconvenant. Het addendum neemt een aanvang op 1 januari 2012 en eindigt per 31 december 2012. De Vlaamse Regering betaalt een maximale toelage van 76.500,00 euro aan Testfonds (Straat 1 - 1000 Brussel) ter financiering van 1,5 VTE sectorconsulenten."),
     {"kind": "verlenging", "term_start": date(2012, 1, 1), "term_end": date(2012, 12, 31), "max_subsidy": Decimal(76500), "beneficiary": "Testfonds"}),
    ("loonkost per VTE", covenant(T, ART1, art2("70% is de inspanningsfinanciering, 30% is de resultaatsfinanciering.", "De loonkostfinanciering bedraagt 52.000 euro per VTE sectorconsulent.")),
     {"salary_per_fte": Decimal(52000)}),
    ("sectornaam met komma's en PC-lijst", covenant(
        "Sectorconvenant 2024-2025 tussen de Vlaamse Regering en de sociale partners van de sector kappers, fitness en schoonheidszorgen (PC's 314 en 314.01)", ART1),
     {"sector": "kappers, fitness en schoonheidszorgen", "pc_numbers": ("314", "314.01")}),
]


@pytest.mark.parametrize(("name", "text", "expected"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_terms_in_many_wordings(name: str, text: str, expected: dict[str, object]) -> None:
    profile = extract_profile(document("variant", text))
    assert profile is not None, name
    for field, want in expected.items():
        got = getattr(profile, field)
        if field in ("kind", "threshold_pays"):
            assert got == want, field
            continue
        if want is None:
            assert got is None, (field, got)
            continue
        assert got is not None, field
        assert got.value == want, (field, got.value)
        source = got.source
        assert source is not None and source.doc_id == "variant"
        if field != "result_commitments":  # a table's rows span several lines; the others cite a span
            assert source.start is not None and source.end is not None and 0 <= source.start < source.end <= len(text)


def test_at_least_twenty_variants() -> None:
    assert len(VARIANTS) >= 20


def test_rule_citations_quote_the_sentence_that_states_the_rule() -> None:
    p = extract_profile(document("d", DRIE_VIERDE))
    assert p is not None and p.threshold is not None and p.pro_rata is not None
    assert p.threshold.source.quote == (  # type: ignore[union-attr]
        "Als minder dan drie vierde van de resultaatsverbintenissen wordt behaald, wordt geen resultaatsfinanciering uitbetaald."
    )
    assert p.threshold.source.section == "Artikel 2"  # type: ignore[union-attr]
    start, end = p.threshold.source.start, p.threshold.source.end  # type: ignore[union-attr]
    assert "drie vierde" in DRIE_VIERDE[start:end]
    assert p.pro_rata.source.quote.startswith("Als een verbintenis niet wordt behaald")  # type: ignore[union-attr]
    assert p.rules["drempel"] == p.threshold.source


def test_section_paths_come_from_the_index_chunks_when_given() -> None:
    from ingest.split import split_document

    doc = document("d", DRIE_VIERDE)
    registry = ProfileRegistry.from_documents([doc], split_document(doc))
    (p,) = registry.profiles
    assert p.threshold is not None and p.threshold.source is not None
    assert p.threshold.source.section.startswith("Artikel 2")


@pytest.mark.parametrize("text", [
    "Protocol van samenwerking tussen de Vlaamse regering en de sociale partners van het ANPCB (Paritair Comité 218). De partijen onderstrepen de noodzaak van samenwerking.",
    "Nieuwsbericht: de Vlaamse Regering keurt 36 addenda goed, met een maximale subsidie van 85.000 euro per sector.",
])
def test_texts_without_covenant_terms_yield_none(text: str) -> None:
    assert extract_profile(document("x", text)) is None


def test_registry_round_trips_through_json() -> None:
    docs = [document(f"d{i}", text) for i, (_, text, _) in enumerate(VARIANTS)]
    registry = ProfileRegistry.from_documents(docs)
    again = ProfileRegistry.from_json(registry.to_json())
    assert again is not None
    assert [p.to_dict() for p in again.profiles] == [p.to_dict() for p in registry.profiles]
    assert ProfileRegistry.from_json(registry.to_json().replace('"terms-', '"older-')) is None


@pytest.mark.parametrize(("word", "value"), [("Tachtig", 80), ("vijfentwintig", 25), ("drieëntwintig", 23), ("zes", 6), ("honderd", 100), ("tafel", None)])
def test_dutch_number_words(word: str, value: int | None) -> None:
    assert word_number(word) == value


@pytest.mark.parametrize(("text", "share"), [("de helft van", Fraction(1, 2)), ("drie vierde", Fraction(3, 4)), ("driekwart", Fraction(3, 4)),
                                             ("twee derden", Fraction(2, 3)), ("75 %", Fraction(3, 4)), ("3/4", Fraction(3, 4)),
                                             ("twee van de vier", Fraction(1, 2)), ("vijftig procent", Fraction(1, 2)), ("tafel", None)])
def test_dutch_shares(text: str, share: Fraction | None) -> None:
    found = parse_share(text)
    assert (found[0] if found else None) == share


# --- the real covenants (shared/realdocs): what each yields ---------------------------------

REAL_EXPECTED = {
    "addendum-audiovisueel-2012": {"kind": "verlenging", "max_subsidy": Decimal(76500), "fte": Decimal("1.5"), "pc_numbers": ("227",), "term_end": date(2012, 12, 31)},
    "addendum-ndi-chemie-2021-2022": {"kind": "addendum", "max_subsidy": Decimal(85000), "effort_pct": Decimal(80), "result_pct": Decimal(20), "fte": None, "beneficiary": "Co-valent vzw"},
    "convenant-audiovisueel-filmproductie-2013-2014": {"max_subsidy": Decimal(76500), "fte": Decimal("1.5"), "pc_numbers": ("227", "303.1"), "beneficiary": "mediarte.be"},
    "convenant-autobus-autocar-2013-2014": {"max_subsidy": Decimal(204000), "fte": Decimal(2), "pc_numbers": ("140.01",)},
    "convenant-bouw-2013-2014": {"max_subsidy": Decimal(816000), "fte": Decimal(8), "pc_numbers": ("124",), "sector": "bouwsector"},
    "convenant-kappers-schoonheidszorgen-2013-2014": {"max_subsidy": None, "fte": Decimal(3), "pc_numbers": ("314",)},
    "convenant-lokale-besturen-2021-2022": {"max_subsidy": Decimal(392000), "fte": Decimal(4), "pc_numbers": None, "beneficiary": "V.V.S.G. vzw", "sector": "Lokale Besturen"},
    "convenant-textielverzorging-2018-2019": {"max_subsidy": Decimal(98000), "fte": Decimal(1), "pc_numbers": ("110",), "term_start": date(2018, 1, 1)},
}


def _real(stem: str) -> SourceDocument:
    path = REALDOCS / f"{stem}.txt"
    return SourceDocument(stem, str(path), path.read_text(encoding="utf-8"), stem, "onbekend")


def test_real_covenants_yield_their_terms() -> None:
    found = {p.doc_id: p for p in (extract_profile(_real(path.stem)) for path in sorted(REALDOCS.glob("*.txt"))) if p}
    assert set(found) == set(REAL_EXPECTED)
    for stem, expected in REAL_EXPECTED.items():
        p = found[stem]
        for field, want in expected.items():
            got = getattr(p, field)
            if field == "kind":
                assert got == want, (stem, field)
            elif want is None:
                assert got is None, (stem, field, got)
            else:
                assert got is not None and got.value == want, (stem, field, got)
        # none of these excerpts states a result rule: nothing is filled in
        assert p.pro_rata is None and p.threshold is None, stem
