"""Did-you-mean stays cheap for text far longer than any name: a manager's 100 KB paste in the
wrong place (a duration, a rule id) had made `validate` build 100,000 slips of 100 KB each,
10 GB and 16 s, to find that nothing is near it."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.api import validate_plan
from engine.suggest import SLIPS_UP_TO, Suggester, did_you_mean
from tests.conftest import peak_bytes

PASTED = ("word " * 20_000).strip()
"""About 100 KB of text, where a name goes."""

NAMES = [f"rule_{n:04d}_delivery_late" for n in range(3_000)] + ["delivery_late"]


def test_a_pasted_text_is_compared_without_its_slips() -> None:
    peak = peak_bytes(lambda: did_you_mean(PASTED, ["eq", "ne", "gt", "lt", "in", "is_not"]))
    assert peak < 5_000_000


def test_among_many_names_a_pasted_text_is_near_none_and_a_slip_is_still_found() -> None:
    """Among many candidates words are compared by their slips (one, then two): a pasted text
    is near none, at little cost, and a real slip beside it is answered as before."""
    suggester = Suggester(NAMES, compare_at_most=100)
    peak = peak_bytes(lambda: suggester.answer_all([PASTED, "delivry_lat"]))
    assert peak < 50_000_000
    assert (suggester(PASTED), suggester("delivry_lat")) == (None, "delivery_late")


def test_a_candidate_longer_than_any_name_is_not_indexed_by_its_slips() -> None:
    """A long value among the candidates (a condition named with a pasted text, refused but
    still named) is not broken into its slips either, and the names beside it still are."""
    suggester = Suggester([*NAMES, PASTED], compare_at_most=100)
    peak = peak_bytes(lambda: suggester.answer_all(["delivery_lat", PASTED[:-1]]))
    assert peak < 50_000_000
    assert suggester("delivery_lat") == "delivery_late"


@pytest.mark.parametrize("length", [SLIPS_UP_TO - 1, SLIPS_UP_TO])
def test_a_long_name_up_to_the_bound_is_still_found_by_its_slips(length: int) -> None:
    name = "a" * (length - 4) + "_end"
    others = [f"name_{n:04d}" for n in range(500)]
    suggester = Suggester([*others, name], compare_at_most=100)
    assert suggester(name[:-1]) == name  # one letter left out


def test_validate_of_a_pasted_duration_says_so_within_little_memory(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "backplan: 1\nplan: {name: Acme Store, currency: USD}\nrules:\n  - id: late\n"
        f"    title: Late\n    when: {{event: order}}\n    then:\n"
        f"      - apologize: {{within: {PASTED}}}\n"
    )
    found: list[object] = []
    peak = peak_bytes(lambda: found.extend(validate_plan(plan)[1]))
    assert peak < 100_000_000
    assert [getattr(d, "code", None) for d in found] == ["bad-duration"]
