import { AppError, fieldError, type LocalizedText } from '../../../platform/http/app-error.ts';

/** Limits on what staff may hand the extractor; each refusal names the limit. */
export const SOURCE_LIMITS = {
  /** Saved HTML or text. */
  textBytes: 2 * 1024 * 1024,
  pdfBytes: 10 * 1024 * 1024,
  pdfPages: 60,
  /** Characters of extracted text kept (a program page is a few thousand). */
  textChars: 200_000,
  fetchTimeoutMs: 10_000,
  fetchRedirects: 3,
} as const;

export function sourceError(code: string, status: number, field: string, text: LocalizedText): AppError {
  return new AppError(code, status, text, [fieldError(field, text)]);
}

export const tooLarge = (field: string, limitBytes: number) =>
  sourceError('assist-source-too-large', 413, field, {
    en: `The file or page is larger than the limit of ${limitBytes / 1024 / 1024} MB.`,
    ja: `ファイルまたはページが上限（${limitBytes / 1024 / 1024} MB）を超えています。`,
  });
