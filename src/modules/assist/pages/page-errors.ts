import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/http/app-error.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';

/** A typed error as lines for a page's error summary (detail, then each field); anything else is rethrown (500). */
export function pageErrors(error: unknown, request: FastifyRequest): string[] {
  if (!(error instanceof AppError)) throw error;
  const ja = detectLang(request) === 'ja';
  const fields = error.fieldErrors.map((f) => `${f.field}: ${ja ? f.messageJa : f.message}`);
  return [ja ? error.detail.ja : error.detail.en, ...fields];
}
