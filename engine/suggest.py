"""Did-you-mean hints for misspelt keys, operators, action types and names."""

from __future__ import annotations

import difflib
import functools
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
    "is_not": "ne",
    "isnot": "ne",  # had been taken for `not`, which holds a condition, not a value
    "greater_than": "gt",
    "greater": "gt",
    "more_than": "gt",
    ">": "gt",
    "above": "gt",
    "over": "gt",
    "greater_or_equal": "gte",
    "at_least": "gte",
    ">=": "gte",
    "ge": "gte",
    "less_than": "lt",
    "less": "lt",
    "fewer_than": "lt",
    "<": "lt",
    "below": "lt",
    "under": "lt",
    "less_or_equal": "lte",
    "at_most": "lte",
    "<=": "lte",
    "le": "lte",
    "one_of": "in",
    "any_of": "in",
    "is_in": "in",  # had been taken for `missing`, as near by its letters
    "in_list": "in",
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
    "store_credit": "compensate",
    "credit": "compensate",
    "compensation": "compensate",
    "call": "contact_customer",
    "call_customer": "contact_customer",
    "email_customer": "contact_customer",
    "email": "contact_customer",
    "send_email": "contact_customer",
    "send_mail": "contact_customer",
    "phone": "contact_customer",
    "phone_customer": "contact_customer",
    "text_customer": "contact_customer",
    "send_sms": "contact_customer",
    "sms": "contact_customer",
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
    "staff": "conduct",  # an event type: how staff behaved
    "employee": "conduct",
    "phone_call": "phone",  # the channels of an action
    "telephone": "phone",
    "text_message": "sms",
    "face_to_face": "in_person",
    "in_store": "in_person",
    "social_media": "social",
    "biggest": "max",  # how offers combine: the largest one (`combine: biggest`)
    "largest": "max",
    "highest": "max",
    "add": "sum",  # or all of them added up
    "add_up": "sum",
    "added": "sum",  # (not `total`: a field's name, `order total`, is read for no synonym)
    "stack": "sum",
}

ALSO_MEANS = {"call": "phone", "text": "sms"}
"""What a synonym of :data:`SYNONYMS` means among candidates that lack the word it is one of
there: an action's ``channel: call`` is ``phone``, as ``- call:`` is ``contact_customer``, and
``channel: text`` is ``sms``. Left to their letters, `call` had been given "did you mean
`social`?", and `text` nothing (found by review)."""

AS_WRITTEN_ONLY = frozenset(
    {"is_not", "isnot", "above", "over", "below", "under", "is_in", "in_list", "staff", "employee"}
)
"""Synonyms taken only when written as they are, never for a word near them by its letters:
everyday words, so near many others that a misspelling is no likelier than another word.
Taken for a slip of theirs, `order` and `owner` had been given "did you mean `gt`?" (for
`over`), `into` "`ne`?" (for `isnot`), and `start` or `stats` as an event type "`conduct`?"
(for `staff`), which also hid the hint to write `x-stats` (found by review). One slip of a
letter in those of five letters or more is still taken for them (:data:`ONE_SLIP_FROM`)."""

ONE_SLIP_FROM = 5
"""The fewest letters a synonym of :data:`AS_WRITTEN_ONLY` has for a word one slip of a letter
from it (left out, added, changed, or two swapped) to be taken for it: `isnt` is `isnot`
(``ne``), `bellow` `below`. Left to the letters of the operators, `isnt` had been given "did
you mean `eq`?" (near `is`), the opposite test, and `bellow` nothing (found by review); one of
four letters, `over`, is one slip from too many words (`oven`, `ever`, `cover`)."""


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate the author most likely meant by ``word``, or None."""
    return Suggester(candidates)(word)


SLIPS_UP_TO = 200
"""The longest word or candidate looked at by its slips of a letter (:func:`_left_out`): names
are short (the plan schema takes up to 80 characters for most, 200 for a few), and the slips
of a text are as many as its letters, each as long: a text of 100 KB has 100,000 of 100 KB."""

MAX_SLIPS = 2
"""Among many candidates (see :class:`Suggester`), how many slips of a letter a word may be
from the one it is taken for: two, so `delivry_lat` (two letters left out) or a swapped
pair and a letter left out is recognised, as it is among few candidates."""


class Suggester:
    """:func:`did_you_mean` for one set of candidates, asked about many words: the candidates
    are sorted once, and each word is answered once. With ``compare_at_most``, a word is
    compared with every candidate only when there are that few; with more, only with those
    one slip of a letter away (left out, added, changed, or two swapped), and if none of them
    is like it, with those :data:`MAX_SLIPS` slips away: ``validate`` compared each of 4,000
    misspelt names with all 4,000 names (over a minute), and one slip alone missed
    `delivry_lat` for `delivery_late`. Ask about many words at once (:meth:`answer_all`):
    those two slips away are found for all of them in one pass over the candidates."""

    def __init__(self, candidates: Iterable[str], compare_at_most: int | None = None) -> None:
        self.options = sorted(set(candidates))
        self._known = frozenset(self.options)
        # A misspelt synonym (`greter_than`) still means its word (`gt`): match both.
        meaning = {option: option for option in self.options}
        for synonym, target in SYNONYMS.items():
            target = target if target in self._known else ALSO_MEANS.get(synonym, target)
            if target in self._known and synonym not in AS_WRITTEN_ONLY:
                meaning.setdefault(synonym, target)
        self._meaning = meaning
        self._everyone = list(meaning)
        self._slipped = [option for option in self._everyone if len(option) <= SLIPS_UP_TO]
        self._longest = max(map(len, self._slipped), default=0)
        self._narrow = compare_at_most is not None and len(meaning) > compare_at_most
        self._slips: dict[str, list[str]] = {}
        self._answers: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        """The candidate the author most likely meant by ``word``, or None."""
        if word not in self._answers:
            self.answer_all((word,))
        return self._answers[word]

    def suffix(self, word: str) -> str:
        """`` (did you mean `x`?)`` or an empty string."""
        guess = self(word)
        return f" (did you mean `{guess}`?)" if guess else ""

    def answer_all(self, words: Iterable[str]) -> None:
        """Work out the answers for ``words`` (then asked for one by one)."""
        farther: dict[str, str] = {}  # word: as compared, for those no near candidate is like
        for word in words:
            if word in self._answers or word in farther:
                continue
            lowered = word.lower().replace(" ", "_")
            answer = self._spelt_otherwise(word, lowered)
            if answer is None and self.options:
                compared = self._one_slip(lowered) if self._narrow else self._everyone
                answer = self._closest(lowered, compared)
                if answer is None and self._narrow:
                    farther[word] = lowered
                    continue
            self._answers[word] = answer
        if farther:
            near = self._within_slips(set(farther.values()))
            for word, lowered in farther.items():
                self._answers[word] = self._closest(lowered, near.get(lowered, []))

    def _spelt_otherwise(self, word: str, lowered: str) -> str | None:
        """The candidate ``word`` is a synonym of, is in other capitals or with blanks, or is
        one slip of a letter from a synonym taken as written (:data:`ONE_SLIP_FROM`), when from
        those of one candidate only."""
        synonym = SYNONYMS.get(lowered)
        if synonym not in self._known:
            synonym = ALSO_MEANS.get(lowered)
        if synonym in self._known:
            return synonym
        if lowered in self._known:
            return lowered if lowered != word else None
        if len(lowered) > _LONGEST_AS_WRITTEN + 1:  # one slip from none of them
            return None
        near = {
            target
            for text in _left_out(lowered, 1)
            for target in _slips_of_words().get(text, ())
            if target in self._known
        }
        return near.pop() if len(near) == 1 else None  # (`is_nt`: `isnot` or `is_in`, no telling)

    def _closest(self, word: str, compared: list[str]) -> str | None:
        """The candidate of ``compared`` most like ``word`` (as difflib judges), or None."""
        close = difflib.get_close_matches(word, compared, n=1, cutoff=0.6)
        return self._meaning[close[0]] if close else None

    def _one_slip(self, word: str) -> list[str]:
        """The candidates that one letter left out of each, at most, makes equal to ``word``
        (``cond`` and ``cnod`` both make ``cod``), from an index made on the first call."""
        if len(word) > self._longest + 1:  # one slip from none of them (see _left_out)
            return []
        if not self._slips:
            for option in self._slipped:
                for key in _left_out(option, 1):
                    self._slips.setdefault(key, []).append(option)
        near = (option for key in _left_out(word, 1) for option in self._slips.get(key, ()))
        return list(dict.fromkeys(near))

    def _within_slips(self, words: set[str]) -> dict[str, list[str]]:
        """For each of ``words``, the candidates that :data:`MAX_SLIPS` letters left out of
        each, at most, make equal. Each candidate of a length near one of theirs is looked at
        once, and only the few that meet one of them are indexed (an index of 5,000 names of
        20 letters with two letters left out was a million texts: 290 MB, and three times the
        time of the rest of ``validate``)."""
        longest = self._longest + MAX_SLIPS  # longer, a word is that far from none of them
        texts = {
            word: _left_out(word, MAX_SLIPS) if len(word) <= longest else set() for word in words
        }
        every_text = set().union(*texts.values())
        lengths = {len(word) + d for word in words for d in range(-MAX_SLIPS, MAX_SLIPS + 1)}
        index: dict[str, list[str]] = {}
        for option in self._slipped:
            if len(option) in lengths:
                for text in _left_out(option, MAX_SLIPS) & every_text:
                    index.setdefault(text, []).append(option)
        near = {}
        for word, shorter in texts.items():
            found = (option for text in shorter & index.keys() for option in index[text])
            near[word] = list(dict.fromkeys(found))
        return near


@functools.cache
def _slips_of_words() -> dict[str, set[str]]:
    """What one letter left out of each synonym taken as written (:data:`AS_WRITTEN_ONLY`, of
    :data:`ONE_SLIP_FROM` letters or more) makes, and the words they stand for: the same for
    every :class:`Suggester`, so worked out once, not each time one is made."""
    slips: dict[str, set[str]] = {}
    for synonym in AS_WRITTEN_ONLY:
        if len(synonym) >= ONE_SLIP_FROM:
            for slip in _left_out(synonym, 1):
                slips.setdefault(slip, set()).add(SYNONYMS[synonym])
    return slips


_LONGEST_AS_WRITTEN = max(map(len, AS_WRITTEN_ONLY))


def _left_out(word: str, most: int) -> set[str]:
    """``word`` and every text one letter shorter than it, and two when ``most`` is 2.

    As many texts as letters, each as long as ``word``: asked only of a word near the length
    of what it is compared with. A manager's 100 KB text pasted where a duration goes had been
    asked for its slips from the synonyms: 100,000 texts of 100 KB, 10 GB and 16 s for one
    `validate` (found by watching the test suite's memory)."""
    one = [word[:i] + word[i + 1 :] for i in range(len(word))]
    found = {word, *one}
    if most > 1:  # each pair of positions once: the later one left out of a text without the first
        found.update(
            [text[:j] + text[j + 1 :] for i, text in enumerate(one) for j in range(i, len(text))]
        )
    return found


def suggestion_suffix(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` or an empty string."""
    return Suggester(candidates).suffix(word)
