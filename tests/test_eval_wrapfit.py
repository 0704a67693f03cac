"""The layout variants that fit ingest.normalize's reading of hard-wrapped text (eval/wrapfit.py)."""

from __future__ import annotations

from eval import wrapfit
from ingest import wrapping

_PARAGRAPHS = [
    "Artikel 1. De Vlaamse Regering betaalt 204.000,00 EUR aan het Sociaal Fonds voor de Werklieden "
    "van de Ondernemingen der Openbare en Speciale Autobusdiensten en Autocardiensten (Metrologielaan 8 "
    "- 1130 Brussel; BE10 4389 2151 8104; 0427.483.651) voor 2 VTE Sectorconsulenten van 1 Januari 2013 "
    "tot 31 December 2014 (Vlaams Minister van Werk Philippe Muyters, Vlaams Minister van Onderwijs "
    "Pascal Smet, FBAA, ACV-Openbare Diensten, BTB en ACV-Transcom).",
    "Verbintenissen van de sociale partners",
    "Artikel 2. De Sociale Partners (FBAA, ACV-Openbare Diensten, BTB, ACV-Transcom) Rapporteren Jaarlijks "
    "aan het Departement Werk en Sociale Economie (DWSE) en de Sociaal-Economische Raad van Vlaanderen "
    "(SERV) over de Acties van het Actieplan 2013 en het Actieplan 2014 van de Sector",
] * 2


def test_a_paragraph_is_wrapped_greedily_at_the_width() -> None:
    lines = wrapfit.wrap(_PARAGRAPHS[0], 60, len)
    assert " ".join(lines) == _PARAGRAPHS[0]
    assert all(len(line) <= 60 for line in lines)
    # Greedy: the next line's first word would not have fitted.
    assert all(len(a) + 1 + len(b.split()[0]) > 60 for a, b in zip(lines, lines[1:]))
    assert wrapfit.breaks(["a b", "c", "d e f"]) == {2, 3, 6}


def test_the_wrap_reading_joins_wrapped_lines_and_keeps_paragraphs() -> None:
    layout = [wrapfit.wrap(p, 70, len) for p in _PARAGRAPHS]
    for blank in (True, False):
        joined, wrapped, kept, paragraphs = wrapfit.score(layout, blank)
        assert wrapped >= 20 and paragraphs == len(_PARAGRAPHS)
        assert joined == wrapped
        assert kept == paragraphs


def test_without_the_wrap_reading_the_full_lines_stay_broken() -> None:
    layout = [wrapfit.wrap(p, 70, len) for p in _PARAGRAPHS]
    with wrapfit.settings(wrapping._WRAP_FULL, 1.01):  # no text is ever read as hard-wrapped
        joined, wrapped, kept, paragraphs = wrapfit.score(layout, blank=False)
    # Only the lines that end in an open word or go on in lower case are joined.
    assert 0 < joined < wrapped
    assert kept == paragraphs


def test_the_fit_scores_the_reading_above_no_reading() -> None:
    # About 5.5 pt a character at 11 pt: the widths of WIDTHS_PT are 40 to 84 characters.
    measures = [lambda text: 5.5 * len(text)]
    texts = {"convenant": "\n\n".join(_PARAGRAPHS)}
    on, off = (0.95, 0.2, 3.0), (0.95, 1.01, 3.0)
    scores = wrapfit.evaluate(texts, measures, [on, off])
    assert set(scores) == {on, off}
    assert 0.5 <= scores[off] < scores[on] <= 1.0


def test_blank_lines_are_found_at_word_positions() -> None:
    positions, blanks = wrapfit.blank_lines("a b\nc\n\nd e\n\n\nf")
    assert positions == {2, 3, 5}
    assert blanks == {3, 5}


def test_the_paragraph_reading_sets_the_blank_lines_a_flat_text_lost() -> None:
    truth = "\n\n".join(_PARAGRAPHS)
    flat = "\n".join(_PARAGRAPHS)
    found, blanks, together, apart = wrapfit.paragraph_score(truth, flat)
    assert (blanks, apart) == (len(_PARAGRAPHS) - 1, 0)
    assert found == blanks  # every paragraph a line of its own again
    with wrapfit.flat_settings(0.0, wrapping._FLAT_SHORT):  # no text is read as one without blank lines
        assert wrapfit.paragraph_score(truth, flat)[0] == 0
    assert wrapfit.paragraph_score(truth, truth) == (blanks, blanks, 0, 0)


def test_the_paragraph_fit_scores_the_reading_above_none() -> None:
    measures = [lambda text: 5.5 * len(text)]
    texts = {"convenant": "\n\n".join(_PARAGRAPHS)}
    scores = wrapfit.evaluate_paragraphs(texts, measures, [(0.0, 40), (0.3, 40)])
    assert 0.5 <= scores[(0.0, 40)] < scores[(0.3, 40)] <= 1.0
    # A document that comes without blank lines of its own is no truth for them.
    assert wrapfit.evaluate_paragraphs({"plat": "\n".join(_PARAGRAPHS)}, measures, [(0.3, 40)]) == {(0.3, 40): 0.0}
