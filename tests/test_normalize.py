"""normalize_text: the canonical cleanup, on synthetic snippets and on the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.normalize import normalize_text
from ingest.split import detect_headings

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_text(stem_prefix: str) -> str:
    (path,) = CORPUS.glob(f"{stem_prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def covenant() -> str:
    return normalize_text(corpus_text("003"))


@pytest.fixture(scope="module")
def deck() -> str:
    return normalize_text(corpus_text("002"))


# --- markdown tables with HTML cells -------------------------------------------------------------


def test_table_separator_rows_dropped_and_cells_become_lines() -> None:
    text = (
        "| | Resultaatsverbintenissen 2023-2025 |\n"
        "|---|---|\n"
        "| Resultaatsverbintenis 1 Bereiken | We organiseren 5 bijeenkomsten. |\n"
        "| <p>Resultaatsverbintenis 2 Samenwerking.</p> | <p>Eerste alinea.</p> <p>Tweede.</p> |\n"
    )
    assert normalize_text(text) == (
        "Resultaatsverbintenissen 2023-2025\n"
        "\n"
        "Resultaatsverbintenis 1 Bereiken\n"
        "We organiseren 5 bijeenkomsten.\n"
        "\n"
        "Resultaatsverbintenis 2 Samenwerking.\n"
        "Eerste alinea.\n"
        "Tweede."
    )


def test_cell_list_items_and_inline_markup() -> None:
    text = (
        "| <p>Actie 1.3: Verhogen van digitale geletterdheid</p> | <p>Omschrijving:</p>"
        "<ul><li>eerste <i>punt</i></li><li>2<sup>e</sup> graad</li></ul> |"
    )
    assert normalize_text(text).split("\n") == [
        "Actie 1.3: Verhogen van digitale geletterdheid",
        "Omschrijving:",
        "- eerste punt",
        "- 2e graad",
    ]


def test_bare_list_in_ul_without_li_is_split_on_its_markers() -> None:
    text = (
        '| x | <p>Sinds VIA6 rond:</p> <ul style="list-style-type: none"> '
        "• Het creëren van een merk"
        " • Het correct informeren |\n"
        '| Y | <ul style="list-style-type: none"> -Een gids voor vakbonden -Een spiegelgids '
        "(bv. SERV -#iedereen kan bijleren) |"
    )
    lines = normalize_text(text).split("\n")
    assert "- Het creëren van een merk" in lines
    assert "- Het correct informeren" in lines
    assert "- Een gids voor vakbonden" in lines
    # "-#iedereen" is a hashtag, not a list item.
    assert "- Een spiegelgids (bv. SERV -#iedereen kan bijleren)" in lines


@pytest.mark.parametrize(
    "source",
    [
        'Dit is een <input checked="" type="checkbox"/> nieuwe actie <input type="checkbox"/> '
        "intersectorale samenwerking",
        '<p>Dit is een</p> <p><input checked="" type="checkbox"/> nieuwe actie</p> '
        '<p><input type="checkbox"/> intersectorale samenwerking</p>',
        "| <p>Dit is een</p> <p><input checked type=checkbox> nieuwe actie</p> "
        '<input type="checkbox"> intersectorale samenwerking |',
    ],
)
def test_checkboxes_start_lines(source: str) -> None:
    assert normalize_text(source).split("\n") == [
        "Dit is een",
        "[x] nieuwe actie",
        "[ ] intersectorale samenwerking",
    ]


def test_entities_tags_and_emphasis() -> None:
    text = (
        "**Artikel 1.** subsidie van **742.000,00 EUR** voor *VIVO* &amp; L&D-thema&nbsp;x "
        "<b>vet</b>"
    )
    assert normalize_text(text) == (
        "Artikel 1. subsidie van 742.000,00 EUR voor VIVO & L&D-thema x vet"
    )


def test_text_that_only_looks_like_markup_is_kept() -> None:
    text = "Sector <naam sector> met < 5 werknemers, 2 * 3 = 6 en snake_case_naam blijft"
    assert normalize_text(text) == text


def test_headings_are_kept() -> None:
    text = "#  Thema 1:   **Onderwijs**\n\ntekst."
    assert normalize_text(text) == "# Thema 1: Onderwijs\n\ntekst."


# --- bullets and broken lines --------------------------------------------------------------------


def test_bullet_glyphs_become_dashes() -> None:
    text = "▪ een\n• twee\n● drie\n◦ vier\n\uf0b7 vijf\n* zes\n+ 10% extra"
    assert normalize_text(text).split("\n") == [
        "- een",
        "- twee",
        "- drie",
        "- vier",
        "- vijf",
        "- zes",
        "+ 10% extra",  # a plus sign is not a bullet
    ]


def test_inline_bullets_split_into_items() -> None:
    text = (
        "Een actueel aanbod: • zowel intersectoraal • Vernieuwd en aantrekkelijk "
        "• gebaseerd op onderzoek"
    )
    assert normalize_text(text).split("\n") == [
        "Een actueel aanbod:",
        "- zowel intersectoraal",
        "- Vernieuwd en aantrekkelijk",
        "- gebaseerd op onderzoek",
    ]


def test_broken_slide_lines_are_joined_conservatively() -> None:
    text = (
        "▪ Met klemtonen vanuit regeerakkoord, beleidsnota's, andere akkoorden \n"
        "of plannen \n"
        "▪ Digitalisering van het opleidings-\n"
        "\n"
        "en ondersteuningsaanbod\n"
        "▪ Zin met punt.\n"
        "kleine letter na een punt blijft\n"
        "Thema 5: Diversiteit\n"
        "(vink aan:)\n"
        "# Kop zonder punt\n"
        "tekst onder de kop\n"
        "▪ Opsomming\n"
        "a. eerste punt\n"
        "[x] nieuwe actie\n"
        "lokale context\n"
    )
    assert normalize_text(text).split("\n") == [
        "- Met klemtonen vanuit regeerakkoord, beleidsnota's, andere akkoorden of plannen",
        "- Digitalisering van het opleidings- en ondersteuningsaanbod",
        "- Zin met punt.",
        "kleine letter na een punt blijft",
        "Thema 5: Diversiteit",
        "(vink aan:)",
        "# Kop zonder punt",
        "tekst onder de kop",
        "- Opsomming",
        "a. eerste punt",
        "[x] nieuwe actie",
        "lokale context",
    ]


# --- whitespace, unicode, residue ----------------------------------------------------------------


def test_whitespace_and_unicode_cleanup() -> None:
    text = (
        "\ufeffEen\u00a0zin\t\tmet   spaties.\u200b  \r\n\r\n\r\n\r\nde\u0301 e\u0301e\u0301n "
        "\ufb01nanciering\x0c\n\n\n"
    )
    assert normalize_text(text) == "Een zin met spaties.\n\ndé één financiering"


def test_web_residue_is_dropped() -> None:
    text = (
        "Gedaan met laden. U bevindt zich op: Vlaamse Regering sluit af Nieuwsberichten van WSE\n"
        "\n"
        "Vlaamse Regering sluit negende generatie sectorconvenants af\n"
        "Gedaan met laden. Tweede pagina.\n"
    )
    assert normalize_text(text) == (
        "Vlaamse Regering sluit negende generatie sectorconvenants af\nTweede pagina."
    )


def test_numbered_heading_keeps_its_body_apart_across_a_blank_line() -> None:
    text = (
        "1.Duurzaam HR-beleid\n\nmediarte.be is er van overtuigd dat de werkgevers winnen.\n\n"
        "2. De Vlaamse Regering verbindt er zich toe om\n\nde uitvoering te ondersteunen.\n"
    )
    assert normalize_text(text).split("\n") == [
        "1.Duurzaam HR-beleid",
        "",
        "mediarte.be is er van overtuigd dat de werkgevers winnen.",
        "",
        "2. De Vlaamse Regering verbindt er zich toe om de uitvoering te ondersteunen.",
    ]


def test_articles_run_on_in_one_line_get_lines_of_their_own() -> None:
    """A covenant without its line breaks: a run of consecutively numbered articles, each opening a
    sentence, is split so the chunker sees each article as a section; a lone reference stays."""
    from ingest.split import sections_of

    line = ("[Wordt overeengekomen wat volgt] Verbintenissen van de Vlaamse Regering Artikel 1. De Vlaamse Regering "
            "betaalt een toelage van 76.500,00 EUR. Artikel 2. De Vlaamse Regering stimuleert de uitvoering, door: "
            "1. het organiseren van overleg; 2. het organiseren van netwerkbijeenkomsten via de SERV.")
    text = normalize_text(line)
    assert text.split("\n") == [
        "[Wordt overeengekomen wat volgt] Verbintenissen van de Vlaamse Regering",
        "Artikel 1. De Vlaamse Regering betaalt een toelage van 76.500,00 EUR.",
        "Artikel 2. De Vlaamse Regering stimuleert de uitvoering, door: 1. het organiseren van overleg; "
        "2. het organiseren van netwerkbijeenkomsten via de SERV.",
    ]
    assert [s.path for s in sections_of(text) if s.path] == [("Artikel 1",), ("Artikel 2",)]
    assert normalize_text(text) == text
    reference = "De sector rapporteert zoals bepaald in Artikel 3. De Vlaamse Regering keurt het rapport goed."
    assert normalize_text(reference) == reference
    skipped = "Zie Artikel 2. Dat geldt. Zie ook Artikel 5. Dat geldt ook."  # not consecutive: references
    assert normalize_text(skipped) == skipped


def test_empty_and_blank_input() -> None:
    assert normalize_text("") == ""
    assert normalize_text(" \n\t\n\u00a0\u200b\n") == ""


# --- the bundled corpus --------------------------------------------------------------------------


def test_covenant_keeps_substantive_content(covenant: str) -> None:
    lines = covenant.split("\n")
    assert "742.000,00 EUR" in covenant
    assert "30 september 2024" in covenant
    assert "1 juli 2023 tot en met 30 juni 2025" in covenant
    assert "Actie 1.3: Verhogen van digitale geletterdheid" in lines
    assert "[x] nieuwe actie" in lines
    assert "[ ] lokale samenwerking" in lines
    assert any(line.startswith("Resultaatsverbintenis 1 ") for line in lines)
    assert "Resultaatsverbintenissen 2023-2025" in lines
    # No markup survives.
    for residue in ("<p>", "</p>", "<input", "<ul", "**", "|---", "|--|", "&amp;"):
        assert residue not in covenant, residue


def test_covenant_cell_split_by_page_break_is_rejoined(covenant: str) -> None:
    assert "beogen we jaarlijks minstens 100 werkvloeren te bereiken" in covenant


def test_covenant_action_block_structure(covenant: str) -> None:
    lines = covenant.split("\n")
    start = lines.index("Actie 2.2: Wederzijdse verwachtingen rond betere begeleiding op de "
                        "werkplekken in kaart brengen en aan werken")
    assert lines[start + 1 : start + 5] == [
        "Duid aan (indien van toepassing): Dit is een",
        "[x] nieuwe actie",
        "[ ] intersectorale samenwerking",
        "[ ] lokale samenwerking",
    ]
    assert lines[start + 5].startswith("Omschrijving: Vanuit een werkgroep")


def test_deck_bullets_and_joined_lines(deck: str) -> None:
    lines = deck.split("\n")
    assert "- Loonkostfinanciering van 49.000 euro per VTE sectorconsulent" in lines
    klemtonen = "- Met klemtonen vanuit regeerakkoord, beleidsnota’s, andere akkoorden of plannen"
    assert klemtonen in lines
    assert (
        "- Addenda non-discriminatie en inclusie: forfaitair bedrag van 85.000 euro per sector"
        in lines
    )
    assert "▪" not in deck


def test_news_item_loses_web_residue() -> None:
    text = normalize_text(corpus_text("000"))
    assert text.startswith("Vlaamse Regering sluit negende generatie sectorconvenants af\n")
    assert "Gedaan met laden" not in text
    assert "U bevindt zich op" not in text
    assert "147 sectorconsulenten" in text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_idempotent_on_corpus(prefix: str) -> None:
    once = normalize_text(corpus_text(prefix))
    assert normalize_text(once) == once
    assert "\n\n\n" not in once
    assert all(line == line.strip() for line in once.split("\n"))


_ALPHABET = st.sampled_from(
    list("abcXYZ019 .,:;-*_#|[]()&;<>/\"'\n\t")
    + ["▪", "•", "\u00a0", "\u200b", "é", "e\u0301", "**", "<p>", "</p>", "<li>", "<br>",
       '<input checked type="checkbox">', '<input type="checkbox">', "&amp;", "&lt;", "&#124;",
       "|---|---|\n", "| a | b |\n", "Gedaan met laden. ", "U bevindt zich op: ", "\n\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_idempotent_property(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_words_hyphenated_at_a_line_break_are_joined() -> None:
    text = (
        "De Vlaamse Regering ondersteunt de over- eenkomst, bij-\n"
        "voorbeeld via intervisiemomenten die fun- geren als doorgeefluik.\n"
        "Een ad hoc- overleg over competentie- en loopbaanbeleid, in- of uitvoer.\n"
        "De Secretaris- Generaal en PRIORITEIT- 1."
    )
    assert normalize_text(text) == (
        "De Vlaamse Regering ondersteunt de overeenkomst, bijvoorbeeld via intervisiemomenten die "
        "fungeren als doorgeefluik.\n"
        "Een ad hoc-overleg over competentie- en loopbaanbeleid, in- of uitvoer.\n"
        "De Secretaris- Generaal en PRIORITEIT- 1."
    )
    assert normalize_text("kwali- teits- zorg") == normalize_text(normalize_text("kwali- teits- zorg"))


# --- hard-wrapped text (a PDF export) -----------------------------------------------------------

_WRAPPED = (
    "Artikel 1. De Vlaamse Regering verbindt er zich toe in het kader van deze\n"
    "overeenkomst tijdens de periode van 1 januari 2013 tot en met 31 december\n"
    "2014 een maximale toelage van 76.500,00 EUR uit te betalen aan mediarte.be\n"
    "(Landsroemlaan 20, 1083 Brussel) ter financiering van 1,5 VTE sectorconsulent\n"
    "Artikel 2. De Vlaamse Regering stimuleert en ondersteunt de uitvoering van de\n"
    "overeenkomst door:\n"
    "1. het organiseren van ad hoc-overleg met de sociale partners op vraag van de\n"
    "sectoren;\n"
    "2. het organiseren van een klankbordvergadering met de sectorconsulenten en\n"
    "de SERV die fungeert als doorgeefluik van informatie over het beleid van de\n"
    "Vlaamse Regering.\n"
    "Verbintenissen van de sociale partners\n"
    "- een sector die het convenant uitvoert met aandacht voor diversiteit en\n"
    "Evenredige arbeidsdeelname, zoals afgesproken in het Vlaams Intersectoraal Akkoord\n"
    "- een tweede punt\n"
)


def test_a_hard_wrapped_text_is_read_a_paragraph_a_line() -> None:
    # Full lines run on (also before a capital, a figure or a parenthesis: "deze" / "overeenkomst",
    # "december" / "2014", "mediarte.be" / "(Landsroemlaan"); a line that ends a sentence or clause,
    # a short line, an article, a numbered point and a list item stand on their own, and a line
    # that ends short ends its paragraph (a blank line, as a text with its layout has), except
    # between the items of one list.
    assert normalize_text(_WRAPPED).split("\n") == [
        "Artikel 1. De Vlaamse Regering verbindt er zich toe in het kader van deze overeenkomst tijdens"
        " de periode van 1 januari 2013 tot en met 31 december 2014 een maximale toelage van 76.500,00"
        " EUR uit te betalen aan mediarte.be (Landsroemlaan 20, 1083 Brussel) ter financiering van 1,5"
        " VTE sectorconsulent",
        "Artikel 2. De Vlaamse Regering stimuleert en ondersteunt de uitvoering van de overeenkomst door:",
        "",
        "1. het organiseren van ad hoc-overleg met de sociale partners op vraag van de sectoren;",
        "",
        "2. het organiseren van een klankbordvergadering met de sectorconsulenten en de SERV die fungeert"
        " als doorgeefluik van informatie over het beleid van de Vlaamse Regering.",
        "",
        "Verbintenissen van de sociale partners",
        "",
        "- een sector die het convenant uitvoert met aandacht voor diversiteit en Evenredige"
        " arbeidsdeelname, zoals afgesproken in het Vlaams Intersectoraal Akkoord",
        "- een tweede punt",
    ]


def test_a_table_of_contents_does_not_widen_a_hard_wrapped_text() -> None:
    # A table of contents dotted out to its page numbers is as wide as the page: without it, the
    # prose lines are the text's width, and a sentence wrapped after a name ("UBK, Landbond" /
    # "Slagers en Bakkers Vlaanderen samen ...") is one line again.
    contents = "".join(f"{letter}. HOOFDSTUK {letter} " + "." * 100 + f" {n}\n" for n, letter in enumerate("ABCD", 6))
    prose = (
        "Via het ESF-project ‘Van werkplek naar beroep’ werkten Syntra en de sectoren UBK, Landbond\n"
        "Slagers en Bakkers Vlaanderen samen voor de uitrol van het nieuwe duaal leren voor de\n"
        "beroepsprofielen Haarverzorging, Brood & Banketbakker, Chocolatier en Slager-Spekslager. In het\n"
        "schooljaar 2017/2018 volgden in totaal 15 leerlingen een van deze trajecten bij de Syntra.\n"
        "\n"
        "Naar aanleiding van deze eerste piloottrajecten vroegen wij de partners naar hun ervaringen en\n"
        "bevindingen. Hun aandachtspunten en verbetervoorstellen werden gebundeld in dit rapport met\n"
        "aanbevelingen.\n\n"
    )
    lines = normalize_text(prose + contents).split("\n")
    assert lines[0].startswith("Via het ESF-project") and lines[0].endswith("trajecten bij de Syntra.")
    assert "Naar aanleiding" in lines[2] and lines[2].endswith("rapport met aanbevelingen.")
    assert sum("HOOFDSTUK" in line for line in lines) == 4  # each entry on a line of its own


def test_a_wrapped_address_in_parentheses_stays_in_its_sentence() -> None:
    # A line that ends short inside an open parenthesis ends no paragraph: no blank line comes
    # between it and the rest of its sentence (the units of answer.units join such lines).
    text = _WRAPPED.replace(
        "(Landsroemlaan 20, 1083 Brussel) ter financiering van 1,5 VTE sectorconsulent\n",
        "(Landsroemlaan 20, 1083 Brussel; bankrekeningnummer:\nBE10 4389 2151 8104) voor 1,5 VTE.\n",
    )
    lines = normalize_text(text).split("\n")
    at = next(i for i, line in enumerate(lines) if "bankrekeningnummer:" in line)
    end = at if "BE10" in lines[at] else at + 1
    assert lines[end].endswith("BE10 4389 2151 8104) voor 1,5 VTE.")
    assert lines[end + 1] == ""  # the sentence ends its paragraph


def test_a_text_without_layout_keeps_its_lines() -> None:
    # A paragraph a line (a web page, a Word export): lines far wider than any printed line are no
    # wrapped lines, even when they end without a full stop; each stays a paragraph of its own, now
    # with the blank line between paragraphs that a text with its layout has.
    paragraphs = [
        "Sectorconvenant 2013-2014 tussen de Vlaamse Regering en de sociale partners van de sector " * 3,
        "De sectorconsulenten werken aan de acties van het convenant en rapporteren er jaarlijks over "
        "aan het departement Werk en Sociale Economie, dat de resultaten beoordeelt en erover rapporteert aan "
        "de Vlaamse Regering en aan de sociale partners van de sector",
        "Bijlage 1",
    ] * 3
    text = "\n".join(p.strip() for p in paragraphs)
    assert normalize_text(text) == "\n\n".join(p.strip() for p in paragraphs)
    laid_out = "\n\n".join(p.strip() for p in paragraphs)
    assert normalize_text(laid_out) == laid_out


# A plain-text export of a covenant: a paragraph a line, no blank line between paragraphs.
_FLAT = """Sectorconvenant 2018-2019 tussen de Vlaamse Regering en de sociale partners van de sector textielverzorging (PC 110)
Tussen de Vlaamse Regering, hierbij vertegenwoordigd door:
Mevrouw An Peeters, Viceminister-president van de Vlaamse Regering en Vlaams minister van Onderwijs;
De heer Jan Smets, Vlaams minister van Werk, Economie, Innovatie en Sport;
en de sociale partners van de sector, met als vertegenwoordigers voor de werkgevers:
De heer Piet Jansen
Voorzitter FBT
Artikel 1. De Vlaamse Regering verbindt er zich toe een maximale toelage van 98.000,00 EUR uit te betalen.
Artikel 2. De Vlaamse Regering stimuleert en ondersteunt de uitvoering van deze overeenkomst, door:
1. het organiseren van ad hoc-overleg met de sociale partners, op vraag van de sectoren;
2. het organiseren van klankbordvergaderingen waarop knelpunten worden besproken.
Verbintenissen van de sector
Artikel 3. De sector stelt een sectorconsulent aan (in dienst van het sociaal fonds) voor de duur van het convenant.
"""


def test_a_text_without_blank_lines_gets_them_between_its_paragraphs() -> None:
    lines = normalize_text(_FLAT).split("\n")
    assert lines == [
        _FLAT.split("\n")[0],
        "",
        "Tussen de Vlaamse Regering, hierbij vertegenwoordigd door:",
        "",
        # a line that ends in a semicolon or comma goes on in the next: the names of one signature
        "Mevrouw An Peeters, Viceminister-president van de Vlaamse Regering en Vlaams minister van Onderwijs;",
        "De heer Jan Smets, Vlaams minister van Werk, Economie, Innovatie en Sport;",
        "en de sociale partners van de sector, met als vertegenwoordigers voor de werkgevers:",
        "",
        "De heer Piet Jansen",  # a run of short lines (a name above its title) stays together
        "Voorzitter FBT",
        "",
        "Artikel 1. De Vlaamse Regering verbindt er zich toe een maximale toelage van 98.000,00 EUR uit te betalen.",
        "",
        "Artikel 2. De Vlaamse Regering stimuleert en ondersteunt de uitvoering van deze overeenkomst, door:",
        "",
        "1. het organiseren van ad hoc-overleg met de sociale partners, op vraag van de sectoren;",  # one list
        "2. het organiseren van klankbordvergaderingen waarop knelpunten worden besproken.",
        "",
        "Verbintenissen van de sector",  # a title line of its own, as the chunker reads titles
        "",
        "Artikel 3. De sector stelt een sectorconsulent aan (in dienst van het sociaal fonds) voor de duur van het convenant.",
    ]
    assert normalize_text("\n".join(lines)) == "\n".join(lines)  # a fixed point
    headings = [h.label for h in detect_headings("\n".join(lines))]
    assert "Verbintenissen van de sector" in headings
    assert "Verbintenissen van de sector" not in [h.label for h in detect_headings(_FLAT)]


def test_a_slide_deck_without_blank_lines_keeps_its_bullets_together() -> None:
    # Most lines short: bullets of a slide, not paragraphs of running text.
    text = "\n".join(["Duaal leren", "- Meer plaatsen", "- Betere begeleiding", "- Sectorpartnerschap",
                      "Een langere regel met uitleg over het partnerschap duaal leren.", "- Opvolging", "- Evaluatie"])
    assert normalize_text(text) == text


def test_a_text_with_its_blank_lines_is_left_as_it_is() -> None:
    # Lines without a blank between them in a laid-out text belong together (a list, an address).
    text = _FLAT.strip().replace("\nArtikel", "\n\nArtikel").replace("\nVerbintenissen", "\n\nVerbintenissen")
    text = text.replace("door:\n", "door:\n\n")
    assert normalize_text(text) == text


def test_a_short_wrapped_text_is_left_as_it_is() -> None:
    # Too few lines to tell a text width from: the lines keep their breaks.
    text = "De Vlaamse Regering verbindt er zich toe een toelage\nVan 76.500,00 EUR uit te betalen."
    assert normalize_text(text) == text


def test_a_heading_after_a_full_line_that_ends_a_sentence_stands_apart() -> None:
    # Without blank lines, a line that fills the width and ends a sentence may end its paragraph or
    # not; a short line after it that ends no sentence is a heading of its own (the chunker reads
    # it as a title only with blank lines around it).
    text = _WRAPPED.replace(
        "Verbintenissen van de sociale partners\n",
        "De sectorconsulenten volgen de uitvoering van dit convenant op voor de sector.\n"
        "Contact\n"
        "Het departement Werk en Sociale Economie volgt de sectorconvenants op en is\n"
        "bereikbaar via het algemene adres van het team sectorconvenants in Brussel.\n",
    )
    lines = normalize_text(text).split("\n")
    at = lines.index("Contact")
    assert lines[at - 2 : at + 3] == [
        "De sectorconsulenten volgen de uitvoering van dit convenant op voor de sector.",
        "",
        "Contact",
        "",
        "Het departement Werk en Sociale Economie volgt de sectorconvenants op en is bereikbaar via het"
        " algemene adres van het team sectorconvenants in Brussel.",
    ]
    assert "Contact" in [h.label for h in detect_headings("\n".join(lines))]


def test_a_clause_that_leads_a_list_of_its_own_goes_on_no_line() -> None:
    """A line in lower case after a line that ends no clause is that line's tail (a slide's or
    page's broken line), except a clause that opens with a coordinating word and ends in a colon:
    a signature block's next role ("en als vertegenwoordigers voor de werknemers:") leads the
    names under it, it does not end the signatory's line above it."""
    block = ("De heer Paul Laeremans, Afgevaardigd bestuurder FBAA\n"
             "en als vertegenwoordigers voor de werknemers:\n"
             "De heer Jan Coolbrandt, Nationaal secretaris ACV-Openbare diensten;")
    lines = [line for line in normalize_text(block).split("\n") if line]
    assert lines == block.split("\n")
    broken = "De sector organiseert opleidingen voor de\nwerkzoekenden en de werknemers van de sector."
    assert normalize_text(broken) == broken.replace("\n", " ")
    # the same clause without the colon is the tail of the line above
    tail = "De heer Paul Laeremans, Afgevaardigd bestuurder FBAA\nen van de vzw Sociaal Fonds"
    assert normalize_text(tail) == tail.replace("\n", " ")


def test_a_bullet_mark_left_after_a_leads_colon_is_dropped():
    """PDF extraction can leave a list's first bullet at the end of its lead's line: the lead
    ends in its colon, so the list after it is read as the lead's items."""
    text = "De partijen willen bijdragen, wat moet leiden tot: -\nEen verhoging van de werkzaamheidsgraad;\n"
    assert normalize_text(text) == "De partijen willen bijdragen, wat moet leiden tot:\nEen verhoging van de werkzaamheidsgraad;"
    assert normalize_text("Periode: 2021 - 2022") == "Periode: 2021 - 2022"
