"""Answer writers.

- ``llm``: the optional language-model writer (``build_chat_model``, ``LLMWriter``,
  ``rewrite_followup``), which raises ``LLMUnavailable`` so the chain can fall back.
- ``verify``: checks a model answer's citations and figures against its sources
  (``verify_answer``, ``is_refusal``).
- ``local_server``: assembles the bundled GGUF model and runs it in-process (xllamacpp).
"""

from assistant.generate.llm import REFUSAL, LLMUnavailable, LLMWriter, build_chat_model, rewrite_followup
from assistant.generate.verify import Verified, is_refusal, verify_answer

__all__ = [
    "REFUSAL",
    "LLMUnavailable",
    "LLMWriter",
    "Verified",
    "build_chat_model",
    "is_refusal",
    "rewrite_followup",
    "verify_answer",
]
