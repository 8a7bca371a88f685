import type { z } from 'zod';
import { AppError } from '../../../platform/http/app-error.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';

export interface FieldMessage {
  field: string;
  message: string;
}

export type FormBody = Record<string, string | string[] | undefined>;

/** Validates a posted form with the same zod schema as the API, returning messages in the page's language. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
  lang: Lang,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldMessage[] } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const ja = (issue as { params?: { ja?: string } }).params?.ja;
      return {
        field: issue.path.join('.'),
        message: lang === 'ja' ? (ja ?? '入力内容を確認してください') : issue.message,
      };
    }),
  };
}

/** A use case's refusal (bad date, wrong code…) as messages for the form that caused it; other errors propagate. */
export function appErrorMessages(error: unknown, lang: Lang): FieldMessage[] {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  if (error.fieldErrors.length > 0) {
    return error.fieldErrors.map((f) => ({
      field: f.field.replace(/^body\./, ''),
      message: lang === 'ja' ? f.messageJa : f.message,
    }));
  }
  return [{ field: '', message: lang === 'ja' ? error.detail.ja : error.detail.en }];
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function TextField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  type?: string;
  errors: FieldMessage[];
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
}) {
  const id = `field-${props.name}`;
  const error = props.errors.find((e) => e.field === props.name);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {error ? (
        <span class="field__error" id={`${id}-error`}>
          {error.message}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        required={props.required ?? true}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode as 'numeric' | undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  options: readonly (readonly [string, string])[];
  errors: FieldMessage[];
}) {
  const id = `field-${props.name}`;
  const error = props.errors.find((e) => e.field === props.name);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {error ? <span class="field__error">{error.message}</span> : null}
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
