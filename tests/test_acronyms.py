"""Acronyms a question uses that the documents only write in full (assistant.answer.acronyms)."""

from assistant.answer.acronyms import AcronymIndex
from assistant.answer.entities import squash


def _index(*texts: str) -> AcronymIndex:
    return AcronymIndex(texts, [squash(t) for t in texts])


def test_a_quoted_name_is_the_acronym_in_full():
    index = _index("Addendum ‘Non-discriminatie en inclusie 2021’ bij het sectorconvenant 2021 - 2022")
    assert index.expand("Aan welk fonds wordt de toelage van het NDI-addendum uitbetaald?") == (
        "Aan welk fonds wordt de toelage van het non-discriminatie en inclusie addendum uitbetaald?")
    assert index.expand("Wat regelt het NDI addendum?") == "Wat regelt het non-discriminatie en inclusie addendum?"


def test_a_capitalised_name_keeps_its_capitals():
    index = _index("Het advies van de Sociaal-Economische Raad van Vlaanderen over de convenants.")
    assert index.expand("Wat vraagt de SERV?") == "Wat vraagt de Sociaal-Economische Raad van Vlaanderen?"


def test_an_acronym_a_document_writes_stays():
    index = _index("De SERV adviseert. Het advies van de Sociaal-Economische Raad van Vlaanderen.")
    assert index.expand("Wat vraagt de SERV?") == "Wat vraagt de SERV?"
    assert index.name_of("SERV") is None


def test_words_that_only_happen_to_start_with_the_letters_are_no_name():
    # "nieuwe doelen in" spells N, D, I but is not marked as a name (no quotes, not capitalised)
    index = _index("De sector stelt nieuwe doelen in het kader van het convenant.")
    assert index.name_of("NDI") is None
    assert index.expand("Wat is het NDI-addendum?") == "Wat is het NDI-addendum?"


def test_two_capitals_are_too_short_to_be_read_as_a_name():
    index = _index("Het ‘Wereld Kampioenschap’ en de ‘Algemene Vergadering’.")
    assert index.expand("Wie won het WK?") == "Wie won het WK?"
    assert index.name_of("AV") is None


def test_the_name_written_most_often_wins():
    index = _index("de addenda ‘non-discriminatie en inclusie’", "het addendum ‘Non-discriminatie en inclusie’",
                   "de ‘Nieuwe Digitale Instrumenten’")
    assert index.name_of("NDI") == "non-discriminatie en inclusie"


def test_the_assistant_reads_an_acronym_as_the_name_it_abbreviates(eval_assistant):
    """The detailhandel addendum is titled ‘Non-discriminatie en inclusie 2021’ and never writes
    "NDI"; asked about "het NDI-addendum", the assistant answers from it (the named-entity gate
    used to say no document mentions 'ndi')."""
    answer = eval_assistant.ask("Hoeveel bedraagt de maximale toelage van het NDI-addendum van de detailhandel?")
    assert answer.status == "answered"
    assert "85.000" in answer.answer
    assert answer.citations[0].doc_id == "detailhandel-addendum-ndi-2021-2022"


def test_an_ampersand_stands_for_the_en_of_the_name():
    index = _index("Addendum ‘Non-discriminatie en inclusie 2021-2022’ bij het sectorconvenant 2021 - 2022")
    assert index.expand("Welk percentage van het ND&I-addendum hangt af van resultaten?") == (
        "Welk percentage van het non-discriminatie en inclusie addendum hangt af van resultaten?")
    written = _index("Het ND&I-addendum. Addendum ‘Non-discriminatie en inclusie’.")
    assert written.expand("Wat is het ND&I-addendum?") == "Wat is het ND&I-addendum?"
    assert written.name_of("ND&I") is None


def test_an_acronym_fewer_documents_write_than_its_name_is_asked_with_the_name_beside_it():
    # one covenant writes "ND&I" in passing; two addenda are titled with the name in full
    index = _index("In de afspraken van het VIA6-akkoord rond ND&I werken we samen.",
                   "Addendum ‘Non-discriminatie en inclusie 2021-2022’ bij het sectorconvenant",
                   "Addendum ‘Non-discriminatie en inclusie’ van de detailhandel")
    assert index.expand("Wat regelt het ND&I-addendum van de uitzendsector?") == (
        "Wat regelt het ND&I (non-discriminatie en inclusie) addendum van de uitzendsector?")
    # as many documents write the acronym as its name: it stays
    even = _index("De SERV adviseert.", "Het advies van de Sociaal-Economische Raad van Vlaanderen.")
    assert even.expand("Wat vraagt de SERV?") == "Wat vraagt de SERV?"


def test_a_document_that_defines_the_acronym_says_what_it_stands_for():
    """"Fonds voor de Vakopleiding in de Bouwnijverheid (FVB)" defines FVB: a name spelled by its
    initials elsewhere ("Fonds voor Bestaanszekerheid") is not what the question means, even when
    more documents write that name than the acronym; a definition the initials read wins."""
    texts = ("Het Fonds voor de Vakopleiding in de Bouwnijverheid (FVB) tekende het convenant.",
             "Het FVB organiseerde een week van de bouw.",
             "Het Fonds voor Bestaanszekerheid betaalt.", "Het Fonds voor Bestaanszekerheid int.",
             "Het Fonds voor Bestaanszekerheid van de sector.")
    assert _index(*texts).expand("Hoeveel mensen zoekt het FVB?") == "Hoeveel mensen zoekt het FVB?"
    assert _index(*texts[2:]).expand("Hoeveel mensen zoekt het FVB?") == "Hoeveel mensen zoekt het Fonds voor Bestaanszekerheid?"
    defined = ("Het Departement Werk en Sociale Economie (WSE) meldt.", "Werk en Sociale Economie.", "Werk en Sociale Economie.")
    assert _index(*defined).expand("Wat meldt WSE?") == "Wat meldt WSE (Werk en Sociale Economie)?"
