import { type Candidate, type Evidence, evidenceOf } from './candidate.ts';
import type { ExtractionInput, ProposedFields, ProposedPeriod } from './extractor.ts';

type Of<K extends Candidate['kind']> = Extract<Candidate, { kind: K }>;

// A heading that opens the eligibility section: 「対象」「対象者」「対象となる方」「【支援対象】」「■対象となる児童」.
const TARGET_HEADING =
  /^[\s■□●○◆◇・【[(（]*(?:\d+[\s.．、]*)?(?:支援)?対象(?:者|となる(?:方|人|児童|お子さん|子ども|世帯)|の方)?[\s】\])）]*(?:[:：]|$|\s|(?=[^\s]))/;
const ANY_HEADING =
  /^[\s]*(?:[■□●◆◇【]|\d+[\s.．]+\S{1,20}$|(?:内容|申請|手続|申込|問い?合わ?せ|費用|持ち物|必要書類|支給額|助成内容|期間)\S{0,10}$)/;
const PROCEDURE_WORDS = /申請|受付|受け付け|申込|申し込み|手続|届出|提出|応募/;
const IMPLEMENTATION_WORDS = /実施|開催|期間|助成対象|対象期間|支給期間|有効期間|事業期間/;
const CONTACT_WORDS = /問い?合わ?せ|問合せ|連絡先|電話|TEL|Tel|担当/;

interface Line {
  start: number;
  end: number;
  text: string;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    out.push({ start, end: start + part.length, text: part });
    start += part.length + 1;
  }
  return out;
}

function trimmedEvidence(text: string, start: number, end: number): Evidence {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return evidenceOf(text, start, end);
}

/** The eligibility section: the rest of a 「対象」 heading's line and the lines after it, up to the next heading. */
function targetSection(text: string, all: Line[]): Evidence | null {
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    const heading = line.text.match(TARGET_HEADING);
    if (!heading || line.text.length > 200) continue;
    const rest = line.text.slice(heading[0].length).trim();
    let end = line.end;
    let start = line.start + heading[0].length;
    if (!rest) {
      const body: Line[] = [];
      for (let j = i + 1; j < all.length && body.length < 8; j++) {
        const next = all[j]!;
        if (!next.text.trim()) {
          if (body.length) break;
          continue;
        }
        if (body.length && ANY_HEADING.test(next.text)) break;
        body.push(next);
      }
      if (!body.length) continue;
      start = body[0]!.start;
      end = body[body.length - 1]!.end;
    }
    const evidence = trimmedEvidence(text, start, end);
    if (evidence.quote) return evidence;
  }
  return null;
}

function inside(span: Evidence | null, c: Candidate): boolean {
  return span != null && c.evidence.start >= span.start && c.evidence.end <= span.end;
}

/** The words just before a candidate: its own line so far and the previous non-empty line (a heading, often). */
function contextBefore(text: string, at: number): string {
  const parts = text.slice(Math.max(0, at - 120), at).split('\n');
  const current = parts.pop() ?? '';
  const previous = parts.filter((p) => p.trim()).pop() ?? '';
  return `${previous}\n${current}`;
}

function firstSentence(text: string, all: Line[], after: number): Evidence | null {
  for (const line of all) {
    if (line.start < after) continue;
    const t = line.text.trim();
    if (t.length < 15 || !t.includes('。') || TARGET_HEADING.test(line.text)) continue;
    const offset = line.text.indexOf(t);
    const cut = t.length > 300 ? t.lastIndexOf('。', 300) + 1 || t.length : t.length;
    return evidenceOf(text, line.start + offset, line.start + offset + cut);
  }
  return null;
}

/** Chooses, from the candidates, the value to propose for each field, keeping every span it rests on. */
export function proposeFields(input: ExtractionInput, candidates: Candidate[]): ProposedFields {
  const { text } = input;
  const all = lines(text);
  const fields: ProposedFields = {};
  const of = <K extends Candidate['kind']>(kind: K) => candidates.filter((c): c is Of<K> => c.kind === kind);

  const firstLine = all.find((l) => l.text.trim().length > 0);
  const titleIndex = input.title ? text.indexOf(input.title) : -1;
  if (input.title && titleIndex >= 0) {
    fields.name = { value: input.title, evidence: [evidenceOf(text, titleIndex, titleIndex + input.title.length)] };
  } else if (firstLine && firstLine.text.trim().length <= 80) {
    const ev = trimmedEvidence(text, firstLine.start, firstLine.end);
    fields.name = { value: ev.quote, evidence: [ev] };
  }
  const summary = firstSentence(text, all, fields.name?.evidence[0]?.end ?? 0);
  if (summary) fields.summary = { value: summary.quote, evidence: [summary] };

  const target = targetSection(text, all);
  if (target) fields.targetText = { value: target.quote, evidence: [target] };

  // The age stated in the eligibility section wins; without one, the first age statement of the page.
  const ages = of('age');
  const age = ages.find((c) => inside(target, c)) ?? ages[0];
  if (age) fields.ageMonths = { value: age.value, evidence: [age.evidence] };

  const prenatal = of('prenatal');
  const pregnancy = target ? prenatal.filter((c) => inside(target, c)) : prenatal.slice(0, 1);
  if (pregnancy.length) fields.prenatal = { value: true, evidence: pregnancy.slice(0, 3).map((c) => c.evidence) };

  for (const period of of('period')) {
    const before = contextBefore(text, period.evidence.start);
    const field = PROCEDURE_WORDS.test(before)
      ? 'procedurePeriod'
      : IMPLEMENTATION_WORDS.test(before)
        ? 'implementationPeriod'
        : null;
    if (!field || fields[field]) continue;
    const value: ProposedPeriod = period.value;
    fields[field] = { value, evidence: [period.evidence] };
  }

  const url = of('url')[0];
  if (url) fields.url = { value: url.value, evidence: [url.evidence] };
  const phones = of('phone');
  const phone = phones.find((c) => CONTACT_WORDS.test(contextBefore(text, c.evidence.start))) ?? phones[0];
  if (phone) fields.contactPhone = { value: phone.value, evidence: [phone.evidence] };
  const email = of('email')[0];
  if (email) fields.contactEmail = { value: email.value, evidence: [email.evidence] };
  const money = of('money').slice(0, 5);
  if (money.length) fields.amounts = { value: money.map((m) => m.value), evidence: money.map((m) => m.evidence) };
  return fields;
}
