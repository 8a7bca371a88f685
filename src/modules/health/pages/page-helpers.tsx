import { AppError } from '../../../platform/http/app-error.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';

export interface FieldMessage {
  field: string;
  message: string;
}

/** A use case's refusal as messages for the form that caused it; server errors propagate. */
export function errorMessages(error: unknown, lang: Lang): FieldMessage[] {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  if (error.fieldErrors.length > 0) {
    return error.fieldErrors.map((f) => ({
      field: f.field.replace(/^body\./, ''),
      message: lang === 'ja' ? f.messageJa : f.message,
    }));
  }
  return [{ field: '', message: lang === 'ja' ? error.detail.ja : error.detail.en }];
}

export function Errors(props: { title: string; errors: FieldMessage[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{props.title}</h2>
      <ul>
        {props.errors.map((e) => (
          <li key={`${e.field}-${e.message}`}>{e.message}</li>
        ))}
      </ul>
    </div>
  );
}
