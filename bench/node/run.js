// Runs json-rules-engine on a Backplan benchmark workload and prints one JSON result line.
//
// usage: node run.js RULES.json EVENTS.jsonl COUNT RUNS CHECK
//   RULES.json   [{id, conditions}] in firing order (bench/translate.py writes the conditions)
//   EVENTS.jsonl events, one per line; the first COUNT are timed, RUNS times over
//   CHECK        how many events' matched rule ids to report, for the agreement check: matched
//                in a pass of their own, untimed, whatever COUNT is (the first CHECK events, or
//                as many as CHECK_SECONDS allow for a plan it matches slowly)
//
// Backplan's operators are added as custom operators (`bp_<op>`) with Backplan's meaning: a
// missing field fails every test, values compare only with values of the same kind. Nested
// fields use json-rules-engine's documented `pathResolver` option with a plain property walk
// (much faster than its default JSONPath resolver), which is the fastest path it documents.
'use strict';

const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const { Engine } = require(path.join(__dirname, '..', 'node_modules', 'json-rules-engine'));

const [rulesFile, eventsFile, countArg, runsArg, checkArg] = process.argv.slice(2);
const count = Number(countArg);
const runs = Number(runsArg);
const check = Number(checkArg);

const isNumber = (v) => typeof v === 'number';
const present = (v) => v !== undefined && v !== null;
function sameKind(a, b) {
  if (isNumber(a)) return isNumber(b);
  if (a === null || b === null) return a === null && b === null;
  return typeof a === typeof b && (typeof a === 'string' || typeof a === 'boolean');
}
function equal(v, c, ic) {
  if (!sameKind(v, c)) return false;
  if (ic && typeof v === 'string') return v.toLowerCase() === c.toLowerCase();
  return v === c;
}
const fold = (t, ic) => (ic ? t.toLowerCase() : t);
function contains(v, c, ic) {
  if (typeof v === 'string') return typeof c === 'string' && fold(v, ic).includes(fold(c, ic));
  if (Array.isArray(v)) return v.some((item) => equal(item, c, ic));
  return false;
}
const ordered = (v, c) => (isNumber(v) && isNumber(c)) || (typeof v === 'string' && typeof c === 'string');
const patterns = new Map();
function regex(source, ic) {
  const key = (ic ? 'i:' : 's:') + source;
  let compiled = patterns.get(key);
  if (compiled === undefined) {
    compiled = new RegExp(source, ic ? 'i' : '');
    patterns.set(key, compiled);
  }
  return compiled;
}
const OPERATORS = {
  eq: (v, c, ic) => equal(v, c, ic),
  ne: (v, c, ic) => v !== undefined && sameKind(v, c) && !equal(v, c, ic),
  in: (v, c, ic) => c.some((x) => equal(v, x, ic)),
  not_in: (v, c, ic) => c.some((x) => sameKind(v, x)) && !c.some((x) => equal(v, x, ic)),
  lt: (v, c) => ordered(v, c) && v < c,
  lte: (v, c) => ordered(v, c) && v <= c,
  gt: (v, c) => ordered(v, c) && v > c,
  gte: (v, c) => ordered(v, c) && v >= c,
  between: (v, c) => ordered(v, c[0]) && ordered(v, c[1]) && c[0] <= v && v <= c[1],
  contains: (v, c, ic) => contains(v, c, ic),
  contains_any: (v, c, ic) => c.some((x) => contains(v, x, ic)),
  contains_all: (v, c, ic) => (typeof v === 'string' || Array.isArray(v)) && c.every((x) => contains(v, x, ic)),
  starts_with: (v, c, ic) => typeof v === 'string' && fold(v, ic).startsWith(fold(c, ic)),
  ends_with: (v, c, ic) => typeof v === 'string' && fold(v, ic).endsWith(fold(c, ic)),
  matches: (v, c, ic) => typeof v === 'string' && regex(c, ic).test(v),
  exists: (v, c) => present(v) === c,
  missing: (v, c) => !present(v) === c,
};

function pathResolver(value, dotted) {
  let current = value;
  for (const part of dotted.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

const loadStart = performance.now();
const rules = JSON.parse(fs.readFileSync(rulesFile, 'utf8'));
const engine = new Engine([], { allowUndefinedFacts: true, pathResolver });
for (const [name, test] of Object.entries(OPERATORS)) {
  engine.addOperator(`bp_${name}`, (v, c) => test(v, c, false));
  engine.addOperator(`bp_${name}_ic`, (v, c) => test(v, c, true));
}
rules.forEach((rule) => {
  engine.addRule({ name: rule.id, conditions: rule.conditions, event: { type: rule.id } });
});
const loadMs = performance.now() - loadStart;

const lines = fs.readFileSync(eventsFile, 'utf8').split('\n').filter((l) => l.length > 0);
const events = lines.slice(0, count).map((l) => JSON.parse(l));
const checked = lines.slice(0, check).map((l) => JSON.parse(l));
const CHECK_SECONDS = 20; // at 10,000 rules an event takes about half a second
const order = new Map(rules.map((r, i) => [r.id, i]));

async function matchOne(event) {
  const { events: fired } = await engine.run(event);
  return fired.map((e) => e.type).sort((a, b) => order.get(a) - order.get(b));
}

async function main() {
  for (const event of events.slice(0, Math.min(200, events.length))) await matchOne(event); // warm up
  const perEvent = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    for (const event of events) await matchOne(event);
    perEvent.push(((performance.now() - start) * 1000) / events.length);
  }
  const matched = []; // the agreement check, untimed: the timed count may be far fewer
  const checkStart = performance.now();
  for (const event of checked) {
    matched.push(await matchOne(event));
    if (performance.now() - checkStart > CHECK_SECONDS * 1000) break;
  }
  const out = {
    engine: 'json-rules-engine',
    version: require(path.join(__dirname, '..', 'node_modules', 'json-rules-engine', 'package.json')).version,
    node: process.version,
    load_s: loadMs / 1000,
    events: events.length,
    us_per_event: perEvent,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    matched,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exit(1);
});
