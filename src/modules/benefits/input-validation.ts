import type { z } from 'zod';
import { AppError } from '../../platform/http/app-error.ts';

/**
 * Use cases reached without an HTTP schema in front (staff use cases, the bench, later the parent pages) validate
 * their input with the same zod schemas and fail the same way a route would: a 400 problem naming each field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = result.error.issues.map((issue) => {
    const own = (issue as { params?: { ja?: unknown } }).params;
    return {
      field: [prefix, ...issue.path.map(String)].join('.'),
      message: issue.message,
      messageJa: typeof own?.ja === 'string' ? own.ja : '値が正しくありません',
    };
  });
  return failValidation(fieldErrors);
}

function failValidation(fieldErrors: { field: string; message: string; messageJa: string }[]): never {
  throw new AppError(
    'validation-failed',
    400,
    {
      en: `${fieldErrors.length} value(s) are invalid: ${fieldErrors.map((f) => f.field).join(', ')}.`,
      ja: `${fieldErrors.length} 件の値に誤りがあります: ${fieldErrors.map((f) => f.field).join('、')}`,
    },
    fieldErrors,
  );
}
