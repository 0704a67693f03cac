"""Conflicting sources (issue 11, item 6): two documents about the same sector and period that give
different values are both cited, on documents this test writes."""

from __future__ import annotations

from assistant.answer.select import AnswerSelector, VocabularyIndex, idf_table, profile
from assistant.types import Chunk, ScoredChunk, SourceDocument

FILLER = [
    ("conv-metaal", "Sectorconvenant metaal 2021-2022",
     "Sectorconvenant 2021-2022 tussen de Vlaamse Regering en de sociale partners van de metaalsector.\n\n"
     "De sector werkt aan opleiding en werkbaar werk."),
    ("conv-bouw", "Sectorconvenant bouw 2017-2018",
     "Sectorconvenant 2017-2018 tussen de Vlaamse Regering en de sociale partners van de bouwsector.\n\n"
     "De Vlaamse Regering kent de bouwsector een maximale subsidie van 300.000 euro toe."),
]


def _build(docs):
    documents, hits = {}, []
    for doc_id, title, text in docs:
        documents[doc_id] = SourceDocument(doc_id, f"{doc_id}.txt", text, title, "sectorconvenant")
        chunk = Chunk(f"{doc_id}-0", doc_id, title, "sectorconvenant", "Artikel 1", 0, 0, len(text), text, doc_id)
        hits.append(ScoredChunk(chunk, 0.5))
    return documents, hits


def _select(question, docs):
    documents, hits = _build(docs + FILLER)
    vocabulary = VocabularyIndex(idf_table(f"{h.chunk.title}\n{h.chunk.text}" for h in hits))
    q = profile(question, vocabulary)
    return AnswerSelector().select(
        q, hits[: len(docs)], units={}, query_vector=None, dense_scores={}, dense_top=0.85, documents=documents,
    )


def _glazenwassers(amount_b: str):
    return [
        ("conv-glas", "Sectorconvenant glazenwassers 2021-2022",
         "Sectorconvenant 2021-2022 tussen de Vlaamse Regering en de sociale partners van de sector glazenwassers.\n\n"
         "De Vlaamse Regering kent de sector glazenwassers een maximale subsidie van 120.000 euro toe."),
        ("addendum-glas", "Addendum sectorconvenant glazenwassers 2021-2022",
         "Addendum bij het sectorconvenant 2021-2022 van de sector glazenwassers.\n\n"
         f"De Vlaamse Regering kent de sector glazenwassers een maximale subsidie van {amount_b} euro toe."),
    ]


def test_two_documents_with_different_values_are_both_cited():
    selection = _select("Hoeveel bedraagt de maximale subsidie voor de sector glazenwassers in 2021-2022?",
                        _glazenwassers("150.000"))
    assert selection.conflict
    assert selection.text.startswith("De documenten spreken elkaar tegen: ")
    assert "120.000 euro" in selection.text and "150.000 euro" in selection.text
    assert [c.doc_id for c in selection.citations] == ["conv-glas", "addendum-glas"] or \
        [c.doc_id for c in selection.citations] == ["addendum-glas", "conv-glas"]
    assert "[1]" in selection.text and "[2]" in selection.text


def test_the_same_value_in_two_documents_is_no_conflict():
    selection = _select("Hoeveel bedraagt de maximale subsidie voor de sector glazenwassers in 2021-2022?",
                        _glazenwassers("120.000"))
    assert not selection.conflict
    assert "120.000" in selection.text and "tegen" not in selection.text


def test_other_sectors_or_other_periods_do_not_conflict():
    docs = [
        ("conv-glas", "Sectorconvenant glazenwassers 2021-2022",
         "Sectorconvenant 2021-2022 tussen de Vlaamse Regering en de sociale partners van de sector glazenwassers.\n\n"
         "De Vlaamse Regering kent de sector glazenwassers een maximale subsidie van 120.000 euro toe."),
        ("conv-glas-oud", "Sectorconvenant glazenwassers 2015-2016",
         "Sectorconvenant 2015-2016 tussen de Vlaamse Regering en de sociale partners van de sector glazenwassers.\n\n"
         "De Vlaamse Regering kent de sector glazenwassers een maximale subsidie van 90.000 euro toe."),
    ]
    selection = _select("Hoeveel bedraagt de maximale subsidie voor de sector glazenwassers?", docs)
    assert not selection.conflict  # two periods: not the same thing
    # no sector named: two sectors' covenants differ without contradicting each other
    selection = _select("Hoeveel bedraagt de maximale subsidie?", _glazenwassers("150.000")[:1] + FILLER[1:])
    assert not selection.conflict
