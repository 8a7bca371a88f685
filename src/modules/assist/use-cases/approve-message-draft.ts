import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { saveTemplate } from '../../notify/index.ts';
import { actorLabel, assertRole, type RegistryActor } from '../../registry/index.ts';
import { assistMessageDrafts } from '../assist.tables.ts';
import { isTemplateText, templateFromDraft } from '../messages/draft-template.ts';
import { assertDraftVariables } from '../messages/draft-variables.ts';
import { lockDraft } from '../messages/message-drafts.repository.ts';
import { inScope } from '../proposals.repository.ts';

/**
 * draft → approved, once, and the approved texts become a new version of notify's `program-announcement` template
 * through notify's own `saveTemplate` (which refuses a text using a variable the template does not provide).
 *
 * Who may approve: a registry editor of the program's municipality who also holds `notice.send` there — the words
 * go to parents, so the person who approves them is one who may send notices (checked and audited here). notify's
 * templates are Tokyo-wide, so its save use case asks for Tokyo-wide `notice.send`; assist has made the decision for
 * the municipality and saves as the system, with the staff member named in assist's audit record.
 *
 * The draft row stays locked while notify saves, so two approvals cannot both write a version. notify's save has its
 * own transaction: if the final update here failed after it, the template version would exist without the draft
 * naming it (it is never half-written, and the draft stays a draft that can be approved again).
 */
export async function approveMessageDraft(
  services: AppServices,
  input: { actor: RegistryActor; draftId: string; requestId?: string | null },
) {
  assertRole(input.actor, 'registry-editor');
  return inScope(services, input.actor, async (tx) => {
    const draft = await lockDraft(tx, input.draftId);
    if (draft.status !== 'draft') {
      throw conflict('assist-draft-approved', {
        en: 'This draft is already approved.',
        ja: 'この文案は承認済みです。',
      });
    }
    await authorize({ db: services.db, requestId: input.requestId ?? null }, input.actor.actor, 'notice.send', {
      municipalityCode: draft.municipalityCode,
      resource: { type: 'assist-message-draft', id: draft.id },
    });
    // notify checks the texts it stores; the ones that stay here are checked here, before anything is written.
    assertDraftVariables(draft.texts, (path) => !isTemplateText(path));
    const template = await saveTemplate(
      services,
      SYSTEM_ACTOR,
      templateFromDraft(draft.texts),
      input.requestId ?? undefined,
    );
    const now = services.now();
    const [row] = await tx
      .update(assistMessageDrafts)
      .set({
        status: 'approved',
        approvedBy: actorLabel(input.actor),
        approvedAt: now,
        templateKey: template.key,
        templateVersion: template.version,
        updatedAt: now,
      })
      .where(eq(assistMessageDrafts.id, draft.id))
      .returning();
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'assist-message-draft.approve',
      resource: { type: 'assist-message-draft', id: draft.id },
      municipalityCode: draft.municipalityCode,
      purpose: 'staff approved notices about a program',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: { template: `${template.key}@${template.version}` },
    });
    return row!;
  });
}
