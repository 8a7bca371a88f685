import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { getHousehold, type UseCaseContext } from '../../identity/index.ts';
import { questionnaires } from './clinic.tables.ts';

/** The questions of the 予診票 (abridged from the standard form; to be verified against the 実施要領's 様式). */
export const QUESTIONS = [
  'unwell-today',
  'illness-last-month',
  'vaccine-last-month',
  'reaction-before',
  'convulsion-ever',
  'allergy',
  'immunodeficiency',
] as const;
export type QuestionCode = (typeof QUESTIONS)[number];

export interface QuestionnaireInput {
  childId: string;
  vaccine: string;
  dose: number;
  visitDate: string;
  temperature: string;
  answers: Record<QuestionCode, boolean>;
  notes: string;
  consentToVaccination: 'yes' | 'no';
}

export type QuestionnaireRow = typeof questionnaires.$inferSelect;

/** The parent fills and signs the 予診票 on the phone before the visit (signing = the session of the card sign-in). */
export async function submitQuestionnaire(ctx: UseCaseContext, input: QuestionnaireInput): Promise<QuestionnaireRow> {
  const { services, actor } = ctx;
  if (actor.type !== 'parent' || !actor.householdId || !actor.id) {
    throw new AppError('forbidden', 403, { en: 'Only a parent can sign this.', ja: '保護者のみ署名できます。' });
  }
  const household = await getHousehold(ctx, { householdId: actor.householdId, purpose: 'fill a 予診票' });
  const child = household.children.find((c) => c.id === input.childId);
  if (!child) throw notFound({ en: 'No such child in your household.', ja: 'この子どもは世帯にいません。' });
  return withTenantScope(services.db, { kind: 'household', householdId: actor.householdId }, async (tx) => {
    const [row] = await tx
      .insert(questionnaires)
      .values({
        childId: child.id,
        householdId: actor.householdId!,
        municipalityCode: child.municipalityCode,
        vaccine: input.vaccine,
        dose: input.dose,
        visitDate: input.visitDate,
        temperature: input.temperature,
        answers: input.answers,
        notes: input.notes,
        consentToVaccination: input.consentToVaccination,
        signedBy: actor.id!,
        signedAt: services.now(),
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'health-questionnaire.sign',
      resource: { type: 'child', id: child.id },
      municipalityCode: child.municipalityCode,
      purpose: 'parent signs a 予診票',
      outcome: 'success',
      requestId: ctx.requestId ?? null,
    });
    return row!;
  });
}

/** The child's 予診票 for a visit date, newest first (reception shows today's). */
export function questionnairesOn(tx: ScopedTx, childId: string, visitDate: string): Promise<QuestionnaireRow[]> {
  return tx
    .select()
    .from(questionnaires)
    .where(and(eq(questionnaires.childId, childId), eq(questionnaires.visitDate, visitDate)))
    .orderBy(desc(questionnaires.signedAt));
}
