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
    return Suggester(candidates)(word)


class Suggester:
    """:func:`did_you_mean` for one set of candidates, asked about many words: the candidates
    are sorted once, and each word is answered once. With ``compare_at_most``, a word is
    compared with every candidate only when there are that few; with more, only with those a
    slip of one letter each way (left out, added, changed, or two swapped) could make it:
    ``validate`` compared each of 4,000 misspelt names with all 4,000 names (over a minute)."""

    def __init__(self, candidates: Iterable[str], compare_at_most: int | None = None) -> None:
        self.options = sorted(set(candidates))
        self._known = frozenset(self.options)
        # A misspelt synonym (`greter_than`) still means its word (`gt`): match both.
        meaning = {option: option for option in self.options}
        for synonym, target in SYNONYMS.items():
            if target in self._known:
                meaning.setdefault(synonym, target)
        self._meaning = meaning
        self._everyone = list(meaning)
        self._narrow = compare_at_most is not None and len(meaning) > compare_at_most
        self._slips: dict[str, list[str]] = {}
        self._answers: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        """The candidate the author most likely meant by ``word``, or None."""
        if word not in self._answers:
            self._answers[word] = self._answer(word)
        return self._answers[word]

    def suffix(self, word: str) -> str:
        """`` (did you mean `x`?)`` or an empty string."""
        guess = self(word)
        return f" (did you mean `{guess}`?)" if guess else ""

    def _answer(self, word: str) -> str | None:
        if not self.options:
            return None
        lowered = word.lower().replace(" ", "_")
        synonym = SYNONYMS.get(lowered)
        if synonym in self._known:
            return synonym
        if lowered in self._known and lowered != word:
            return lowered
        compared = self._near(lowered) if self._narrow else self._everyone
        close = difflib.get_close_matches(lowered, compared, n=1, cutoff=0.6)
        return self._meaning[close[0]] if close else None

    def _near(self, word: str) -> list[str]:
        """The candidates that one letter left out of each, at most, makes equal to ``word``
        (``cond`` and ``cnod`` both make ``cod``), from an index made on the first call."""
        if not self._slips:
            for option in self._everyone:
                for key in _one_left_out(option):
                    self._slips.setdefault(key, []).append(option)
        near = (option for key in _one_left_out(word) for option in self._slips.get(key, ()))
        return list(dict.fromkeys(near))


def _one_left_out(word: str) -> set[str]:
    """``word`` and every text one letter shorter than it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def suggestion_suffix(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` or an empty string."""
    return Suggester(candidates).suffix(word)
