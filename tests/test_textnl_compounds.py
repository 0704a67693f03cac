"""Dutch compounds split into the words they are written of (assistant.compounds.compound_parts)
and the keyword query that searches those words (assistant.retrieval.keyword_tokens)."""

from __future__ import annotations

import pytest

from assistant.compounds import compound_parts
from assistant.retrieval import keyword_tokens
from assistant.textnl import stem, tokens

KNOWN = {stem(w) for w in ("textielverzorging", "sector", "social", "profit", "bedrijven", "kapper", "lokale",
                           "besturen", "convenant", "werkgever")}


@pytest.mark.parametrize(("word", "parts"), [
    ("textielverzorgingssector", [stem("textielverzorging"), "sector"]),  # a linking "s"
    ("socialprofitsector", ["social", "profit", "sector"]),  # three words
    ("kapperssector", [stem("kapper"), "sector"]),
    ("lokalebesturensector", [stem("lokale"), stem("besturen"), "sector"]),  # an inflected adjective joined
    ("werkgeversfederatie", []),  # "federatie" is not known: no split
    ("wielrennen", []),
    ("sector", []),  # too short to be two words of four letters or more
])
def test_a_compound_splits_into_known_words(word, parts):
    assert compound_parts(word, KNOWN.__contains__) == parts


def test_the_split_with_the_fewest_parts_wins():
    known = {stem(w) for w in ("sector", "convenant", "sectorconvenant", "beleid")}
    assert compound_parts("sectorconvenantbeleid", known.__contains__) == [stem("sectorconvenant"), "beleid"]


def test_the_keyword_query_adds_the_parts_of_a_word_the_index_never_uses():
    vocabulary = {t: i for i, t in enumerate(tokens(
        "De sector textielverzorging sluit een convenant. De autocarbedrijven en de bouwsector ook."))}
    ordered = sorted(vocabulary)
    query = keyword_tokens("Hoe lang loopt het convenant van de textielverzorgingssector?", vocabulary, ordered)
    assert query[:len(tokens("Hoe lang loopt het convenant van de textielverzorgingssector?"))] == \
        tokens("Hoe lang loopt het convenant van de textielverzorgingssector?")
    assert {stem("textielverzorging"), "sector"} <= set(query)
    # a part the index writes only inside longer words is searched as those words
    assert stem("autocarbedrijven") in keyword_tokens("Wat krijgt de autocarsector?", vocabulary, ordered)
    # a word the index uses is searched as it is, without its parts
    assert keyword_tokens("Wat krijgt de bouwsector?", vocabulary, ordered) == tokens("Wat krijgt de bouwsector?")


def test_words_starting_with_a_prefix_are_found_in_a_sorted_list():
    from assistant.textnl import starting_with

    ordered = sorted(["filmproductie", "film", "filmsector", "fonds", "autocarbedrijv"])
    assert starting_with(ordered, "film", 2) == ["film", "filmproductie"]
    assert starting_with(ordered, "autocar") == ["autocarbedrijv"]
    assert starting_with(ordered, "taxi", 3) == []
