"""A decision as a checklist a support agent can work through.

Used by ``backplan eval --pretty`` and ``backplan explain``: what to do, for whom, by when, how
much, in the order the plan wants it done. It is read on a terminal and holds text from the
event (its id and type, messages filled in from its fields), so the header and each action
(its words and its message) are written with ``engine.errors.shown_text``: a control character
sent in an event shows as an escape instead of acting on the agent's screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from engine.durations import describe_duration
from engine.errors import shown_text
from engine.fields import MISSING, lookup, split_path
from engine.money import (
    MAX_EVENT_INT,
    MONEY,
    grouped_money,
    plain_number,
    read_amount,
    round_money,
)
from engine.wording import (
    channel_words,
    custom_action_words,
    money_of,
    not_made_because,
    offer_set_aside,
    show_value,
)
from engine.wrapping import wrap

if TYPE_CHECKING:
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from engine.model import Rule

_VERBS = {
    "apologize": "Apologise to the customer{by}",
    "reply_publicly": "Reply publicly where the complaint was posted",
    "contact_customer": "Contact the customer{by}",
    "compensate": "Offer compensation",
    "replace": "Replace the product free of charge",
    "escalate": "Escalate to {to}",
    "notify": "Notify {to}",
    "follow_up": "Follow up{by} until the issue is fully resolved",
    "tag": "Tag the case",
    "note": "Record a note",
    "root_cause": "Find the root cause",
    "training": "Arrange training",
    "process_fix": "Fix the process",
}


_LIMITS = {
    "min": "raised to the rule's minimum",
    "max": "capped at the rule's maximum",
    "per_event_max": "capped by the plan's limit per complaint",
}
"""How an offer's ``limited_by`` changed its amount, in words."""


_UTC_MOMENT = re.compile(r"\A(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(?:\.\d+)?)Z\Z")
"""A decision's time as its JSON writes it (``engine.utctime``): the day, hours and minutes,
then seconds and any fraction."""


def moment_words(moment: str) -> str:
    """A decision's time as an agent reads it: ``2026-11-23 10:30 UTC`` for
    ``2026-11-23T10:30:00Z``. Written as the JSON has it, the ``Z`` was the only sign the time
    is in UTC, and an agent who does not know it reads 10:30 as their own clock's (found by
    review). Seconds are shown only when there are some (``10:30:15.5 UTC``), so the time is
    exactly the decision's.

    Every time a decision holds is written by ``engine.utctime`` in that form (years 1900 to
    9997), so no input gives another; ``sub`` leaves text of any other form as it is all the
    same, without a branch that nothing runs."""
    return _UTC_MOMENT.sub(_moment_words, moment)


def _moment_words(found: re.Match[str]) -> str:
    """:func:`moment_words` of a time in the form of ``engine.utctime``."""
    day, clock, seconds = found.groups()
    if seconds != ":00":
        clock += seconds.rstrip("0").rstrip(".") if "." in seconds else seconds
    return f"{day} {clock} UTC"


class Surroundings(NamedTuple):
    """What the rest of a decision says about its offers, which an offer's own ``params`` do
    not: the checklist has the whole decision, a failing plan test (``engine.expectations``)
    one offer, told without them."""

    before_cap: Decimal | None = None
    """What the offer the plan's limit per complaint cut had come to before it (None: no
    offer was cut, or it is not known)."""
    unsized_beside: bool = False
    """Whether an offer the event could not size was set aside, and the decision needs
    approval for it: the lines under the total say so."""
    event: Any = None
    """The event decided, when it is at hand (``eval --pretty``, ``explain``, a plan test's
    case), else None: an offer it could not size says what its field holds
    (:func:`_no_base_words`)."""
    times: Callable[[str], str] = moment_words
    """How a deadline is written: :func:`moment_words` (UTC) or :func:`zoned_moments`'s."""


ALONE = Surroundings()
"""An offer told without its decision: nothing is known around it."""


def surroundings(summary: dict[str, Any] | None, offers: list[dict[str, Any]]) -> Surroundings:
    """What a decision's compensation ``summary`` and the ``params`` of the offers it made say
    about them beyond their own words.

    The cap cuts one offer at most (the offers after it are not made, ``cap-reached``), so
    what it came to before is the summary's ``offered`` less the other offers made and those
    the cap left out: ``offered`` alone under ``combine: max``. The decision does not write it
    in the offer, and ``capped by the plan's limit`` alone did not say from what (the total
    line did; found by review). An offer set aside as ``unresolved`` is said under the total,
    which the offers made then point to."""
    if summary is None:
        return ALONE
    unsized = any(record["reason"] == "unresolved" for record in summary["superseded"])
    cut = [offer for offer in offers if offer.get("limited_by") == "per_event_max"]
    if not summary["capped"] or len(cut) != 1:
        return Surroundings(unsized_beside=unsized)
    before = Decimal(summary["offered"])
    others = [offer["amount"] for offer in offers if offer is not cut[0]]
    others += [r["amount"] for r in summary["superseded"] if r["reason"] == "cap-reached"]
    for amount in others:
        before = MONEY.subtract(before, Decimal(amount))
    return Surroundings(before, unsized)


def _sizing(params: dict[str, Any], before_cap: Decimal | None) -> str:
    """How an offer's amount was worked out, in parentheses (or nothing for a plain fixed one).

    When a bound changed the amount, the text says which, and a percentage says what it came to
    first (``20% of order.total = 4.00, raised to the rule's minimum``), so ``10.00`` is never
    read as 20% of the order; unrounded when rounding changes it (``= 4.99999``), as the bounds
    hold it: 12.5% of a total of 1 yen had read "= 0, raised to the rule's minimum", a wrong
    product (found by review).
    An offer the plan's limit cut says from what (``before_cap``) unless its share says it.
    An unresolved offer (no usable base) has no share to show: its own wording, after the
    parentheses, says what the amount is. Nor has one whose base no event gives (10^15 or
    more: a decision from elsewhere, which :meth:`engine.Decision.validate` takes): its
    product, of more digits than :data:`~engine.money.MONEY` holds, had raised
    ``decimal.InvalidOperation`` out of ``Decision.checklist``.
    """
    limited_by = "" if params.get("unresolved") else str(params.get("limited_by") or "")
    limit = _LIMITS.get(limited_by)
    parts = []
    shown = None
    if params.get("percent") is not None:
        share = f"{params['percent']}% of {params.get('of')}"
        base, percent = params.get("base"), params["percent"]
        if limit is not None and base is not None and Decimal(str(base)) < MAX_EVENT_INT:
            exact = MONEY.divide(MONEY.multiply(Decimal(str(base)), Decimal(str(percent))), 100)
            came_to = round_money(exact, str(params.get("currency")))
            amount = Decimal(str(params["amount"]))
            shown = came_to if came_to == exact else MONEY.normalize(exact)  # a true product
            share += f" = {grouped_money(shown)}"
            if limited_by == "per_event_max" and (
                bound := _bound_before_cap(came_to, amount, before_cap)
            ):
                share += f", {_LIMITS[bound]}"
                limit = f"then {limit}"
        parts.append(share)
    if limit is not None:
        parts.append(limit + _cut_from(params, before_cap, shown))
    return f" ({', '.join(parts)})" if parts else ""


def _bound_before_cap(came_to: Decimal, amount: Decimal, before_cap: Decimal | None) -> str:
    """Which of the rule's bounds changed a share the plan's limit then cut ("" for none): said
    in order, as ``= 5.00, capped`` alone read as 5.00 capped up to 10.00. Without what it was
    before the cap, only a minimum shows (the cut amount is above the share)."""
    if before_cap is None:
        return "min" if amount > came_to else ""
    return "min" if before_cap > came_to else "max" if before_cap < came_to else ""


def _cut_from(params: dict[str, Any], before_cap: Decimal | None, shown: Decimal | None) -> str:
    """``, from 60.00 EUR``: what an offer the plan's limit cut had come to before it, as the
    total line says it; nothing when it is not known or already ``shown`` (a share's ``=``)."""
    if params.get("limited_by") != "per_event_max" or before_cap is None or before_cap == shown:
        return ""
    return f", from {grouped_money(before_cap)} {params.get('currency', '')}"


def describe_action(
    action: dict[str, Any], name_rule: bool = False, around: Surroundings = ALONE
) -> str:
    """One action in words, deadline included, then its message (if any) on a line of its own;
    both with :func:`~engine.errors.shown_text`, so the message's own line breaks are escapes too
    (an event value cannot add a line to the checklist). An offer is told with what the rest of
    the decision says of it (``around``). A message that is no text, which only a decision from
    elsewhere holds (:meth:`engine.Decision.validate` takes any JSON value in the params of an
    action other than an offer), is shown as its value: ``.rstrip`` had raised AttributeError
    out of ``Decision.checklist``."""
    text = shown_text(_action_words(action, name_rule, around))
    message = action["params"].get("message")
    if isinstance(message, str) and message:
        shown = shown_text(message.rstrip("\r\n"))  # a `|` text's last line break: as render
        text += f'\n      "{shown}"'
    elif message is not None and not isinstance(message, str):
        text += f"\n      message: {shown_text(show_value(message, True))}"
    return text


def _tags_words(tags: Any) -> str:
    """A ``tag`` action's labels, as the plan writes them (``vip, refund``). Plans and
    eval give text; a decision from elsewhere may hold any JSON value there, and
    :meth:`engine.Decision.validate` takes it (a built-in action's params other than an
    offer's are free in the format): such a value is shown as the checklist shows a custom
    action's, where ``", ".join`` had raised TypeError out of ``Decision.checklist``."""
    if isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
        return ", ".join(tags)
    return show_value(tags, True)


def _action_words(action: dict[str, Any], name_rule: bool, around: Surroundings) -> str:
    """What to do, for whom, by when and how much, in words; with ``name_rule`` (several
    rules fired), which rule it comes from."""
    kind = action["type"]
    if kind in _VERBS:
        text = _builtin_words(kind, action["params"], around)
    else:  # a custom action: its parameters are the application's, whatever their names
        shown = ((k, v) for k, v in action["params"].items() if k != "message")  # on its own line
        text = custom_action_words(kind, shown)
    if action.get("due"):
        text += f" — due {around.times(action['due'])}"
    elif action.get("within"):
        text += f" — within {describe_duration(action['within'])}"
    if action.get("also_from"):  # one action for several rules: its deadline is the soonest,
        # its settings the first rule's, named first (the others alone had been named, so
        # which rule's message a merged action kept was nowhere; found by review)
        text += f" (rule {action['rule']}, also for {rules_named(action['also_from'])})"
    elif name_rule:  # several rules fired: which one asks for this (an offer's, above all)
        text += f" (rule {action['rule']})"
    return text


_GMT_SIGNED = re.compile(r"GMT([+-])0*([1-9]\d?)$")
"""A zone's key that names its offset from Greenwich, with POSIX's sign (``Etc/GMT+5``, its
sign and hours), not ``Etc/GMT+0``, which is UTC."""


def zone_words(key: str) -> str:
    """A zone's key as a report names it (``Australia/Sydney``), with its offset after a key
    whose sign reads the other way: ``Etc/GMT+5, UTC-05:00``, five hours *behind* UTC. The
    trend of ``report --time-zone Etc/GMT+5`` had been headed `(Etc/GMT+5)` alone, a zone a
    manager reads as five hours ahead, as the checklist's times had been (found by review)."""
    from datetime import timedelta

    signed = _GMT_SIGNED.search(key)
    if signed is None:
        return key
    hours = int(signed[2]) if signed[1] == "-" else -int(signed[2])
    return f"{key}, {_offset_words(timedelta(hours=hours))}"


def zoned_moments(zone: ZoneInfo) -> Callable[[str], str]:
    """:func:`moment_words` in ``zone``, named by its key (``2026-11-29 17:00 Europe/Paris``
    for ``2026-11-29T16:00:00Z``), for an agent whose clock is not UTC's (``--time-zone``).
    The zone's key, not its abbreviation: ``CST`` is a time in America and another in China.
    The decision itself stays in UTC; only its words change. In the hour that comes twice
    when the clocks go back, the offset is said too (``01:30 America/New_York (UTC-04:00)``,
    then ``(UTC-05:00)``): the clock alone names two moments there. A zone's offset had its
    seconds before the zone kept a standard time (Kathmandu's was +05:41:16 in 1900, Monrovia's
    -00:44:30 to 1972): a whole minute in UTC is then written with its seconds, not cut to
    the minute, which wrote another moment (found by review).

    A zone named by its offset from Greenwich, ``Etc/GMT+5``, has the sign the other way round
    (POSIX's: it is five hours *behind*, UTC-05:00), so its offset is always said: ``07:00
    Etc/GMT+5`` alone read as a time five hours ahead of UTC (found by review).

    A moment whose day in ``zone`` is past the last a date can have (``9999-12-31T23:00:00Z``
    in ``Pacific/Kiritimati``, a decision ``Decision.validate`` takes though eval writes none so
    late) is written in UTC, saying so: ``Decision.checklist(time_zone=...)`` had raised
    OverflowError (found by an airline's trial)."""
    from datetime import datetime

    signed = _GMT_SIGNED.search(zone.key) is not None

    def words(moment: str) -> str:
        found = _UTC_MOMENT.match(moment)
        if found is None:  # no decision's time: as moment_words leaves it
            return moment
        try:
            local = datetime.fromisoformat(moment).astimezone(zone)
        except OverflowError:  # past 9999-12-31 there: the moment as it is, in UTC
            return moment_words(moment)
        clock = local.strftime("%H:%M")
        if found[3] != ":00" or local.second:  # seconds (and fraction) only when some:
            clock += f":{local.second:02d}" + found[3][3:].rstrip("0").rstrip(".")
        words = f"{local:%Y-%m-%d} {clock} {zone.key}"
        offset = local.utcoffset()
        if offset is not None and (
            signed or local.replace(fold=1 - local.fold).utcoffset() != offset
        ):  # `Etc/GMT+5`, or the hour the clocks go back, which repeats
            return f"{words} ({_offset_words(offset)})"
        return words

    return words


def _offset_words(offset: timedelta) -> str:
    """``UTC-04:00`` for an offset of minus four hours, with its seconds when it has some
    (``UTC+05:41:16``: a zone's local mean time, before it kept a standard one)."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    minutes, seconds = divmod(abs(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


def perhaps_because(misspelt: str) -> str:
    """``perhaps because `revew` is no event type...``: what an event of the fallback most
    likely misspelt (``engine.explain.fallback_misspelt``, a clause that starts ``; ``), as the
    checklist, a failing plan test's note and its line of the rules fired each say it."""
    return f"perhaps because {misspelt.removeprefix('; ')}"


def rules_named(rules: list[str]) -> str:
    """``rule a`` or ``rules a, b``: each rule once, in the order given."""
    once = list(dict.fromkeys(rules))
    return ("rule " if len(once) == 1 else "rules ") + ", ".join(once)


def _builtin_words(kind: str, params: dict[str, Any], around: Surroundings) -> str:
    """A built-in action in words: its verb, then the parameters of its type (``channel``,
    ``to``, ``tags``, ``owner`` mean what the language says only for a built-in type)."""
    channel = params.get("channel")
    by = f" {channel_words(str(channel))}" if channel else ""
    text = _VERBS[kind].replace("{by}", by).replace("{to}", str(params.get("to", "")))
    if kind == "compensate":
        text += offer_words(params, around)
    if kind == "replace":  # how, then what to send (the item filled in)
        if params.get("shipping"):
            text += f", {params['shipping']} shipping"
        if params.get("item"):
            text += f": {params['item']}"
    if "tags" in params:
        text += ": " + _tags_words(params["tags"])
    if "owner" in params:
        text += f" — owner: {params['owner']}"
    return text


_NO_BASE = (
    "missing or not an amount (a number from 0 up to a thousand trillion, written without "
    "quotes: a number in quotes is text)"
)
"""Why a percentage had no base: the checklist has the decision, not the event, so it names
every way (a negative total, or one of 10^15 or more, had read as "not an amount" alone). A
total sent as text, ``"420"``, is the usual one, and a manager did not see it in "not an
amount from 0 to 10^15", written in a programmer's notation (found by review)."""


def _no_base_words(of: str, event: Any) -> str:
    """What the field ``of`` of ``event`` holds, that no percentage could be worked out of:
    ``the text "100", not a number``; every way it could be (:data:`_NO_BASE`) when the event
    is not at hand (or holds no number at all, NaN). The checklist beside the event had said
    "is missing or not an amount" of a total sent as ``"100"``, while eval's warning named the
    text (found by review). A number too large is not written out (``1e300`` as a float is
    three hundred digits)."""
    if event.__class__ is not dict:
        return _NO_BASE
    held = lookup(event, split_path(of))
    if held is MISSING:
        return "missing"
    if held.__class__ is str:
        return f"the text {show_value(held)}, not a number"
    if held.__class__ in (int, float):  # (one from 0 up to the limit is an amount)
        if held < 0:
            return f"{show_value(held)}, below 0" if read_amount(held) else "a number below 0"
        if held > 0:
            return "a number of a thousand trillion or more, too large for an amount"
        return _NO_BASE  # NaN, from an app deciding in Python
    if isinstance(held, Decimal | int | float) and held.__class__ is not bool:
        # an app's Decimal, or a subclass (numpy's float64): "150.1, not a number" had said a
        # number is none (found by review); the app sends float(x) (docs/semantics.md)
        return f"{show_value(held)} in a form JSON has not ({type(held).__name__})"
    return f"{show_value(held)}, not a number"


def offer_words(params: dict[str, Any], around: Surroundings = ALONE) -> str:
    """A compensation's kind and amount as decided, how it was sized, and whether a person
    must size or approve it, after a colon (``: voucher of 24.00 USD (20% of order.total)``);
    also said by a failing plan test about compensation (``engine.expectations``), which
    knows nothing ``around`` it.

    An offer that needs approval only for another the event could not size points to the
    lines under the total that say so (``needs approval`` alone read as this offer's fault)."""
    kind = str(params.get("kind", "")).replace("_", " ")
    if _to_decide(params):  # `of 0.00 EUR` read as the amount to give (found by review)
        text = f": {kind}, amount to decide"
    else:
        text = f": {kind} of {grouped_money(params.get('amount'))} {params.get('currency', '')}"
    text += _sizing(params, around.before_cap)
    if params.get("unresolved"):  # the event had no usable amount: the floor is offered
        of = str(params.get("of"))
        text += (
            f" — {of} is {_no_base_words(of, around.event)}, so {_unsized_offer(params, around)}"
        )
        text += ": decide the amount"
    if params.get("needs_approval"):
        text += " — needs approval"
        if around.unsized_beside and not params.get("unresolved"):
            text += ": see below"
    return text


def _unsized_offer(params: dict[str, Any], around: Surroundings) -> str:
    """What an offer the event could not size offers instead: the rule's minimum, or nothing.

    A minimum the plan's limit per complaint then cut is the amount before the cap (as the
    total line says it), not the amount offered: "6.00 is only the rule's minimum, capped ...
    from 10.00" named the cut amount as the minimum (found by review). Told without its
    decision (a plan test's offer), the minimum is not known, so it is not named."""
    limited_by, currency = params.get("limited_by"), params.get("currency", "")
    if limited_by == "min":
        return f"{grouped_money(params.get('amount'))} is only the rule's minimum"
    if limited_by != "per_event_max":
        return "no amount could be worked out"
    floor = "the rule's minimum"
    if around.before_cap is not None:
        floor += f", {grouped_money(around.before_cap)} {currency},"
    cut = (
        f"cut to {grouped_money(params.get('amount'))} {currency} by the plan's limit per complaint"
    )
    return f"{floor} is offered, {cut}"


def _to_decide(params: dict[str, Any]) -> bool:
    """Whether an offer made has no amount a person could give: unsized, with no floor (its
    amount, 0.00, is no offer: a person sizes it)."""
    floor = params.get("limited_by") in ("min", "per_event_max")
    return bool(params.get("unresolved")) and not floor


def _total_words(summary: dict[str, Any], offers: list[dict[str, Any]]) -> str:
    """The compensation total as an agent gives it: its amount, or, where an offer made is
    still to be sized (:func:`_to_decide`), that a person decides it (``0.00 EUR`` had read as
    the amount to give), beside what is already sized."""
    total = money_of(summary["total"], summary)
    if not any(_to_decide(offer) for offer in offers):
        return total
    if Decimal(summary["total"]):
        return f"{total}, plus an amount a person decides"
    return "an amount a person decides"


def _above_threshold(summary: dict[str, Any]) -> str:
    """Why the total needs approval when the plan's threshold is why: ``(above the plan's
    30.00 USD)``; "" when it is not (an offer still to size is why: its own line says so).
    "needs approval" alone left the agent to guess which of the plan's rules asked for it."""
    threshold = summary.get("approval_threshold")
    if threshold is None or Decimal(summary["total"]) <= Decimal(threshold):
        return ""
    return f" (above the plan's {money_of(threshold, summary)})"


def time_written_otherwise(event: Any) -> str:
    """``the event has its time as `occurredAt`: name that key `occurred_at``` when the event
    decided holds its time under a key written otherwise or misspelt
    (``engine.evaluate.key_written_otherwise``); "" when it holds none, or is not at hand. The
    checklist had said "time not given" of an event whose time its sender saw in it, as
    ``occured_at``, and a plan test expecting a ``due`` told its author to "give the event its
    time" (found by a new user's trial)."""
    if event.__class__ is not dict:
        return ""
    from engine.evaluate import key_written_otherwise

    key = key_written_otherwise(event, "occurred_at")
    return "" if key is None else f"the event has its time as `{key}`: name that key `occurred_at`"


def render_checklist(
    decision: dict[str, Any],
    event: Any = None,
    misspelt: str = "",
    times: Callable[[str], str] = moment_words,
    rules: Iterable[Rule] = (),
) -> str:
    """The whole decision as text: header, remedy and prevention checklists; with the
    ``event`` decided, when at hand, what it holds where an offer could not be sized (one set
    aside too, with the ``rules`` of the plan that decided, which say what it is a percentage of:
    :func:`_unsized_set_aside_words`), and a
    note after it for an offer of an amount in another currency (:func:`other_currencies`),
    said here once for ``explain`` and ``eval --pretty``, which had each added it.

    ``misspelt``: for a decision of the fallback, what the event most likely misspelt, as
    the clause ``explain`` ends a rule's reason with (``engine.explain.fallback_misspelt``),
    said under "No rule of the plan fits" as why (``eval --pretty``; ``explain`` says it
    beside the rule, and gives none here).

    ``times`` writes the event's time and each deadline: in UTC (:func:`moment_words`), or
    in a time zone (:func:`zoned_moments`)."""
    header = f"Event {decision['event_id']} ({decision['event_type']})"
    if decision.get("occurred_at"):  # what the deadlines count from, in the same zone
        header += f", happened {times(decision['occurred_at'])}"
    elif any(action.get("within") for action in decision["actions"]):
        # `within 4 hours` alone did not say of what: the event's time, which is not given
        header += ", time not given: count each deadline from when you received it"
        if held := time_written_otherwise(event):
            header += f" ({held} to set the deadlines)"
    lines = [shown_text(header)]
    if decision["fallback"]:
        lines.append("  No rule of the plan fits: a person must improvise.")
        if misspelt:  # "; the event has `custmer`: did you mean `customer`?"
            lines.append(shown_text("  P" + perhaps_because(misspelt)[1:]))
    if decision["matched"]:
        lines.append("  Rules: " + ", ".join(decision["matched"]))
    several = len(decision["matched"]) > 1  # then each action names its rule
    summary = decision.get("compensation")
    offers = [a["params"] for a in decision["actions"] if a["type"] == "compensate"]
    around = surroundings(summary, offers)._replace(event=event, times=times)
    for purpose, title in (("remedy", "Make it right"), ("prevention", "Prevent it")):
        chosen = [a for a in decision["actions"] if a["purpose"] == purpose]
        if chosen:
            lines.append(f"  {title}:")
            lines.extend(f"    [ ] {describe_action(a, several, around)}" for a in chosen)
    made = bool(offers)
    if summary and not made and any(s["reason"] == "zero-amount" for s in summary["superseded"]):
        lines.append(
            f"  Compensation: none (the offer came to {grouped_money(summary['total'])} "
            f"{summary['currency']})"
        )
    elif summary:
        line = f"  Compensation total: {_total_words(summary, offers)}"
        if summary["capped"]:  # with its currency, and from what (`capped at 40.00` had neither)
            line += f" (capped at the plan's limit of {money_of(summary['cap'], summary)}"
            line += f" per complaint, from {money_of(summary['offered'], summary)})"
        if summary["needs_approval"]:
            line += " — needs approval" + _above_threshold(summary)
        lines.append(line)
        unsized: dict[str, int] = {}  # why it needs approval when no offer made says so
        for record in summary["superseded"]:
            if record["reason"] == "unresolved":
                unsized[record["rule"]] = unsized.get(record["rule"], 0) + 1
        lines.extend(  # a rule's offers told once (a rule may make several)
            f"    compare it with rule {rule}'s offer"
            + _unsized_set_aside_words(rules, rule, event)
            + ", which the event could not size: it may be the larger one"
            if count == 1
            else f"    compare it with rule {rule}'s {count} offers, which the event could not "
            "size: one may be the larger"
            for rule, count in unsized.items()
        )
        lines.extend(
            f"    not made: {offer_set_aside(record, summary)} "
            f"({not_made_because(record, summary)})"
            for record in summary["superseded"]
            if record["reason"] in _LISTED_NOT_MADE
        )
    lines += other_currency_lines(decision, event)  # what only the event says of the amounts
    return "\n".join(lines)


def _unsized_set_aside_words(rules: Iterable[Rule], rule: str, event: Any) -> str:
    """What the one offer of ``rule`` set aside as unsized is a percentage of, and what that
    field of the event holds (``of 50% of order.total (order.total is the text "12,50", not a
    number)``), when the plan's rules and the event are at hand and the rule makes one
    percentage offer; else "". "Compare it with rule r0's offer, which the event could not
    size" had not said why, where an offer made for want of a base says what its field holds."""
    if event.__class__ is not dict:
        return ""
    shares = [
        (action.percent, str(action.of))
        for each in rules
        if each.id == rule
        for action in (*each.then, *each.prevent)
        if action.type == "compensate" and action.percent is not None and action.of
    ]
    if len(shares) != 1:
        return ""
    [(percent, of)] = shares
    return f" of {plain_number(percent)}% of {of} ({of} is {_no_base_words(of, event)})"


_LISTED_NOT_MADE = ("smaller-offer", "cap-reached")
"""The offers set aside that the checklist lists under the total (one that came to 0, or that
the event could not size, is said above it)."""


def other_currencies(decision: dict[str, Any], event: Any) -> list[str]:
    """A note for each percentage offer made of an amount the event gives in another currency
    than the plan's (``order.currency`` beside ``order.total``): Backplan converts none
    (docs/rule-language.md), so 20% of an order of 100 GBP was offered as 20.00 EUR, and the
    checklist said only "voucher of 20.00 EUR (20% of order.total)", leaving the supervisor
    asking why the customer's 100 pounds made 20 euros (found by a supervisor's review).
    Said by ``explain`` and ``eval --pretty`` after the checklist (:func:`render_checklist`)
    and by a plan test whose expected amount failed (``engine.expectations``): all three have
    the event beside the decision. A currency written as its sign or name (``€``, ``euros``
    in a plan in EUR), or left blank, is no other currency: they had been noted "order.total is
    in "€", not in the plan's EUR" (found by review)."""
    from engine.currencies import currencies_meant  # only for a percentage offer

    notes = []
    for action in decision["actions"]:
        params = action["params"]
        if action["type"] != "compensate" or params.get("base") is None:
            continue
        path = (*split_path(params["of"])[:-1], "currency")
        where = ".".join(path)
        held = lookup(event, path) if event.__class__ is dict else MISSING
        if held.__class__ is not str or not held.strip():
            continue
        if params["currency"] in currencies_meant(held):
            continue
        notes.append(
            f"Check the amount: {params['of']} is in {show_value(held)} ({where}), not in the "
            f"plan's {params['currency']}, and Backplan converts no currency: "
            f"{params['percent']}% of {params['of']} ({params['base']}) was counted as if it "
            f"were {params['currency']}."
        )
    return notes


def other_currency_lines(decision: dict[str, Any], event: Any) -> list[str]:
    """:func:`other_currencies` as lines to follow the checklist, wrapped to 100 characters
    and written with ``shown_text`` (the currency is the event's text)."""
    return [
        line
        for note in other_currencies(decision, event)
        for line in wrap(shown_text(note), 100, "  ", "    ")
    ]
