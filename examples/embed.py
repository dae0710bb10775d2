"""Embedding Backplan in a helpdesk: turn incoming tickets into each person's task list.

A helpdesk (or shop, or CRM) already has the complaints; Backplan says what to do about them.
This script shows the whole round trip an integration makes:

1. load the plan once at start-up (``load_plan``); the compiled plan is immutable, so one
   instance can serve every request thread;
2. map each helpdesk ticket to a Backplan complaint event (the only app-specific part);
3. ``plan.evaluate(event)`` gives a typed ``Decision``: the rules that fired, every action with
   its owner and absolute deadline, and the compensation after the plan's caps;
4. turn the actions into tasks, hold gestures that need a manager's approval, and route
   tickets that cannot be decided to a person instead of dropping them.

Run it from the repository root::

    .venv/bin/python examples/embed.py            # uses the repository's rules/
    .venv/bin/python examples/embed.py my-plan/rules/   # or any plan (the rules/ init wrote)

It prints the tasks per assignee and exits 0. Nothing here reads the clock: deadlines come from
each ticket's creation time, so the output is the same on every run.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import DecidedAction, Decision, EventError, PlanError, load_plan

TRIAGE = "helpdesk triage"
"""Where this app puts a ticket Backplan cannot decide: the app's own queue, not one of the
plan's roles (the plan may rename them all), so no ticket waits on a list nobody reads."""

RULES = Path(__file__).resolve().parent.parent / "rules"
"""The starter plan in this repository (``load_plan()`` with no argument uses the installed copy)."""


@dataclass(frozen=True)
class Ticket:
    """A ticket as a (made-up) helpdesk's webhook delivers it."""

    number: int
    created: str
    via: str
    requester: str
    subject: str
    body: str
    labels: tuple[str, ...] = ()
    stars: int | None = None
    order: dict[str, Any] = field(default_factory=dict)
    requester_profile: dict[str, Any] = field(default_factory=dict)
    wait_minutes: int | None = None
    reopened: bool = False


# How this helpdesk's labels and channels map onto Backplan's event vocabulary. In a real
# integration this table is the part you write; everything else stays as it is.
LABEL_TO_ISSUE = {
    "broken": "defective",
    "damaged": "damaged",
    "wrong-item": "wrong_item",
    "missing": "missing_item",
    "late": "late",
    "double-charge": "double_charged",
    "rude": "rude",
}
ISSUE_TO_TYPE = {
    "defective": "product",
    "damaged": "product",
    "wrong_item": "order",
    "missing_item": "order",
    "late": "order",
    "double_charged": "billing",
    "rude": "conduct",
}
PUBLIC_CHANNELS = {"google_review", "yelp", "twitter", "facebook", "instagram"}


def ticket_to_event(ticket: Ticket) -> dict[str, Any]:
    """The Backplan complaint event for a ticket (see ``schemas/event.schema.json``)."""
    issue = next(
        (LABEL_TO_ISSUE[label] for label in ticket.labels if label in LABEL_TO_ISSUE), None
    )
    if ticket.stars is not None:
        kind = "review"
    elif ticket.wait_minutes is not None:
        kind = "contact"
    else:
        kind = ISSUE_TO_TYPE.get(issue or "", "complaint")
    event: dict[str, Any] = {
        "id": f"ticket-{ticket.number}",
        "type": kind,
        "occurred_at": ticket.created,
        "channel": ticket.via,
        "public": ticket.via in PUBLIC_CHANNELS,
        "text": f"{ticket.subject}. {ticket.body}",
        "customer": {"first_name": ticket.requester.split()[0], **ticket.requester_profile},
    }
    if issue is not None:
        event["issue"] = issue
    if ticket.stars is not None:
        event["rating"] = ticket.stars
    if ticket.order:
        event["order"] = ticket.order
    if ticket.wait_minutes is not None:
        event["contact"] = {"wait_minutes": ticket.wait_minutes}
    if ticket.reopened:
        event["repeat"] = True
    return event


@dataclass(frozen=True)
class Task:
    """One line on someone's to-do list."""

    ticket: int
    due: str
    what: str


def assignee(action: DecidedAction) -> str:
    """Who does an action: its named owner or target, else the ticket's agent."""
    params = action.params
    return str(params.get("owner") or params.get("to") or "agent on the ticket")


def describe(action: DecidedAction) -> str:
    """A short task title for an action."""
    params = action.params
    words = action.type.replace("_", " ")
    if action.type == "compensate":
        words = (
            f"offer a {params['kind'].replace('_', ' ')} of {params['amount']} {params['currency']}"
        )
        if params["needs_approval"]:
            words += " (ask a manager to approve first)"
    elif action.type == "contact_customer":
        words = f"contact the customer by {params['channel']}"
    elif action.type == "replace":
        words = f"replace free of charge: {params.get('item', 'the product')}"
    elif "channel" in params:
        words += f" by {params['channel']}"
    if action.type in STAFF_BRIEFS and params.get("message"):
        words += f": {first_sentence(params['message'])}"
    return words


STAFF_BRIEFS = {"escalate", "notify", "root_cause", "training", "process_fix", "note"}
"""Actions whose message is a brief for staff (the others' messages are for the customer)."""


def first_sentence(text: str, limit: int = 90) -> str:
    """The first sentence of a message, cut to fit on a task line."""
    sentence = text.split(". ", maxsplit=1)[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def plan_tickets(plan_path: Path, tickets: list[Ticket]) -> dict[str, list[Task]]:
    """Decide every ticket and group the resulting tasks by assignee."""
    plan = load_plan(plan_path)
    print(f"Plan: {plan.name} ({plan.fingerprint[:19]}…), {len(plan.model.rules)} rules\n")
    tasks: dict[str, list[Task]] = defaultdict(list)
    for ticket in tickets:
        try:
            decision: Decision = plan.evaluate(ticket_to_event(ticket))
        except EventError as error:
            # Never drop a complaint: one that cannot be decided goes to a person.
            print(f"#{ticket.number} {ticket.subject!r}: cannot decide ({error.message})")
            tasks[TRIAGE].append(Task(ticket.number, "now", "handle by hand"))
            continue
        how = "no rule fits: fallback" if decision.fallback else ", ".join(decision.matched)
        print(f"#{ticket.number} {ticket.subject!r}: {how}")
        if decision.compensation is not None:
            summary = decision.compensation
            approval = " (needs approval)" if summary.needs_approval else ""
            print(f"    gesture: {summary.total} {summary.currency}{approval}")
        for action in decision.actions:
            if action.type == "tag":  # labels for the ticket, not work for a person
                print(f"    labels: {', '.join(action.params.get('tags', ()))}")
                continue
            tasks[assignee(action)].append(
                Task(ticket.number, action.due or "no deadline", describe(action))
            )
    return tasks


TICKETS = [
    Ticket(
        number=4411,
        created="2026-11-23T09:30:00Z",
        via="google_review",
        requester="Dana Smith",
        subject="Worst birthday cake ever",
        body="It arrived two hours late and the icing was smashed.",
        stars=1,
        order={"id": "o-7781", "total": 119.99},
    ),
    Ticket(
        number=4412,
        created="2026-11-23T10:05:00Z",
        via="email",
        requester="Ben Okafor",
        subject="Phone arrived bent",
        body="The back is bent and the screen flickers.",
        labels=("broken",),
        order={"id": "o-7901", "total": 349.0},
    ),
    Ticket(
        number=4413,
        created="2026-11-23T11:40:00Z",
        via="email",
        requester="Isabella Rossi",
        subject="Wrong size again",
        body="Second time this month.",
        labels=("wrong-item",),
        order={"id": "o-7980", "total": 210.0},
        requester_profile={"tier": "gold", "complaints_90d": 2},
        reopened=True,
    ),
    Ticket(
        number=4414,
        created="2026-11-23T12:00:00Z",
        via="phone",
        requester="Priya Shah",
        subject="On hold forever",
        body="Waited on hold just to ask about opening hours.",
        wait_minutes=25,
    ),
    Ticket(
        number=4415,
        created="2026-11-23T12:30:00Z",
        via="email",
        requester="Ruth Adler",
        subject="Van blocked our driveway",
        body="Your delivery van blocked our driveway for forty minutes.",
    ),
    Ticket(
        number=4416,
        created="yesterday afternoon",
        via="email",
        requester="Sam Lee",
        subject="Imported from the old system",
        body="The old helpdesk lost the timestamp.",
    ),
]


def main(argv: list[str]) -> int:
    """Decide the sample tickets with the plan named on the command line (default: rules/).

    A plan that cannot be loaded is the one thing an app must not start with: its problems are
    printed, as ``backplan validate`` prints them, and the script exits 2.
    """
    plan_path = Path(argv[1]) if len(argv) > 1 else RULES
    try:
        tasks = plan_tickets(plan_path, TICKETS)
    except PlanError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic.render(), file=sys.stderr)
        print(f"cannot load the plan {plan_path}: fix the problems above", file=sys.stderr)
        return 2
    print()
    for who in sorted(tasks):
        print(f"{who}:")
        for task in sorted(tasks[who], key=lambda t: (t.due, t.ticket)):
            print(f"  [ ] #{task.ticket} by {task.due}: {task.what}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:  # the reader stopped early (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
