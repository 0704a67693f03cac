"""load_document and sniff_type on real files generated in tmp_path (PDF, DOCX, HTML, text)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.types import SourceDocument
from ingest import loaders
from ingest.loaders import SUPPORTED_EXTENSIONS, load_document, sniff_type
from ingest.metadata import read_sidecar
from ingest.normalize import normalize_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

PDF_PAGES = [
    "Sectorconvenant 2023-2025 afgesloten tussen de Vlaamse Regering en de sociale partners "
    "van de sector Testsector\n\nWORDT OVEREENGEKOMEN WAT VOLGT:\n\nArtikel 1. De Vlaamse "
    "Regering betaalt een maximale subsidie van 742.000,00 EUR aan de sector.",
    "Artikel 2. De sector zet 7 VTE sectorconsulenten in voor de acties van het "
    "convenant.\nZij werken onder paritair toezicht.",
    "Artikel 3. De sector bezorgt ten laatste op 30 september 2024 een voortgangsrapport "
    "aan het departement Werk en Sociale Economie.",
]


def _write_pdf(path: Path, pages: list[str], *, title: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=11)
    for body in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _encrypt(source: Path, target: Path, *, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-128")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generate the real test files once per module (PDF generation is the slow part)."""
    root = tmp_path_factory.mktemp("loaders")
    pdf = _write_pdf(root / "convenant.pdf", PDF_PAGES, title="Sectorconvenant Testsector")
    _encrypt(pdf, root / "locked.pdf", user_password="geheim")
    _encrypt(pdf, root / "owner_only.pdf", user_password="")

    from fpdf import FPDF

    scan = FPDF()
    scan.add_page()
    scan.set_fill_color(120, 120, 120)
    scan.rect(20, 20, 120, 60, style="F")
    scan.line(20, 100, 180, 100)
    scan.output(str(root / "scan.pdf"))
    return root


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_text_pages_and_offsets(files: Path) -> None:
    doc = load_document(files / "convenant.pdf")
    assert isinstance(doc, SourceDocument)
    assert doc.doc_id == "convenant"
    assert [number for number, _ in doc.pages] == [1, 2, 3]
    starts = dict(doc.pages)
    assert starts[1] == 0
    assert doc.text[starts[2] :].startswith("Artikel 2. De sector zet 7 VTE")
    assert doc.text[starts[3] :].startswith("Artikel 3. De sector bezorgt")
    assert doc.page_at(doc.text.index("742.000,00 EUR")) == 1
    assert doc.page_at(doc.text.index("paritair toezicht")) == 2
    assert doc.page_at(doc.text.index("30 september 2024")) == 3
    # Pages are separated by a blank line and the text is a fixed point of normalize_text.
    assert doc.text[starts[2] - 2 : starts[2]] == "\n\n"
    assert normalize_text(doc.text) == doc.text
    assert doc.metadata["page_count"] == 3
    assert doc.metadata["format"] == "pdf"
    assert doc.title == "Sectorconvenant Testsector"  # the PDF's own title
    assert doc.doc_type == "sectorconvenant"
    assert doc.metadata["period"] == "2023-2025"
    assert doc.metadata["sector"] == "Testsector"


def test_pdf_sentence_cut_by_page_break_is_joined(tmp_path: Path) -> None:
    path = _write_pdf(
        tmp_path / "break.pdf",
        [
            "Artikel 4. De sector organiseert jaarlijks minstens",
            "vijf bijeenkomsten met de bonden.",
        ],
    )
    doc = load_document(path)
    assert doc.text == (
        "Artikel 4. De sector organiseert jaarlijks minstens vijf bijeenkomsten met de bonden."
    )
    assert doc.pages == ((1, 0), (2, doc.text.index("vijf")))
    assert doc.page_at(doc.text.index("bonden")) == 2


def test_encrypted_pdf_is_refused(files: Path) -> None:
    with pytest.raises(IngestError) as info:
        load_document(files / "locked.pdf")
    message = str(info.value)
    assert "locked.pdf" in message
    assert "versleuteld/encrypted" in message
    assert "\n" not in message


def test_pdf_encrypted_without_user_password_is_readable(files: Path) -> None:
    doc = load_document(files / "owner_only.pdf")
    assert "742.000,00 EUR" in doc.text
    assert len(doc.pages) == 3


def test_pdf_without_text_layer_is_refused(files: Path) -> None:
    with pytest.raises(IngestError, match=r"scan\.pdf: geen tekstlaag: OCR wordt niet ondersteund"):
        load_document(files / "scan.pdf")


def test_fake_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nep.pdf"
    path.write_text("Dit is gewoon tekst met een .pdf-extensie.", encoding="utf-8")
    with pytest.raises(IngestError, match=r"nep\.pdf: content is plain text, not a PDF"):
        load_document(path)


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 20)
    pattern = r"kapot\.pdf: (PDF could not be read|geen tekstlaag)"
    with pytest.raises(IngestError, match=pattern) as info:
        load_document(path)
    assert "\n" not in str(info.value)


def test_pdf_pages_that_open_with_their_number_are_found_at_their_start(tmp_path: Path) -> None:
    # A page number on a line of its own opens each page; the number also stands in figures on the
    # page before ("742.000,00", "2023-2025"), where the page must not be taken to start.
    pages = [
        "1\nSectorconvenant 2023-2025 tussen de Vlaamse Regering en de sector. De Vlaamse Regering "
        "betaalt een maximale subsidie van 742.000,00 EUR voor 2 VTE sectorconsulenten in 2023 en 2024.",
        "2\nArtikel 2. De sector zet de sectorconsulenten in voor de acties van het convenant.",
        "3\nArtikel 3. De sector bezorgt een voortgangsrapport aan het departement.",
    ]
    doc = load_document(_write_pdf(tmp_path / "genummerd.pdf", pages))
    assert doc.pages == ((1, 0), (2, doc.text.index("2\nArtikel 2.")), (3, doc.text.index("3\nArtikel 3.")))
    assert doc.page_at(doc.text.index("742.000,00")) == 1
    assert doc.page_at(doc.text.index("voortgangsrapport")) == 3


def test_pdf_running_header_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    # Every page repeats a header line and ends in its number: layout, not text. The pages are
    # still found, at their first line of text.
    def page(n: int) -> str:
        body = "\n".join(f"Actie {n}.{i}: de sector organiseert opleidingen voor werkzoekenden in regio {i}."
                         for i in range(1, 13))
        return f"Sectorconvenant Testsector 2023-2025\n{body}\nPagina {n}"

    doc = load_document(_write_pdf(tmp_path / "kop.pdf", [page(1), page(2), page(3)]))
    assert "Testsector 2023-2025" not in doc.text and "Pagina" not in doc.text
    assert doc.pages == ((1, 0), (2, doc.text.index("Actie 2.1:")), (3, doc.text.index("Actie 3.1:")))
    assert doc.page_at(doc.text.index("Actie 2.12:")) == 2


def test_pdf_with_an_image_only_page_records_it(tmp_path: Path) -> None:
    path = _write_pdf(tmp_path / "gemengd.pdf", ["Artikel 1. Tekst op pagina 1.", "", "Pagina 3."])
    doc = load_document(path)
    assert doc.text == "Artikel 1. Tekst op pagina 1.\n\nPagina 3."
    assert doc.pages == ((1, 0), (3, doc.text.index("Pagina 3.")))
    assert doc.metadata["pages_without_text"] == "2"
    assert doc.metadata["page_count"] == 3


# --- DOCX ----------------------------------------------------------------------------------------


@pytest.fixture()
def docx_file(tmp_path: Path) -> Path:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.core_properties.title = ""
    document.add_heading("Sectorconvenant Testsector 2023-2025", level=0)
    document.add_heading("Artikel 1. Subsidie", level=1)
    document.add_paragraph("De Vlaamse Regering betaalt 742.000,00 EUR.")
    document.add_paragraph("eerste actie", style="List Bullet")
    document.add_paragraph("tweede actie", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Thema"
    table.cell(0, 1).text = "Budget"
    table.cell(1, 0).text = "Onderwijs"
    table.cell(1, 1).text = "10 VTE"
    table.cell(1, 1).add_paragraph("Verdeeld over 2 jaar")
    dutch = document.styles.add_style("Kop 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Artikel 2. Evaluatie", style=dutch)
    document.add_paragraph("Tekst na de tabel.")
    path = tmp_path / "convenant.docx"
    document.save(str(path))
    return path


def test_docx_body_order_headings_lists_tables(docx_file: Path) -> None:
    doc = load_document(docx_file)
    assert doc.text == (
        "# Sectorconvenant Testsector 2023-2025\n"
        "\n"
        "# Artikel 1. Subsidie\n"
        "\n"
        "De Vlaamse Regering betaalt 742.000,00 EUR.\n"
        "\n"
        "- eerste actie\n"
        "- tweede actie\n"
        "\n"
        "Thema\n"
        "Budget\n"
        "\n"
        "Onderwijs\n"
        "10 VTE\n"
        "Verdeeld over 2 jaar\n"
        "\n"
        "## Artikel 2. Evaluatie\n"
        "\n"
        "Tekst na de tabel."
    )
    assert doc.title == "Sectorconvenant Testsector 2023-2025"
    assert doc.metadata["format"] == "docx"
    assert doc.pages == ()


def test_docx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_text("Geen Word-bestand.", encoding="utf-8")
    with pytest.raises(IngestError, match=r"brief\.docx: content is plain text, not a DOCX"):
        load_document(path)


def test_zip_without_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archief.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hallo")
    with pytest.raises(IngestError, match=r"archief\.docx: content is a ZIP archive, not a DOCX"):
        load_document(path)


def test_broken_docx_package_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stuk.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>niet af")
    with pytest.raises(IngestError, match=r"stuk\.docx: not a valid DOCX") as info:
        load_document(path)
    assert "\n" not in str(info.value)


# --- HTML ----------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Sectorconvenant Testsector</title>
<script>var secret = "geheim";</script><style>p { color: red; }</style></head>
<body>
<header>Vlaanderen.be menu</header>
<nav><a href="/">Home</a> &rsaquo; <a href="/nieuws">Nieuws</a></nav>
<main>
<h1>Sectorconvenant 2023-2025</h1>
<p>Artikel 1. De Vlaamse Regering betaalt
   <b>742.000,00&nbsp;EUR</b> &amp; meer.</p>
<h2>Acties</h2>
<ul><li>eerste actie</li><li>tweede <i>actie</i></li></ul>
<table>
 <tr><th>Thema</th><th>Budget</th></tr>
 <tr><td><p>Onderwijs</p><p>Extra</p></td><td>10 VTE</td></tr>
</table>
<p>Regel een<br>Regel twee</p>
<p><input type="checkbox" checked> nieuwe actie <input type="checkbox"> lokale samenwerking</p>
</main>
<aside>Deel dit artikel</aside>
<form><label>Zoeken</label></form>
<footer>Contact en privacy</footer>
</body></html>
"""


def test_html_drops_page_chrome_and_keeps_structure(tmp_path: Path) -> None:
    path = tmp_path / "pagina.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = load_document(path)
    assert doc.text == (
        "# Sectorconvenant 2023-2025\n"
        "\n"
        "Artikel 1. De Vlaamse Regering betaalt 742.000,00 EUR & meer.\n"
        "\n"
        "## Acties\n"
        "\n"
        "- eerste actie\n"
        "- tweede actie\n"
        "\n"
        "Thema\n"
        "Budget\n"
        "\n"
        "Onderwijs\n"
        "Extra\n"
        "10 VTE\n"
        "\n"
        "Regel een\n"
        "Regel twee\n"
        "\n"
        "[x] nieuwe actie\n"
        "[ ] lokale samenwerking"
    )
    for chrome in ("geheim", "color", "menu", "Home", "Deel dit", "Zoeken", "privacy"):
        assert chrome not in doc.text
    assert doc.title == "Sectorconvenant Testsector"
    assert doc.metadata["format"] == "html"


def test_html_article_header_is_content_not_chrome(tmp_path: Path) -> None:
    path = tmp_path / "artikel.html"
    path.write_text(
        "<html><body><header>Site</header><article><header><h1>Negende generatie</h1>"
        "</header><p>Tekst.</p><footer>18 juli 2023</footer></article>"
        "<footer>Privacy</footer><!-- commentaar --></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.text == "# Negende generatie\n\nTekst.\n\n18 juli 2023"
    assert doc.metadata["date"] == "2023-07-18"


def test_html_title_falls_back_to_first_h1(tmp_path: Path) -> None:
    path = tmp_path / "zonder_titel.htm"
    path.write_text("<html><body><h1>Addendum duaal leren</h1><p>Tekst.</p></body></html>")
    doc = load_document(path)
    assert doc.title == "Addendum duaal leren"
    assert doc.doc_type == "addendum"


def test_html_that_is_really_a_pdf_is_refused(files: Path, tmp_path: Path) -> None:
    path = tmp_path / "pagina.html"
    path.write_bytes((files / "convenant.pdf").read_bytes())
    with pytest.raises(IngestError, match=r"pagina\.html: content is a PDF, not HTML"):
        load_document(path)


# --- text and markdown ---------------------------------------------------------------------------


def test_cp1252_text_falls_back_and_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "oud.txt"
    path.write_bytes("Forfait van € 85.000 voor één sector in België.".encode("cp1252"))
    doc = load_document(path)
    assert doc.text == "Forfait van € 85.000 voor één sector in België."
    assert doc.metadata["encoding"] == "cp1252"


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff# Titel\n\nÉén zin.".encode())
    doc = load_document(path)
    assert doc.text == "# Titel\n\nÉén zin."
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.metadata["format"] == "markdown"
    assert doc.title == "Titel"


def test_undecodable_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.txt"
    path.write_bytes(b"Tekst \x81\x8d en meer")
    with pytest.raises(IngestError, match=r"kapot\.txt: undecodable text: not UTF-8 .* not cp1252"):
        load_document(path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leeg.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError, match=r"leeg\.txt: empty file \(0 bytes\)"):
        load_document(path)


def test_file_without_text_after_cleanup_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wit.md"
    path.write_text("\n\n   \u00a0\n<p></p>\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"wit\.md: no text after extraction"):
        load_document(path)


@pytest.mark.parametrize("name", ["tabel.xlsx", "tekst.odt", "zonder_extensie"])
def test_unsupported_extension_is_named(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 iets")
    with pytest.raises(IngestError) as info:
        load_document(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert "unsupported file type" in message
    expected = f"'{Path(name).suffix}'" if Path(name).suffix else "(no extension)"
    assert expected in message


def test_oversize_file_states_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "groot.txt"
    content = "woord " * 341 + "ab"  # 2,048 bytes of words (a run of one letter is not language)
    path.write_text(content, encoding="utf-8")
    expected = r"groot\.txt: file is too large \(2,048 bytes; the limit is 1,000 bytes\)"
    with pytest.raises(IngestError, match=expected):
        load_document(path, max_bytes=1000)
    assert load_document(path, max_bytes=2048).text == content


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"weg\.txt: file not found"):
        load_document(tmp_path / "weg.txt")


# --- sniffing ------------------------------------------------------------------------------------


def test_sniff_type_by_content(files: Path, docx_file: Path, tmp_path: Path) -> None:
    samples = {
        "a.bin": b"",
        "b.bin": b"<!DOCTYPE html><html><body>x</body></html>",
        "c.bin": b"Gewone tekst met \xc3\xa9\xc3\xa9n",
        "d.bin": b"\x89PNG\r\n\x1a\n\x00\x00",
        "e.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00",
        "f.bin": b"{\\rtf1\\ansi hallo}",
        "g.bin": b"\x00\x01\x02\x03",
    }
    expected = {"a.bin": "empty", "b.bin": "html", "c.bin": "text", "d.bin": "image",
                "e.bin": "ole", "f.bin": "rtf", "g.bin": "binary"}
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
        assert sniff_type(tmp_path / name) == expected[name], name
    assert sniff_type(files / "convenant.pdf") == "pdf"
    assert sniff_type(docx_file) == "docx"


# --- sidecar and corpus --------------------------------------------------------------------------


def test_sidecar_values_win_and_null_removes(tmp_path: Path) -> None:
    path = tmp_path / "nieuws.txt"
    path.write_text("Vlaamse Regering sluit convenants af\n\nNieuwsbericht\n18 juli 2023\n\nTekst.")
    plain = load_document(path)
    assert (plain.title, plain.doc_type, plain.metadata["date"]) == (
        "Vlaamse Regering sluit convenants af", "nieuwsbericht", "2023-07-18")
    doc = load_document(path, doc_id="n1", sidecar={"title": "Officiële titel", "date": None,
                                                    "generation": 9})
    assert doc.doc_id == "n1"
    assert doc.title == "Officiële titel"
    assert doc.metadata["title"] == "Officiële titel"
    assert "date" not in doc.metadata
    assert doc.metadata["generation"] == 9
    assert doc.doc_type == "nieuwsbericht"


def test_sidecar_may_be_the_whole_mapping(tmp_path: Path) -> None:
    path = tmp_path / "doc7.txt"
    path.write_text("Een beleidstekst.\n\nMet inhoud.")
    doc = load_document(path, sidecar={"doc7": {"type": "akkoord"}, "ander": {"type": "addendum"}})
    assert doc.doc_type == "akkoord"
    other = load_document(path, sidecar={"ander": {"type": "addendum"}})
    assert other.doc_type == "beleidstekst"


def test_bad_sidecar_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc8.txt"
    path.write_text("Tekst.")
    with pytest.raises(IngestError, match=r"doc8\.txt \(sidecar\): entry 'doc8': field 'titel'"):
        load_document(path, sidecar={"titel": "typo"})


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_corpus_files_load_with_sidecar(path: Path) -> None:
    sidecar = read_sidecar(CORPUS)
    doc = load_document(path, sidecar=sidecar)
    entry = sidecar[path.stem]
    assert doc.doc_id == path.stem
    assert doc.title == entry["title"]
    assert doc.doc_type == entry["type"]
    for key in ("period", "sector", "generation", "date"):
        assert doc.metadata.get(key) == entry.get(key)
    assert normalize_text(doc.text) == doc.text
    assert doc.metadata["encoding"] == "utf-8"


def test_supported_extensions_and_public_api() -> None:
    assert SUPPORTED_EXTENSIONS == (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
    assert set(loaders.__all__) == {"SUPPORTED_EXTENSIONS", "load_document", "sniff_type"}


_REFERENCE_FIRST = (
    "VR 2018 0203 DOC.0188/43\nSectorconvenant 2018-2019 afgesloten tussen de Vlaamse Regering en de sociale "
    "partners van de sector textielverzorging (PC 110)\n\nArtikel 1\nDe Vlaamse Regering verbindt er zich toe een "
    "maximale toelage van 98.000,00 EUR uit te betalen.\n"
)


def test_citations_show_the_covenant_title_not_the_file_reference_above_it(tmp_path: Path) -> None:
    from assistant.turn.answer import not_found_text
    from assistant.types import ScoredChunk
    from ingest.split import split_document

    path = tmp_path / "textiel.txt"
    path.write_text(_REFERENCE_FIRST, encoding="utf-8")
    doc = load_document(path)
    chunks = split_document(doc)
    assert doc.title == "VR 2018 0203 DOC.0188/43"  # what is indexed (embedded and keyword text) is unchanged
    assert chunks[0].embed_text.startswith("VR 2018 0203 DOC.0188/43")
    shown = ("Sectorconvenant 2018-2019 afgesloten tussen de Vlaamse Regering en de sociale partners van de "
             "sector textielverzorging (PC 110)")
    assert {c.label for c in chunks} == {shown}
    assert not_found_text([ScoredChunk(chunks[0], 1.0)]).endswith(f"Het dichtst in de buurt komen: ‘{shown}’.")


def test_a_sidecar_title_is_shown_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "textiel.txt"
    path.write_text(_REFERENCE_FIRST, encoding="utf-8")
    doc = load_document(path, sidecar={"title": "Textielverzorging 2018-2019"})
    assert doc.title == "Textielverzorging 2018-2019"
    assert "display_title" not in doc.metadata
