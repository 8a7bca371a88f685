/** A message for one form field (`field` is the input's name), in the page's language. */
export interface FieldError {
  field: string;
  message: string;
}

/** The id of a field's input: dotted names (`contact.phone`) become `field-contact-phone`. */
export const fieldId = (name: string) => `field-${name.replace(/\./g, '-')}`;

/**
 * A labelled text input or textarea with its hint and error, tied together for screen readers
 * (aria-describedby, aria-invalid). Staff forms across modules use it so they read and behave alike.
 */
export function Field(props: {
  name: string;
  label: string;
  value: string | undefined;
  errors: readonly FieldError[];
  type?: 'text' | 'date' | 'url' | 'number' | 'datetime-local';
  multiline?: boolean;
  rows?: number;
  hint?: string;
  inputmode?: 'numeric';
  required?: boolean;
}) {
  const id = fieldId(props.name);
  const error = props.errors.find((e) => e.field === props.name);
  const described = [error ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  const common = {
    id,
    name: props.name,
    required: props.required ?? false,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described || undefined,
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span class="field__error" id={`${id}-error`}>
          {error.message}
        </span>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          value={props.value ?? ''}
          inputMode={props.inputmode}
        />
      )}
    </div>
  );
}
