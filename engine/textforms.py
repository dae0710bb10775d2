"""Texts compared as they look: each letter and its accents composed into one character (NFC).

Unicode writes `é` two ways: one character (U+00E9), or `e` followed by a combining acute
(U+0301). macOS writes file names and some phones and PDF copies write text the second way
(NFD); most systems send the first (NFC). The two look the same and a manager cannot tell
them apart, yet Python compares them character by character: an event's `Zürich`, sent
decomposed, failed `eq: Zürich`, and a rule for the store never fired.

So the language compares every text in its composed form: the plan's texts are composed when
the plan is read (``engine.planfile``), and the event's when a test reads them
(``engine.operators`` says how, plainly; ``engine.compile`` generates the same). Case is
folded after composing (:func:`fold`). An event's own text is never changed: its decision
and its trace show it as it came.

Composing costs nothing for text that is all ASCII, which is most of an event's: an ASCII text
is composed already. The compiled matcher goes further (see :func:`one_spelling`): for most
of the plan's texts a comparison as written answers as the composed one would, and it composes
the event's text only where the answer could differ.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_COMPOSED_TO_ASCII = frozenset("K;`")
"""The ASCII characters that a text with other characters composes to: U+212A KELVIN SIGN
composes to `K`, U+037E GREEK QUESTION MARK to `;` and U+1FEF GREEK VARIA to a backtick. No
other character that is not ASCII composes to anything holding ASCII (checked over all of
Unicode by tests/test_textforms.py)."""


def composed(text: str) -> str:
    """``text`` with its letters and accents composed (Unicode NFC); itself when it is ASCII
    or composed already."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def composed_value(value: Any) -> Any:
    """A value with its texts composed: a text, or the texts among the items of a list or
    tuple (an ``in`` list, a ``between`` pair, an event's tags); any other value, and a list
    inside a list, as it is (no test compares a text with one: an event's lists nested
    thousands deep had made this recurse past Python's limit)."""
    if value.__class__ is str:
        return composed(value)
    kind = value.__class__
    if kind is list or kind is tuple:  # exactly: an app's own kind of list is no list to a test
        return kind(composed(item) if item.__class__ is str else item for item in value)
    return value


def fold(text: str) -> str:
    """``text`` composed and case-folded, what ``ignore_case`` compares: composed first, so
    the accent of a decomposed `É` folds with its letter, and again after, as folding can
    leave a letter and its accent apart (U+01F0, `ǰ`, folds to `j` and a combining caron)."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def one_spelling(text: str) -> bool:
    """Whether ``text`` is the composed form of no text but itself: ASCII without `K`, `;` and
    `` ` `` (see :data:`_COMPOSED_TO_ASCII`).

    Why it matters: for such a plan text, an event's text equals it, or holds it at its end, or
    anywhere but right before an accent, as written exactly when it does composed (each of
    its characters is an ASCII one in the event too), so the compiled matcher compares as
    written and composes only to confirm a text found that is not ASCII. Most of a plan's
    texts are such texts (`yelp`, `late_delivery`, `S12`)."""
    return text.isascii() and _COMPOSED_TO_ASCII.isdisjoint(text)
