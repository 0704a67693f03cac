"""The weight of a question word: its IDF in the index, or for a word the index never uses, the
IDF its frequency in general Dutch leads to expect."""

from __future__ import annotations

import math

from assistant.answer.select import profile
from assistant.answer.vocabulary import VocabularyIndex, general_frequencies, idf_table
from assistant.textnl import stem

TEXTS = [
    "De sector ontvangt een subsidie van 150.000 euro per jaar voor de sectorconsulenten.",
    "Het voortgangsrapport wordt uiterlijk op 30 september bezorgd aan het departement.",
    "De resultaatsverbintenissen worden opgevolgd door het paritair comité.",
    "Het convenant loopt van 1 januari 2024 tot en met 31 december 2025.",
]


def _index_texts() -> list[str]:
    """200 passages: the four above and 196 that each name one thing no other passage names."""
    return TEXTS + [f"Het werkpakket{chr(97 + i % 26)}{chr(97 + i // 26)} wordt opgevolgd door de sector." for i in range(196)]


def _index() -> VocabularyIndex:
    return VocabularyIndex.from_texts(_index_texts())


def test_general_frequencies_sum_the_forms_of_a_stem():
    freq = general_frequencies()
    assert stem("krijgt") == stem("krijgen")
    assert freq[stem("krijgt")] > 1e-4  # one of the commoner Dutch verbs
    assert freq[stem("de")] > freq[stem("krijgen")] > freq[stem("wielrennen")] > 0
    assert stem("sectorconsulentenwerking") not in freq  # rarer than any listed word


def test_the_index_shape_is_counted_and_idf_is_bm25_style():
    voc = VocabularyIndex.from_texts(TEXTS)
    assert voc.chunks == 4
    assert 10 < voc.words_per_chunk < 15
    assert voc.idf == idf_table(TEXTS)
    assert math.isclose(voc.idf[stem("subsidie")], math.log(1 + 3.5 / 1.5))
    assert voc.default == max(voc.idf.values())


def test_a_word_the_index_never_uses_weighs_by_its_general_dutch_frequency():
    voc = _index()
    common, rare, unlisted = stem("krijgt"), stem("wielrennen"), stem("zwxqplorg")
    assert common not in voc.idf and rare not in voc.idf
    assert voc.weight(common) < voc.weight(rare) <= voc.default
    assert voc.weight(unlisted) == voc.default
    # an indexed word weighs its IDF, or less when general Dutch uses it more than this index does
    sub = stem("subsidie")
    assert voc.weight(sub) == min(voc.idf[sub], voc.expected_idf(sub))
    rare_here = stem("werkpakketaa")  # one passage uses it, general Dutch never
    assert voc.weight(rare_here) == voc.idf[rare_here] == voc.default
    # the expected IDF grows as the word gets rarer
    assert voc.expected_idf(stem("de")) < voc.expected_idf(common) < voc.expected_idf(rare)


def test_a_common_verb_the_index_lacks_is_not_the_heaviest_word_of_a_question():
    voc = _index()
    q = profile("Hoeveel subsidie krijgt de sector?", voc)
    assert q.weights[stem("krijgt")] < max(q.weights.values())
    off = profile("Wie won de wielrennen wedstrijd?", voc)
    assert off.unknown > 0.5  # words no document uses still make most of an off-topic question


def test_a_common_word_a_few_passages_use_weighs_less_than_its_idf():
    voc = VocabularyIndex.from_texts([*_index_texts(), "De sector krijgt een subsidie."])
    common = stem("krijgt")
    assert voc.idf[common] == voc.default  # one passage of 201 uses it
    assert voc.weight(common) == voc.expected_idf(common) < voc.idf[common]


def test_an_index_without_its_shape_weighs_unknown_words_as_the_rarest():
    voc = VocabularyIndex(idf_table(TEXTS))
    assert voc.weight(stem("krijgt")) == voc.default
