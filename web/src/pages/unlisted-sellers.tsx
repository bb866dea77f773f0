/**
 * The regulator console's sellers not on CCMS: ranked by the consumers who reported them, each
 * identifier with the names consumers gave it and the identifiers seen with it; a seller's reports
 * (what consumers said, never who they are) and the onboarding action. Nothing here is public.
 */
import { useState } from 'preact/hooks';
import { postJson } from '../api';
import { Await, PagedFooter } from '../components';
import { ErrorSummary, Field, Select, TextArea, useForm } from '../form';
import { plural } from '../format';
import { formatDateTime, formatNumber, t, useLanguage, type Language, type TextKey } from '../i18n';
import { useLabels } from '../labels';
import type { PanelSession } from '../panel-session';
import { useApi } from '../use-api';
import { usePagedList } from '../use-paged-list';

type OnboardingStatus = 'INVITED' | 'ONBOARDED' | 'NOT_REACHABLE';

interface Seller {
  sellerId: string;
  key: string;
  reports: number;
  firstReportedAt: string;
  lastReportedAt: string;
  names: string[];
  linked: { key: string; sellerId: string }[];
  onboarding?: OnboardingStep;
  onboardingHistory: OnboardingStep[];
}

interface OnboardingStep {
  status: OnboardingStatus;
  merchantId?: string;
  note?: string;
  at: string;
  by: { agency: string };
}

interface Report {
  reportId: string;
  sellerName: string;
  category: string;
  description: string;
  amount?: number;
  reportedAt: string;
  erasedAt?: string;
}

const statusTexts: Record<OnboardingStatus, TextKey> = {
  INVITED: 'onboardingInvited',
  ONBOARDED: 'onboardingOnboarded',
  NOT_REACHABLE: 'onboardingNotReachable',
};

/** FB:page, WEB:host, MOBILE:+880…, as a person reads it. */
const Identifier = ({ sellerKey }: { sellerKey: string }) => {
  const [kind, ...rest] = sellerKey.split(':');
  const value = rest.join(':');
  const label = kind === 'FB' ? 'Facebook' : kind === 'WEB' ? t('sellerWebsite') : t('sellerNumber');
  return (
    <span class="identifier">
      {label}: <bdi>{kind === 'FB' ? `facebook.com/${value}` : value}</bdi>
    </span>
  );
};

/** "১ জন ভোক্তা রিপোর্ট করেছেন", "1 consumer reported it", "3 consumers reported it". */
const reportedBy = (count: number, lang: Language) =>
  plural(
    count,
    lang === 'bn'
      ? { other: 'জন ভোক্তা রিপোর্ট করেছেন' }
      : { one: 'consumer reported it', other: 'consumers reported it' },
    lang,
  );

/** The sellers most reported first. */
export const UnlistedSellers = ({ panel }: { panel: PanelSession }) => {
  const lang = useLanguage();
  const list = usePagedList<Seller>('/v1/regulator/unlisted-sellers?limit=25', 'sellers', panel.sign);
  const { rows, cursor, state } = list;
  return (
    <>
      <h2>{t('unlistedTitle')}</h2>
      <p class="note">{t('unlistedNote')}</p>
      {rows.length === 0 && !cursor && !state.loading && !state.error && <p class="note">{t('noUnlisted')}</p>}
      <ol class="cards">
        {/* A seller reported again while the list is read moves up: it may come twice; it is shown once. */}
        {rows
          .filter((row, at) => rows.findIndex((other) => other.sellerId === row.sellerId) === at)
          .map((row) => (
            <li key={row.sellerId}>
              <a href={`/regulator/unlisted/${row.sellerId}`}>
                <strong>
                  <Identifier sellerKey={row.key} />
                </strong>
              </a>
              <span>
                {reportedBy(row.reports, lang)} · {row.names.join(', ')}
                {row.onboarding && <> · {t(statusTexts[row.onboarding.status])}</>}
              </span>
            </li>
          ))}
      </ol>
      <PagedFooter list={list} />
    </>
  );
};

const Onboarding = ({ panel, seller, saved }: { panel: PanelSession; seller: Seller; saved: (s: Seller) => void }) => {
  const lang = useLanguage();
  const form = useForm();
  const { values } = form;
  const send = () =>
    postJson<Seller>(
      `/v1/regulator/unlisted-sellers/${seller.sellerId}/onboarding`,
      {
        status: values.status,
        ...(values.status === 'ONBOARDED' && { merchantId: values.merchantId?.trim().toLowerCase() }),
        ...(values.note?.trim() && { note: values.note.trim() }),
      },
      panel.sign,
    ).then(saved);
  return (
    <section aria-labelledby="onboarding">
      <h3 id="onboarding">{t('onboardingTitle')}</h3>
      {seller.onboardingHistory.length > 0 && (
        <ol class="history">
          {seller.onboardingHistory.map((step) => (
            <li key={step.at}>
              {t(statusTexts[step.status])}
              {step.merchantId && <> ({step.merchantId})</>} · {step.by.agency} · {formatDateTime(step.at, lang)}
              {step.note && <> · {step.note}</>}
            </li>
          ))}
        </ol>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const problems = Object.fromEntries(
            [
              ...(values.status ? [] : ['status']),
              ...(values.status === 'ONBOARDED' && !values.merchantId?.trim() ? ['merchantId'] : []),
            ].map((name) => [name, t('required')]),
          );
          void form.submit(problems, send);
        }}
      >
        <ErrorSummary
          errors={form.errors}
          general={form.general}
          labelOf={(name) =>
            t(name === 'merchantId' ? 'merchantId' : name === 'note' ? 'onboardingNote' : 'onboardingStatus')
          }
        />
        <Select
          id="status"
          label={t('onboardingStatus')}
          value={values.status}
          error={form.errors.status}
          options={(Object.keys(statusTexts) as OnboardingStatus[]).map((status) => [status, t(statusTexts[status])])}
          onChange={form.set('status')}
        />
        {values.status === 'ONBOARDED' && (
          <Field label={t('merchantId')} hint={t('onboardingMerchantHint')} {...form.field('merchantId')} />
        )}
        <TextArea label={t('onboardingNote')} {...form.field('note')} />
        <button type="submit" disabled={form.sending}>
          {form.sending ? t('sending') : t('onboardingSave')}
        </button>
      </form>
    </section>
  );
};

/** One seller: who else it may be, what was done to bring it on, and the reports naming it. */
export const UnlistedSellerView = ({ panel, sellerId }: { panel: PanelSession; sellerId: string }) => {
  const lang = useLanguage();
  const labels = useLabels();
  const [reload, setReload] = useState(0);
  const record = useApi<{ seller: Seller }>(`/v1/regulator/unlisted-sellers/${sellerId}?limit=1`, panel.sign, reload);
  const reports = usePagedList<Report>(`/v1/regulator/unlisted-sellers/${sellerId}?limit=25`, 'reports', panel.sign);
  return (
    <Await loaded={record}>
      {({ seller }) => (
        <>
          <h2>
            <Identifier sellerKey={seller.key} />
          </h2>
          <p>
            {reportedBy(seller.reports, lang)} · {formatDateTime(seller.firstReportedAt, lang)} –{' '}
            {formatDateTime(seller.lastReportedAt, lang)}
          </p>
          {seller.names.length > 0 && (
            <p>
              {t('unlistedNames')}: {seller.names.join(', ')}
            </p>
          )}
          {seller.linked.length > 0 && (
            <>
              <h3>{t('unlistedLinked')}</h3>
              <ul>
                {seller.linked.map(({ key, sellerId }) => (
                  <li key={key}>
                    <a href={`/regulator/unlisted/${sellerId}`}>
                      <Identifier sellerKey={key} />
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Onboarding panel={panel} seller={seller} saved={() => setReload((n) => n + 1)} />
          <h3>{t('unlistedReportsHeading')}</h3>
          <ul class="cards">
            {reports.rows.map((report) => (
              <li key={report.reportId}>
                <strong>{report.sellerName}</strong>
                <span>
                  {formatDateTime(report.reportedAt, lang)} · {labels.category(report.category, lang)}
                  {report.amount !== undefined && <> · ৳{formatNumber(report.amount, lang)}</>}
                </span>
                <p>{report.erasedAt ? t('unlistedReportErased') : report.description}</p>
              </li>
            ))}
          </ul>
          <PagedFooter list={reports} />
        </>
      )}
    </Await>
  );
};
