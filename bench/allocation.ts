/**
 * Allocation (利用調整) engine speed on two instances, printed beside the targets:
 * - synthetic: 20,000 applicants × 500 nurseries × 6 age classes × 10 choices (target ≤ 1 s);
 * - siblings: sized like the DaycareCP example (605 children, 33 nurseries, 46 multi-child families placed together,
 *   61 transfers; target ≤ 0.42 s — the published CP-SAT solve time re-run on 2 vCPU — with 0 blocking pairs).
 * Times are for the whole `allocate` (prepare, deferred acceptance, stability check, explanations, waitlists);
 * the median of BENCH_RUNS runs after one warm-up. Never asserts wall-clock time.
 */
import { allocate } from '../src/modules/hokatsu/allocation/allocate.ts';
import type { AllocationInstance } from '../src/modules/hokatsu/allocation/allocation-instance.ts';
import { serialDictatorship } from '../src/modules/hokatsu/allocation/serial-dictatorship.ts';
import {
  referenceSizedSiblingInstance,
  syntheticInstance,
} from '../src/modules/hokatsu/allocation/synthetic-instances.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function measure(instance: AllocationInstance) {
  allocate(instance);
  const times: number[] = [];
  let result = allocate(instance);
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = allocate(instance);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}

const big = syntheticInstance({ seed: 1, applicants: 20_000, nurseries: 500, choices: 10, seatRatio: 0.7 });
const siblings = referenceSizedSiblingInstance(7);
const a = measure(big);
const b = measure(siblings);
const sd = serialDictatorship(big);
const sameAsSd = Object.keys(sd).every((id) => sd[id] === a.result.assignments[id]);

const rows = [
  ['', 'synthetic 20k × 500 × 6 × 10', 'siblings (reference size)'],
  ['applicants', String(big.applicants.length), String(siblings.applicants.length)],
  ['nurseries', String(Object.keys(big.nurseries).length), String(Object.keys(siblings.nurseries).length)],
  ['assigned', String(a.result.stats.assigned), String(b.result.stats.assigned)],
  ['proposals', String(a.result.stats.proposals), String(b.result.stats.proposals)],
  ['blocking pairs', String(a.result.blockingPairs), String(b.result.blockingPairs)],
  ['median time', `${(a.ms / 1000).toFixed(3)} s`, `${(b.ms / 1000).toFixed(3)} s`],
  ['target', '≤ 1 s', '≤ 0.42 s (CP-SAT, 0 blocking)'],
];
const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
console.log(`synthetic round equals serial dictatorship: ${sameAsSd ? 'yes' : 'NO'}`);
console.log(
  `allocation: 20k synthetic ${(a.ms / 1000).toFixed(3)} s (target ≤ 1 s), siblings ${(b.ms / 1000).toFixed(3)} s ` +
    `with ${b.result.blockingPairs} blocking pairs (target ≤ 0.42 s, 0)`,
);
