import { eq } from 'drizzle-orm';
import { AppError, conflict, fieldError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { assertRole, type RegistryActor } from '../../registry/index.ts';
import { assistMessageDrafts } from '../assist.tables.ts';
import { DRAFT_VARIABLES, type MessageDraft } from '../messages/message-draft.ts';
import { lockDraft } from '../messages/message-drafts.repository.ts';
import { inScope } from '../proposals.repository.ts';

/** Refuses a ((variable)) notify would not fill: it would otherwise reach parents as literal text. */
export function assertDraftVariables(texts: MessageDraft): void {
  for (const [lang, channels] of Object.entries(texts)) {
    for (const [channel, text] of Object.entries(channels)) {
      for (const m of String(text).matchAll(/\(\(([^()]*)\)\)/g)) {
        if (!(DRAFT_VARIABLES as readonly string[]).includes(m[1]!.trim())) {
          const msg = {
            en: `Unknown variable ((${m[1]})); allowed: ((child_name)).`,
            ja: `変数 ((${m[1]})) は使えません。使える変数: ((child_name))`,
          };
          throw new AppError('assist-draft-unknown-variable', 400, msg, [
            fieldError(`body.texts.${lang}.${channel}`, msg),
          ]);
        }
      }
    }
  }
}

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
