import { type Candidate, evidenceOf, type Money } from './candidate.ts';

// 「5,000円」「10万円」「7万5千円」「42万円」「1万円分」; the digits before 万 may carry commas too.
const AMOUNT = /(?<![\d,])(\d{1,3}(?:,\d{3})+|\d+)(?:(万)(?:(\d)千)?(\d{1,4})?)?円/g;
const PER_BEFORE: [RegExp, Money['per']][] = [
  [/月額|毎月|1か月(?:につき|あたり|当たり)/, 'month'],
  [/年額|年間|1年(?:につき|あたり|当たり)/, 'year'],
  [
    /(?:1人|一人|ひとり|1名)(?:につき|あたり|当たり)|(?:児|子供|子ども|こども|出生児)(?:1|一)人(?:につき|あたり|当たり)/,
    'person',
  ],
  [/(?:1件|1回)(?:につき|あたり|当たり)?/, 'case'],
];

export function findMoney(original: string, folded: string): Extract<Candidate, { kind: 'money' }>[] {
  const found: Extract<Candidate, { kind: 'money' }>[] = [];
  for (const m of folded.matchAll(AMOUNT)) {
    const head = Number(m[1]!.replaceAll(',', ''));
    const yen = m[2] ? head * 10_000 + Number(m[3] ?? 0) * 1000 + Number(m[4] ?? 0) : head;
    if (!Number.isSafeInteger(yen) || yen <= 0) continue;
    const before = folded.slice(Math.max(0, m.index - 14), m.index);
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 6);
    // The sentence the amount is in, so 「月額」 of a previous sentence does not carry over.
    const clause = before.split(/[。\n]/).pop() ?? '';
    let start = m.index;
    let per: Money['per'] = null;
    for (const [pattern, unit] of PER_BEFORE) {
      const hit = clause.match(new RegExp(`(?:${pattern.source})[^、。\\n]{0,4}$`));
      if (hit) {
        per = unit;
        start = m.index - hit[0].length;
        break;
      }
    }
    const ceiling = /上限|最大|限度/.test(clause) || /^(?:分)?(?:を上限|まで|以内|を限度)/.test(after);
    found.push({
      kind: 'money',
      value: { yen, per, ceiling },
      evidence: evidenceOf(original, start, m.index + m[0].length),
    });
  }
  return found;
}

// 03-5320-4372, 04992-9-0013, 0120-123-456, (03)1234-5678, 03（1234）5678.
const PHONE = /(?<![\d-])[(（]?(0\d{1,4})[)）]?[-‐－ー−]?[(（]?(\d{1,4})[)）]?[-‐－ー−](\d{3,4})(?![\d-])/g;

export function findPhones(original: string, folded: string): Extract<Candidate, { kind: 'phone' }>[] {
  const found: Extract<Candidate, { kind: 'phone' }>[] = [];
  for (const m of folded.matchAll(PHONE)) {
    const digits = `${m[1]}${m[2]}${m[3]}`;
    if (digits.length < 10 || digits.length > 11) continue;
    found.push({
      kind: 'phone',
      value: `${m[1]}-${m[2]}-${m[3]}`,
      evidence: evidenceOf(original, m.index, m.index + m[0].length),
    });
  }
  return found;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const URL = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'*+,=%]+/g;

export function findEmails(original: string, folded: string): Extract<Candidate, { kind: 'email' }>[] {
  return [...folded.matchAll(EMAIL)].map((m) => ({
    kind: 'email' as const,
    value: m[0],
    evidence: evidenceOf(original, m.index, m.index + m[0].length),
  }));
}

export function findUrls(original: string, folded: string): Extract<Candidate, { kind: 'url' }>[] {
  const found: Extract<Candidate, { kind: 'url' }>[] = [];
  for (const m of folded.matchAll(URL)) {
    // A sentence's closing mark is not part of the address.
    const url = m[0].replace(/[.,)'!?]+$/, '');
    try {
      new globalThis.URL(url);
    } catch {
      continue;
    }
    found.push({ kind: 'url', value: url, evidence: evidenceOf(original, m.index, m.index + url.length) });
  }
  return found;
}
