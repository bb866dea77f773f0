/** Form pieces: a labelled field with its hint and its error beside it, and the errors summarised at the top. */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';

export type FieldErrors = Record<string, string>;

export const Field = ({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint?: string; error?: string } & JSX.InputHTMLAttributes<HTMLInputElement>) => (
  <div class={`field${error ? ' invalid' : ''}`}>
    <label for={id}>{label}</label>
    {hint && (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    {error && (
      <p class="field-error" id={`${id}-error`}>
        {error}
      </p>
    )}
    <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined} {...input} />
  </div>
);

/** A labelled text area with its hint and its error beside it. */
export const TextArea = ({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: string; hint?: string; error?: string } & JSX.TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <div class={`field${error ? ' invalid' : ''}`}>
    <label for={id}>{label}</label>
    {hint && (
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
    )}
    {error && (
      <p class="field-error" id={`${id}-error`}>
        {error}
      </p>
    )}
    <textarea id={id} name={id} rows={4} aria-invalid={error ? true : undefined} aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined} {...input} />
  </div>
);

/** A labelled choice with its error beside it; nothing is chosen until the person chooses. */
export const Select = ({ id, label, value, options, error, onChange }: { id: string; label: string; value?: string; options: [string, string][]; error?: string; onChange: (value: string) => void }) => (
  <div class={`field${error ? ' invalid' : ''}`}>
    <label for={id}>{label}</label>
    {error && (
      <p class="field-error" id={`${id}-error`}>
        {error}
      </p>
    )}
    <select id={id} value={value ?? ''} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(event) => onChange(event.currentTarget.value)}>
      {!options.some(([optionValue]) => optionValue === '') && (
        <option value="" disabled>
          —
        </option>
      )}
      {options.map(([optionValue, text]) => (
        <option key={optionValue} value={optionValue}>
          {text}
        </option>
      ))}
    </select>
  </div>
);

/** Every problem at the top, each a link to its field; it takes the focus so a screen reader reads it. */
export const ErrorSummary = ({ errors, general, labelOf }: { errors: FieldErrors; general?: string; labelOf?: (field: string) => string | undefined }) => {
  const box = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (entries.length > 0 || general) box.current?.focus();
  }, [errors, general]);
  if (entries.length === 0 && !general) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={box}>
      <h2>{t('problemsTitle')}</h2>
      {general && <p>{general}</p>}
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{labelOf?.(field) ? `${labelOf(field)}: ${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
};
