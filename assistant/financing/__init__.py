"""Deterministic covenant financing: pure rules, cited covenant profiles, Dutch rendering.

A language model never does these sums. Every amount is Decimal, rounded to the cent
(half up) only at the end; every parameter and rule carries the document it came from.
"""

from assistant.financing.calculator import calculate
from assistant.financing.model import (
    QUANTITIES,
    USER_NOTE,
    Cited,
    CovenantProfile,
    FinancingResult,
    GenerationRules,
    MoneyRequest,
    Parameter,
    Source,
    Step,
)
from assistant.financing.parse import parse_money_question
from assistant.financing.profile import (
    extract_all_generation_rules,
    extract_generation_rules,
    extract_profile,
    extract_profiles,
)
from assistant.financing.registry import ProfileRegistry, sector_key
from assistant.financing.render import format_eur, render_nl
from assistant.financing.request import make_request, validate_request
from assistant.financing.rules import ROUNDING, MissingTermError, ResultRule, Split, term_days

__all__ = [
    "QUANTITIES",
    "ROUNDING",
    "ResultRule",
    "USER_NOTE",
    "Cited",
    "CovenantProfile",
    "FinancingResult",
    "GenerationRules",
    "MissingTermError",
    "MoneyRequest",
    "Parameter",
    "ProfileRegistry",
    "Source",
    "Split",
    "Step",
    "calculate",
    "extract_all_generation_rules",
    "extract_generation_rules",
    "extract_profile",
    "extract_profiles",
    "format_eur",
    "make_request",
    "parse_money_question",
    "render_nl",
    "sector_key",
    "term_days",
    "validate_request",
]
