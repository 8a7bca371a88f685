import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { actorLabel, assertRole, type RegistryActor } from '../../registry/index.ts';
import { assistMessageDrafts } from '../assist.tables.ts';
import { lockDraft } from '../messages/message-drafts.repository.ts';
import { inScope } from '../proposals.repository.ts';

/** draft → approved, once: the approved texts are what notify takes as the template (see README). */
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
    const now = services.now();
    const [row] = await tx
      .update(assistMessageDrafts)
      .set({ status: 'approved', approvedBy: actorLabel(input.actor), approvedAt: now, updatedAt: now })
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
    });
    return row!;
  });
}
