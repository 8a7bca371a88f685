/** Text shown to a person, always in both languages Tsunagu serves. */
export interface LocalizedText {
  en: string;
  ja: string;
}

export interface FieldError {
  /** Where the bad value is: `body.child.birthDate`, `query.ageMonths`, `params.code`. */
  field: string;
  message: string;
  messageJa: string;
}

/**
 * The one error type use cases throw. `code` is stable (clients switch on it); `status` is the HTTP status;
 * `detail` explains this occurrence. Rendered as RFC 9457 problem+json by the error handler.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: LocalizedText,
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail.en);
  }
}

export function fieldError(field: string, text: LocalizedText): FieldError {
  return { field, message: text.en, messageJa: text.ja };
}

export const notFound = (what: LocalizedText) => new AppError('not-found', 404, what);

export const badRequest = (code: string, field: string, text: LocalizedText) =>
  new AppError(code, 400, text, [fieldError(field, text)]);

export const conflict = (code: string, text: LocalizedText) => new AppError(code, 409, text);

export const forbidden = (text: LocalizedText = { en: 'You may not do this.', ja: 'この操作は許可されていません。' }) =>
  new AppError('forbidden', 403, text);
