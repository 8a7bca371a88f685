/**
 * The vaccination schedule engine over Tokyo's children: 1,800,000 synthetic children aged 0–18, each with a history
 * (the first dose of each vaccine given on its recommended day, for a random share of vaccines), every dose of every
 * routine vaccine evaluated on one day. The children are generated first; only the evaluation is timed.
 * Target: ≤ 60 s on this machine. Pure computation: no database.
 */
import {
  compiledSchedule,
  DOSE_STATUSES,
  evaluateChildInto,
  evaluateDoses,
  fillGiven,
  type GivenDose,
  SEX,
  SLOTS,
} from '../src/modules/health/vaccination/evaluate-doses.ts';
import { loadRoutineSchedule } from '../src/modules/health/vaccination/routine-schedule.ts';
import { dayFromIso } from '../src/platform/time/civil-days.ts';

const CHILDREN = Number(process.env.BENCH_CHILDREN ?? 1_800_000);
const schedule = loadRoutineSchedule();
const asOf = dayFromIso('2026-11-21');
const first = dayFromIso('2008-11-21');

// A small deterministic generator (LCG) so runs are comparable.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const generationStarted = performance.now();
const births = new Int32Array(CHILDREN);
// Alternating girls and boys, so the HPV series (girls only) is evaluated as in a real population.
const sexes = new Uint8Array(CHILDREN);
const histories: GivenDose[][] = new Array(CHILDREN);
for (let i = 0; i < CHILDREN; i++) {
  const birth = first + Math.floor(random() * (asOf - first));
  const share = random();
  const history: GivenDose[] = [];
  for (const status of evaluateDoses(schedule, birth, [], birth + 730)) {
    if (
      status.dose === 1 &&
      status.recommendedFrom !== undefined &&
      status.recommendedFrom <= asOf &&
      random() < share
    ) {
      history.push({ vaccine: status.vaccine, dose: 1, date: status.recommendedFrom });
    }
  }
  births[i] = birth;
  sexes[i] = i % 2 === 0 ? SEX.female : SEX.male; // not from random(): births and histories stay as before
  histories[i] = history;
}
const generationSeconds = (performance.now() - generationStarted) / 1000;

// The monthly run's shape: each child's history turned into the given-on table and evaluated into one reused
// typed array (what a batch keeps is the status counts and, for notify, the due windows read from that array).
const compiled = compiledSchedule(schedule);
const given = new Int32Array(compiled.count);
const out = new Int32Array(compiled.count * SLOTS);
const statusCounts = new Float64Array(DOSE_STATUSES.length);
let doses = 0;
const started = performance.now();
for (let i = 0; i < CHILDREN; i++) {
  const history = fillGiven(compiled, histories[i] as GivenDose[], given);
  evaluateChildInto(compiled, births[i] as number, history, asOf, out, sexes[i] as typeof SEX.female | typeof SEX.male);
  for (let o = 0; o < out.length; o += SLOTS)
    statusCounts[out[o] as number] = (statusCounts[out[o] as number] as number) + 1;
  doses += compiled.count;
}
const seconds = (performance.now() - started) / 1000;
console.log(`generated ${CHILDREN.toLocaleString('en')} children in ${generationSeconds.toFixed(1)} s (not timed)`);
console.log(`statuses: ${JSON.stringify(Object.fromEntries(DOSE_STATUSES.map((name, k) => [name, statusCounts[k]])))}`);
console.log(
  `health-schedule: ${CHILDREN.toLocaleString('en')} children, ${doses.toLocaleString('en')} doses evaluated in ${seconds.toFixed(1)} s ` +
    `(${Math.round(CHILDREN / seconds).toLocaleString('en')} children/s; target ≤ 60 s: ${seconds <= 60 ? 'met' : 'NOT met'})`,
);
