import { AppError, fieldError } from '../../../platform/http/app-error.ts';
import { CHANNELS, DRAFT_VARIABLES, MESSAGE_LANGS, type MessageDraft } from './message-draft.ts';

export type DraftTextPath = { lang: (typeof MESSAGE_LANGS)[number]; channel: (typeof CHANNELS)[number] };

/** The first ((variable)) notify's template would not fill, with where it is; null when there is none. */
export function unknownVariable(
  texts: MessageDraft,
  only: (path: DraftTextPath) => boolean = () => true,
): (DraftTextPath & { name: string }) | null {
  for (const lang of MESSAGE_LANGS) {
    for (const channel of CHANNELS) {
      if (!only({ lang, channel })) continue;
      for (const m of texts[lang][channel].matchAll(/\(\(([^()]*)\)\)/g)) {
        const name = m[1]!.trim();
        if (!DRAFT_VARIABLES.includes(name)) return { lang, channel, name };
      }
    }
  }
  return null;
}

/** Refuses a ((variable)) notify would not fill: it would otherwise reach parents as literal text. */
export function assertDraftVariables(texts: MessageDraft, only?: (path: DraftTextPath) => boolean): void {
  const found = unknownVariable(texts, only);
  if (!found) return;
  const allowed = DRAFT_VARIABLES.map((v) => `((${v}))`);
  const msg = {
    en: `Unknown variable ((${found.name})); allowed: ${allowed.join(', ') || 'none (the same text goes to every family)'}.`,
    ja: `変数 ((${found.name})) は使えません。使える変数: ${allowed.join('、') || 'なし（全世帯に同じ文面が届きます）'}`,
  };
  throw new AppError('assist-draft-unknown-variable', 400, msg, [
    fieldError(`body.texts.${found.lang}.${found.channel}`, msg),
  ]);
}
