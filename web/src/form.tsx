/** Form pieces: a labelled field with its hint and its error beside it, and the errors summarised at the top. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorText } from './api';
import { t, useLanguage, type Language } from './i18n';

export type FieldErrors = Record<string, string>;

/**
 * A form's values and its submission: what is wrong before anything is sent (beside each field and
 * at the top), one send at a time, and a refusal beside the fields it names or else at the top.
 * `idOf` names a field's element (forms that share a page prefix their ids); `fieldErrorsOf` reads a
 * refusal's fields (by default the API's own, by the first part of each field's path, each in the
 * words `fieldText` gives, by default the API's).
 */
export const useForm = ({
  idOf = (name: string) => name,
  fieldErrorsOf,
  fieldText = (_field: string, message: string) => message,
}: {
  idOf?: (name: string) => string;
  fieldErrorsOf?: (error: unknown, lang: Language) => FieldErrors | undefined;
  fieldText?: (field: string, message: string, lang: Language) => string;
} = {}) => {
  const lang = useLanguage();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [sending, setSending] = useState(false);
  const byId = (problems: FieldErrors) =>
    Object.fromEntries(Object.entries(problems).map(([name, message]) => [idOf(name), message]));
  const set = (name: string) => (value: string) => setValues((current) => ({ ...current, [name]: value }));
  return {
    values,
    set,
    /** A text field's id, value, error and input handler. */
    field: (name: string) => ({
      id: idOf(name),
      value: values[name] ?? '',
      error: errors[idOf(name)],
      onInput: (event: { currentTarget: { value: string } }) => set(name)(event.currentTarget.value),
    }),
    errors,
    general,
    setGeneral,
    sending,
    /** Shows `problems` (by field name) and stops, or sends and shows what the refusal says. */
    submit: async (problems: FieldErrors, send: () => Promise<unknown>) => {
      setErrors(byId(problems));
      setGeneral(undefined);
      if (Object.keys(problems).length > 0) return;
      setSending(true);
      try {
        await send();
      } catch (error) {
        const fields = fieldErrorsOf
          ? fieldErrorsOf(error, lang)
          : error instanceof ApiError && error.fields
            ? byId(
                Object.fromEntries(
                  Object.entries(error.fields).map(([path, message]) => {
                    const field = path.split('.')[0]!;
                    return [field, fieldText(field, message, lang)];
                  }),
                ),
              )
            : undefined;
        if (fields) setErrors(fields);
        else setGeneral(errorText(error, lang));
      } finally {
        setSending(false);
      }
    },
  };
};

interface Labelling {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** What the control itself carries: its name, whether it is invalid, and the hint and error that describe it. */
const described = ({ id, hint, error }: Labelling) => ({
  id,
  name: id,
  'aria-invalid': error ? true : undefined,
  'aria-describedby': [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined,
});

/** A control's label, then its hint and its error, above it. */
const Labelled = ({ id, label, hint, error, children }: Labelling & { children: ComponentChildren }) => (
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
    {children}
  </div>
);

export const Field = ({ id, label, hint, error, ...input }: Labelling & JSX.InputHTMLAttributes<HTMLInputElement>) => (
  <Labelled id={id} label={label} hint={hint} error={error}>
    <input {...described({ id, label, hint, error })} {...input} />
  </Labelled>
);

/** A labelled text area with its hint and its error beside it. */
export const TextArea = ({
  id,
  label,
  hint,
  error,
  ...input
}: Labelling & JSX.TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <Labelled id={id} label={label} hint={hint} error={error}>
    <textarea rows={4} {...described({ id, label, hint, error })} {...input} />
  </Labelled>
);

/** A labelled choice with its error beside it; nothing is chosen until the person chooses. */
export const Select = ({
  id,
  label,
  value,
  options,
  error,
  onChange,
}: Labelling & { value?: string; options: [string, string][]; onChange: (value: string) => void }) => (
  <Labelled id={id} label={label} error={error}>
    <select
      {...described({ id, label, error })}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value)}
    >
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
  </Labelled>
);

/** Every problem at the top, each a link to its field; it takes the focus so a screen reader reads it. */
export const ErrorSummary = ({
  errors,
  general,
  labelOf,
}: {
  errors: FieldErrors;
  general?: string;
  labelOf?: (field: string) => string | undefined;
}) => {
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
