import { findMunicipality, isValidMunicipalityCode } from '../municipalities/index.ts';
import { explicitAgeWindow, inferAgeWindow } from './age-window.ts';
import { cleanCodes, isKnownCategory } from './codes.ts';
import {
  type Contact,
  EMPTY_PERIOD,
  type IncomeBasis,
  type Link,
  type Period,
  type ProgramData,
} from './program-data.ts';

/** A problem with one record. `fatal` ones make the whole import fail; the others are counted in the report. */
export interface RecordIssue {
  field: string;
  message: string;
  fatal: boolean;
}

export interface NormalizedRecord {
  psid: string;
  data: ProgramData;
  issues: RecordIssue[];
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  if (value == null) return null;
  const s = String(value).trim();
  return s ? s : null;
}

/** `2024-04-01` and `2024/04/01` (and 1-digit months/days) to ISO; anything else is not a date. */
export function parseRegistryDate(value: unknown): string | null | 'invalid' {
  const s = str(value);
  if (!s) return null;
  const m = s.normalize('NFKC').match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
  if (!m) return 'invalid';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return 'invalid';
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseTime(value: unknown): string | null {
  const s = str(value)?.normalize('NFKC');
  const m = s?.match(/^(\d{1,2}):(\d{2})/);
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

function period(value: unknown, field: string, issues: RecordIssue[]): Period {
  const p = obj(value);
  if (!p) return { ...EMPTY_PERIOD };
  const notes: string[] = [];
  const date = (key: string) => {
    const parsed = parseRegistryDate(p[key]);
    if (parsed === 'invalid') {
      // 「随時」 and the like in a date field: keep the words with the free text instead of losing them.
      notes.push(String(p[key]).trim());
      issues.push({ field: `${field}.${key}`, message: `not a date: ${String(p[key]).slice(0, 40)}`, fatal: false });
      return null;
    }
    return parsed;
  };
  const from = date('fromYMD');
  const to = date('toYMD');
  const text = [...notes, str(p.conditions)].filter(Boolean).join('\n') || null;
  return { from, to, fromTime: parseTime(p.fromHM), toTime: parseTime(p.toHM), text };
}

// Anchored on `;URL`; the title is read backwards to the line start (a leading `[^\n;]*` group would rescan every
// long line from each position).
const TEXT_LINK = /;\s*(https?:\/\/[^\s;、。）)」]+)/g;

function textLinks(text: string): { title: string; url: string }[] {
  return [...text.matchAll(TEXT_LINK)].map((m) => {
    const start = Math.max(text.lastIndexOf('\n', m.index - 1), text.lastIndexOf(';', m.index - 1)) + 1;
    return { title: text.slice(start, m.index), url: m[1]! };
  });
}

function links(record: Json): Link[] {
  const found = new Map<string, Link>();
  const add = (url: unknown, title: unknown, source: Link['source']) => {
    const u = str(url);
    if (!u || !/^https?:\/\//.test(u) || found.has(u)) return;
    found.set(u, { title: str(title)?.replace(/^[\s。、・]+/, '') ?? null, url: u, source });
  };
  const lg = obj(record.localGovernmentLink);
  if (lg) add(lg.uri, lg.title, 'field');
  for (const key of ['relatedLink', 'formLink']) {
    const list = record[key];
    if (Array.isArray(list)) for (const item of list) add(obj(item)?.uri, obj(item)?.title, 'field');
  }
  for (const key of ['summary', 'description', 'utilization', 'remarks', 'procedureMethod', 'costConditions']) {
    const text = str(record[key]);
    if (text) for (const link of textLinks(text)) add(link.url, link.title, 'text');
  }
  for (const key of ['procedurePeriod', 'implementationPeriod', 'target']) {
    const text = str(obj(record[key])?.conditions);
    if (text) for (const link of textLinks(text)) add(link.url, link.title, 'text');
  }
  return [...found.values()];
}

function contact(value: unknown): Contact | null {
  const c = obj(value);
  if (!c) return null;
  const result: Contact = {
    name: str(c.contactName),
    phone: str(c.contactPhone),
    extension: str(c.contactEx),
    email: str(c.contactEmail),
    url: str(c.contactUrl),
    address: str(c.contactAddress),
    zipCode: str(c.zipCode),
    comment: str(c.contactComment),
  };
  return Object.values(result).some((v) => v != null) ? result : null;
}

/** Reads what an income test is measured on from the eligibility text; null when income is not mentioned. */
export function incomeBasis(text: string): IncomeBasis | null {
  if (/所得制限(?:は)?(?:なし|無し|ありません|がありません)/.test(text)) return 'none';
  if (/住民税|市町村民税|区民税/.test(text) && /所得割|非課税|課税/.test(text)) return 'resident-tax';
  if (/所得税/.test(text)) return 'income-tax';
  if (/年収/.test(text)) return 'annual-income';
  if (/(?<!特別)児童扶養手当/.test(text) && /所得|同等|受給|支給を受けて/.test(text)) return 'child-support-allowance';
  if (/所得/.test(text)) return /所得額|所得が|所得の合計|所得制限限度額/.test(text) ? 'income' : 'unspecified';
  return null;
}

const PRENATAL_TEXT = /妊婦|妊娠|妊産婦|出産予定/;

/** One raw record of `130001_kosodateshienseido_tokyo.json` to a normalised program, with what went wrong. */
export function normalizeRecord(raw: unknown, index: number): NormalizedRecord | { psid: null; issues: RecordIssue[] } {
  const at = `records[${index}]`;
  const record = obj(raw);
  if (!record) return { psid: null, issues: [{ field: at, message: 'not a JSON object', fatal: true }] };
  const issues: RecordIssue[] = [];
  const psid = str(obj(record.basicInformation)?.psid);
  if (!psid) issues.push({ field: `${at}.basicInformation.psid`, message: 'missing program id (psid)', fatal: true });

  const areaCode = str(obj(record.area)?.areaCode);
  const code = areaCode?.split(/[;；]/)[0]?.trim() ?? '';
  if (!/^\d{6}$/.test(code) || !isValidMunicipalityCode(code) || !findMunicipality(code)) {
    issues.push({
      field: `${at}.area.areaCode`,
      message: `not a Tokyo municipality code: ${String(areaCode).slice(0, 40)}`,
      fatal: true,
    });
  }
  const names = obj(record.institutionName);
  const name = str(names?.canonicalName) ?? str(names?.shortName);
  if (!name) issues.push({ field: `${at}.institutionName.canonicalName`, message: 'missing name', fatal: true });
  if (!psid || !name || issues.some((i) => i.fatal)) return { psid: null, issues };

  const tag = obj(record.tag);
  const categories = cleanCodes(tag?.categoryCode);
  const targets = cleanCodes(tag?.targetCode);
  const contents = cleanCodes(tag?.contentsCode);
  for (const [key, result] of [
    ['categoryCode', categories],
    ['targetCode', targets],
    ['contentsCode', contents],
  ] as const) {
    for (const bad of result.rejected)
      issues.push({ field: `${at}.tag.${key}`, message: `not a code: ${bad}`, fatal: false });
  }
  for (const c of categories.codes.filter((c) => !isKnownCategory(c)))
    issues.push({ field: `${at}.tag.categoryCode`, message: `unknown category ${c}`, fatal: false });

  const target = obj(record.target);
  const targetText = [str(target?.targetPersons), str(target?.conditions)]
    .filter((x, i, all): x is string => x != null && all.indexOf(x) === i)
    .join('\n');
  let age = explicitAgeWindow(target);
  if (age === 'invalid') {
    issues.push({ field: `${at}.target`, message: 'age bounds contradict each other (min ≥ max)', fatal: false });
    age = null;
  }
  age ??= inferAgeWindow(targetText) ?? { min: null, max: null, source: 'unknown' };

  const support = obj(record.support);
  const incomeText = [targetText, str(record.costConditions), str(support?.description)].filter(Boolean).join('\n');
  const updated = parseRegistryDate(record.updateDate ?? obj(record.odInformation)?.updateDate);
  if (updated === 'invalid') issues.push({ field: `${at}.updateDate`, message: 'not a date', fatal: false });

  const data: ProgramData = {
    municipalityCode: code,
    name,
    shortName: str(names?.shortName),
    summary: str(record.summary),
    targetText: targetText || null,
    categories: categories.codes.filter(isKnownCategory),
    targets: targets.codes,
    contents: contents.codes,
    ageMonths: age,
    prenatal: targets.codes.includes('086') || PRENATAL_TEXT.test(targetText),
    incomeBasis: incomeBasis(incomeText),
    procedurePeriod: period(record.procedurePeriod, `${at}.procedurePeriod`, issues),
    implementationPeriod: period(record.implementationPeriod, `${at}.implementationPeriod`, issues),
    links: links(record),
    contact: contact(record.contact),
    url: str(obj(record.localGovernmentLink)?.uri),
    sourceUpdatedOn: updated === 'invalid' ? null : updated,
  };
  return { psid, data, issues };
}
