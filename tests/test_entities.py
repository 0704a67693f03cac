

def test_a_name_of_three_words_is_mentioned_by_its_initials():
    """"Regionaal Technologisch Centrum" is mentioned by a text that writes "RTC"; a name of two
    words ("Fonds voor Bestaanszekerheid") is not read from initials that spell too many."""
    from assistant.answer.entities import coverage, mentioned_in, squash

    assert mentioned_in("regionaal technologisch centrum", squash("Via RTC Oost-Vlaanderen kan Woodwize meer scholen bereiken."))
    assert not mentioned_in("regionaal technologisch centrum", squash("Via het RCT kan Woodwize meer scholen bereiken."))
    assert not mentioned_in("fonds voor bestaanszekerheid", squash("Het FVB organiseert een week van de bouw."))
    assert coverage(["ronde van vlaanderen"], "De RVV werd gewonnen.") == 0.0
