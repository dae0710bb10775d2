"""Names written as words: rule ids, condition names, event types of one's own and fields.

An id written ``Late Order`` or ``Café crème``, or an event type ``booking`` that is no
standard one: the hint gives the name in the form a plan takes (``late-order``,
``x-booking``), told apart from the names the file has already, so that, written as hinted,
it is no duplicate. A field's names parted by blanks or slashes (``stay total``,
``stay/total``) are hinted joined by dots (``stay.total``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable

from engine.ecmaregex import unended
from engine.fields import PATH_PATTERN
from engine.model import CUSTOM_EVENT_TYPE, EVENT_TYPES, OPERATORS
from engine.resources import load_schema
from engine.slips.keys import plan_keys


@functools.cache
def _name_patterns() -> dict[str, tuple[str, str, str]]:
    """The patterns of a rule id and of a condition name, as the plan schema has them
    without what ends them (``engine.ecmaregex.unended``), each with what joins the words
    of its names in the starter plan (`late-delivery`, `public_channel`), what has such a
    name and what the name is called."""
    defs = load_schema("plan")["$defs"]
    rule_id, condition = plan_keys("rule")["id"]["pattern"], defs["condition_name"]["pattern"]
    return {unended(rule_id): ("-", "rule", "id"), unended(condition): ("_", "condition", "name")}


LONGEST_NAME_HINTED = 80
"""How many characters of a name made of what the author wrote a hint gives (a rule id is cut
there); an event type of one's own longer than that is not hinted: one of 100,000 letters had
been written out twice in its hint, 200 KB on one line (found by review)."""


def name_written_as(text: str, pattern: str) -> str | None:
    """For a rule id or a condition name (of ``pattern``) written as words, in capitals or
    with accents (``repeat complainer``, ``Health Claim``, ``Café crème``): the name in the
    form a plan takes, to write instead (``repeat-complainer``), its words joined as the
    starter plan's names are, or as the author joined some (``Health-Claim``). The hint had
    given the rules of a name alone, and left the manager to work the name out. None for any
    other pattern, or when no such name is left (``!!``)."""
    kind = _name_patterns().get(unended(pattern))
    if kind is None:
        return None
    name = _words_joined(text, _joiner(text, kind[0]))[:LONGEST_NAME_HINTED].rstrip("_-")
    return name if name != text and re.fullmatch(pattern, name) else None


def _words_joined(text: str, joiner: str) -> str:
    """``text`` in the letters of a plan's names, lower case and unaccented, each run of
    anything else (a blank, a dash `—`) one ``joiner``, none at either end."""
    return re.sub(r"[^a-z0-9_-]+", joiner, _unaccented(text).lower()).strip("_-")


def _joiner(text: str, usual: str) -> str:
    """What joins the words of a name made of ``text``: ``usual`` (`-` or `_`), or the other
    where the author joined words with it alone."""
    other = "_" if usual == "-" else "-"
    return other if other in text and usual not in text else usual


def name_of_its_own(name: str, pattern: str, taken: Collection[str]) -> str:
    """For a rule id or a condition name (of ``pattern``) written as words, whose form as a
    name (``name``, from :func:`name_written_as`) another rule or condition has: the hint to
    write one of its own, ``late-order-2``. Written as hinted, the name had been that other
    one's again, a duplicate (found by review)."""
    _, owner, called = _name_patterns()[unended(pattern)]
    free = _free_name(name, pattern, taken)
    article = "an" if called[0] in "aeiou" else "a"
    return (
        f"write {article} {called} of its own, such as `{free}` (`{name}` is another "
        f"{owner}'s {called})"
    )


def _free_name(name: str, pattern: str, taken: Collection[str]) -> str:
    """``name`` with the first number after it that makes it none of ``taken``: `late-order-2`."""
    joiner = _joiner(name, _name_patterns()[unended(pattern)][0])
    number = 2
    while True:  # `taken` is finite: some number is free
        end = f"{joiner}{number}"
        free = name[: LONGEST_NAME_HINTED - len(end)].rstrip("_-") + end
        if free not in taken:
            return free
        number += 1


def hinted_names(
    written: Iterable[object], pattern: str, taken: Collection[str]
) -> list[str | None]:
    """The name hinted for each of the rule ids (of ``pattern``) ``written``, in order (None
    for one not written as words), each told apart from ``taken`` and from the ones hinted
    before it: two rules written `Late Order` are hinted `late-order` and `late-order-2`. Both
    had been hinted `late-order`, which, written as hinted, gave two rules one id (found by
    review)."""
    told = set(taken)
    hinted: list[str | None] = []
    for text in written:
        meant = name_written_as(text, pattern) if isinstance(text, str) else None
        if meant is not None and meant in told:
            meant = _free_name(meant, pattern, told)
        if meant is not None:
            told.add(meant)
        hinted.append(meant)
    return hinted


def _unaccented(text: str) -> str:
    """``text`` without its accents (``Café crème`` as ``Cafe creme``), and with the letters
    written as two in plain ASCII (``Straße`` as ``Strasse``, ``œ`` as ``oe``): a name or type
    of the plan language is of such letters (an event type had lost each accented letter:
    ``réservation`` was hinted ``x-r-servation``; found by review). What is still no ASCII
    letter (a dash `—`, a letter of another script) is kept, for the caller to read as a gap
    between words: dropped, it had joined them, ``naïve—claim`` hinted ``x-naiveclaim``, and
    ``Straße`` lost its ``ß``, ``x-strae`` (found by review)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_WRITTEN_AS_TWO))
    return "".join(letter for letter in decomposed if not unicodedata.combining(letter))


_WRITTEN_AS_TWO = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l"}
    | {"Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH"}
)
"""Latin letters no accent taken off writes in ASCII, as they are written without them."""


def own_type_written(text: str) -> str | None:
    """The event type of the author's own ``text`` may be written as (``booking``,
    ``x_booking`` or ``X-Booking``: ``x-booking``), or None when none is left or it is longer
    than :data:`LONGEST_NAME_HINTED`: what :func:`own_event_type` hints, and the hint for
    ``on: chargeback`` on a rule shows."""
    letters = _words_joined(text, "-")
    own = "x-" + (letters[2:] if _meant_own(letters) else letters)
    if re.fullmatch(CUSTOM_EVENT_TYPE, own) is None or len(own) > LONGEST_NAME_HINTED:
        return None
    return own


def _meant_own(letters: str) -> bool:
    """Whether a type written in a plan's letters was meant as one of the author's own: it
    starts ``x-`` or ``x_`` (or is ``x`` alone, what is left of ``x-``)."""
    return re.match(r"x[-_]", letters) is not None or letters == "x"


def own_event_type(text: str) -> tuple[str, str] | None:
    """For an event type that is no standard one, nor near one (``booking``, ``x_booking``,
    ``X-Booking``): the type of the author's own it may be written as, ``x-booking``, with
    the did-you-mean of a text that was meant as one (it starts with an x), and the hint.
    The hint had said how a custom type is formed (``such as x-chargeback``), not which one
    to write, nor that the events must then carry it. None when no such type is left, or
    it is longer than :data:`LONGEST_NAME_HINTED`."""
    own = own_type_written(text)
    if own is None:
        return None
    suffix = f" (did you mean `{own}`?)" if _meant_own(_words_joined(text, "-")) else ""
    standard = ", ".join(EVENT_TYPES)
    return suffix, (
        f"the standard event types are {standard}; for a type of your own, write `{own}`, "
        f'and send its events with "type": "{own}"'
    )


_PATH_PARTED = re.compile(r"\s*/\s*|\s+")
"""What parts a field's names where a dot should (``stay total``, ``stay/total``): blanks or a
slash, and nothing less plain (``stay->total``, ``stay_total``: not told)."""


def path_written_as(text: str) -> str | None:
    """For an event field whose names are parted by blanks or slashes (``stay total``,
    ``stay / total``), the field with its names joined by dots (``stay.total``): the hint had
    given another field as its example (``order.total``). None for any other text, and for
    words that read as a test (``rating below 3``, ``channel is email``: a number or an
    operator's word is no name of a field). Written with capitals (``Order Total``), a standard
    field's names are given as the event has them (``order.total``): ``Order.Total``, another
    field, had been hinted (found by a second review). A standard field's names are given
    even where one is a word of a test or an action (``contact wait_minutes``: ``contact``,
    a remedy's word, had left it the hint of any field; found by mutation testing)."""
    from engine.eventfields import known_paths  # only for a refused path
    from engine.suggest import SYNONYMS

    names = _PATH_PARTED.split(text.strip())
    if len(names) < 2 or any(not name[:1].isalpha() and name[:1] != "_" for name in names):
        return None  # (a number, or the gap left by a slash at either end)
    dotted = ".".join(names)
    if PATH_PATTERN.match(dotted) is None:
        return None
    standard = known_paths()
    if dotted.lower() in standard:  # before the words of a test: `contact` is a remedy's word
        return dotted if dotted in standard else dotted.lower()
    if any(name.lower() in SYNONYMS or name.lower() in OPERATORS for name in names):
        return None
    return dotted


def accented_path_hint(text: str, write: str = "`{path}`") -> str:
    """For an event field written with letters outside ASCII (``client.prénom``,
    ``顧客.名前``), which a field's names cannot hold: which letters, and the field without
    its accents when that is one (``client.prenom``), to write as ``write`` says (``{path}``
    replaced: a template writes its braces round it). "" for a field all in ASCII. The path
    had been told "not in the right form", hinted "write names joined by dots", which it
    was, and in a template "see Templates in docs/rule-language.md" (found by writing a
    hotel's plan)."""
    if text.isascii():
        return ""
    from engine.wording import join_words  # only for this mistake: wording is slow to import

    letters = list(dict.fromkeys(c for c in text if not c.isascii() and not c.isspace()))
    if not letters:
        return ""
    shown = join_words([f"`{c}`" for c in letters[:3]]) + (" ..." if len(letters) > 3 else "")
    told = (
        f"a field's names are written in ASCII letters (a to z, A to Z), digits, `_` and `-`, "
        f"not {shown}: an event's field named with {'it' if len(letters) == 1 else 'them'} "
        "cannot be read"
    )
    plain = _unaccented(text.strip())
    if plain.isascii() and PATH_PATTERN.match(plain):
        written = write.replace("{path}", plain)
        return f"{told}; have your events send it as `{plain}`, and write {written}"
    return f"{told}; have your events send it under a name in ASCII letters, and write that"
