/** The public dashboard: the platform's numbers, the monthly trend, categories, districts, and a merchant search. */
import { useState } from 'preact/hooks';
import type { Scorecard } from '../../../functions/domain/scorecard';
import { Await, ScorecardView } from '../components';
import { formatMonth, formatNumber, formatPercent, t, useLanguage, type Language } from '../i18n';
import { useLabels } from '../labels';
import { useApi } from '../use-api';

interface TrendRow {
  month: string;
  filed: number;
  settled: Scorecard['complaints']['settled'];
  escalated: number;
  withdrawn: number;
}
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
}

const rate = (card: Scorecard, lang: Language) => (card.rates?.settlement === undefined ? '–' : formatPercent(card.rates.settlement, lang));

/** A captioned table of figures that scrolls in its own box on a small screen: a heading column, then one column per figure. */
const FigureTable = ({ caption, headings, rows }: { caption: string; headings: string[]; rows: { name: string; cells: string[] }[] }) => (
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

export const TrendTable = ({ rows }: { rows: TrendRow[] }) => {
  const lang = useLanguage();
  return (
    <FigureTable
      caption={t('monthlyTrend')}
      headings={[t('month'), t('filed'), t('settled'), t('escalated')]}
      rows={rows.map((row) => ({ name: formatMonth(row.month, lang), cells: [row.filed, row.settled.total, row.escalated].map((count) => formatNumber(count, lang)) }))}
    />
  );
};

const ScopeTable = ({ caption, heading, rows, lang }: { caption: string; heading: string; rows: { name: string; card: Scorecard }[]; lang: Language }) => (
  <FigureTable
    caption={caption}
    headings={[heading, t('filed'), t('settled'), t('settlementRate')]}
    rows={rows.map(({ name, card }) => ({ name, cells: [formatNumber(card.complaints.filed, lang), formatNumber(card.complaints.settled.total, lang), rate(card, lang)] }))}
  />
);

const MerchantSearch = () => {
  const lang = useLanguage();
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState<string | undefined>();
  const found = useApi<{ merchants: ListedMerchant[] }>(submitted === undefined ? undefined : `/v1/public/merchants?q=${encodeURIComponent(submitted)}&limit=20`);
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
          <input id="merchant-query" type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} autoComplete="off" />
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
                      {t('filed')} {formatNumber(merchant.scorecard.complaints.filed, lang)} · {t('settlementRate')} {rate(merchant.scorecard, lang)}
                    </span>
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
  return (
    <>
      <h1>{t('dashboardTitle')}</h1>
      <MerchantSearch />
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
              rows={value.byCategory.filter((row) => row.complaints.filed > 0).map((row) => ({ name: labels.category(row.category, lang), card: row }))}
            />
            <ScopeTable
              lang={lang}
              caption={t('byDistrict')}
              heading={t('district')}
              rows={value.byDistrict.filter((row) => row.complaints.filed > 0).map((row) => ({ name: labels.district(row.district, lang), card: row }))}
            />
          </>
        )}
      </Await>
      <p class="open-data">
        {t('openData')}: <a href="/v1/public/stats">JSON</a> · <a href="/v1/public/stats.csv">CSV</a>
      </p>
    </>
  );
}
