import type { Lang } from '../i18n/i18n.ts';

/**
 * Words for audit actions and purposes, for the parent's 「このデータを見た人」. Each module registers the labels of
 * the actions it writes (from its own file, at import), so identity's access-log page can show every entry in
 * Japanese and English without importing the modules (which would be a circular import) and without a list of other
 * modules' codes in identity's messages. An action without a label is still shown, by its code.
 */
export interface AuditLabel {
  ja: string;
  en: string;
}

const actions = new Map<string, AuditLabel>();
const purposes = new Map<string, AuditLabel>();

export function registerAuditLabels(labels: {
  actions?: Record<string, AuditLabel>;
  purposes?: Record<string, AuditLabel>;
}): void {
  for (const [code, label] of Object.entries(labels.actions ?? {})) actions.set(code, label);
  for (const [text, label] of Object.entries(labels.purposes ?? {})) purposes.set(text, label);
}

export const auditActionLabel = (action: string, lang: Lang): string | undefined => actions.get(action)?.[lang];

/** A purpose written in English at the call site, in the reader's language (the text itself when unregistered). */
export const auditPurposeLabel = (purpose: string, lang: Lang): string => purposes.get(purpose)?.[lang] ?? purpose;
