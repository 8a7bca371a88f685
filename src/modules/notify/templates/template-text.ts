import { AppError, fieldError } from '../../../platform/http/app-error.ts';

// GOV.UK Notify's ((variable)) personalisation: easy for staff to type and impossible to confuse with HTML or LINE
// markup. Variable names are lower snake case.
const VARIABLE = /\(\(([^()]*)\)\)/g;
const NAME = /^[a-z][a-z0-9_]*$/;

/** Every ((name)) a template text uses, in order of first use. */
export function templateVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const name = (match[1] ?? '').trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Refuses a template text that uses a variable its template does not provide: the mistake would otherwise reach
 * every parent as a literal "((chlid_name))". The problem names the field and the variable.
 */
export function assertKnownVariables(field: string, text: string, allowed: readonly string[]): void {
  for (const name of templateVariables(text)) {
    if (!NAME.test(name) || !allowed.includes(name)) {
      const text = {
        en: `Unknown template variable ((${name})). Allowed: ${allowed.map((a) => `((${a}))`).join(', ') || 'none'}.`,
        ja: `テンプレート変数 ((${name})) は使えません。使える変数: ${allowed.map((a) => `((${a}))`).join('、') || 'なし'}`,
      };
      throw new AppError('notify-template-unknown-variable', 400, text, [fieldError(field, text)]);
    }
  }
}

/** Fills ((name)) from values; a missing value is a programming error (templates are validated when saved). */
export function renderTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE, (_whole, raw: string) => {
    const value = values[raw.trim()];
    if (value === undefined) throw new Error(`template variable ((${raw.trim()})) has no value`);
    return value;
  });
}
