"""Sidecar parsing (metadata.yaml) and metadata inference from the document text."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import IngestError
from ingest import metadata
from ingest.metadata import infer_metadata, merge_metadata, parse_dutch_date, read_sidecar

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def _sidecar(tmp_path: Path, body: str) -> Path:
    (tmp_path / "metadata.yaml").write_text(body, encoding="utf-8")
    return tmp_path


# --- sidecar -------------------------------------------------------------------------------------


def test_read_bundled_sidecar() -> None:
    entries = read_sidecar(CORPUS)
    assert set(entries) == {path.stem for path in CORPUS_FILES}
    assert entries["003_115f85ea577e561c"] == {
        "title": "Sectorconvenant 2023-2025 Social profit (PC's 318.02, 319.01, 327.01, 329.01, "
        "330, 331, 337)",
        "type": "sectorconvenant",
        "date": None,
        "generation": 9,
        "period": "2023-07-01/2025-06-30",
        "sector": "Social profit",
    }
    # YAML dates become ISO strings, usable as Chroma metadata.
    assert entries["000_fa49d921990ed2d9"]["date"] == "2023-07-18"
    assert entries["004_0f8bd9c489b07411"]["date"] == "2020-02-21"


def test_missing_or_empty_sidecar(tmp_path: Path) -> None:
    assert read_sidecar(tmp_path) == {}
    assert read_sidecar(_sidecar(tmp_path, "# alleen commentaar\n")) == {}


def test_sidecar_path_may_be_the_file(tmp_path: Path) -> None:
    _sidecar(tmp_path, "doc1:\n  type: addendum\n")
    assert read_sidecar(tmp_path / "metadata.yaml") == {"doc1": {"type": "addendum"}}


@pytest.mark.parametrize(
    ("body", "pattern"),
    [
        ("doc1:\n  titel: Fout\n", r"entry 'doc1': field 'titel': Extra inputs are not permitted"),
        ("doc1:\n  date: 31-02-2023\n", r"entry 'doc1': field 'date'"),
        ("doc1:\n  date: 2023-07-18 10:00:00\n", r"entry 'doc1': field 'date'.*time"),
        ("doc1:\n  generation: negen\n", r"entry 'doc1': field 'generation'"),
        ("doc1:\n  period: 2023 tot 2025\n", r"entry 'doc1': field 'period'"),
        ("doc1:\n  type: Sector Convenant\n", r"entry 'doc1': field 'type'"),
        ("doc1: gewoon tekst\n", r"entry 'doc1' must be a mapping of fields, got str"),
        ("- doc1\n- doc2\n", r"expected a mapping of document ids to fields, got list"),
        ("001:\n  type: addendum\n", r"document id 1 must be a non-empty string"),
        ("doc1:\n  title: [niet afgesloten\n", r"invalid YAML at line \d+, column \d+"),
    ],
)
def test_malformed_sidecar_names_file_entry_and_field(
    tmp_path: Path, body: str, pattern: str
) -> None:
    corpus_dir = _sidecar(tmp_path, body)
    with pytest.raises(IngestError, match=pattern) as info:
        read_sidecar(corpus_dir)
    message = str(info.value)
    assert message.startswith(str(tmp_path / "metadata.yaml"))
    assert "\n" not in message


def test_merge_metadata_later_layers_win_and_null_removes() -> None:
    merged = merge_metadata(
        {"format": "text", "title": "Afgeleid", "date": "2023-07-18"},
        None,
        {"title": "Sidecar", "date": None, "generation": 9},
    )
    assert merged == {"format": "text", "title": "Sidecar", "generation": 9}


# --- inference -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("18 juli 2023", "2023-07-18"),
        ("Brussel, 21 februari 2020", "2020-02-21"),
        ("op 1 Maart 2024 en 2 april 2024", "2024-03-01"),
        ("31 februari 2023 en daarna 1 mei 2023", "2023-05-01"),
        ("geen datum 2023", None),
    ],
)
def test_parse_dutch_date(text: str, iso: str | None) -> None:
    assert parse_dutch_date(text) == iso


@pytest.fixture(scope="module")
def sidecar() -> dict[str, dict]:
    return read_sidecar(CORPUS)


@pytest.fixture(scope="module")
def inferred() -> dict[str, dict]:
    return {
        path.stem: infer_metadata(path.read_text(encoding="utf-8"), path) for path in CORPUS_FILES
    }


# What each corpus text itself states; the sidecar knows more (000's period, 003's generation).
TEXT_SUPPORTS = {
    "000_fa49d921990ed2d9": ("type", "date", "generation"),
    "001_aa09a84216046a83": ("type",),
    "002_83f2cc30f09588ec": ("type", "period", "generation"),
    "003_115f85ea577e561c": ("type", "period", "sector"),
    "004_0f8bd9c489b07411": ("type", "period", "date"),
}


@pytest.mark.parametrize("stem", sorted(TEXT_SUPPORTS))
def test_inference_matches_sidecar_where_text_supports_it(
    stem: str, sidecar: dict[str, dict], inferred: dict[str, dict]
) -> None:
    for key in TEXT_SUPPORTS[stem]:
        assert inferred[stem].get(key) == sidecar[stem][key], key
    # Nothing is invented: every inferred field is either supported or absent from the sidecar.
    for key, value in inferred[stem].items():
        if key not in ("title", "display_title") and key not in TEXT_SUPPORTS[stem]:
            pytest.fail(f"{stem}: inferred {key}={value!r} that the text does not state")


def test_inferred_titles(inferred: dict[str, dict]) -> None:
    assert inferred["000_fa49d921990ed2d9"]["title"] == (
        "Vlaamse Regering sluit negende generatie sectorconvenants af"  # web residue skipped
    )
    assert inferred["001_aa09a84216046a83"]["title"] == "Beleidsbasis sectorconvenants"
    assert inferred["002_83f2cc30f09588ec"]["title"] == "Generatie 2021-2020"  # as the slide says
    assert inferred["003_115f85ea577e561c"]["title"].startswith(
        "Sectorconvenant 2023 - 2025 afgesloten tussen de Vlaamse Regering"
    )
    assert inferred["004_0f8bd9c489b07411"]["title"] == (
        "VESOC-engagement tussen Vlaamse Regering en Vlaamse sociale partners SERV"
    )


def test_title_from_first_heading_and_capped(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    text = "Gedaan met laden.\n\nkorte\n\n# Addendum duaal leren 2023-2025\n\nTekst."
    result = infer_metadata(text, path)
    assert result["title"] == "Addendum duaal leren 2023-2025"
    assert result["type"] == "addendum"
    assert result["period"] == "2023-2025"
    long_line = "Sectorconvenant " + "zeer lange titel " * 30
    capped = infer_metadata(long_line, path)["title"]
    assert len(capped) <= metadata.TITLE_MAX_CHARS
    assert capped.endswith("…")
    assert infer_metadata("", path)["title"] == "x"


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        (
            "Sectorconvenant 2023-2025 bouw\n\nWORDT OVEREENGEKOMEN WAT VOLGT:\n\n"
            "Artikel 1. Subsidie.",
            "sectorconvenant",
        ),
        (
            "Addendum diversiteit en inclusie bij het sectorconvenant\n\nArtikel 1. Subsidie.",
            "addendum",
        ),
        ("Titel van het bericht\n\nNieuwsbericht\n18 juli 2023\n\nTekst.", "nieuwsbericht"),
        ("VESOC-akkoord over loopbanen\n\nDe partners spreken af.", "akkoord"),
        # a covenant or protocol that opens as an agreement, without articles in its first pages
        (
            "Sectorconvenant 2013-2014 tussen de Vlaamse Regering en de sociale partners van de sector bouw\n\n"
            "Tussen de Vlaamse Regering, hierbij vertegenwoordigd door de minister.",
            "sectorconvenant",
        ),
        (
            "Vlaamse regering PROTOCOL VAN SAMENWERKING TUSSEN DE VLAAMSE REGERING EN DE SOCIALE PARTNERS\n\nTekst.",
            "protocol",
        ),
        # the parties on the line under the title, which names the agreement it is made under
        (
            "Vlaamse Regering PROTOCOL VAN SAMENWERKING In het kader van het Akkoord 2003 – 2004\n"
            "TUSSEN DE VLAAMSE REGERING EN DE SOCIALE PARTNERS VAN DE SECTOR VAN HET BEZOLDIGD PERSONENVERVOER",
            "protocol",
        ),
        ("Veelgestelde vragen sectorconvenants\n\nVersie 7 maart 2017. Wat is een sectorconvenant?", "faq"),
        ("Naar een sectorale insteek\n\nRapport 30 april 2015. In opdracht van het departement.", "rapport"),
        # a page that speaks of a covenant's partners, or of reports deep in its text, names no kind
        (
            "Sectorconvenant\n\nHet sectorconvenant is een overeenkomst tussen de Vlaamse regering en de partners.",
            "beleidstekst",
        ),
        ("Werking\n\n" + "Tekst. " * 80 + "Het voortgangsrapport komt jaarlijks.", "beleidstekst"),
        ("Werk\n\n" + "\n".join(f"▪ Korte bullet {i}" for i in range(10)), "presentatie"),
        (
            "Beleidsbasis\n\nDe sectorconvenants bestaan sinds 2001. Het akkoord van toen.",
            "beleidstekst",
        ),
    ],
)
def test_type_inference(text: str, doc_type: str, tmp_path: Path) -> None:
    assert infer_metadata(text, tmp_path / "d.txt")["type"] == doc_type


def test_period_date_sector_generation(tmp_path: Path) -> None:
    text = (
        "Sectorconvenant 2023 – 2025 afgesloten tussen de Vlaamse Regering en de sociale "
        "partners van de sector Bouw (PC 124)\n\nBrussel, 3 mei 2023\n\nDe achtste generatie.\n\n"
        "Artikel 1. tijdens de periode van **1 januari 2024 tot en met 31 december 2025** ..."
    )
    result = infer_metadata(text, tmp_path / "bouw.txt")
    assert result["period"] == "2024-01-01/2025-12-31"
    assert result["date"] == "2023-05-03"
    assert result["sector"] == "Bouw"
    assert result["generation"] == 8
    assert result["type"] == "sectorconvenant"


def test_year_range_in_a_long_history_sentence_is_not_a_period(tmp_path: Path) -> None:
    text = (
        "Beleidsbasis\n\n• Het Vlaams Werkgelegenheidsakkoord 2001-2002 dat op 12 februari "
        "2001 werd ondertekend door de Vlaamse sociale partners en de Vlaamse Regering bood "
        "een kader."
    )
    result = infer_metadata(text, tmp_path / "b.txt")
    assert "period" not in result
    assert "date" not in result


def test_public_api() -> None:
    assert {"read_sidecar", "infer_metadata", "merge_metadata"} <= set(metadata.__all__)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (  # a file reference above the covenant's own title
            "VR 2018 0203 DOC.0188/43\nSectorconvenant 2018-2019 afgesloten tussen de Vlaamse Regering en de "
            "sociale partners van de sector textielverzorging (PC 110)\nTussen de Vlaamse Regering, hierbij:",
            "Sectorconvenant 2018-2019 afgesloten tussen de Vlaamse Regering en de sociale partners van de "
            "sector textielverzorging (PC 110)",
        ),
        (  # a lone word, then an addendum's title
            "Contract\nAddendum ‘Non-discriminatie en inclusie 2021-2022’ bij het sectorconvenant\nTussen de VLAAMSE REGERING,",
            "Addendum ‘Non-discriminatie en inclusie 2021-2022’ bij het sectorconvenant",
        ),
        (  # a download label, then a title hard-wrapped over two lines
            "Bouw (pdf / 0.81 MB)\n\nSectorconvenant 2013-2014 tussen de Vlaamse Regering\nen de sociale partners "
            "van de bouwsector (PC 124)\nTussen de Vlaamse Regering, hierbij vertegenwoordigd door:",
            "Sectorconvenant 2013-2014 tussen de Vlaamse Regering en de sociale partners van de bouwsector (PC 124)",
        ),
    ],
)
def test_display_title_skips_references_labels_and_lone_words(tmp_path: Path, text: str, shown: str) -> None:
    inferred = infer_metadata(text, tmp_path / "doc.txt")
    assert inferred["display_title"] == shown
    assert inferred["title"] == text.split("\n")[0]  # the indexed title stays the first line


def test_a_page_whose_first_line_is_its_title_has_no_display_title(tmp_path: Path) -> None:
    text = "Onze opdracht\n\nLOGOS, opleidingsfonds van het PC 226\n\nLOGOS is het opleidingsfonds van het paritair comité."
    inferred = infer_metadata(text, tmp_path / "doc.txt")
    assert inferred["title"] == "Onze opdracht"
    assert "display_title" not in inferred


def test_a_line_the_title_skips_is_not_shown_either(tmp_path: Path) -> None:
    inferred = infer_metadata("12\nEen gewone pagina over iets\nMeer tekst hier.", tmp_path / "doc.txt")
    assert inferred["title"] == "Een gewone pagina over iets"  # a page number is no title
    assert "display_title" not in inferred


@pytest.mark.parametrize(
    ("first_line", "sector"),
    [
        ("Sectorconvenant 2013-2014 tussen de Vlaamse Regering en de sociale partners van de sector van de private "
         "autobus- en autocarbedrijven (PC 140.01)", "Private autobus- en autocarbedrijven"),
        ("Sectorconvenant 2013-2014 tussen de Vlaamse Regering en de sociale partners van de bouwsector (PC 124)", "Bouw"),
        ("Sectorconvenant 2013-2014 tussen de Vlaamse Regering en de sociale partners van de sector kappers, fitness en "
         "schoonheidszorgen (PC 314)", "Kappers, fitness en schoonheidszorgen"),
        ("Sectorconvenant 2021 - 2022 afgesloten tussen de Vlaamse Regering en de sociale partners van sector Lokale Besturen",
         "Lokale Besturen"),
        ("Sectorconvenant 2013-2014 tussen de Vlaamse Regering en de sociale partners van de audiovisuele sector en de "
         "sector van de filmproductie (PC 227 en PC 303.1)", "Audiovisuele sector en filmproductie"),
        ("PROTOCOL VAN SAMENWERKING TUSSEN DE VLAAMSE REGERING EN DE SOCIALE PARTNERS, VAN DE SECTOR VAN DE MONTAGE "
         "(PC 111.03)", "Montage"),
        ("De Vlaamse Regering en de sociale partners van de autosector ondertekenen sectorconvenant - HrWorld", "Auto"),
        ("Addendum bij het sectorconvenant 2021 - 2022 afgesloten tussen de Vlaamse Regering en de sociale partners van "
         "de sector Chemie, Kunststoffen en Life Sciences", "Chemie, Kunststoffen en Life Sciences"),
    ],
)
def test_sector_from_the_covenants_parties(tmp_path: Path, first_line: str, sector: str) -> None:
    """The sector a covenant is made with, read from how covenants name their parties (lower-case,
    a compound, a list, capitals), so filters and the document list know it without a sidecar."""
    text = f"{first_line}\nTussen de Vlaamse Regering, hierbij vertegenwoordigd door de minister van Werk,\n\nArtikel 1."
    assert infer_metadata(text, tmp_path / "c.txt")["sector"] == sector


def test_no_sector_from_a_sentence_that_only_mentions_one(tmp_path: Path) -> None:
    text = "Nieuws\nVolgens de minister krijgt de sector van de schoonmaak extra middelen voor opleiding.\n"
    assert "sector" not in infer_metadata(text, tmp_path / "n.txt")


def test_a_sources_list_gives_each_file_its_public_address_and_is_no_document(tmp_path: Path) -> None:
    from ingest.corpus import discover, load_corpus
    from ingest.split import split_document

    (tmp_path / "serv-werking.txt").write_text("Werking sectorconvenants\n\nDe SERV ondersteunt de sectoren.\n", encoding="utf-8")
    (tmp_path / "faq.txt").write_text("Veelgestelde vragen\n\nWat is een sectorconvenant?\n", encoding="utf-8")
    (tmp_path / "nieuws.txt").write_text("Nieuwsbericht\n\nDrie sectoren tekenden.\n", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text(
        "# Sources\n\n| file | public address | what it is |\n|---|---|---|\n"
        "| serv-werking.txt | https://www.serv.be/serv/pagina/werking-sectorconvenants | SERV page |\n"
        "| faq.txt | (no public copy) | FAQ |\n"  # no address: no source
        "| weg.txt | https://example.org/weg | a file that is not in the folder |\n",
        encoding="utf-8",
    )
    # the sidecar wins over the sources list
    _sidecar(tmp_path, "nieuws:\n  source: https://www.vlaanderen.be/nieuws\n")
    files, _ = discover([tmp_path])
    assert sorted(p.name for p in files) == ["faq.txt", "nieuws.txt", "serv-werking.txt"]
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert docs["serv-werking"].metadata["source"] == "https://www.serv.be/serv/pagina/werking-sectorconvenants"
    assert docs["nieuws"].metadata["source"] == "https://www.vlaanderen.be/nieuws"
    assert "source" not in docs["faq"].metadata
    chunk = split_document(docs["serv-werking"])[0]
    assert chunk.source == "https://www.serv.be/serv/pagina/werking-sectorconvenants"
    from assistant.types import Citation  # every answer's footnote is made from its chunk
    assert Citation.of(1, chunk, chunk.text, 0.5).to_dict()["source"] == chunk.source
    assert split_document(docs["faq"])[0].source == ""


def test_a_source_that_is_no_web_address_is_refused_naming_the_field(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"entry 'doc1': field 'source'"):
        read_sidecar(_sidecar(tmp_path, "doc1:\n  source: javascript:alert(1)\n"))


def test_a_sources_row_may_name_its_file_by_its_stem(tmp_path: Path) -> None:
    """"| horecaforma-arbeidsdeal | https://... |" gives horecaforma-arbeidsdeal.txt its address; a
    stem that two files share names neither."""
    (tmp_path / "horecaforma-arbeidsdeal.txt").write_text("De arbeidsdeal\n\nGeen impact.\n", encoding="utf-8")
    (tmp_path / "tweeling.txt").write_text("Tweeling\n\nTekst.\n", encoding="utf-8")
    (tmp_path / "tweeling.md").write_text("# Tweeling\n\nTekst.\n", encoding="utf-8")
    (tmp_path / "pad.txt").write_text("Pad\n\nTekst.\n", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text(
        "| file | address | what |\n| --- | --- | --- |\n"
        "| horecaforma-arbeidsdeal | https://vlaanderen.horecaforma.be/arbeidsdeal | page |\n"
        "| tweeling | https://example.org/tweeling | which one? |\n"
        "| pages/pad.txt | https://example.org/pad | by its path |\n",
        encoding="utf-8",
    )
    from ingest.sources import read_sources

    assert read_sources(tmp_path) == {"horecaforma-arbeidsdeal": {"source": "https://vlaanderen.horecaforma.be/arbeidsdeal"},
                                      "pad": {"source": "https://example.org/pad"}}
