import { randomInt } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { badRequest, conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { getHousehold } from '../../identity/index.ts';
import { nurseries } from '../hokatsu.tables.ts';
import { ageClassFor } from '../nurseries/age-class.ts';
import { applicationChoices, applications } from './application.tables.ts';
import { indexFromAnswers, rulesForApplication } from './application-rules.ts';
import { parentTieBreakFacts } from './tie-break-facts.ts';

export interface SubmitApplicationInput {
  childId: string;
  /** Intake month, 'YYYY-MM'. */
  roundMonth: string;
  /** Nursery ids, first choice first. */
  choices: string[];
  answers: unknown;
  siblingsTogether?: boolean;
  /** Answers to the tie-break questions of the municipality's rules (see tie-break-facts.ts). */
  tieBreakFacts?: unknown;
  /** 転園: the nursery of the municipality the child attends now, or null. */
  currentNurseryId?: string | null;
}

export interface ParentContext {
  services: AppServices;
  actor: Actor;
  requestId?: string;
}

/**
 * A parent applies for one child of their household. The child's name and birth date come from identity (entered
 * once), the age class from the intake month, the index from the municipality's rules; choices must be nurseries of
 * the household's municipality that take that age class.
 */
export async function submitApplication(ctx: ParentContext, input: SubmitApplicationInput): Promise<{ id: string }> {
  const { services, actor } = ctx;
  await authorize({ db: services.db, requestId: ctx.requestId ?? null }, actor, 'nursery-application.apply', {
    householdId: actor.householdId ?? null,
    resource: { type: 'nursery-application' },
  });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.roundMonth)) {
    throw badRequest('invalid-round', 'body.roundMonth', { en: 'Use YYYY-MM', ja: 'YYYY-MM の形式で指定してください' });
  }
  const household = await getHousehold(
    { services, actor, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) },
    { householdId: actor.householdId!, purpose: 'nursery application' },
  );
  const child = household.children.find((c) => c.id === input.childId);
  if (!child) {
    throw badRequest('unknown-child', 'body.childId', {
      en: 'Choose a child of your household',
      ja: '世帯のお子さんを選んでください',
    });
  }
  const ageClass = ageClassFor(child.birthDate, input.roundMonth);
  if (ageClass === null) {
    throw badRequest('no-age-class', 'body.roundMonth', {
      en: 'The child is not of nursery age (0–5) in that month',
      ja: 'その月、お子さんは保育所の対象年齢（0〜5歳児クラス）ではありません',
    });
  }
  const municipality = household.municipalityCode;
  const rules = rulesForApplication(municipality, input.roundMonth);
  const index = indexFromAnswers(rules, input.answers);
  const tieBreakFacts = parentTieBreakFacts(rules, input.tieBreakFacts);

  if (input.choices.length < 1 || input.choices.length > 10 || new Set(input.choices).size !== input.choices.length) {
    throw badRequest('invalid-choices', 'body.choices', {
      en: 'List 1 to 10 different nurseries',
      ja: '異なる保育施設を1〜10か所選んでください',
    });
  }
  const found = await services.db
    .select({ id: nurseries.id, min: nurseries.minAgeClass, max: nurseries.maxAgeClass })
    .from(nurseries)
    .where(and(eq(nurseries.municipalityCode, municipality), inArray(nurseries.id, input.choices)));
  const currentNurseryId = input.currentNurseryId || null;
  if (currentNurseryId) {
    const [current] = await services.db
      .select({ id: nurseries.id })
      .from(nurseries)
      .where(and(eq(nurseries.municipalityCode, municipality), eq(nurseries.id, currentNurseryId)));
    if (!current || input.choices.includes(currentNurseryId)) {
      throw badRequest('invalid-current-nursery', 'body.currentNurseryId', {
        en: 'Choose the nursery of your municipality the child attends now, and list only nurseries to move to',
        ja: '現在通っているお住まいの自治体の施設を選び、希望には転園先だけを挙げてください',
      });
    }
  }
  input.choices.forEach((id, i) => {
    const n = found.find((f) => f.id === id);
    if (!n || (n.min !== null && ageClass < n.min) || (n.max !== null && ageClass > n.max)) {
      throw badRequest('invalid-choice', `body.choices.${i}`, {
        en: 'This nursery is not in your municipality or does not take your child’s age class',
        ja: 'お住まいの自治体の施設でないか、お子さんの年齢クラスを受け入れていません',
      });
    }
  });

  try {
    return await services.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(applications)
        .values({
          municipalityCode: municipality,
          householdId: household.id,
          childId: child.id,
          childName: child.name,
          childBirthDate: child.birthDate,
          roundMonth: `${input.roundMonth}-01`,
          ageClass,
          fiscalYear: rules.fiscalYear,
          rulesVersion: rules.version,
          answers: index.answers,
          computedIndex: index.total,
          indexLines: index.lines,
          siblingsTogether: input.siblingsTogether ?? false,
          tieBreakFacts,
          currentNurseryId,
          lottery: randomInt(1, 1_000_000),
          submittedBy: actor.id!,
        })
        .returning({ id: applications.id });
      await tx
        .insert(applicationChoices)
        .values(input.choices.map((nurseryId, i) => ({ applicationId: row!.id, rank: i + 1, nurseryId })));
      await recordAudit(tx, {
        actor,
        action: 'nursery-application.submit',
        resource: { type: 'nursery-application', id: row!.id },
        municipalityCode: municipality,
        purpose: 'parent applies for a nursery place',
        outcome: 'success',
        requestId: ctx.requestId ?? null,
      });
      return { id: row!.id };
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505') {
      throw conflict('already-applied', {
        en: 'This child already has an application for that month',
        ja: 'このお子さんはその月の申請をすでに提出しています',
      });
    }
    throw error;
  }
}
