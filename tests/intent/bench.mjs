// bench:intent — the offline intent router on the dev set and the held-out set.
// Prints accuracy per language, per intent and for code-mixed sentences, and
// the routing time per sentence (mean and p95). A sentence counts as right when
// the intent is right and every slot the set names has the expected value.
//   node tests/intent/bench.mjs               figures for both sets
//   node tests/intent/bench.mjs --misses      also list the dev set's misses
// The held-out set (heldout.jsonl) was written before the router and is never
// tuned on: its misses are listed only with --misses=heldout, after the fact.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIntentRouter } from '@koompi/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const showMisses = args.find((a) => a.startsWith('--misses'));

export function readSet(file) {
  return fs
    .readFileSync(path.join(here, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function isRight(example, result) {
  if (result.intent !== example.intent) return false;
  for (const [slot, value] of Object.entries(example.slots ?? {})) {
    if (result.slots[slot] !== value) return false;
  }
  return true;
}

const pct = (right, total) => (total === 0 ? '   -  ' : `${((100 * right) / total).toFixed(1).padStart(5)}%`);

function evaluate(router, set) {
  const rows = [];
  for (const example of set) {
    const start = process.hrtime.bigint();
    const result = router.route(example.text);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    rows.push({ example, result, ms, right: isRight(example, result), intentRight: result.intent === example.intent });
  }
  return rows;
}

function report(name, rows) {
  const tally = (filter) => {
    const picked = rows.filter(filter);
    return `${pct(picked.filter((r) => r.right).length, picked.length)} (${picked.filter((r) => r.right).length}/${picked.length})`;
  };
  console.log(`\n== ${name}: ${rows.length} sentences ==`);
  console.log(
    `all          ${tally(() => true)}   intent only ${pct(rows.filter((r) => r.intentRight).length, rows.length)}`,
  );
  console.log(`km           ${tally((r) => r.example.lang === 'km')}`);
  console.log(`en           ${tally((r) => r.example.lang === 'en')}`);
  console.log(`code-mixed   ${tally((r) => r.example.mixed === true)}`);
  const intents = [...new Set(rows.map((r) => r.example.intent))].sort();
  console.log('per intent           km                en');
  for (const intent of intents) {
    const km = tally((r) => r.example.intent === intent && r.example.lang === 'km');
    const en = tally((r) => r.example.intent === intent && r.example.lang === 'en');
    console.log(`  ${intent.padEnd(19)}${km.padEnd(18)}${en}`);
  }
  const times = rows.map((r) => r.ms).sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
  console.log(`latency      mean ${mean.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms, max ${times.at(-1).toFixed(3)} ms`);
}

function misses(rows) {
  for (const r of rows.filter((x) => !x.right)) {
    const want = `${r.example.intent} ${JSON.stringify(r.example.slots ?? {})}`;
    console.log(
      `  ✗ ${r.example.text}\n      want ${want}\n      got  ${r.result.intent} ${JSON.stringify(r.result.slots)} (${r.result.confidence})`,
    );
  }
}

const t0 = process.hrtime.bigint();
const router = createIntentRouter();
console.log(`router built in ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`);
// Warm up the JIT and ICU once, as a long-running assistant would be.
router.route('warm up ដំឡើង');

const dev = evaluate(router, readSet('dev.jsonl'));
const heldout = evaluate(router, readSet('heldout.jsonl'));
report('dev set (tuned on)', dev);
report('held-out set (never tuned on)', heldout);
if (showMisses) {
  console.log('\nmisses, dev set:');
  misses(dev);
  if (showMisses === '--misses=heldout') {
    console.log('\nmisses, held-out set:');
    misses(heldout);
  }
}
