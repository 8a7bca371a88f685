import {
  ABSENT_PARENT,
  computeIndex,
  type IndexAnswers,
  type IndexComputation,
  type ParentAnswer,
} from './compute-index.ts';
import { findIndexRuleSet, latestIndexRuleSets } from './index-rule-catalog.ts';
import type { IndexReason, IndexRuleSet } from './index-rule-schema.ts';

interface Text {
  ja: string;
  en: string;
}

/**
 * The chat-style simulation as a pure state machine: one question per screen, the answers so far travel in a hidden
 * form field (they are the parent's own inputs, nothing is stored), and the next question depends on the rules.
 */
export type FlowAnswers = Record<string, string | string[] | Record<string, number>>;

export interface NumberField {
  name: 'daysPerMonth' | 'hoursPerDay' | 'hoursPerWeek' | 'hoursPerMonth';
  label: Text;
  min: number;
  max: number;
}

export type Question =
  | { step: string; kind: 'choice'; prompt: Text; options: { value: string; label: Text; hint?: Text }[] }
  | { step: string; kind: 'numbers'; prompt: Text; fields: NumberField[] }
  | { step: string; kind: 'multi'; prompt: Text; options: { value: string; label: Text }[] };

export interface FlowView {
  answers: FlowAnswers;
  /** Earlier questions and answers, shown as the conversation so far. */
  history: { prompt: Text; answer: Text }[];
  question: Question | null;
  error: Text | null;
  rules: IndexRuleSet | null;
  result: IndexComputation | null;
}

const FIELD_LABELS: Record<NumberField['name'], Text & { max: number }> = {
  daysPerMonth: { ja: '月の日数', en: 'Days per month', max: 31 },
  hoursPerDay: { ja: '1日の時間', en: 'Hours per day', max: 24 },
  hoursPerWeek: { ja: '週の時間', en: 'Hours per week', max: 168 },
  hoursPerMonth: { ja: '月の時間', en: 'Hours per month', max: 744 },
};

function fieldsFor(reason: IndexReason): NumberField[] {
  const names: NumberField['name'][] =
    reason.kind === 'days-hours'
      ? ['daysPerMonth', 'hoursPerDay']
      : reason.kind === 'hours-week'
        ? ['hoursPerWeek']
        : reason.kind === 'hours-month'
          ? ['hoursPerMonth']
          : [];
  return names.map((name) => ({ name, label: FIELD_LABELS[name], min: 0, max: FIELD_LABELS[name].max }));
}

function ruleKey(r: IndexRuleSet) {
  return `${r.municipality}/${r.fiscalYear}`;
}

/** Every question of the flow for the answers given so far, in order. */
function questions(answers: FlowAnswers, municipalityNames: (code: string) => Text): Question[] {
  const list: Question[] = [
    {
      step: 'rules',
      kind: 'choice',
      prompt: { ja: 'どの自治体の基準で計算しますか？', en: 'Which municipality’s rules should we use?' },
      options: latestIndexRuleSets().map((r) => {
        const name = municipalityNames(r.municipality);
        return {
          value: ruleKey(r),
          label: { ja: `${name.ja}（${r.fiscalYear}年度）`, en: `${name.en} (FY${r.fiscalYear})` },
          hint: r.notice,
        };
      }),
    },
  ];
  const rules = typeof answers.rules === 'string' ? rulesFor(answers.rules) : undefined;
  if (!rules) return list;
  for (const parent of [1, 2]) {
    const reasonOptions = rules.reasons.map((r) => ({ value: r.id, label: r.label }));
    if (parent === 2)
      reasonOptions.push({
        value: ABSENT_PARENT,
        label: { ja: 'もう1人の保護者はいない（ひとり親など）', en: 'There is no second parent (single parent etc.)' },
      });
    list.push({
      step: `p${parent}-reason`,
      kind: 'choice',
      prompt:
        parent === 1
          ? { ja: '保護者1の、保育が必要な理由は？', en: 'Why does parent 1 need childcare?' }
          : { ja: '保護者2の、保育が必要な理由は？', en: 'Why does parent 2 need childcare?' },
      options: reasonOptions,
    });
    const reason = rules.reasons.find((r) => r.id === answers[`p${parent}-reason`]);
    if (reason?.kind === 'options') {
      list.push({
        step: `p${parent}-detail`,
        kind: 'choice',
        prompt: { ja: `${reason.label.ja}：状況を選んでください`, en: `${reason.label.en}: which applies?` },
        options: reason.options.map((o) => ({ value: o.id, label: o.label })),
      });
    } else if (reason && reason.kind !== 'fixed') {
      list.push({
        step: `p${parent}-detail`,
        kind: 'numbers',
        prompt: { ja: `${reason.label.ja}：どのくらい働きますか？`, en: `${reason.label.en}: how much?` },
        fields: fieldsFor(reason),
      });
    }
  }
  if (rules.adjustments.length > 0) {
    list.push({
      step: 'adjustments',
      kind: 'multi',
      prompt: {
        ja: '当てはまるものをすべて選んでください（なければそのまま次へ）',
        en: 'Tick all that apply (or none)',
      },
      options: rules.adjustments.map((a) => ({ value: a.id, label: a.label })),
    });
  }
  return list;
}

function rulesFor(key: string): IndexRuleSet | undefined {
  const [m, y] = key.split('/');
  return m && y ? findIndexRuleSet(m, Number(y)) : undefined;
}

/** Reads the hidden state; anything unreadable starts the conversation again. */
export function parseFlowAnswers(raw: unknown): FlowAnswers {
  if (typeof raw !== 'string' || raw.length > 4000) return {};
  try {
    const value = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as FlowAnswers) : {};
  } catch {
    return {};
  }
}

/**
 * Applies the form of one screen (`step` plus its fields) to the answers and works out the next screen. Answers to
 * questions that no longer apply (e.g. after choosing another municipality) are dropped.
 */
export function advanceFlow(
  previous: FlowAnswers,
  form: Record<string, unknown>,
  municipalityNames: (code: string) => Text,
): FlowView {
  const answers: FlowAnswers = { ...previous };
  let error: Text | null = null;
  const step = typeof form.step === 'string' ? form.step : null;
  const current = step ? questions(answers, municipalityNames).find((q) => q.step === step) : undefined;
  if (current) {
    const accepted = readAnswer(current, form);
    if ('error' in accepted) error = accepted.error;
    else {
      answers[current.step] = accepted.value;
      // Later answers may not fit a changed earlier one: keep only those the new question list still asks.
      const order = questions(answers, municipalityNames).map((q) => q.step);
      for (const key of Object.keys(answers)) {
        const position = order.indexOf(key);
        if (position < 0 || (position > order.indexOf(current.step) && isDependent(key, current.step)))
          delete answers[key];
      }
    }
  }

  const all = questions(answers, municipalityNames);
  const question = error ? current! : (all.find((q) => !(q.step in answers)) ?? null);
  const history = all
    .filter((q) => q.step in answers && q !== question)
    .map((q) => ({ prompt: q.prompt, answer: describeAnswer(q, answers[q.step]!) }));
  const rules = typeof answers.rules === 'string' ? (rulesFor(answers.rules) ?? null) : null;
  let result: IndexComputation | null = null;
  if (!question && rules) {
    const computed = computeIndex(rules, toIndexAnswers(answers));
    if (computed.ok) result = computed.value;
    else error = computed.errors[0]!.message;
  }
  return { answers, history, question, error, rules, result };
}

function isDependent(key: string, changed: string): boolean {
  if (changed === 'rules') return true;
  return changed.endsWith('-reason') && key === changed.replace('-reason', '-detail');
}

function readAnswer(q: Question, form: Record<string, unknown>): { value: FlowAnswers[string] } | { error: Text } {
  if (q.kind === 'choice') {
    const value = form.answer;
    if (typeof value === 'string' && q.options.some((o) => o.value === value)) return { value };
    return { error: { ja: '選択肢から1つ選んでください', en: 'Choose one of the options' } };
  }
  if (q.kind === 'multi') {
    const raw = form.answer === undefined ? [] : Array.isArray(form.answer) ? form.answer : [form.answer];
    const values = raw.filter((v): v is string => typeof v === 'string');
    if (values.some((v) => !q.options.some((o) => o.value === v)))
      return { error: { ja: '選択肢から選んでください', en: 'Choose from the options' } };
    return { value: values };
  }
  const numbers: Record<string, number> = {};
  for (const field of q.fields) {
    const raw = form[field.name];
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value) || value < field.min || value > field.max) {
      return {
        error: {
          ja: `${field.label.ja}を${field.min}〜${field.max}の数で入力してください`,
          en: `Enter ${field.label.en.toLowerCase()} as a number from ${field.min} to ${field.max}`,
        },
      };
    }
    numbers[field.name] = value;
  }
  return { value: numbers };
}

function describeAnswer(q: Question, value: FlowAnswers[string]): Text {
  if (q.kind === 'choice') return q.options.find((o) => o.value === value)?.label ?? { ja: '', en: '' };
  if (q.kind === 'multi') {
    const chosen = q.options.filter((o) => (value as string[]).includes(o.value));
    return chosen.length === 0
      ? { ja: 'なし', en: 'None' }
      : { ja: chosen.map((o) => o.label.ja).join('、'), en: chosen.map((o) => o.label.en).join(', ') };
  }
  const numbers = value as Record<string, number>;
  return {
    ja: q.fields.map((f) => `${f.label.ja} ${numbers[f.name]}`).join('、'),
    en: q.fields.map((f) => `${f.label.en} ${numbers[f.name]}`).join(', '),
  };
}

export function toIndexAnswers(answers: FlowAnswers): IndexAnswers {
  const parents: ParentAnswer[] = [1, 2].map((parent) => {
    const reason = String(answers[`p${parent}-reason`] ?? '');
    const detail = answers[`p${parent}-detail`];
    if (typeof detail === 'string') return { reason, option: detail };
    return { reason, ...(detail && !Array.isArray(detail) ? detail : {}) };
  });
  const adjustments = Array.isArray(answers.adjustments) ? answers.adjustments : [];
  return { parents, adjustments };
}
