/**
 * Filing, one topic per step (small screens first): the merchant, the order, the problem, the
 * contact with the merchant, the remedy, then the pre-checks explained before submitting. The
 * draft is kept in the tab (sessionStorage), so a reload or a lost connection loses nothing.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText, postJson } from '../api';
import { asciiDigits } from '../digits';
import { ErrorSummary, Field, Select, type FieldErrors } from '../form';
import { formatDate, formatNumber, hasText, t, useLanguage, type Language, type TextKey } from '../i18n';
import { useChoices, useLabels } from '../labels';
import { contactChannelNames, paymentMethodNames, refusalTexts, remedyNames } from '../names';
import { navigate } from '../router';
import { currentSession } from '../session';
import { useApi } from '../use-api';

type Draft = Record<string, string>;

interface Choices {
  categories: { id: string; label: Record<Language, string>; help: Record<Language, string> }[];
  districts: { id: string; name: Record<Language, string> }[];
  paymentMethods: (keyof typeof paymentMethodNames)[];
  contactChannels: (keyof typeof contactChannelNames)[];
  remedies: (keyof typeof remedyNames)[];
}

const steps: { title: TextKey; fields: string[] }[] = [
  { title: 'stepMerchant', fields: ['merchantId'] },
  { title: 'stepOrder', fields: ['orderRef', 'orderDate', 'amount', 'paymentMethod', 'deliveryDistrict'] },
  { title: 'stepProblem', fields: ['category', 'description'] },
  { title: 'stepContact', fields: ['contacted', 'contactDate', 'contactChannel', 'ticketNumber', 'merchantAnswer'] },
  { title: 'stepRemedy', fields: ['remedySought', 'complainantName', 'email'] },
  { title: 'stepReview', fields: ['consent'] },
];

const optional = new Set(['ticketNumber', 'email']);

/** Each field's label, for the summary of problems at the top. */
const labelOf = (field: string) => {
  const key =
    ({ merchantId: 'chooseMerchant', contacted: 'contactedMerchant' } as Record<string, string>)[field] ?? field;
  return hasText(key) ? t(key) : undefined;
};

const draftKey = 'ccms.draft';
const loadDraft = (): Draft => {
  try {
    return JSON.parse(sessionStorage.getItem(draftKey) ?? '{}') as Draft;
  } catch {
    return {};
  }
};

/** The API's field names (`priorContact.date`) as this form's. */
const formFieldOf = (apiField: string) =>
  ({
    'priorContact.date': 'contactDate',
    'priorContact.channel': 'contactChannel',
    'priorContact.ticketNumber': 'ticketNumber',
    'priorContact.merchantAnswer': 'merchantAnswer',
    priorContact: 'contacted',
  })[apiField] ?? apiField;

const requestOf = (draft: Draft, lang: Language) => ({
  merchantId: draft.merchantId,
  category: draft.category,
  orderRef: draft.orderRef?.trim(),
  orderDate: draft.orderDate,
  deliveryDistrict: draft.deliveryDistrict,
  ...(draft.contacted === 'yes' && {
    priorContact: {
      date: draft.contactDate,
      channel: draft.contactChannel,
      ...(draft.ticketNumber?.trim() && { ticketNumber: draft.ticketNumber.trim() }),
      merchantAnswer: draft.merchantAnswer?.trim(),
    },
  }),
  description: draft.description?.trim(),
  amount: Number(asciiDigits(draft.amount ?? '').replace(/,/g, '')),
  paymentMethod: draft.paymentMethod,
  remedySought: draft.remedySought,
  complainantName: draft.complainantName?.trim(),
  language: lang,
  ...(draft.email?.trim() && { email: draft.email.trim() }),
  consent: draft.consent === 'yes',
});

const MerchantChoice = ({
  draft,
  update,
  error,
}: {
  draft: Draft;
  update: (changes: Draft) => void;
  error?: string;
}) => {
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState<string>();
  const found = useApi<{ merchants: { merchantId: string; tradeName: string }[] }>(
    submitted ? `/v1/public/merchants?q=${encodeURIComponent(submitted)}&limit=10` : undefined,
  );
  if (draft.merchantId)
    return (
      <p>
        {t('chosenMerchant')}: <strong>{draft.merchantName ?? draft.merchantId}</strong>{' '}
        <button type="button" class="secondary" onClick={() => update({ merchantId: '', merchantName: '' })}>
          {t('change')}
        </button>
      </p>
    );
  return (
    <div>
      <div class={`field${error ? ' invalid' : ''}`}>
        <label for="merchantId">{t('chooseMerchant')}</label>
        {error && <p class="field-error">{error}</p>}
        <div class="inline">
          <input
            id="merchantId"
            type="search"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                setSubmitted(query.trim());
              }
            }}
          />
          <button type="button" onClick={() => setSubmitted(query.trim())}>
            {t('search')}
          </button>
        </div>
      </div>
      {found.state === 'done' && (
        <ul class="merchant-list">
          {found.value.merchants.length === 0 && <li>{t('noMerchants')}</li>}
          {found.value.merchants.map((merchant) => (
            <li key={merchant.merchantId}>
              <button
                type="button"
                class="secondary"
                onClick={() => update({ merchantId: merchant.merchantId, merchantName: merchant.tradeName })}
              >
                {merchant.tradeName}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/report-seller">{t('reportSellerLink')}</a>
      </p>
    </div>
  );
};

export default function FilePage({ merchant, order }: { merchant?: string; order?: string }) {
  const lang = useLanguage();
  const labels = useLabels();
  const session = currentSession();
  const choices = useChoices<Choices>();
  const [draft, setDraft] = useState<Draft>(() => ({
    ...loadDraft(),
    ...(merchant && { merchantId: merchant }),
    ...(order && { orderRef: order }),
  }));
  const [step, setStep] = useState(merchant ? 1 : 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [precheck, setPrecheck] = useState<{ acceptable: boolean; refusals: { code: string; message: string }[] }>();
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (!session) navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
  }, []);
  useEffect(() => sessionStorage.setItem(draftKey, JSON.stringify(draft)), [draft]);
  const update = (changes: Draft) => setDraft((current) => ({ ...current, ...changes }));
  const input = (name: string) => ({
    value: draft[name] ?? '',
    error: errors[name],
    onInput: (event: JSX.TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      update({ [name]: event.currentTarget.value }),
  });
  const auth = { authorization: `Bearer ${session?.token ?? ''}` };

  const missing = (index: number): FieldErrors =>
    Object.fromEntries(
      steps[index]!.fields.filter(
        (field) =>
          !optional.has(field) &&
          !(draft.contacted !== 'yes' && ['contactDate', 'contactChannel', 'merchantAnswer'].includes(field)) &&
          !draft[field]?.trim(),
      ).map((field) => [field, t('required')]),
    );

  const goTo = async (index: number) => {
    const problems = index > step ? missing(step) : {};
    setErrors(problems);
    setGeneral(undefined);
    if (Object.keys(problems).length > 0) return;
    setStep(index);
    if (index === steps.length - 1) {
      setPrecheck(undefined);
      try {
        const { merchantId, category, orderRef, orderDate, deliveryDistrict, priorContact } = requestOf(draft, lang);
        setPrecheck(
          await postJson(
            '/v1/complaints/precheck',
            { merchantId, category, orderRef, orderDate, deliveryDistrict, ...(priorContact && { priorContact }) },
            auth,
          ),
        );
      } catch (error) {
        setGeneral(errorText(error, lang));
      }
    }
  };

  const submit = async () => {
    const problems = missing(step);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSubmitting(true);
    setGeneral(undefined);
    try {
      const filed = await postJson<{ trackingNumber: string; merchantDeadline?: string }>(
        '/v1/complaints',
        requestOf(draft, lang),
        auth,
      );
      sessionStorage.removeItem(draftKey);
      sessionStorage.setItem('ccms.filed', JSON.stringify(filed));
      navigate(`/filed/${filed.trackingNumber}`);
    } catch (error) {
      if (error instanceof ApiError && error.fields) {
        const fieldErrors = Object.fromEntries(
          Object.entries(error.fields).map(([field, message]) => [formFieldOf(field), message]),
        );
        setErrors(fieldErrors);
        const first = steps.findIndex((candidate) => candidate.fields.some((field) => fieldErrors[field]));
        if (first >= 0) setStep(first);
      } else if (error instanceof ApiError && refusalTexts[error.code]) setGeneral(refusalTexts[error.code]![lang]);
      else setGeneral(errorText(error, lang));
    } finally {
      setSubmitting(false);
    }
  };

  if (!session) return null;
  const current = steps[step]!;
  return (
    <>
      <h1>{t('fileTitle')}</h1>
      <p class="note">
        {t('stepOf')} {formatNumber(step + 1, lang)} / {formatNumber(steps.length, lang)}:{' '}
        <strong>{t(current.title)}</strong>
      </p>
      <ErrorSummary errors={errors} general={general} labelOf={labelOf} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void (step === steps.length - 1 ? submit() : goTo(step + 1));
        }}
      >
        <h2>{t(current.title)}</h2>
        {choices.state === 'done' && (
          <>
            {step === 0 && <MerchantChoice draft={draft} update={update} error={errors.merchantId} />}
            {step === 1 && (
              <>
                <Field id="orderRef" label={t('orderRef')} {...input('orderRef')} />
                <Field id="orderDate" type="date" label={t('orderDate')} {...input('orderDate')} />
                <Field id="amount" inputMode="decimal" label={t('amount')} {...input('amount')} />
                <Select
                  id="paymentMethod"
                  label={t('paymentMethod')}
                  value={draft.paymentMethod}
                  error={errors.paymentMethod}
                  options={choices.value.paymentMethods.map((id) => [id, paymentMethodNames[id][lang]])}
                  onChange={(value) => update({ paymentMethod: value })}
                />
                <Select
                  id="deliveryDistrict"
                  label={t('deliveryDistrict')}
                  value={draft.deliveryDistrict}
                  error={errors.deliveryDistrict}
                  options={choices.value.districts.map((district) => [district.id, district.name[lang]])}
                  onChange={(value) => update({ deliveryDistrict: value })}
                />
              </>
            )}
            {step === 2 && (
              <>
                <Select
                  id="category"
                  label={t('category')}
                  value={draft.category}
                  error={errors.category}
                  options={choices.value.categories.map((category) => [category.id, category.label[lang]])}
                  onChange={(value) => update({ category: value })}
                />
                {draft.category && (
                  <p class="hint">
                    {choices.value.categories.find((category) => category.id === draft.category)?.help[lang]}
                  </p>
                )}
                <div class={`field${errors.description ? ' invalid' : ''}`}>
                  <label for="description">{t('description')}</label>
                  <p class="hint" id="description-hint">
                    {t('descriptionHint')}
                  </p>
                  {errors.description && (
                    <p class="field-error" id="description-error">
                      {errors.description}
                    </p>
                  )}
                  <textarea
                    id="description"
                    rows={6}
                    maxLength={5000}
                    aria-describedby="description-hint"
                    value={draft.description ?? ''}
                    onInput={(event) => update({ description: event.currentTarget.value })}
                  />
                </div>
              </>
            )}
            {step === 3 && (
              <>
                <fieldset>
                  <legend>{t('contactedMerchant')}</legend>
                  {(['yes', 'no'] as const).map((answer) => (
                    <label class="choice" key={answer}>
                      <input
                        type="radio"
                        name="contacted"
                        value={answer}
                        checked={draft.contacted === answer}
                        onChange={() => update({ contacted: answer })}
                      />{' '}
                      {t(answer)}
                    </label>
                  ))}
                  {errors.contacted && <p class="field-error">{errors.contacted}</p>}
                </fieldset>
                {draft.contacted === 'yes' && (
                  <>
                    <Field id="contactDate" type="date" label={t('contactDate')} {...input('contactDate')} />
                    <Select
                      id="contactChannel"
                      label={t('contactChannel')}
                      value={draft.contactChannel}
                      error={errors.contactChannel}
                      options={choices.value.contactChannels.map((id) => [id, contactChannelNames[id][lang]])}
                      onChange={(value) => update({ contactChannel: value })}
                    />
                    <Field id="ticketNumber" label={t('ticketNumber')} {...input('ticketNumber')} />
                    <Field id="merchantAnswer" label={t('merchantAnswer')} {...input('merchantAnswer')} />
                  </>
                )}
              </>
            )}
            {step === 4 && (
              <>
                <Select
                  id="remedySought"
                  label={t('remedySought')}
                  value={draft.remedySought}
                  error={errors.remedySought}
                  options={choices.value.remedies.map((id) => [id, remedyNames[id][lang]])}
                  onChange={(value) => update({ remedySought: value })}
                />
                <Field
                  id="complainantName"
                  autoComplete="name"
                  label={t('complainantName')}
                  {...input('complainantName')}
                />
                <Field id="email" type="email" autoComplete="email" label={t('email')} {...input('email')} />
              </>
            )}
            {step === 5 && (
              <>
                {precheck === undefined ? (
                  <p class="loading" role="status">
                    {t('loading')}
                  </p>
                ) : precheck.acceptable ? (
                  <p class="ok" role="status">
                    {t('precheckOk')}
                  </p>
                ) : (
                  <section class="error-summary" aria-labelledby="precheck">
                    <h3 id="precheck">{t('precheckProblems')}</h3>
                    <ul>
                      {precheck.refusals.map((refusal) => (
                        <li key={refusal.code}>{refusalTexts[refusal.code]?.[lang] ?? refusal.message}</li>
                      ))}
                    </ul>
                  </section>
                )}
                <dl class="review">
                  <dt>{t('stepMerchant')}</dt>
                  <dd>{draft.merchantName ?? draft.merchantId}</dd>
                  <dt>{t('orderRef')}</dt>
                  <dd>{draft.orderRef}</dd>
                  <dt>{t('orderDate')}</dt>
                  <dd>{draft.orderDate && formatDate(`${draft.orderDate}T06:00:00Z`, lang)}</dd>
                  <dt>{t('category')}</dt>
                  <dd>{draft.category && labels.category(draft.category, lang)}</dd>
                </dl>
                <label class="choice">
                  <input
                    type="checkbox"
                    id="consent"
                    checked={draft.consent === 'yes'}
                    onChange={(event) => update({ consent: event.currentTarget.checked ? 'yes' : '' })}
                  />{' '}
                  {t('consent')}
                </label>
                {errors.consent && <p class="field-error">{errors.consent}</p>}
                {submitting && (
                  <p class="note" role="status">
                    {t('submitting')}
                  </p>
                )}
              </>
            )}
          </>
        )}
        <div class="inline step-buttons">
          {step > 0 && (
            <button type="button" class="secondary" onClick={() => void goTo(step - 1)}>
              {t('back')}
            </button>
          )}
          <button type="submit" disabled={submitting || (step === 0 && !draft.merchantId)}>
            {step === steps.length - 1 ? t('submit') : t('next')}
          </button>
        </div>
      </form>
    </>
  );
}
