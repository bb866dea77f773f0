/**
 * A consumer reports a seller that is not on CCMS (a Facebook page, a website, a phone or a bKash or
 * Nagad number), after the same sign-in and identity check as filing. The regulators see the
 * sellers most reported; nothing of a report is public, and the seller is not told.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, postJson } from '../api';
import { asciiDigits, takaOf } from '../digits';
import { Await } from '../components';
import { ErrorSummary, Field, Select, TextArea, useForm } from '../form';
import { t, useLanguage, type Language } from '../i18n';
import { useChoices } from '../labels';
import { navigate } from '../router';
import { currentSession } from '../session';

interface Choices {
  categories: { id: string; label: Record<Language, string> }[];
  districts: { id: string; name: Record<Language, string> }[];
}

export default function ReportSellerPage() {
  const lang = useLanguage();
  const session = currentSession();
  const choices = useChoices<Choices>();
  // The API names the identifier that is not one (in English): the page says it in the reader's language.
  const form = useForm({
    fieldText: (field, message, language) =>
      field === 'identifiers' ? `${t('sellerIdentifierInvalid', language)} (${message})` : message,
  });
  const { values } = form;
  const [sent, setSent] = useState<{ reportId: string }>();
  /** Where a refusal sends the consumer next: to file against the seller now on CCMS, or to verify their identity. */
  const [onward, setOnward] = useState<{ href: string; text: 'reportSellerFileInstead' | 'reportSellerVerify' }>();
  useEffect(() => {
    if (!session) navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
  }, []);
  if (!session) return null;

  const identifiers = () =>
    [
      values.facebook?.trim() && { kind: 'FACEBOOK', value: values.facebook.trim() },
      values.website?.trim() && { kind: 'WEBSITE', value: values.website.trim() },
      values.phone?.trim() && { kind: 'PHONE', value: asciiDigits(values.phone.trim()) },
      values.wallet?.trim() && { kind: values.walletKind || 'BKASH', value: asciiDigits(values.wallet.trim()) },
    ].filter(Boolean);
  const amount = () => takaOf(values.amount);
  const send = () => {
    setOnward(undefined);
    return postJson<{ reportId: string }>(
      '/v1/consumer/unlisted-sellers',
      {
        sellerName: values.sellerName,
        identifiers: identifiers(),
        category: values.category,
        description: values.description,
        ...(amount() !== undefined && { amount: amount() }),
      },
      { authorization: `Bearer ${session.token}` },
    ).then(setSent, (error: unknown) => {
      if (error instanceof ApiError && error.code === 'SELLER_ON_CCMS' && typeof error.details?.merchantId === 'string')
        setOnward({
          href: `/file?merchant=${encodeURIComponent(error.details.merchantId)}`,
          text: 'reportSellerFileInstead',
        });
      if (error instanceof ApiError && error.code === 'IDENTITY_REQUIRED')
        setOnward({ href: '/sign-in?next=/report-seller', text: 'reportSellerVerify' });
      throw error;
    });
  };

  if (sent)
    return (
      <>
        <h1>{t('reportSellerTitle')}</h1>
        <div role="status">
          <p>
            <strong>{t('reportSellerSent')}</strong>
          </p>
          <p>{t('reportSellerSentNote')}</p>
        </div>
        <p>
          <a href="/">{t('dashboardTitle')}</a>
        </p>
      </>
    );

  return (
    <>
      <h1>{t('reportSellerTitle')}</h1>
      <p>{t('reportSellerIntro')}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const problems = Object.fromEntries([
            ...['sellerName', 'category', 'description']
              .filter((name) => !values[name]?.trim())
              .map((name) => [name, t('required')]),
            ...(identifiers().length === 0 ? [['identifiers', t('sellerIdentifiersNeeded')]] : []),
            ...(values.amount?.trim() && !((amount() ?? 0) > 0) ? [['amount', t('reportAmountInvalid')]] : []),
          ]);
          void form.submit(problems, send);
        }}
      >
        {onward && (
          <p>
            <a href={onward.href}>{t(onward.text)}</a>
          </p>
        )}
        <ErrorSummary
          errors={form.errors}
          general={form.general}
          labelOf={(name) =>
            t(
              (
                {
                  sellerName: 'sellerName',
                  identifiers: 'sellerIdentifiers',
                  category: 'category',
                  description: 'reportWhatHappened',
                  amount: 'reportAmount',
                } as const
              )[name as 'sellerName'] ?? 'sellerIdentifiers',
            )
          }
        />
        <Field label={t('sellerName')} {...form.field('sellerName')} />
        <fieldset id="identifiers" tabIndex={-1} aria-describedby="identifiers-hint">
          <legend>{t('sellerIdentifiers')}</legend>
          <p class="hint" id="identifiers-hint">
            {t('sellerIdentifiersHint')}
          </p>
          {form.errors.identifiers && <p class="field-error">{form.errors.identifiers}</p>}
          <Field label="Facebook" hint={t('sellerFacebookHint')} {...form.field('facebook')} />
          <Field label={t('sellerWebsite')} type="url" inputMode="url" {...form.field('website')} />
          <Field label={t('sellerPhone')} type="tel" inputMode="tel" {...form.field('phone')} />
          <Select
            id="walletKind"
            label={t('sellerWalletKind')}
            value={values.walletKind || 'BKASH'}
            options={[
              ['BKASH', 'bKash'],
              ['NAGAD', 'Nagad'],
            ]}
            onChange={form.set('walletKind')}
          />
          <Field label={t('sellerWallet')} type="tel" inputMode="tel" {...form.field('wallet')} />
        </fieldset>
        <Await loaded={choices}>
          {({ categories }) => (
            <Select
              id="category"
              label={t('category')}
              value={values.category}
              error={form.errors.category}
              options={categories.map((category) => [category.id, category.label[lang]])}
              onChange={form.set('category')}
            />
          )}
        </Await>
        <TextArea label={t('reportWhatHappened')} hint={t('reportWhatHappenedHint')} {...form.field('description')} />
        <Field label={t('reportAmount')} inputMode="decimal" hint={t('reportAmountHint')} {...form.field('amount')} />
        <p class="note">{t('reportSellerPrivacy')}</p>
        <button type="submit" disabled={form.sending}>
          {form.sending ? t('sending') : t('reportSellerSend')}
        </button>
      </form>
    </>
  );
}
