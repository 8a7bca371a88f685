import { z } from 'zod';
import type { IndexReason, IndexRuleSet } from './index-rule-schema.ts';

interface Text {
  ja: string;
  en: string;
}

/** What a household tells the simulation: each parent's situation and the adjustments that apply. */
export const parentAnswerSchema = z
  .object({
    /** A reason id of the rule set, or `absent` for a parent who is not in the household. */
    reason: z.string().min(1).max(60),
    daysPerMonth: z.number().min(0).max(31).optional(),
    hoursPerDay: z.number().min(0).max(24).optional(),
    hoursPerWeek: z.number().min(0).max(168).optional(),
    hoursPerMonth: z.number().min(0).max(744).optional(),
    option: z.string().min(1).max(60).optional(),
  })
  .strict();

export const indexAnswersSchema = z
  .object({
    parents: z.array(parentAnswerSchema).min(1).max(2),
    adjustments: z.array(z.string().min(1).max(60)).max(30).default([]),
  })
  .strict();

export type ParentAnswer = z.infer<typeof parentAnswerSchema>;
export type IndexAnswers = z.infer<typeof indexAnswersSchema>;

export type IndexLineKind = 'base' | 'absent-parent' | 'cap' | 'combine' | 'adjustment' | 'excluded';

/** One line of the explanation; the points of all lines add up to the total. */
export interface IndexLine {
  kind: IndexLineKind;
  /** 1 or 2 for lines about one parent. */
  parent: number | null;
  rule: string;
  points: number;
  label: Text;
  detail: Text;
}

export interface IndexComputation {
  total: number;
  lines: IndexLine[];
}

export interface AnswerError {
  /** Path inside the answers, e.g. `parents[0].hoursPerWeek`. */
  field: string;
  message: Text;
}

export const ABSENT_PARENT = 'absent';

/** The household index (世帯指数) under one rule set, line by line. Pure; bad answers come back as field errors. */
export function computeIndex(
  rules: IndexRuleSet,
  answers: IndexAnswers,
): { ok: true; value: IndexComputation } | { ok: false; errors: AnswerError[] } {
  const errors: AnswerError[] = [];
  const lines: IndexLine[] = [];
  const parents = answers.parents.length === 1 ? [...answers.parents, { reason: ABSENT_PARENT }] : answers.parents;
  if (parents.every((p) => p.reason === ABSENT_PARENT)) {
    errors.push({
      field: 'parents[0].reason',
      message: {
        en: 'At least one parent must be in the household',
        ja: '保護者のうち少なくとも1人は世帯にいる必要があります',
      },
    });
  }

  const perParent: number[] = [];
  parents.forEach((answer, i) => {
    const parent = i + 1;
    if (answer.reason === ABSENT_PARENT) {
      const points = rules.combine.absentParentPoints ?? 0;
      perParent.push(points);
      lines.push({
        kind: 'absent-parent',
        parent,
        rule: ABSENT_PARENT,
        points,
        label: { ja: '保護者不存在', en: 'Parent not in the household' },
        detail:
          rules.combine.absentParentPoints === null
            ? {
                ja: 'この基準では不存在の点数が公表されていないため0点',
                en: 'Not published in these rules: counted as 0',
              }
            : { ja: `不存在の保護者は${points}点`, en: `An absent parent counts ${points} points` },
      });
      return;
    }
    const reason = rules.reasons.find((r) => r.id === answer.reason);
    if (!reason) {
      errors.push({
        field: `parents[${i}].reason`,
        message: { en: `Unknown reason '${answer.reason}'`, ja: `事由「${answer.reason}」はこの基準にありません` },
      });
      return;
    }
    const scored = scoreReason(reason, answer, `parents[${i}]`);
    if ('error' in scored) {
      errors.push(scored.error);
      return;
    }
    let points = scored.points;
    lines.push({ kind: 'base', parent, rule: reason.id, points, label: reason.label, detail: scored.detail });
    const cap = rules.combine.perParentCap;
    if (cap !== null && points > cap) {
      lines.push({
        kind: 'cap',
        parent,
        rule: 'per-parent-cap',
        points: cap - points,
        label: { ja: '上限', en: 'Cap' },
        detail: { ja: `保護者1人あたりの上限は${cap}点`, en: `Each parent counts at most ${cap} points` },
      });
      points = cap;
    }
    perParent.push(points);
  });

  const chosen = new Set<string>();
  answers.adjustments.forEach((idValue, i) => {
    if (!rules.adjustments.some((a) => a.id === idValue)) {
      errors.push({
        field: `adjustments[${i}]`,
        message: { en: `Unknown adjustment '${idValue}'`, ja: `調整指数「${idValue}」はこの基準にありません` },
      });
    }
    chosen.add(idValue);
  });
  if (errors.length > 0) return { ok: false, errors };

  if (rules.combine.method === 'lower-parent' && perParent.length === 2) {
    const higher = Math.max(perParent[0]!, perParent[1]!);
    lines.push({
      kind: 'combine',
      parent: null,
      rule: 'lower-parent',
      points: -higher,
      label: { ja: '低い方の保護者の指数を採用', en: 'Lower parent’s index counts' },
      detail: { ja: `高い方の${higher}点は数えません`, en: `The higher parent’s ${higher} points do not count` },
    });
  }

  const applied: string[] = [];
  for (const adjustment of rules.adjustments) {
    if (!chosen.has(adjustment.id)) continue;
    const blocker = applied.find(
      (a) =>
        adjustment.excludes.includes(a) || rules.adjustments.find((x) => x.id === a)?.excludes.includes(adjustment.id),
    );
    if (blocker) {
      const by = rules.adjustments.find((x) => x.id === blocker)!;
      lines.push({
        kind: 'excluded',
        parent: null,
        rule: adjustment.id,
        points: 0,
        label: adjustment.label,
        detail: { ja: `「${by.label.ja}」と併用できません`, en: `Cannot be combined with “${by.label.en}”` },
      });
      continue;
    }
    applied.push(adjustment.id);
    lines.push({
      kind: 'adjustment',
      parent: null,
      rule: adjustment.id,
      points: adjustment.points,
      label: adjustment.label,
      detail: { ja: '調整指数', en: 'Adjustment' },
    });
  }

  const total = lines.reduce((sum, line) => sum + line.points, 0);
  return { ok: true, value: { total, lines } };
}

function missing(field: string, what: Text): { error: AnswerError } {
  return { error: { field, message: { en: `${what.en} is required`, ja: `${what.ja}を入力してください` } } };
}

function scoreReason(
  reason: IndexReason,
  answer: ParentAnswer,
  at: string,
): { points: number; detail: Text } | { error: AnswerError } {
  switch (reason.kind) {
    case 'fixed':
      return { points: reason.points, detail: { ja: `${reason.points}点`, en: `${reason.points} points` } };
    case 'options': {
      const option = reason.options.find((o) => o.id === answer.option);
      if (!option) {
        return answer.option === undefined
          ? missing(`${at}.option`, { en: 'The situation', ja: '状況' })
          : {
              error: {
                field: `${at}.option`,
                message: { en: `Unknown option '${answer.option}'`, ja: `選択肢「${answer.option}」はありません` },
              },
            };
      }
      return { points: option.points, detail: option.label };
    }
    case 'days-hours': {
      if (answer.daysPerMonth === undefined)
        return missing(`${at}.daysPerMonth`, { en: 'Days per month', ja: '月の就労日数' });
      if (answer.hoursPerDay === undefined)
        return missing(`${at}.hoursPerDay`, { en: 'Hours per day', ja: '1日の就労時間' });
      const d = answer.daysPerMonth;
      const h = answer.hoursPerDay;
      const tier = reason.tiers.find((t) => d >= t.minDaysPerMonth && h >= t.minHoursPerDay);
      return tier
        ? {
            points: tier.points,
            detail: {
              ja: `月${d}日・1日${h}時間 → 月${tier.minDaysPerMonth}日以上・1日${tier.minHoursPerDay}時間以上の区分`,
              en: `${d} days/month, ${h} h/day → band of at least ${tier.minDaysPerMonth} days and ${tier.minHoursPerDay} h/day`,
            },
          }
        : belowTable(`${d}日 × ${h}時間`, `${d} days × ${h} h`);
    }
    case 'hours-week': {
      if (answer.hoursPerWeek === undefined)
        return missing(`${at}.hoursPerWeek`, { en: 'Hours per week', ja: '週の就労時間' });
      const w = answer.hoursPerWeek;
      const tier = reason.tiers.find((t) => w >= t.minHoursPerWeek);
      return tier
        ? {
            points: tier.points,
            detail: {
              ja: `週${w}時間 → 週${tier.minHoursPerWeek}時間以上の区分`,
              en: `${w} h/week → band of at least ${tier.minHoursPerWeek} h`,
            },
          }
        : belowTable(`週${w}時間`, `${w} h/week`);
    }
    case 'hours-month': {
      if (answer.hoursPerMonth === undefined)
        return missing(`${at}.hoursPerMonth`, { en: 'Hours per month', ja: '月の就労時間' });
      const m = answer.hoursPerMonth;
      const tier = reason.tiers.find((t) => m >= t.minHoursPerMonth);
      return tier
        ? {
            points: tier.points,
            detail: {
              ja: `月${m}時間 → 月${tier.minHoursPerMonth}時間以上の区分`,
              en: `${m} h/month → band of at least ${tier.minHoursPerMonth} h`,
            },
          }
        : belowTable(`月${m}時間`, `${m} h/month`);
    }
  }
}

function belowTable(ja: string, en: string) {
  return {
    points: 0,
    detail: {
      ja: `${ja}はこの基準の表にない区分のため0点（自治体に確認してください）`,
      en: `${en} is below every band in these rules: 0 points (ask the municipality)`,
    },
  };
}
