"""What a question asks and names, read once per turn: its weighted stems, the kind of value it
asks for, what it names (sectors, comités, periods, names) and the phrase naming what is asked
(see select.py, which scores units against it)."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

from assistant.answer.asking import (
    asks_a_name, cue_stems, degree_stems, domain_stems, form_stems, given_stems, later_asked_stems, preposition_stems, verb_only_stems, what_is_asked,
)
from assistant.answer.dating import month_stems, time_stems
from assistant.answer.entities import Mentions, named_by
from assistant.answer.vocabulary import VocabularyIndex
from assistant.textnl import agent_nouns, rejoined_verbs, tokens

CONTEXT_WEIGHT = 0.5  # weight of a follow-up's words carried over from the previous question


@dataclass(frozen=True)
class QuestionProfile:
    text: str
    weights: dict[str, float]  # question stem -> IDF weight
    focus: frozenset[str]  # stems of the part a follow-up adds (all stems otherwise)
    kind: str | None  # kind of value asked for
    named: Mentions
    unknown: float  # IDF-weight share of stems, verb forms aside, that occur nowhere in the index
    followup: bool = False  # the question continues a conversation (rewritten with the previous turn)
    compounds: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # VocabularyIndex.compounds
    asked: tuple[str, ...] = ()  # stems of the phrase naming what is asked (asking.asked_stems), among weights
    names_asked: bool = False  # a name is asked as such ("Hoe heten ...?", asking.asks_a_name), not only who
    acts: frozenset[str] = frozenset()  # stems of words the question uses only as verb forms ("ondertekende")
    asked_later: frozenset[str] = frozenset()  # stems of what a question asks second (asking.later_asked_stems)
    months: frozenset[str] = frozenset()  # a month named with its year (dating.month_stems)

    @property
    def topic_candidates(self) -> list[str]:
        """The question's stems that may name a topic (topics.TopicIndex), a sector or organisation: not a verb
        form ("Wie ondertekende ...?": a covenant lists its signatories without it), a month of a year, or the
        phrase naming what is asked ("Welke functie ...?" is answered by "directeur"), first or later."""
        return [s for s in self.weights if s not in self.acts | self.asked_later | self.months and s not in self.asked]



def profile(question: str, vocabulary: VocabularyIndex, *, focus: str | None = None, inherited_kind: str | None = None,
            followup: bool = False, sectors: Collection[tuple[str, ...]] = frozenset()) -> QuestionProfile:
    """What a question asks and names; ``sectors``: the index's sector names (entities.sector_words)."""
    weights: dict[str, float] = {}
    unknown = 0.0
    focus_stems = frozenset(tokens(focus)) if focus else frozenset()
    cues = cue_stems(focus or question)
    # what "naast"/"behalve" gives as known weighs as a follow-up's carried-over words do: it says
    # where the answer is, not what it is
    given = given_stems(focus or question)
    acts = verb_only_stems(question)
    # a preposition, the degree a "hoe" asks ("Hoe vaak"), the number or sort of items asked and ".be" name no topic
    no_topic = (preposition_stems(question) | degree_stems(focus or question) | form_stems(focus or question) | domain_stems(question)
                | time_stems(question))
    for tok in tokens(question) + [s for s in rejoined_verbs(question) + agent_nouns(question) if vocabulary.known(s)]:
        if tok in no_topic:
            continue
        known = vocabulary.known(tok)  # a scan of the long indexed stems for an unindexed word: once
        if tok in cues and not known:
            continue  # "datum" in "Op welke datum ...", in no document: the asked kind of value stands for it
        weights[tok] = vocabulary.weight(tok)
        unknown += 0.0 if known or tok in acts else weights[tok]  # a verb the index lacks: "hingen ... vast"
        if focus_stems and tok not in focus_stems or tok in given:
            weights[tok] *= CONTEXT_WEIGHT  # carried over from the previous turn, or given as known
    focus_stems &= frozenset(weights)
    asked_focus = frozenset(focus_stems or weights) - given
    if given and asked_focus:
        focus_stems = asked_focus
    total = math.fsum(weights.values()) or 1.0
    kind, own = what_is_asked(question, focus, inherited_kind)
    asked = tuple(s for s in own if s in weights and s not in cues)  # a noun for the value's form is no topic
    return QuestionProfile(question, weights, focus_stems or frozenset(weights), kind, named_by(question, focus, sectors),
                           unknown / total, followup, vocabulary.compounds(weights), asked, asks_a_name(focus or question), acts,
                           frozenset(later_asked_stems(focus or question)), month_stems(focus or question))


__all__ = ["CONTEXT_WEIGHT", "QuestionProfile", "profile"]
