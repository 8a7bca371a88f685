import type { AppError, FieldError } from './app-error.ts';
import { problemTitle } from './problem-titles.ts';

/** RFC 9457 problem details, with Japanese alongside English and a stable `code` for clients. */
export interface ProblemDocument {
  type: string;
  title: string;
  titleJa: string;
  status: number;
  code: string;
  detail: string;
  detailJa: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  /** Only on 5xx: quote it to support; the log line with the cause carries the same id. */
  errorId?: string;
}

export function toProblem(error: AppError, instance: string, requestId: string, errorId?: string): ProblemDocument {
  const title = problemTitle(error.code, error.status);
  return {
    type: `/problems/${error.code}`,
    title: title.en,
    titleJa: title.ja,
    status: error.status,
    code: error.code,
    detail: error.detail.en,
    detailJa: error.detail.ja,
    instance,
    requestId,
    ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
    ...(errorId ? { errorId } : {}),
  };
}
