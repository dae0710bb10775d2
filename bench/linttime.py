"""Time `backplan lint` on plans shaped where its proofs cost the most, with its shortcuts
and without them, runs interleaved, in one process.

Lint proves "whenever rule B matches, rule A matches too" pair by pair. Where B has `any` lists
the proof reasons by cases, up to ``engine.logic.MAX_STEPS``; between most pairs there is no
proof to find, and an example event of B that A misses settles that at once (``engine.witness``).
Where B has none, the index of rules leaves out each A of a range test B's tests are not within
(``engine.logic.RangeRefuter``). The plans:

* ``any-lists``: rules of three 3-way `any` lists (an equality, another, a text test) under
  `match: first`, where every later rule is compared with every earlier one;
* ``matches``: rules of a `matches` pattern and an `ne`, where the proof is quick and the
  examples are not made (a rule without an `any` list is left to the proof);
* ``amount-bands``: `stop: true` rules of amounts, ``order.total`` from ``k`` to ``k + 1``,
  which share every equality, so that the index finds every earlier rule but for the ranges.

Both runs must report the same findings (checked): the shortcuts only skip proofs that could
not have succeeded. Medians of the timed runs, seconds; the machines are shared and noisy.

usage: python -m bench.linttime [RULES] [RUNS]   (defaults: 200 rules, 3 runs)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from engine import logic, witness
from engine.lint import lint_plan


def any_lists_plan(rules: int) -> str:
    """Rules of three `any` lists each, under `match: first` (no rule hides another)."""
    lines = ["backplan: 1", "plan: {name: Lint bench, currency: USD, match: first}", "rules:"]
    for n in range(rules):
        lists = ", ".join(
            f"{{any: [{{field: channel, eq: c{(n + k) % 7}}}, {{field: issue, eq: i{(n * k) % 5}}},"
            f" {{field: text, contains: w{n}x{k}}}]}}"
            for k in range(3)
        )
        lines.append(
            f"  - {{id: r{n}, title: r{n}, when: {{event: review, all: [{lists}]}}, "
            "then: [{note: {message: x}}]}"
        )
    return "\n".join(lines) + "\n"


def matches_plan(rules: int) -> str:
    """Rules of a `matches` pattern and an `ne` test, under `match: first`."""
    lines = ["backplan: 1", "plan: {name: Lint bench, currency: USD, match: first}", "rules:"]
    for n in range(rules):
        pattern = f"'[a-z]|\\b(word{n}|other{n})\\b'"
        lines.append(
            f"  - {{id: r{n}, title: r{n}, when: {{all: [{{field: text, matches: {pattern}}}, "
            f"{{field: channel, ne: c{n}}}]}}, then: [{{note: {{message: x}}}}]}}"
        )
    return "\n".join(lines) + "\n"


def amount_bands_plan(rules: int) -> str:
    """`stop: true` rules of amounts, each from ``k`` to ``k + 1``, for orders."""
    lines = ["backplan: 1", "plan: {name: Lint bench, currency: USD}", "rules:"]
    for n in range(rules):
        tests = f"{{field: order.total, gte: {n}}}, {{field: order.total, lt: {n + 1}}}"
        lines.append(
            f"  - {{id: r{n}, title: r{n}, stop: true, when: {{event: order, all: [{tests}]}}, "
            "then: [{note: {message: x}}]}"
        )
    return "\n".join(lines) + "\n"


def _timed(path: Path) -> tuple[float, list[str]]:
    start = time.perf_counter()
    found = lint_plan(path)
    return time.perf_counter() - start, [d.render() for d in found]


def compare(path: Path, runs: int) -> tuple[float, float]:
    """Median seconds of lint with the shortcuts and without them, runs interleaved."""
    with_shortcuts: list[float] = []
    without: list[float] = []
    for _ in range(runs):
        seconds, found = _timed(path)
        with_shortcuts.append(seconds)
        with (
            mock.patch.object(witness.Examples, "may_imply", lambda self, wanted: True),
            mock.patch.object(logic.RangeRefuter, "refutes", lambda self, required: False),
        ):
            seconds, plain = _timed(path)  # every proof tried, as before the shortcuts
        without.append(seconds)
        if plain != found:
            raise SystemExit(f"{path.name}: the findings differ with and without the shortcuts")
    return statistics.median(with_shortcuts), statistics.median(without)


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv) or len(argv) > 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    rules = int(argv[0]) if argv else 200
    runs = int(argv[1]) if len(argv) > 1 else 3
    print(f"| plan ({rules} rules) | with shortcuts s | without s | ratio |")
    print("|---|---:|---:|---:|")
    plans = {
        "any-lists": any_lists_plan,
        "matches": matches_plan,
        "amount-bands": amount_bands_plan,
    }
    with tempfile.TemporaryDirectory() as folder:
        for name, text in ((name, make(rules)) for name, make in plans.items()):
            path = Path(folder) / f"{name}.yaml"
            path.write_text(text, encoding="utf-8")
            faster, slower = compare(path, runs)
            print(f"| {name} | {faster:.2f} | {slower:.2f} | {slower / faster:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
