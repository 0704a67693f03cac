"""Page numbers and running headers or footers dropped from a text (ingest/pagemarks.py)."""

from __future__ import annotations

from ingest.normalize import normalize_text
from ingest.pagemarks import page_marks

_SENTENCES = [
    f"Actie {i}: de sector organiseert opleidingen voor werkzoekenden en werknemers in regio {i}."
    for i in range(1, 49)
]


def _paged(lines: list[str], footer: str, every: int = 12, number=str) -> list[str]:
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if i % every == every - 1:
            out += [footer, number(i // every + 1)]
    return out


def test_page_numbers_and_a_running_footer_are_found() -> None:
    lines = _paged(_SENTENCES, "Sectorconvenant textielverzorging 2018-2019")
    marks = page_marks(lines)
    assert sorted(lines[i] for i in marks) == sorted(["Sectorconvenant textielverzorging 2018-2019"] * 4 + ["1", "2", "3", "4"])
    text = normalize_text("\n".join(lines))
    assert "textielverzorging 2018-2019" not in text
    assert [line for line in text.split("\n") if line] == _SENTENCES


def test_page_numbers_in_other_forms_count_too() -> None:
    lines = _paged(_SENTENCES, "Departement Werk en Sociale Economie", number=lambda n: f"Pagina {n} van 4")
    assert len(page_marks(lines)) == 8
    lines = _paged(_SENTENCES, "Departement Werk en Sociale Economie", number=lambda n: f"- {n} -")
    assert len(page_marks(lines)) == 8


def test_a_sentence_cut_by_a_page_break_is_joined_once_the_footer_is_gone() -> None:
    lines = _paged(_SENTENCES, "Sectorconvenant 2013-2014 def.doc")
    cut = lines.index("1") - 2  # the last sentence of page 1, cut by the page break
    head, tail = lines[cut].split(" voor ", 1)
    lines[cut : cut + 1] = [head]
    lines.insert(lines.index("1") + 1, "voor " + tail)
    text = normalize_text("\n".join(lines))
    assert _SENTENCES[11] in text.split("\n")


def test_numbers_that_are_no_page_numbers_stay() -> None:
    # Two pages are too few to tell; a numbered column counts up within a few lines.
    assert page_marks(_paged(_SENTENCES[:24], "Voettekst van het convenant")) == set()
    column = [line for i in range(1, 8) for line in (str(i), f"actie {i}", "")]
    assert page_marks(column) == set()
    # A line that recurs away from any page number ("Concrete acties:") is text.
    lines = _paged(_SENTENCES, "Sectorconvenant textielverzorging 2018-2019")
    for at in (3, 20, 40):
        lines.insert(at, "Concrete acties:")
    assert not any(lines[i] == "Concrete acties:" for i in page_marks(lines))
    # Numbers out of order are no page numbers.
    shuffled = _paged(_SENTENCES, "Voettekst", number=lambda n: str([3, 1, 4, 2][n - 1]))
    assert page_marks(shuffled) == set()


def test_years_in_a_table_column_are_no_page_numbers() -> None:
    # A budget table read a cell a line: the years count up, far apart, with "EUR" beside each.
    rows = [[str(year), "EUR", *(f"post {k} van het budget" for k in range(10)), ""] for year in range(2021, 2025)]
    lines = [cell for row in rows for cell in row]
    assert page_marks(lines) == set()
    # The same lines numbered 1 to 4 would be pages, "EUR" one of their running lines.
    renumbered = [str(int(line) - 2020) if line.isdigit() else line for line in lines]
    assert {"1", "2", "3", "4", "EUR"} <= {renumbered[i] for i in page_marks(renumbered)}
