import { eq } from 'drizzle-orm';
import { conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { assertRole, type RegistryActor } from '../../registry/index.ts';
import { assistMessageDrafts } from '../assist.tables.ts';
import { assertDraftVariables } from '../messages/draft-variables.ts';
import type { MessageDraft } from '../messages/message-draft.ts';
import { lockDraft } from '../messages/message-drafts.repository.ts';
import { inScope } from '../proposals.repository.ts';

/** Staff edit a draft's texts (checked against the channel limits by the route schema); approved drafts are frozen. */
export async function editMessageDraft(
  services: AppServices,
  input: { actor: RegistryActor; draftId: string; texts: MessageDraft },
) {
  assertRole(input.actor, 'registry-editor');
  assertDraftVariables(input.texts);
  return inScope(services, input.actor, async (tx) => {
    const draft = await lockDraft(tx, input.draftId);
    if (draft.status !== 'draft') {
      throw conflict('assist-draft-approved', {
        en: 'This draft is approved and frozen.',
        ja: 'この文案は承認済みのため編集できません。',
      });
    }
    const [row] = await tx
      .update(assistMessageDrafts)
      .set({ texts: input.texts, updatedAt: services.now() })
      .where(eq(assistMessageDrafts.id, draft.id))
      .returning();
    return row!;
  });
}
