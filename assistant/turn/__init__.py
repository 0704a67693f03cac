"""One turn of the conversation as a pipeline of steps, each handing a frozen record to the next:

``Turn`` (the checked question) → ``Condensed`` (a follow-up made standalone) → ``Routed`` (money
question or not) → ``Calculated`` | ``Retrieved`` → ``Drafted`` → ``Verified`` (the outcome), from
which the ``Answer`` is built once. The steps are composed as a LangChain runnable in
:mod:`assistant.chain`; routing lives in :mod:`assistant.turn.route`, drafting and the evidence
check in :mod:`assistant.turn.answer`.
"""

from assistant.turn.records import Calculated, Condensed, Drafted, Retrieved, Routed, Turn, Verified, to_answer

__all__ = ["Calculated", "Condensed", "Drafted", "Retrieved", "Routed", "Turn", "Verified", "to_answer"]
