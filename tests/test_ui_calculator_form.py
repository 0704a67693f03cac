"""The calculator form: Dutch errors next to the right field, results with steps and sources."""

from __future__ import annotations

import pytest

from assistant.financing import ProfileRegistry
from ingest.terms import corpus_registry
from tests.browser.support import CORPUS_DIR
from ui.calculator_form import FIELDS, field_errors, field_for, run_form, values_from


@pytest.fixture(scope="module")
def registry() -> ProfileRegistry:
    return corpus_registry(CORPUS_DIR)


@pytest.mark.parametrize(("values", "errors"), [
    ({"subsidy": "abc"}, {"subsidy": "Subsidie 'abc' is geen getal"}),
    ({"subsidy": "-5"}, {"subsidy": "Subsidie '-5' mag niet negatief zijn"}),
    ({"split": "70/20"}, {"split": "Verdeling 70/20 telt op tot 90%, niet tot 100%"}),
    ({"achieved": "2,5"}, {"achieved": "Aantal behaalde resultaatsverbintenissen '2,5' is geen geheel getal"}),
    ({"achieved": "9", "total": "7", "subsidy": "1000"},
     {"achieved": "Aantal behaalde resultaatsverbintenissen 9 is groter dan het totaal 7"}),
    ({"term_start": "1 juli", "term_end": "2025-06-30"},
     {"term_start": "Begindatum '1 juli' is geen datum (gebruik JJJJ-MM-DD)"}),
    ({"term_start": "2023-07-01", "subsidy": "1000"}, {"term_end": "Geef zowel begindatum als einddatum van de looptijd op"}),
    ({"fte": "0"}, {"fte": "Aantal VTE '0' moet groter dan 0 zijn"}),
])
def test_field_errors_name_the_field(registry, values, errors):
    assert field_errors(values, registry) == errors


def test_unknown_sector_and_missing_amount(registry):
    assert "Onbekende sector 'bouw'" in field_errors({"sector": "bouw"}, registry)["sector"]
    assert field_errors({}, registry) == {"subsidy": "Maximale subsidie ontbreekt: geef een sector (bv. 'social profit') "
                                                     "of een subsidiebedrag op"}
    assert field_errors({"sector": "Social profit", "achieved": "5", "total": "7"}, registry) == {}


def test_run_form_with_sector_has_amounts_steps_and_cited_rules(registry):
    outcome = run_form({"sector": "Social profit", "achieved": "5", "total": "7", "asks": ["resultaatsfinanciering"]},
                       registry, {"003_115f85ea577e561c": "Sectorconvenant Social profit"})
    assert outcome.error is None
    assert "| **Resultaatsfinanciering** | **€ 159.000,00** |" in outcome.summary
    assert outcome.steps[-1][:3] == ["6", "Totaal", "€ 519.400,00 + € 159.000,00 = € 678.400,00"]
    assert outcome.steps[0][4] == "Sectorconvenant Social profit › Artikel 2"
    assert "Bron: Sectorconvenant Social profit › Artikel 2: “70% is de inspanningsfinanciering" in outcome.details
    assert "#### Aannames" in outcome.details
    assert outcome.data["amounts"]["resultaatsfinanciering"]["value"] == "159000.00"


def test_run_form_with_explicit_amounts_and_bad_value(registry):
    outcome = run_form({"subsidy": "500.000", "split": "80/20", "achieved": "3", "total": "4"}, registry)
    assert outcome.data["amounts"]["totaal"]["formatted"] == "€ 475.000,00"
    assert "parameter opgegeven door gebruiker" in outcome.details
    bad = run_form({"subsidy": "veel"}, registry)
    assert bad.error == "Subsidie 'veel' is geen getal" and bad.data == {"error": bad.error, "field": "subsidy"}
    assert "ca-error" in bad.summary and "Traceback" not in bad.summary


def test_values_follow_field_order():
    assert list(values_from(range(len(FIELDS)))) == [f.name for f in FIELDS]
    assert field_for("verdeling 70/20 telt op tot 90%") == "split"
    assert field_for("aantal niet-behaalde resultaatsverbintenissen 9 is groter dan het totaal 7") == "missed"


def test_missing_result_rule_is_asked_for_in_its_own_field():
    from tests.covenant_texts import UITZEND_636, document

    uitzend = ProfileRegistry.from_documents([document("uitzend_2023", UITZEND_636)])
    values = {"sector": "uitzendsector", "achieved": "3", "total": "5", "asks": ["resultaatsfinanciering"]}
    errors = field_errors(values, uitzend)
    assert list(errors) == ["pro_rata"]
    assert errors["pro_rata"].startswith("Resultaatsregel ontbreekt")
    outcome = run_form(values, uitzend)
    assert outcome.data["field"] == "pro_rata" and "€" not in outcome.summary
    given = {**values, "pro_rata": "ja", "threshold": "1/2"}
    assert field_errors(given, uitzend) == {}
    data = run_form(given, uitzend).data
    assert data["amounts"]["resultaatsfinanciering"]["value"] == "114480.00"  # 636.000 x 30% x 3/5
    notes = [s["citation"] for s in data["steps"] if s["label"].startswith(("Aandeel", "Drempel"))]
    assert notes == [{"note": "parameter opgegeven door gebruiker"}] * 2
    assert field_errors({**values, "threshold": "zeven kwart"}, uitzend) == {
        "threshold": "Drempel 'zeven kwart' is geen aandeel (bv. 1/2, drie vierde of 75%)"
    }
