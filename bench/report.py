"""The benchmark's results as Markdown tables, with each target checked against the measurement.

Ratios are computed only between numbers measured in the same run, on the same plan and events:
a peer's time over Backplan's on the plan that peer was given, Backplan's time over the orjson
floor measured in the same process.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from bench.run import Measurement, Options, Report


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _fmt_us(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _rate(us: float) -> str:
    per_second = 1e6 / us
    if per_second >= 1e6:
        return f"{per_second / 1e6:.1f} M"
    if per_second >= 1e3:
        return f"{per_second / 1e3:.0f} k"
    return f"{per_second:.0f}"


def render(report: Report, options: Options) -> str:
    """All tables, as Markdown."""
    env = report.environment
    lines = [
        "## Environment",
        "",
        f"Python {env['python']} on {env['machine']}, {env['cpus']} CPUs; node {env['node'] or 'absent'}; "
        f"seed {env['seed']}, {env['events']:,} events per event set, {env['runs']} timed runs "
        f"(median reported), about {env['budget_s']} s per timed run. The engine's bytecode "
        f"was compiled first, as installing it compiles it ({env.get('compiled_modules', 0)} "
        "modules had none current): a module without it is compiled again by every process.",
        "",
        "Versions: " + ", ".join(f"{k} {v or 'not installed'}" for k, v in env["versions"].items()),
        "",
    ]
    lines += _matching(report)
    lines += _decision(report)
    lines += _scaling(report)
    if report.cli:
        lines += _cli(report)
    if report.loads:
        lines += _loads(report)
    if report.startup:
        lines += _startup(report)
    lines += _targets(report)
    lines += ["## Agreement", ""]
    if report.disagreements:
        for item in report.disagreements:
            lines.append(
                f"- **DISAGREEMENT** on {item['workload']}: {item['engine']} differs from Backplan "
                f"on {item['count']} event(s); first: `{orjson.dumps(item['first']).decode()}`"
            )
    else:
        checked = sum(m.data.get("agreement_checked", 0) for m in report.matching)
        lines.append(
            f"Every engine matched the same rules as Backplan on every checked event ({checked:,} engine-event pairs)."
            if checked
            else "No peer was measured, so no agreement was checked."
        )
    for note in report.skipped:
        lines.append(f"- skipped: {note}")
    lines.append("")
    return "\n".join(lines)


def _matching(report: Report) -> list[str]:
    lines = [
        "## Matching: which rules fire",
        "",
        "µs per event is the median of the timed runs. *plan* names the operator profile: a peer "
        "that cannot express every operator gets the same seeded plan with only its operators, and "
        "Backplan is measured on that same plan, in the same process with the runs interleaved "
        "(the *Backplan µs* column); *× slower* is the peer's time over Backplan's on that plan. "
        "*plan memory* is the growth of the resident set while the engine loads the plan and "
        "matches the warm-up events, each engine in a fresh process of its own (json-rules-engine: "
        "the Node process's peak; see *Plan memory* in docs/performance.md).",
        "",
        "| workload | engine | plan | load s | µs/event | events/s | plan memory MiB | Backplan µs | × slower than Backplan | agreement |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for m in report.matching:
        reference = m.data.get("reference_us")
        ratio = f"{m.us / reference:,.1f}×" if reference else ""
        agreement = ""
        if "agreement_checked" in m.data:
            bad = m.data["disagreements"]
            agreement = f"{m.data['agreement_checked']} checked, " + (
                "all agree" if not bad else f"**{bad} differ**"
            )
        lines.append(
            f"| {m.workload} | {m.engine} | {m.profile} | {m.data['load_s']:.2f} | {_fmt_us(m.us)} | "
            f"{_rate(m.us)} | {m.data['memory_mb']:.1f} | "
            f"{_fmt_us(reference) if reference else ''} | {ratio} | {agreement} |"
        )
    return [*lines, ""]


def _backplan_full(report: Report) -> list[Measurement]:
    return [m for m in report.matching if m.engine == "backplan" and m.profile == "full"]


def _decision(report: Report) -> list[str]:
    lines = [
        "## Full decision vs the JSON-parse floor (Backplan, full plans)",
        "",
        "*floor* is `orjson.loads` of the same event line, timed in the same process. `decide` "
        "returns the plain decision document (what `backplan eval` serialises); `evaluate` returns "
        "the typed, read-only `Decision` view of it, whose nested views (actions, compensation) "
        "are made when first read; *evaluate + read* also reads every typed field.",
        "",
        "| workload | events matching ≥1 rule | rules matched (mean) | floor µs | match µs | decide µs | evaluate µs | evaluate + read µs | decide ÷ floor | evaluate ÷ floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in _backplan_full(report):
        floor = _median(m.data["floor_parse_us"])
        decide = _median(m.data["decide_us"])
        evaluate = _median(m.data["evaluate_us"])
        read = _median(m.data["evaluate_read_us"])
        lines.append(
            f"| {m.workload} | {m.data['match_rate']:.0%} | {m.data['mean_matched']:.2f} | {_fmt_us(floor)} | "
            f"{_fmt_us(m.us)} | {_fmt_us(decide)} | {_fmt_us(evaluate)} | {_fmt_us(read)} | "
            f"{decide / floor:.1f}× | {evaluate / floor:.1f}× |"
        )
    return [*lines, ""]


def _find(
    report: Report, workload: str, engine: str = "backplan", profile: str = "full"
) -> Measurement | None:
    for m in report.matching:
        if m.workload == workload and m.engine == engine and m.profile == profile:
            return m
    return None


def _store_plans(report: Report) -> list[Measurement]:
    """Backplan on the multi-store plans, smallest first."""
    found = [m for m in _backplan_full(report) if m.workload.startswith("stores-")]
    return sorted(found, key=lambda m: int(m.workload.split("-")[1].split("x")[0]))


def _scaling(report: Report) -> list[str]:
    plans = _store_plans(report)
    if len(plans) < 2:
        return []
    small = plans[0]
    together = report.scaling
    lines = [
        "## Multi-store plan: cost per event as the plan grows",
        "",
        "*side by side* measures the plans again in one process with their runs interleaved "
        "(the ratio the target is judged on); *alone* is each plan's own worker above, taken "
        "minutes apart.",
        "",
        "| plan | µs/event side by side | vs the smallest | µs/event alone | vs the smallest |",
        "|---|---:|---:|---:|---:|",
    ]
    base = together.get(small.workload)
    for m in plans:
        both = together.get(m.workload)
        side = f"{_fmt_us(both)} | {both / base:.2f}×" if both and base else " | "
        lines.append(f"| {m.workload} | {side} | {_fmt_us(m.us)} | {m.us / small.us:.2f}× |")
    return [*lines, ""]


def _cli(report: Report) -> list[str]:
    c = report.cli
    return [
        "## `backplan eval` over JSONL (100-rule plan)",
        "",
        "*floor* is a Python process that reads the same lines, `orjson.loads` and `orjson.dumps` "
        "each, and writes them out; all are whole processes, start-up included, their runs "
        "interleaved. *backplan eval* is the command as a user runs it: on a JSONL file of 1 MiB "
        f"or more it decides in one worker process per CPU ({c.get('cpus')} here), output in "
        "input order; *one process* is the same command with `--jobs 1`. *decision* and *the "
        "rest* split the one-process time per event: the command run in one process as it is and "
        "with the decision lines made beforehand (`bench/clisplit.py`); *decision* includes "
        "writing the decision's JSON line (`Plan.line_and_decision`), *the rest* is reading, "
        "parsing, the event-limits check and writing out, and includes loading the "
        "plan. Memory is each process's own high-water mark: the command's, and its largest "
        "worker's (a worker is forked after the plan is loaded, so it counts the plan's pages "
        "too).",
        "",
        "| events | backplan eval s | ratio | one process s | ratio | floor s | decision µs/event | the rest µs/event |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {c['events']:,} | {c['eval_s']:.2f} | {c['ratio']:.2f}× | {c['single_s']:.2f} | "
        f"{c['single_ratio']:.2f}× | {c['floor_s']:.2f} | {c['decision_us']:.1f} | "
        f"{c['rest_us']:.1f} |",
        "",
        *_rounds(c),
        "| memory MiB | command | largest worker | one process | floor |",
        "|---|---:|---:|---:|---:|",
        f"| {c['events']:,} events | {c['eval_peak_mb']:.0f} | {c['worker_peak_mb']:.0f} | "
        f"{c['single_peak_mb']:.0f} | {c['floor_peak_mb']:.0f} |",
        f"| {c['small_events']:,} events | {c['small_peak_mb']:.0f} | "
        f"{c['small_worker_peak_mb']:.0f} |  |  |",
        "",
    ]


def round_ratios(c: dict[str, Any]) -> list[float]:
    """Each interleaved round's ``backplan eval`` time over its floor's."""
    return [e / f for e, f in zip(c["eval_each_s"], c["floor_each_s"], strict=True)]


def _rounds(c: dict[str, Any]) -> list[str]:
    """Each round's command and floor, and their ratio (the rounds are interleaved)."""
    if "eval_each_s" not in c:
        return []
    ratios = round_ratios(c)
    rounds = ", ".join(
        f"{e:.2f}/{f:.2f} s = {r:.2f}×"
        for e, f, r in zip(c["eval_each_s"], c["floor_each_s"], ratios, strict=True)
    )
    return [
        f"Each round, `backplan eval`/floor: {rounds}; the median of these ratios is "
        f"{_median(ratios):.2f}× (the target is met only when it and the ratio of "
        "the medians above are both at most 4×).",
        "",
    ]


def _loads(report: Report) -> list[str]:
    lines = [
        "## Loading a plan (fresh process)",
        "",
        "Each load runs in a process of its own (`bench/loadtime.py`): the clock starts before "
        "the engine is imported and stops once the plan is compiled, so it holds the imports, "
        "reading the YAML, the schema check, building the model, the semantic checks and "
        "compiling the matcher. *in the worker* is the single load timed inside the matching "
        "worker above, a process that already holds the "
        f"{report.environment.get('events', 0):,} parsed events.",
        "",
        "| plan | median s | each run s | in the worker s |",
        "|---|---:|---|---:|",
    ]
    for workload, runs in report.loads.items():
        found = _find(report, workload)
        inside = f"{found.data['load_s']:.2f}" if found is not None else ""
        each = ", ".join(f"{s:.2f}" for s in runs)
        lines.append(f"| {workload} full | {_median(runs):.2f} | {each} | {inside} |")
    return [*lines, ""]


def _startup(report: Report) -> list[str]:
    lines = ["## Start-up (wall time, median of 7)", "", "| command | ms |", "|---|---:|"]
    for label, seconds in report.startup.items():
        lines.append(f"| `{label}` | {seconds * 1000:.0f} |")
    return [*lines, ""]


def targets(report: Report) -> list[tuple[str, str, str, bool]]:
    """(target, goal, measured, met) for each target the run measured."""
    found: list[tuple[str, str, str, bool]] = []
    for size, goal in ((100, 10.0), (1000, 10.0), (10000, 30.0)):
        peers = [
            m
            for m in report.matching
            if m.workload == f"rules-{size}"
            and m.engine != "backplan"
            and m.data.get("reference_us")
        ]
        if peers:
            fastest = min(peers, key=lambda m: m.us)
            ratio = fastest.us / fastest.data["reference_us"]
            found.append(
                (
                    f"matching, {size:,} rules: faster than the fastest peer",
                    f"≥ {goal:.0f}×",
                    f"{ratio:.1f}× ({fastest.engine})",
                    ratio >= goal,
                )
            )
    hundred = _find(report, "rules-100")
    if hundred is not None:
        floor = _median(hundred.data["floor_parse_us"])
        for key, label in (
            ("evaluate_us", "Plan.evaluate → Decision"),
            ("decide_us", "Plan.decide → dict"),
        ):
            ratio = _median(hundred.data[key]) / floor
            found.append(
                (f"{label}, 100 rules, ÷ orjson parse", "≤ 5×", f"{ratio:.1f}×", ratio <= 5)
            )
    small, large = report.scaling.get("stores-5x20"), report.scaling.get("stores-500x20")
    if small is not None and large is not None:
        ratio = large / small
        found.append(
            ("multi-store: 10,000 rules ÷ 100 rules per event", "≤ 2×", f"{ratio:.2f}×", ratio <= 2)
        )
    if report.cli:
        c = report.cli
        ratio = c["ratio"]
        measured = f"{ratio:.2f}×"
        met = ratio <= 4
        if "eval_each_s" in c:
            # The ratio of the medians can pass while most rounds fail: both must pass.
            each = round_ratios(c)
            typical = _median(each)
            met = met and typical <= 4
            measured += (
                f"; the rounds' own ratios: median {typical:.2f}×, "
                f"{sum(r > 4 for r in each)} of {len(each)} over 4×"
            )
        found.append(
            (
                f"`backplan eval` {c.get('events', 0):,} events ÷ parse+dump process",
                "≤ 4×",
                f"{measured} ({c['single_ratio']:.2f}× with `--jobs 1`)",
                met,
            )
        )
    loads = report.loads.get("rules-10000")
    if loads:
        load = _median(loads)
        found.append(
            (
                "load + validate + compile, 10,000-rule YAML (fresh process, median)",
                "< 3 s",
                f"{load:.2f} s",
                load < 3,
            )
        )
    for label, seconds in report.startup.items():
        if label.startswith("backplan"):
            found.append(
                (f"start-up: `{label}`", "< 300 ms", f"{seconds * 1000:.0f} ms", seconds < 0.3)
            )
    return found


def _targets(report: Report) -> list[str]:
    lines = ["## Targets", "", "| target | goal | measured | met |", "|---|---|---|---|"]
    for label, goal, measured, met in targets(report):
        lines.append(f"| {label} | {goal} | {measured} | {'yes' if met else '**no**'} |")
    return [*lines, ""]


def to_json(report: Report) -> bytes:
    """The whole report as JSON (for tooling and history)."""
    document: dict[str, Any] = {
        "environment": report.environment,
        "matching": [
            {
                "workload": m.workload,
                "engine": m.engine,
                "profile": m.profile,
                "median_us": m.us,
                **m.data,
            }
            for m in report.matching
        ],
        "disagreements": report.disagreements,
        "skipped": report.skipped,
        "cli": report.cli,
        "startup": report.startup,
        "loads": report.loads,
        "scaling": report.scaling,
        "targets": [
            {"target": t, "goal": g, "measured": v, "met": ok} for t, g, v, ok in targets(report)
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)
