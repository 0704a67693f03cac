"""Whether a question is answered from the documents: the one answerability decision of a turn.

The chain asks this module, and only this module, whether to answer or to say the documents do not hold
the answer. The decision rests on what the question names (periods, comités, sectors no document mentions),
on whether a follow-up's own words are addressed, and on the selector's calibrated P(answerable) (eval/fit.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from assistant.answer.asking import items_asked
from assistant.answer.choice import beside
from assistant.answer.dating import event_day_asked, only_a_term
from assistant.answer.entities import Mentions, generations_of, missing_from, proper_names, squash, word_by_word, years_of
from assistant.answer.masks import described_by_placeholder, masked_after, masks_a_name
from assistant.answer.places import regions
from assistant.answer.values import FIGURE_ASKED_KINDS, VALUE_KINDS, has_type, names_a_time
from assistant.answer.vocabulary import covered
from assistant.textnl import NUMBER_WORDS, QUANTIFIER_WORDS, fold, stem, token_set, tokens
from assistant.wordclass import is_adjective, is_noun


@dataclass(frozen=True)
class Verdict:
    """Answer or not; ``reason`` is a Dutch sentence for the not-found answer (may be empty)."""

    answerable: bool
    reason: str = ""


ANSWER = Verdict(True)


def named_verdict(named: Mentions, index_text: str, document_texts: Sequence[str] = ()) -> Verdict:
    """Periods, generations ("de tiende generatie"), paritair comités, sectors and proper names of
    several words ("Ronde van Vlaanderen") the question names that no document mentions. A name is
    mentioned as written, or word by word in one document: "minister Muyters Werk" names Muyters,
    minister of Werk; "Binnenlands Bestuur en Gelijke Kansen" is one portfolio of "Binnenlands
    Bestuur, Inburgering en Gelijke Kansen". ``document_texts``: each document squashed (see
    ``squash``)."""
    missing = missing_from(named.years + named.pcs + named.sectors + named.generations + named.parties, index_text)
    missing += [p for p in missing_from(named.phrases, index_text) if not _in_one_document(p, document_texts)]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        return Verdict(False, f"Geen enkel document vermeldt {names}.")
    return ANSWER


def _in_one_document(phrase: str, document_texts: Sequence[str]) -> bool:
    return any(word_by_word(reading, text) for reading in _readings(phrase) for text in document_texts)


def _readings(phrase: str) -> tuple[str, ...]:
    """A name as asked, and without an opening adjective that cannot be a noun: a text leaves out
    what its readers take for granted ("het decreet verscheen in het staatsblad" for the "Belgisch
    Staatsblad"). The head noun still has to be mentioned: "Nationale Loterij" needs "loterij"."""
    first, _, rest = phrase.partition(" ")
    if rest and is_adjective(first) and not is_noun(first):
        return phrase, rest
    return (phrase,)


def about_question(named: Mentions, source_texts: Iterable[str]) -> bool:
    """Every source text mentions each period, comité and sector the question names (an answer
    whose figures come from another sector's or period's passage is rejected)."""
    terms = named.years + named.pcs + named.sectors
    if not terms:
        return True
    return all(not missing_from(terms, squash(text)) for text in source_texts)


def selection_verdict(selection, *, threshold: float) -> Verdict:
    """The extractive selection is answered when it has text and its probability clears the fitted
    threshold (how much of a follow-up's own words the best unit holds is one of that probability's
    signals, ``best_focus``, not a rule of its own)."""
    if not selection.text:
        return Verdict(False)
    if selection.answerable < threshold:
        return Verdict(False)
    return ANSWER


def masked_verdict(question: str, selection, asked: Collection[str] = ()) -> Verdict:
    """A person is asked ("Wie ...?") and the best unit names one only by a placeholder: "De xxxx
    Xxxxxx Xxx Xxxxxxxxx, Voorzitter ABVV Algemene Centrale" holds no name the question does not
    already say; or the best unit names what is asked (``asked``: the question's asked stems) only
    with a placeholder after it ("bankrekeningnummer: XX00 0000 ..."). The public copy is
    anonymised, so the documents do not give the name or value."""
    if asked and selection.candidates and masked_after(selection.candidates[0].text, asked):
        return Verdict(False, "De gevraagde gegevens zijn in de beschikbare tekst geanonimiseerd.")
    if selection.kind != "who" or not selection.candidates or not masks_a_name(selection.candidates[0].text):
        return ANSWER
    text = selection.candidates[0].text
    words = set(_WORDS.findall(fold(question)))
    if all(set(_WORDS.findall(fold(name))) <= words for name in proper_names(text)) or _described(question, text):
        return Verdict(False, "De gevraagde naam is in de beschikbare tekst geanonimiseerd.")
    return ANSWER


def _described(question: str, text: str) -> bool:
    """The question names the person it asks for by names ("de directeur Vlaanderen van Federgon")
    that all stand in the description after one placeholder ("De xxxx Xxxx XXXXX, Directeur
    Research & Economic Affairs / Directeur Vlaanderen Federgon"): the asked person is the
    anonymised one, whatever else the description names."""
    names = [fold(name) for name in proper_names(question)]
    return bool(names) and any(all(word_by_word(name, squash(after)) for name in names)
                               for after in described_by_placeholder(text))


_WORDS = re.compile(r"[a-z0-9]+")


# The kinds of value that hold for one year or period: a count or a sum of money.
PERIOD_BOUND_KINDS = FIGURE_ASKED_KINDS
# The kinds of value that hold for one generation of covenants: a date (the ninth generation's start is not the
# tenth's). A date is not held to a named year: the report on 2013-2014 was ratified in December 2012.
GENERATION_BOUND_KINDS = frozenset({"date"})


def other_period(kind: str | None, candidates: Sequence) -> bool:
    """A count or a sum is asked for a year, period or generation the question names, or a date
    for a generation it names, and the best unit speaks of other ones only (its ``year_other`` and
    ``generation_other`` signals; a unit that names no generation speaks of its document's). A unit
    that names no year speaks of its document's time: when the document never names the asked year
    (``year_doc``), "12.163 vacatures in de afgelopen 12 maanden" is not the count of 2019."""
    if not candidates:
        return False
    features = candidates[0].features
    undated = features.get("year_doc", 1.0) <= 0.0 and not years_of(candidates[0].text)
    return (kind in PERIOD_BOUND_KINDS and (features.get("year_other", 0.0) >= 1.0 or undated)
            or kind in GENERATION_BOUND_KINDS and features.get("generation_other", 0.0) >= 1.0)


def of_other_period(kind: str | None, candidates: Sequence, parts: Sequence = ()):
    """The best unit that speaks of another period than asked (``other_period``), or None. A question
    in parts (``parts``: PartSelection) is checked part by part, each for the period it names: "Hoeveel
    convenants waren er in 2021-2022, en hoeveel in de negende generatie?" names both periods, and
    each part's best unit speaks of one of them."""
    for kind_, ranked in [(part.profile.kind, part.candidates) for part in parts] or [(kind, candidates)]:
        if other_period(kind_, ranked):
            return ranked[0]
    return None


def sector_verdict(selection) -> Verdict:
    """Not found when the question names a sector or comité and the best unit's document (or, on a
    page of no one sector, the unit itself) names none of them (its ``sector_about`` signal): a
    figure, a name or a rule of another sector's covenant is not the asked one, as ``about_question``
    rejects a language model's answer drawn from one. A question in parts is checked part by part.
    The answerability model weighs the signal too; on the tuning part, every question it concerned
    was a refusal or answered wrong."""
    if selection.conflict:
        return ANSWER
    for ranked in [part.candidates for part in selection.parts] or [selection.candidates]:
        if ranked and ranked[0].features.get("sector_about", 1.0) <= 0.0:
            return Verdict(False, "De passage die het dichtst in de buurt komt, gaat over een andere sector dan de gevraagde.")
    return ANSWER


# The kinds of question a unit answers only with something the question does not say: a value, a
# person or a name (not a yes/no or how-question, which a unit can answer in the question's words).
ECHO_KINDS = VALUE_KINDS | {"who", "name"}


def echo_verdict(question: str, selection) -> Verdict:
    """Not found when a value, person or name is asked and the best unit holds no word or number the question does
    not: "Welke vijf sectoren werden als case onderzocht?" is not answered by "Vijf sectoren werden daarbij als case
    onderzocht." (the page says there were five, not which). A FAQ's question line is answered by what follows it."""
    if selection.kind not in ECHO_KINDS or not selection.candidates or selection.conflict or selection.parts:
        return ANSWER
    asked, best = set(tokens(question)), selection.candidates[0].text
    if any(t not in asked for t in tokens(selection.text if best.rstrip().endswith("?") else best)):
        return ANSWER
    return Verdict(False, "De passage die het dichtst in de buurt komt, herhaalt de vraag zonder het antwoord te geven.")


_COUNT_TOKEN = re.compile(r"[a-z0-9]+")
_SEPARATOR = re.compile(r"[,;•]|\ben\b|\n\s*[-*]")  # between the items of a list
COUNT_WINDOW = 4  # the asked noun follows its number within this many words ("12 van de 19 sectoren")


def count_verdict(question: str, selection, asked: Collection[str] = ()) -> Verdict:
    """Not found when the question asks for a given number of items and the answer only restates
    that number: "Welke drie universiteiten ...?" is not answered by "Drie universiteiten hebben een
    systeem uitgewerkt ..." (the text says there are three, not which). The answer restates it when
    it names the number with the asked noun (``asked``: its stems) and lists fewer items after it."""
    n = items_asked(question)
    if n is None or n < 2 or not asked or not selection.text or selection.parts or selection.conflict:
        return ANSWER
    text, nouns = fold(selection.text), set(asked)
    words = list(_COUNT_TOKEN.finditer(text))
    restated = False
    for i, word in enumerate(words):
        if word.group(0) != str(n) and NUMBER_WORDS.get(word.group(0)) != n:
            continue
        noun = next((w for w in words[i + 1:i + 1 + COUNT_WINDOW] if set(tokens(w.group(0))) & nouns), None)
        if noun is None:
            continue
        if len(_SEPARATOR.findall(text[noun.end():])) >= n - 1:
            return ANSWER  # the items follow
        restated = True
    return Verdict(False, "De passage die het dichtst in de buurt komt, noemt alleen het aantal, niet welke het zijn.") if restated else ANSWER


_LOWER_WORD = re.compile(r"(?<![\w-])[a-zà-ÿ][a-zà-ÿ-]*")


def modifier_verdict(question: str, selection, asked: Collection[str] = ()) -> Verdict:
    """Not found when a count of a noun with an adjective or a complement is asked and the best unit
    counts the noun without it: "14.588 arbeidsongevallen" does not say how many were fatal
    ("Hoeveel dodelijke arbeidsongevallen ...?"), "minstens 10 vacatures" not how many were for
    nurses ("Hoeveel vacatures voor verpleegkundigen ...?"). Only a lower-case adjective of the asked
    phrase (``asked``: its stems, the head noun last) counts: "West-Vlaamse" is a place a text may
    name otherwise ("in onze provincie"); a complement counts when its unit, heading and title lack it."""
    if selection.kind != "amount" or not selection.candidates or selection.parts or selection.conflict:
        return ANSWER
    # a share's noun is the form of the asked value, not among ``asked``: "Welk percentage van de
    # vacatures voor ...?" counts the vacancies its complements name
    asked = tuple(asked) or tuple(s for s in map(stem, _LOWER_WORD.findall(fold(question))) if s in _SHARE_NOUNS)[:1]
    if not asked:
        return ANSWER
    *before, head = asked
    modifiers = {stem(w) for w in _LOWER_WORD.findall(question) if is_adjective(w) and w not in NUMBER_WORDS and w not in QUANTIFIER_WORDS} & set(before)
    best = selection.candidates[0]
    toks = token_set(best.text)
    if not covered(head, toks) and not (head in _SHARE_NOUNS and _PERCENT.search(best.text)):
        return ANSWER
    # the counted noun's complements, common nouns ("vacatures voor verpleegkundigen", "percentage van de vacatures
    # voor heftruckchauffeurs"): the unit, the sentence before or after it, its heading or its document's title names each
    around = toks | token_set(_surroundings(selection, best))
    # a compound adjective's head counts for it ("veelvoorkomende" and "vaak voorkomende")
    held = all(covered(m, toks) or any(len(t) >= 5 and m.endswith(t) for t in toks) for m in modifiers)
    if not held or not all(covered(c, around) for c in complements(question, head)):
        return Verdict(False, "De passage die het dichtst in de buurt komt, telt niet wat de vraag precies vraagt.")
    return ANSWER


# a share asked ("Welk percentage van de vacatures ...?") is counted by a unit that writes it as one ("43,4%")
_SHARE_NOUNS = frozenset(stem(w) for w in ("percentage", "procent", "aandeel"))
_PERCENT = re.compile(r"\d\s*(?:%|procent\b)")


# a noun and its complement, a lower-case noun after "voor"/"van" ("vacatures voor verpleegkundigen"),
# read at every word so that a complement's own complement is found too
_COMPLEMENT = re.compile(r"(?<![\w-])(?=([a-zà-ÿ][\w'-]*)\s+(?:voor|van)\s+(?:(?:de|het|een)\s+)?([a-zà-ÿ][a-zà-ÿ-]+)\b(?![\w-]))")


def complements(question: str, head: str) -> set[str]:
    """The stems of the common nouns that complement the counted noun ``head`` (a stem) in
    ``question``, and their own complements in turn: "percentage van de vacatures voor
    heftruckchauffeurs" gives "vacature" and "heftruckchauffeur" for "percentag"."""
    found: set[str] = set()
    heads = {head}
    for m in _COMPLEMENT.finditer(question):
        noun = m.group(2).lower()
        if stem(m.group(1).lower()) in heads and is_noun(noun):
            found.add(stem(noun))
            heads.add(stem(noun))
    return found


def year_verdict(selection) -> Verdict:
    """Not found when a year is asked ("In welk jaar ...?") and the answer names no time at all
    (no year, date or decade): the passage it would cite does not say when."""
    if selection.kind != "year" or selection.parts or selection.conflict or names_a_time(selection.text):
        return ANSWER
    return Verdict(False, "De passage die het dichtst in de buurt komt, zegt niet in welk jaar.")


def period_verdict(selection) -> Verdict:
    """Not found when the best unit gives its figure for another period than the question names:
    "In 2010 werkten er 141.968 Vlamingen bij een lokaal bestuur." does not say how many did in 2012
    (the answerability model weighs this signal too, but a figure of another year is never the
    asked one)."""
    unit = None if selection.conflict else of_other_period(selection.kind, selection.candidates, selection.parts)
    if unit is None:
        return ANSWER
    text = unit.text
    periods = ", ".join(dict.fromkeys(years_of(text, expand=False) + generations_of(text)))
    # a unit that names none is of its document's period (another generation its opening names)
    other = f"{periods}, niet over de gevraagde periode" if periods else "een andere periode dan de gevraagde"
    return Verdict(False, f"De passage die het dichtst in de buurt komt, gaat over {other}.")


_PER = re.compile(r"\bper\s+(?:(?:een|elke|iedere)\s+)?([a-zà-ÿ][a-zà-ÿ-]+)")  # a rate's unit ("per werknemer", "per jaar")
_PER_TEXT = re.compile(r"\bper\s+(?=(?:(?:een|elke|iedere)\s+)?([a-zà-ÿ][a-zà-ÿ-]+)(?:\s+([a-zà-ÿ][a-zà-ÿ-]+))?)")  # "per gevolgde cursusdag"
_EACH = re.compile(r"(?:\b(?:elke?|iedere?)\s+|/\s*)([a-zà-ÿ][a-zà-ÿ-]+)")  # "elk bedrijf", "40 €/dag"
# a figure the question gives (not a year), with its rates ("vijf dagen per jaar per voltijdse werknemer"): not the asked one's
_GIVEN = re.compile(rf"(?<!\bper\s)(?:(?<![\d.,])(?!(?:19|20)\d\d\b)\d|\b(?:{'|'.join(w for w in NUMBER_WORDS if w != 'een')})\b)\S*\s+[a-zà-ÿ-]+(?:\s+{_PER.pattern})+")


def rate_verdict(question: str, selection, asked: Collection[str] = ()) -> Verdict:
    """Not found when a rate is asked ("Hoeveel bedraagt de subsidie per bedrijf?") and neither the
    best unit, the sentences beside it and its heading, nor a unit with a value shown with it name
    what it is per: "1,5 miljoen per jaar" is the call's budget, not its maximum per company."""
    if selection.kind not in FIGURE_ASKED_KINDS or not selection.candidates or selection.parts or selection.conflict:
        return ANSWER
    own = _GIVEN.sub(" ", _own_words(fold(question)))
    best = selection.candidates[0]
    # or a unit shown with it that holds a value of the asked kind ("1.000 euro per kalenderjaar")
    shown = [c.text for c in selection.candidates[1:] if c.text[:60] in selection.text and has_type(c.text, selection.kind, tuple(asked))]
    around = fold(" ".join([best.text, _surroundings(selection, best), *shown]))
    words = set(re.findall(r"[a-zà-ÿ-]+", around))
    # what the text gives a figure per: "per chauffeur", "40 €/dag", "elk bedrijf", "iedere deelnemer"
    rates = {word for pair in _PER_TEXT.findall(around) for word in pair if word} | set(_EACH.findall(around))
    if all(any(covered(stem(u), {stem(r)}) or r.endswith(u) or (len(r) >= 3 and u.endswith(r)) or _abbreviates(r, u) for r in rates)
           or any(_adverb(w, u) for w in words) for u in _PER.findall(own) if stem(u) not in asked):  # not what is counted
        return ANSWER
    return Verdict(False, "De passage die het dichtst in de buurt komt, geeft geen bedrag of aantal per wat de vraag noemt.")


def _abbreviates(short: str, word: str) -> bool:
    """``short`` abbreviates ``word`` as units are written: its first letter, then others in order ("km", "wk"; general Dutch)."""
    return 2 <= len(short) <= 3 < len(word) and short[0] == word[0] and re.search(".*".join(map(re.escape, short)), word) is not None


def _own_words(question: str) -> str:  # a follow-up's own words, without the earlier question it was rewritten with ("... (...)")
    return re.sub(r"\([^)]*\)", " ", question)


def _adverb(word: str, unit: str) -> bool:
    """``word`` is the adverb of a rate's ``unit`` ("per jaar": "jaarlijks"; general Dutch)."""
    return word[:2] == unit[:2] and word.endswith(("lijks", "lijkse"))


def _hit(selection, best):
    """The retrieved passage the best unit comes from (None for a unit of another source)."""
    return selection.hits[best.rank] if best.rank < len(selection.hits) else None


def _surroundings(selection, best) -> str:
    """The title and heading of the best unit's passage and the sentences before and after it."""
    hit = _hit(selection, best)
    return " ".join([f"{hit.chunk.title} {hit.chunk.header}" if hit else ""]
                    + [unit.text for step in (-1, 1) if (unit := beside(selection.candidates, best, step))])


def region_verdict(question: str, selection) -> Verdict:
    """Not found when the question names a region or a province and the best unit, or its heading,
    names only another one: "Mentorpremie: 1750 euro" under "Incentives Brussels hoofdstedelijk
    gewest" is no premium in the Vlaams Gewest, nor "In Limburg ... 2.654 vacatures" Antwerp's."""
    asked = regions(_own_words(question))  # a follow-up's own region, not its earlier question's
    if not any(asked) or not selection.candidates or selection.parts or selection.conflict:
        return ANSWER
    best = selection.candidates[0]
    hit = _hit(selection, best)
    named = regions(f"{best.text} {hit.chunk.header if hit else ''}")
    if all(not (one and two) or one & two for one, two in zip(asked, named)):
        return ANSWER
    return Verdict(False, "De passage die het dichtst in de buurt komt, gaat over een ander gewest dan het gevraagde.")


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def given_value_verdict(question: str, selection, asked: Collection[str] = ()) -> Verdict:
    """Not found when a count or a sum is asked and the best unit holds none besides the numbers the
    question gives: "Project 600 ... elk jaar" does not say how many are admitted to Project 600."""
    if selection.kind not in FIGURE_ASKED_KINDS or not selection.candidates or selection.parts or selection.conflict:
        return ANSWER
    text, given = selection.candidates[0].text, set(_FIGURE.findall(_own_words(question)))
    rest = _FIGURE.sub(lambda m: " " * len(m.group(0)) if m.group(0) in given else m.group(0), text)
    if not given or rest == text or has_type(rest, selection.kind, tuple(asked)):
        return ANSWER
    return Verdict(False, "De passage die het dichtst in de buurt komt, noemt alleen de getallen uit de vraag.")


def term_verdict(question: str, selection) -> Verdict:
    """Not found when the day something was signed or approved is asked and the best unit's only dates bound a term."""
    term = selection.kind == "date" and selection.candidates and not selection.parts and only_a_term(selection.candidates[0].text)
    return Verdict(False, "De passage die het dichtst in de buurt komt, geeft een looptijd, geen datum.") if term and event_day_asked(
        question) else ANSWER


def rule_verdict(question: str, selection, asked: Collection[str] = ()) -> Verdict:
    """The rules that refuse a selection whatever its probability, in order: a value the copy
    anonymises (``masked_verdict``), a figure of another period (``period_verdict``), a unit of
    another sector (``sector_verdict``), a unit that only repeats the question (``echo_verdict``) or
    the number of items asked (``count_verdict``), a count of the asked noun without its adjective
    (``modifier_verdict``), a rate without what it is per (``rate_verdict``), another region
    (``region_verdict``), no figure but the question's (``given_value_verdict``), no year where one
    is asked (``year_verdict``), or a term where a day is asked (``term_verdict``)."""
    for verdict in (lambda: masked_verdict(question, selection, asked), lambda: period_verdict(selection),
                    lambda: sector_verdict(selection), lambda: echo_verdict(question, selection),
                    lambda: count_verdict(question, selection, asked), lambda: modifier_verdict(question, selection, asked),
                    lambda: rate_verdict(question, selection, asked), lambda: region_verdict(question, selection),
                    lambda: given_value_verdict(question, selection, asked), lambda: year_verdict(selection),
                    lambda: term_verdict(question, selection)):
        outcome = verdict()
        if not outcome.answerable:
            return outcome
    return ANSWER


__all__ = ["ANSWER", "ECHO_KINDS", "GENERATION_BOUND_KINDS", "PERIOD_BOUND_KINDS", "Verdict", "about_question", "count_verdict", "echo_verdict",
           "masked_verdict", "modifier_verdict", "named_verdict", "of_other_period", "other_period", "period_verdict", "given_value_verdict",
           "rate_verdict", "region_verdict", "rule_verdict", "sector_verdict", "selection_verdict", "term_verdict", "year_verdict"]
