/** The public dashboard: the platform's numbers, the monthly trend, categories, districts, and a merchant search. */
import { useState } from 'preact/hooks';
import type { Scorecard } from '../../../functions/domain/scorecard';
import { ApiError, getJson } from '../api';
import { Await, formatRate, ScorecardView, type ComplaintRate } from '../components';
import {
  formatDate,
  formatMonth,
  formatNumber,
  formatPercent,
  plural,
  t,
  useLanguage,
  type Language,
  type TextKey,
} from '../i18n';
import type { OpenDataIndex } from '../../../functions/domain/open-data';
import { useLabels } from '../labels';
import { TrendChart, type TrendRow } from '../trend-chart';
import { useApi } from '../use-api';

interface PublicStats {
  overall: Scorecard;
  monthly: TrendRow[];
  byCategory: (Scorecard & { category: string })[];
  byDistrict: (Scorecard & { district: string })[];
}
interface ListedMerchant {
  merchantId: string;
  tradeName: string;
  website: string;
  grievanceOfficer: { name: string; phone: string; email: string };
  scorecard: Scorecard;
  /** From the merchant's own record, read when it is compared: undefined until then, null when not reported, 'failed' when it could not be read. */
  complaintRate?: ComplaintRate | null | 'failed';
}

const rateOfRecord = (merchant: ListedMerchant) =>
  merchant.complaintRate && merchant.complaintRate !== 'failed' ? merchant.complaintRate : undefined;

/** Those that report, by complaint rate (fewest complaints per order first, unrounded); then the others, as they came. */
const byComplaintRate = (merchants: ListedMerchant[]) => {
  const ratio = (merchant: ListedMerchant) => rateOfRecord(merchant)!.filed / rateOfRecord(merchant)!.orders;
  return [
    ...merchants.filter(rateOfRecord).sort((a, b) => ratio(a) - ratio(b)),
    ...merchants.filter((merchant) => !rateOfRecord(merchant)),
  ];
};

const rate = (card: Scorecard, lang: Language) =>
  card.rates?.settlement === undefined ? '–' : formatPercent(card.rates.settlement, lang);

const fileSize = (bytes: number, lang: Language) =>
  bytes < 1_000_000
    ? formatNumber(Math.max(1, Math.ceil(bytes / 1000)), lang, { style: 'unit', unit: 'kilobyte' })
    : formatNumber(bytes / 1_000_000, lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });

/** "১২টি অভিযোগ", "1 complaint", "12 complaints". */
const complaintCount = (count: number, lang: Language) =>
  lang === 'bn'
    ? `${formatNumber(count, lang)}টি অভিযোগ`
    : plural(count, { one: 'complaint', other: 'complaints' }, lang);

/** The monthly files by complaint (functions/domain/open-data.ts), as their index lists them; none before the first build. */
const ComplaintFiles = () => {
  const lang = useLanguage();
  const index = useApi<OpenDataIndex>('/open-data/complaints/index.json');
  // The bucket behind /open-data/ does not say a file is missing: 403 before the first build.
  const notYet = index.state === 'error' && index.error instanceof ApiError && index.error.status === 403;
  return (
    <section aria-labelledby="complaint-files">
      <h2 id="complaint-files">{t('complaintFiles')}</h2>
      <p>{t('complaintFilesAbout')}</p>
      {notYet ? (
        <p>{t('complaintFilesNone')}</p>
      ) : (
        <Await loaded={index}>
          {(value) => (
            <>
              <ul class="complaint-files">
                {value.months.map((month) => (
                  <li key={month.month}>
                    <strong>{formatMonth(month.month, lang)}</strong>: {complaintCount(month.rows, lang)} ·{' '}
                    <a href={month.csv.path}>CSV</a> ({fileSize(month.csv.bytes, lang)}) ·{' '}
                    <a href={month.json.path}>JSON</a> ({fileSize(month.json.bytes, lang)}) · {t('complaintFilesBuilt')}{' '}
                    {formatDate(month.builtAt, lang)}
                  </li>
                ))}
              </ul>
              <p>
                <a href={value.dictionary}>{t('dataDictionary')}</a>
              </p>
            </>
          )}
        </Await>
      )}
    </section>
  );
};

/** A captioned table of figures that scrolls in its own box on a small screen: a heading column, then one column per figure. */
const FigureTable = ({
  caption,
  headings,
  rows,
}: {
  caption: string;
  headings: string[];
  rows: { name: string; cells: string[] }[];
}) => (
  <div class="table-scroll" tabIndex={0} role="region" aria-label={caption}>
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {headings.map((heading) => (
            <th scope="col" key={heading}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ name, cells }) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {cells.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** The monthly trend: a chart with its text alternative, then the table behind it. */
export const TrendTable = ({
  rows,
}: {
  rows: (TrendRow & { orders?: number; per10000Orders?: number; ordersCorrections?: number })[];
}) => {
  const lang = useLanguage();
  // A merchant's trend: its reported orders and the month's rate, where it reported any.
  const withOrders = rows.some((row) => row.orders !== undefined);
  return (
    <>
      <TrendChart rows={rows} />
      <FigureTable
        caption={t('monthlyTrend')}
        headings={[
          t('month'),
          t('filed'),
          t('settled'),
          t('escalated'),
          ...(withOrders ? [t('ordersReported'), t('complaintsPer10000')] : []),
        ]}
        rows={rows.map((row) => ({
          name: formatMonth(row.month, lang),
          cells: [
            ...[row.filed, row.settled.total, row.escalated].map((count) => formatNumber(count, lang)),
            ...(withOrders
              ? [
                  row.orders === undefined
                    ? t('notReported')
                    : `${formatNumber(row.orders, lang)}${row.ordersCorrections ? ` (${t('corrected')} ${formatNumber(row.ordersCorrections, lang)})` : ''}`,
                  row.per10000Orders === undefined ? '–' : formatNumber(row.per10000Orders, lang),
                ]
              : []),
          ],
        }))}
      />
    </>
  );
};

const ScopeTable = ({
  caption,
  heading,
  rows,
  lang,
}: {
  caption: string;
  heading: string;
  rows: { name: string; card: Scorecard }[];
  lang: Language;
}) => (
  <FigureTable
    caption={caption}
    headings={[heading, t('filed'), t('settled'), t('settlementRate')]}
    rows={rows.map(({ name, card }) => ({
      name,
      cells: [
        formatNumber(card.complaints.filed, lang),
        formatNumber(card.complaints.settled.total, lang),
        rate(card, lang),
      ],
    }))}
  />
);

const percentOrDash = (ratio: number | undefined, lang: Language) =>
  ratio === undefined ? '–' : formatPercent(ratio, lang);
const hoursOrDash = (hours: number | null | undefined, lang: Language) =>
  hours === undefined ? '–' : hours === null ? '>2160' : formatNumber(hours, lang);

/** Up to three merchants side by side: a row per measure, a column per merchant. */
const Comparison = ({
  merchants: chosen,
  remove,
}: {
  merchants: ListedMerchant[];
  remove: (merchantId: string) => void;
}) => {
  const lang = useLanguage();
  // Ranked by complaint rate among those that report it: a count alone would favour the small.
  const merchants = byComplaintRate(chosen);
  const rateOf = (merchant: ListedMerchant) =>
    merchant.complaintRate === undefined
      ? '…'
      : merchant.complaintRate === null
        ? t('notReported')
        : merchant.complaintRate === 'failed'
          ? t('rateUnavailable')
          : formatRate(merchant.complaintRate, lang);
  const measures: [TextKey, (card: Scorecard) => string][] = [
    ['filed', (card) => formatNumber(card.complaints.filed, lang)],
    ['settled', (card) => formatNumber(card.complaints.settled.total, lang)],
    ['settlementRate', (card) => percentOrDash(card.rates?.settlement, lang)],
    ['settledConfirmed', (card) => percentOrDash(card.rates?.settlementByConfirmation, lang)],
    ['settledAuto', (card) => percentOrDash(card.rates?.settlementAutomatic, lang)],
    ['timelyResponseRate', (card) => percentOrDash(card.rates?.timelyFirstResponse, lang)],
    ['medianFirstResponse', (card) => hoursOrDash(card.timesInHours.firstResponse.median, lang)],
    ['medianResolution', (card) => hoursOrDash(card.timesInHours.resolution.median, lang)],
    ['averageRating', (card) => (card.rating ? formatNumber(card.rating.average, lang) : '–')],
  ];
  return (
    <section aria-labelledby="compare">
      <h2 id="compare">{t('compareTitle')}</h2>
      {merchants.length === 0 ? (
        <p class="note">{t('compareHint')}</p>
      ) : (
        <>
          <FigureTable
            caption={t('compareTitle')}
            headings={[t('measure'), ...merchants.map((merchant) => merchant.tradeName)]}
            rows={[
              { name: t('complaintsPer10000'), cells: merchants.map(rateOf) },
              ...measures.map(([key, cell]) => ({
                name: t(key),
                cells: merchants.map((merchant) => cell(merchant.scorecard)),
              })),
            ]}
          />
          <p class="note">{t('ratesHidden')}</p>
          <p class="note">{t('compareByRate')}</p>
          <div class="inline">
            {merchants.map((merchant) => (
              <button
                type="button"
                class="secondary"
                key={merchant.merchantId}
                onClick={() => remove(merchant.merchantId)}
              >
                {t('remove')}: {merchant.tradeName}
              </button>
            ))}
          </div>
        </>
      )}
    </section>
  );
};

const MerchantSearch = ({
  compared,
  compare,
}: {
  compared: ListedMerchant[];
  compare: (merchant: ListedMerchant) => void;
}) => {
  const lang = useLanguage();
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState<string | undefined>();
  const found = useApi<{ merchants: ListedMerchant[] }>(
    submitted === undefined ? undefined : `/v1/public/merchants?q=${encodeURIComponent(submitted)}&limit=20`,
  );
  return (
    <section aria-labelledby="merchant-search">
      <h2 id="merchant-search">{t('merchants')}</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(query.trim());
        }}
      >
        <label for="merchant-query">{t('merchantSearchLabel')}</label>
        <div class="inline">
          <input
            id="merchant-query"
            type="search"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
            autoComplete="off"
          />
          <button type="submit">{t('search')}</button>
        </div>
      </form>
      {submitted !== undefined && (
        <Await loaded={found}>
          {({ merchants }) =>
            merchants.length === 0 ? (
              <p>{t('noMerchants')}</p>
            ) : (
              <ul class="merchant-list">
                {merchants.map((merchant) => (
                  <li key={merchant.merchantId}>
                    <a href={`/merchants/${encodeURIComponent(merchant.merchantId)}`}>{merchant.tradeName}</a>
                    <span>
                      {t('filed')} {formatNumber(merchant.scorecard.complaints.filed, lang)} · {t('settlementRate')}{' '}
                      {rate(merchant.scorecard, lang)}
                    </span>
                    {!compared.some((chosen) => chosen.merchantId === merchant.merchantId) && compared.length < 3 && (
                      <button type="button" class="secondary" onClick={() => compare(merchant)}>
                        {t('compare')}: {merchant.tradeName}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </Await>
      )}
    </section>
  );
};

export default function Dashboard() {
  const lang = useLanguage();
  const labels = useLabels();
  const stats = useApi<PublicStats>('/v1/public/stats');
  const [compared, setCompared] = useState<ListedMerchant[]>([]);
  return (
    <>
      <h1>{t('dashboardTitle')}</h1>
      <MerchantSearch
        compared={compared}
        compare={(merchant) => {
          setCompared((current) =>
            current.some((entry) => entry.merchantId === merchant.merchantId)
              ? current
              : [...current, merchant].slice(0, 3),
          );
          // Its complaint rate comes with its own record (cached like the search).
          void getJson<{ complaintRate: ComplaintRate | null }>(
            `/v1/public/merchants/${encodeURIComponent(merchant.merchantId)}/stats`,
          )
            .then(({ complaintRate }): ListedMerchant['complaintRate'] => complaintRate)
            .catch((): ListedMerchant['complaintRate'] => 'failed')
            .then((complaintRate) =>
              setCompared((current) =>
                current.map((entry) =>
                  entry.merchantId === merchant.merchantId ? { ...entry, complaintRate } : entry,
                ),
              ),
            );
        }}
      />
      <Comparison
        merchants={compared}
        remove={(merchantId) =>
          setCompared((current) => current.filter((merchant) => merchant.merchantId !== merchantId))
        }
      />
      <Await loaded={stats}>
        {(value) => (
          <>
            <h2>{t('overall')}</h2>
            <ScorecardView card={value.overall} />
            <TrendTable rows={value.monthly} />
            <ScopeTable
              lang={lang}
              caption={t('byCategory')}
              heading={t('category')}
              rows={value.byCategory
                .filter((row) => row.complaints.filed > 0)
                .map((row) => ({ name: labels.category(row.category, lang), card: row }))}
            />
            <ScopeTable
              lang={lang}
              caption={t('byDistrict')}
              heading={t('district')}
              rows={value.byDistrict
                .filter((row) => row.complaints.filed > 0)
                .map((row) => ({ name: labels.district(row.district, lang), card: row }))}
            />
          </>
        )}
      </Await>
      <p class="open-data">
        {t('openData')}: <a href="/v1/public/stats">JSON</a> · <a href="/v1/public/stats.csv">CSV</a>
      </p>
      <ComplaintFiles />
    </>
  );
}
