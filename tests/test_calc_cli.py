"""`convenant calc` through its entry point: text, JSON, and one-line Dutch errors with exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ui.cli import _register_all, app
from assistant.config import PROJECT_ROOT

CORPUS = str(PROJECT_ROOT / "corpus")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register_all()
    _register_all()  # idempotent: a second call adds nothing
    return CliRunner()


def run(runner: CliRunner, *args: str):  # noqa: ANN201
    return runner.invoke(app, ["calc", *args], env={"CONVENANT_CORPUS_DIR": CORPUS})


def test_calc_is_registered_once(runner: CliRunner) -> None:
    names = [command.name for command in app.registered_commands]
    assert names.count("calc") == 1


def test_sector_two_of_three_text(runner: CliRunner) -> None:
    result = run(runner, "--sector", "social profit", "--behaald", "2", "--totaal", "3")
    assert result.exit_code == 0, result.output
    assert "Resultaatsfinanciering: € 148.400,00" in result.stdout
    assert "Inspanningsfinanciering: € 519.400,00" in result.stdout
    assert "003_115f85ea577e561c, Artikel 2" in result.stdout


def test_explicit_parameters_json(runner: CliRunner) -> None:
    result = run(runner, "--subsidie", "500000", "--verdeling", "70/30", "--behaald", "3", "--totaal", "4", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["amounts"]["inspanningsfinanciering"] == {"value": "350000.00", "formatted": "€ 350.000,00"}
    assert data["amounts"]["resultaatsfinanciering"] == {"value": "112500.00", "formatted": "€ 112.500,00"}
    assert data["parameters"][0]["citation"] == {"note": "parameter opgegeven door gebruiker"}


@pytest.mark.parametrize(
    ("args", "amount", "formatted"),
    [
        (["--sector", "social profit", "--behaald", "1", "--totaal", "3"], "resultaatsfinanciering", "€ 0,00"),
        (["--subsidie", "300.000", "--verdeling", "70/30", "--behaald", "4", "--totaal", "8"], "resultaatsfinanciering", "€ 45.000,00"),
        (["--generatie", "2021-2022", "--vte", "3"], "loonkostfinanciering", "€ 147.000,00"),
        (["--sector", "social profit", "--afwezig-dagen", "30"], "aftrek_afwezigheid", "€ 4.350,21"),
        (["--generatie", "2021-2022", "--addendum"], "addendum", "€ 85.000,00"),
    ],
)
def test_pinned_results_json(runner: CliRunner, args: list[str], amount: str, formatted: str) -> None:
    result = run(runner, *args, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["amounts"][amount]["formatted"] == formatted


def test_absence_shows_day_count(runner: CliRunner) -> None:
    result = run(runner, "--sector", "social profit", "--afwezig-dagen", "30")
    assert result.exit_code == 0, result.output
    assert "= 731 dagen" in result.stdout
    assert "Aftrek afwezigheid: € 4.350,21" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sector", "bouw"], "onbekende sector 'bouw'; bekende sectoren: 'Social profit'"),
        (["--subsidie", "abc", "--verdeling", "70/30"], "subsidie 'abc' is geen getal"),
        (["--subsidie", "-500", "--verdeling", "70/30"], "subsidie '-500' mag niet negatief zijn"),
        (["--sector", "social profit", "--behaald", "4", "--totaal", "3"], "4 is groter dan het totaal 3"),
        (["--sector", "social profit", "--behaald", "1", "--totaal", "0"], "totaal aantal resultaatsverbintenissen 0"),
        (["--sector", "social profit", "--vte", "0", "--afwezig-dagen", "3"], "aantal VTE '0' moet groter dan 0 zijn"),
        (["--sector", "social profit", "--afwezig-dagen", "800"], "800 is langer dan de looptijd van 731 dagen"),
        (["--subsidie", "1000", "--verdeling", "60/30"], "verdeling 60/30 telt op tot 90%, niet tot 100%"),
        (["--subsidie", "1000", "--verdeling", "70/30", "--behaald", "twee", "--totaal", "3"], "'twee' is geen getal"),
    ],
)
def test_bad_input_one_line_dutch_error_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Fout: ")
    assert message in lines[0]
    assert "Traceback" not in result.output


def test_missing_corpus_is_an_error_only_when_a_sector_is_needed(runner: CliRunner, tmp_path) -> None:  # noqa: ANN001
    # no index either (a working copy's ./data may hold one, whose terms would be used instead)
    env = {"CONVENANT_CORPUS_DIR": str(tmp_path / "nope"), "CONVENANT_DATA_DIR": str(tmp_path / "data")}
    ok = runner.invoke(app, ["calc", "--subsidie", "1000", "--verdeling", "70/30", "--json"], env=env)
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["amounts"]["inspanningsfinanciering"]["value"] == "700.00"
    bad = runner.invoke(app, ["calc", "--sector", "social profit"], env=env)
    assert bad.exit_code == 2
    assert "corpusmap" in bad.stderr and "bestaat niet" in bad.stderr


def test_corpus_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calc", "--corpus", CORPUS, "--sector", "socialprofit", "--behaald", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["amounts"]["resultaatsfinanciering"]["value"] == "148400.00"
