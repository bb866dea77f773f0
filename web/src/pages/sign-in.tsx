/**
 * Phone verification, then the identity step once: a consumer arrives here before filing or acting
 * on a complaint and goes on to `next` afterwards.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText, getJson, postJson } from '../api';
import { asciiDigits } from '../digits';
import { ErrorSummary, Field, useForm, type FieldErrors } from '../form';
import { formatNumber, t, useLanguage, type Language } from '../i18n';
import { navigate } from '../router';
import { currentSession, keepSession, type ConsumerSession } from '../session';

type Step =
  | { name: 'phone' }
  | { name: 'code'; phone: string; resendAt: number }
  | { name: 'identity'; session: ConsumerSession };

const bangladeshiMobile = /^(?:\+?88)?01[3-9]\d{8}$/;

const fieldTexts: Record<string, Record<Language, string>> = {
  phone: {
    bn: 'সঠিক মোবাইল নম্বর লিখুন, যেমন ০১৭১২-৩৪৫৬৭৮।',
    en: 'Give a Bangladeshi mobile number, such as 01712-345678.',
  },
  code: { bn: 'এসএমএসে পাওয়া ৬ অঙ্কের কোডটি লিখুন।', en: 'Type the 6-digit code from the SMS.' },
  nidNumber: { bn: 'জাতীয় পরিচয়পত্র নম্বরে ১০, ১৩ বা ১৭টি অঙ্ক থাকে।', en: 'An NID number has 10, 13 or 17 digits.' },
  birthRegistrationNumber: { bn: 'জন্ম নিবন্ধন নম্বরে ১৭টি অঙ্ক থাকে।', en: 'A birth registration number has 17 digits.' },
  dateOfBirth: { bn: 'জন্ম তারিখ দিন।', en: 'Give the date of birth.' },
  guardianName: { bn: 'অভিভাবকের নাম লিখুন।', en: 'Give the guardian’s name.' },
  guardianPhone: { bn: 'অভিভাবকের সঠিক মোবাইল নম্বর লিখুন।', en: 'Give the guardian’s Bangladeshi mobile number.' },
};

/** The API's field errors under this form's field ids, in the chosen language where a text is written. */
const fieldErrorsOf = (error: unknown, lang: Language, names: Record<string, string> = {}): FieldErrors | undefined => {
  if (!(error instanceof ApiError) || !error.fields) return undefined;
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, message]) => {
      const id = names[field] ?? field;
      return [id, fieldTexts[id]?.[lang] ?? message];
    }),
  );
};

const digitsOnly = (text: string) => asciiDigits(text).replace(/[\s-]/g, '');

const afterSignIn = async (session: ConsumerSession, next: string, setStep: (step: Step) => void) => {
  const identity = await getJson<{ verified: boolean }>('/v1/identity', { authorization: `Bearer ${session.token}` });
  if (identity.verified) navigate(next);
  else setStep({ name: 'identity', session });
};

const PhoneStep = ({ onSent }: { onSent: (phone: string, resendAfterSeconds: number) => void }) => {
  const lang = useLanguage();
  const form = useForm({ fieldErrorsOf });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const number = digitsOnly(form.values.phone ?? '');
        void form.submit(bangladeshiMobile.test(number) ? {} : { phone: fieldTexts.phone![lang] }, async () => {
          const sent = await postJson<{ resendAfterSeconds: number }>('/v1/otp', { phone: number, language: lang });
          onSent(number, sent.resendAfterSeconds);
        });
      }}
    >
      <ErrorSummary errors={form.errors} general={form.general} />
      <Field
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        label={t('phone')}
        hint={t('phoneHint')}
        {...form.field('phone')}
      />
      <button type="submit" disabled={form.sending}>
        {t('sendCode')}
      </button>
    </form>
  );
};

const CodeStep = ({
  phone,
  resendAt,
  next,
  setStep,
}: {
  phone: string;
  resendAt: number;
  next: string;
  setStep: (step: Step) => void;
}) => {
  const lang = useLanguage();
  const form = useForm({ fieldErrorsOf });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const wait = Math.max(0, Math.ceil((resendAt - now) / 1000));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const digits = digitsOnly(form.values.code ?? '');
        void form.submit(/^\d{6}$/.test(digits) ? {} : { code: fieldTexts.code![lang] }, async () => {
          const verified = await postJson<{ sessionToken: string; expiresAt: string; phone: string }>(
            '/v1/otp/verify',
            { phone, code: digits },
          );
          const session = { token: verified.sessionToken, phone: verified.phone, expiresAt: verified.expiresAt };
          keepSession(session);
          await afterSignIn(session, next, setStep);
        });
      }}
    >
      <ErrorSummary errors={form.errors} general={form.general} />
      <Field
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        label={t('code')}
        hint={t('codeHint')}
        {...form.field('code')}
      />
      <button type="submit" disabled={form.sending}>
        {t('verify')}
      </button>
      <p class="note" aria-live="polite">
        {wait > 0 ? (
          `${t('resendIn')}: ${formatNumber(wait, lang)}`
        ) : (
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              try {
                const sent = await postJson<{ resendAfterSeconds: number }>('/v1/otp', { phone, language: lang });
                setStep({ name: 'code', phone, resendAt: Date.now() + sent.resendAfterSeconds * 1000 });
              } catch (error) {
                form.setGeneral(errorText(error, lang));
              }
            }}
          >
            {t('resend')}
          </button>
        )}
      </p>
    </form>
  );
};

const IdentityStep = ({ session, next }: { session: ConsumerSession; next: string }) => {
  const lang = useLanguage();
  const [document, setDocument] = useState<'NID' | 'BIRTH_REGISTRATION'>('NID');
  const form = useForm({
    fieldErrorsOf: (error, lang) =>
      fieldErrorsOf(error, lang, { 'guardian.name': 'guardianName', 'guardian.phone': 'guardianPhone' }),
  });
  const value = (name: string) => form.values[name] ?? '';
  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    if (document === 'NID' && !/^(\d{10}|\d{13}|\d{17})$/.test(digitsOnly(value('nidNumber'))))
      found.nidNumber = fieldTexts.nidNumber![lang];
    if (document === 'BIRTH_REGISTRATION') {
      if (!/^\d{17}$/.test(digitsOnly(value('birthRegistrationNumber'))))
        found.birthRegistrationNumber = fieldTexts.birthRegistrationNumber![lang];
      if (value('guardianName').trim().length < 2) found.guardianName = fieldTexts.guardianName![lang];
      if (!bangladeshiMobile.test(digitsOnly(value('guardianPhone'))))
        found.guardianPhone = fieldTexts.guardianPhone![lang];
    }
    if (!value('dateOfBirth')) found.dateOfBirth = fieldTexts.dateOfBirth![lang];
    return found;
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const body =
          document === 'NID'
            ? { document, nidNumber: digitsOnly(value('nidNumber')), dateOfBirth: value('dateOfBirth') }
            : {
                document,
                birthRegistrationNumber: digitsOnly(value('birthRegistrationNumber')),
                dateOfBirth: value('dateOfBirth'),
                guardian: { name: value('guardianName').trim(), phone: digitsOnly(value('guardianPhone')) },
              };
        void form.submit(check(), async () => {
          await postJson('/v1/identity', body, { authorization: `Bearer ${session.token}` });
          navigate(next);
        });
      }}
    >
      <h2>{t('identityTitle')}</h2>
      <p>{t('identityWhy')}</p>
      <ErrorSummary errors={form.errors} general={form.general} />
      <fieldset>
        <legend>{t('documentKind')}</legend>
        {(['NID', 'BIRTH_REGISTRATION'] as const).map((kind) => (
          <label class="choice" key={kind}>
            <input
              type="radio"
              name="document"
              value={kind}
              checked={document === kind}
              onChange={() => setDocument(kind)}
            />{' '}
            {t(kind === 'NID' ? 'nid' : 'birthRegistration')}
          </label>
        ))}
      </fieldset>
      {document === 'NID' ? (
        <Field inputMode="numeric" label={t('nidNumber')} {...form.field('nidNumber')} />
      ) : (
        <Field inputMode="numeric" label={t('birthRegistrationNumber')} {...form.field('birthRegistrationNumber')} />
      )}
      <Field type="date" label={t('dateOfBirth')} {...form.field('dateOfBirth')} />
      {document === 'BIRTH_REGISTRATION' && (
        <>
          <Field autoComplete="off" label={t('guardianName')} {...form.field('guardianName')} />
          <Field type="tel" inputMode="tel" label={t('guardianPhone')} {...form.field('guardianPhone')} />
        </>
      )}
      <button type="submit" disabled={form.sending}>
        {t('continue')}
      </button>
    </form>
  );
};

export default function SignInPage({ next = '/file', fresh = '' }: { next?: string; fresh?: string }) {
  useLanguage();
  const existing = fresh === '1' ? undefined : currentSession();
  const [step, setStep] = useState<Step>({ name: 'phone' });
  useEffect(() => {
    if (existing) void afterSignIn(existing, next, setStep).catch(() => undefined);
  }, []);
  return (
    <>
      <h1>{t('signInTitle')}</h1>
      {step.name === 'phone' && (
        <PhoneStep
          onSent={(phone, resendAfterSeconds) =>
            setStep({ name: 'code', phone, resendAt: Date.now() + resendAfterSeconds * 1000 })
          }
        />
      )}
      {step.name === 'code' && <CodeStep phone={step.phone} resendAt={step.resendAt} next={next} setStep={setStep} />}
      {step.name === 'identity' && <IdentityStep session={step.session} next={next} />}
    </>
  );
}
