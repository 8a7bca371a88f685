import type { SaveTemplateInput } from '../../notify/index.ts';
import type { DraftTextPath } from './draft-variables.ts';
import { DRAFT_TEMPLATE_KEY, type MessageDraft } from './message-draft.ts';

/**
 * A notify template version holds one title and one body per language (ja, en); notify builds each channel from them
 * (LINE: title, body, link; e-mail: title as subject; Web Push: title and the body cut to the payload budget). The
 * draft's Web Push title (≤ 40 characters) fits every channel as the title; its e-mail body — the full text without
 * the title, which notify adds itself — is the body. The LINE text, the short push body and the やさしい日本語 texts
 * stay on the approved draft, which records the template version they belong to.
 */
export function templateFromDraft(texts: MessageDraft): SaveTemplateInput {
  return {
    key: DRAFT_TEMPLATE_KEY,
    titleJa: texts.ja.pushTitle,
    bodyJa: texts.ja.emailBody,
    titleEn: texts.en.pushTitle,
    bodyEn: texts.en.emailBody,
  };
}

/** The draft texts templateFromDraft hands to notify, whose save use case checks their variables itself. */
export function isTemplateText(path: DraftTextPath): boolean {
  return path.lang !== 'easy-ja' && (path.channel === 'pushTitle' || path.channel === 'emailBody');
}
