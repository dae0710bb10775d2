"""Did-you-mean hints for misspelt keys, operators, action types and names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Words managers naturally write, mapped to the plan language's word. Checked before fuzzy matching
# because "greater_than" is far (by letters) from "gt" but obviously means it.
SYNONYMS = {
    "equals": "eq",
    "equal": "eq",
    "is": "eq",
    "==": "eq",
    "=": "eq",
    "not_equals": "ne",
    "not_equal": "ne",
    "!=": "ne",
    "neq": "ne",
    "greater_than": "gt",
    "greater": "gt",
    "more_than": "gt",
    ">": "gt",
    "greater_or_equal": "gte",
    "at_least": "gte",
    ">=": "gte",
    "ge": "gte",
    "less_than": "lt",
    "less": "lt",
    "fewer_than": "lt",
    "<": "lt",
    "less_or_equal": "lte",
    "at_most": "lte",
    "<=": "lte",
    "le": "lte",
    "one_of": "in",
    "any_of": "in",
    "none_of": "not_in",
    "nin": "not_in",
    "range": "between",
    "includes": "contains",
    "has": "contains",
    "regex": "matches",
    "match": "matches",
    "startswith": "starts_with",
    "endswith": "ends_with",
    "present": "exists",
    "and": "all",
    "or": "any",
    "apology": "apologize",
    "apologise": "apologize",
    "say_sorry": "apologize",
    "refund": "compensate",
    "voucher": "compensate",
    "discount": "compensate",
    "coupon": "compensate",
    "compensation": "compensate",
    "call": "contact_customer",
    "call_customer": "contact_customer",
    "email_customer": "contact_customer",
    "contact": "contact_customer",
    "reply": "reply_publicly",
    "public_reply": "reply_publicly",
    "respond_publicly": "reply_publicly",
    "escalation": "escalate",
    "followup": "follow_up",
    "follow-up": "follow_up",
    "replacement": "replace",
    "rootcause": "root_cause",
    "root-cause": "root_cause",
    "condition": "when",
    "if": "when",
    "actions": "then",
    "do": "then",
    "prevention": "prevent",
    "name": "title",
    "deadline": "within",
    "due": "within",
    "text": "message",
    "type": "event",
}


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate the author most likely meant by ``word``, or None."""
    options = sorted(set(candidates))
    if not options:
        return None
    lowered = word.lower().replace(" ", "_")
    synonym = SYNONYMS.get(lowered)
    if synonym in options:
        return synonym
    if lowered in options and lowered != word:
        return lowered
    # A misspelt synonym (`greter_than`) still means its word (`gt`): match both, report the word.
    meaning = {option: option for option in options}
    for synonym, target in SYNONYMS.items():
        if target in options:
            meaning.setdefault(synonym, target)
    close = difflib.get_close_matches(lowered, list(meaning), n=1, cutoff=0.6)
    return meaning[close[0]] if close else None


def suggestion_suffix(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` or an empty string."""
    guess = did_you_mean(word, candidates)
    return f" (did you mean `{guess}`?)" if guess else ""
