import { AppError, conflict, fieldError, notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { draftAnnouncement } from '../../notify/index.ts';
import { assertRole, getStaffProgram, type RegistryActor } from '../../registry/index.ts';
import { templateFromDraft } from '../messages/draft-template.ts';
import { getMessageDraft } from './list-message-drafts.ts';

/** notify's announcement API takes at most this many characters of body (its route schema). */
const ANNOUNCEMENT_BODY_CHARS = 5000;

/**
 * Hands an approved draft to notify as a staff announcement: the texts of the template version the approval saved
 * (the same mapping), to the parents of the program's municipality whose child is in the program's age window, in
 * the `programs` category, at `sendAt`. notify's own `draftAnnouncement` checks `notice.send` in the municipality
 * and counts the recipients; a SECOND staff member approves it in notify (four eyes) before anything is sent.
 */
export async function announceApprovedDraft(
  services: AppServices,
  input: { actor: RegistryActor; draftId: string; sendAt: Date; requestId?: string | null },
) {
  assertRole(input.actor, 'registry-editor');
  const draft = await getMessageDraft(services, { actor: input.actor, draftId: input.draftId });
  if (!draft) throw notFound({ en: `No message draft has the id ${input.draftId}.`, ja: 'この文案はありません。' });
  if (draft.status !== 'approved' || draft.templateVersion == null) {
    throw conflict('assist-draft-not-approved', {
      en: 'Approve the draft first: only approved texts are announced.',
      ja: '先に文案を承認してください。承認した文面だけをお知らせできます。',
    });
  }
  const texts = templateFromDraft(draft.texts);
  for (const field of ['bodyJa', 'bodyEn'] as const) {
    if (Array.from(texts[field]).length > ANNOUNCEMENT_BODY_CHARS) {
      const msg = {
        en: `An announcement body holds at most ${ANNOUNCEMENT_BODY_CHARS} characters; shorten the e-mail body.`,
        ja: `お知らせの本文は ${ANNOUNCEMENT_BODY_CHARS} 字までです。メール本文を短くしてください。`,
      };
      throw new AppError('assist-announcement-too-long', 400, msg, [fieldError(`texts.${field}`, msg)]);
    }
  }
  const program = await getStaffProgram(services, { actor: input.actor, programId: draft.programId });
  const ages = (program.open?.data ?? program.data).ageMonths;
  const announcement = await draftAnnouncement(
    services,
    input.actor.actor,
    {
      municipalityCode: draft.municipalityCode,
      category: 'programs',
      titleJa: texts.titleJa,
      bodyJa: texts.bodyJa,
      titleEn: texts.titleEn,
      bodyEn: texts.bodyEn,
      ageMinMonths: ages.min,
      ageMaxMonths: ages.max,
      sendAt: input.sendAt,
      template: { key: draft.templateKey!, version: draft.templateVersion },
    },
    input.requestId ?? undefined,
  );
  return { ...announcement, template: { key: draft.templateKey!, version: draft.templateVersion } };
}
