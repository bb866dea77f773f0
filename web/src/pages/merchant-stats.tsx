/** One merchant's public settlement record: grievance officer, scorecard, trend and categories. */
import type { Scorecard } from '../../../functions/domain/scorecard';
import { Await, ComplaintRateView, ScorecardView, type ComplaintRate } from '../components';
import { t, useLanguage } from '../i18n';
import { useLabels } from '../labels';
import { useApi } from '../use-api';
import { TrendTable } from './dashboard';

interface MerchantStats {
  merchant: {
    merchantId: string;
    tradeName: string;
    grievanceOfficer?: { name: string; phone: string; email: string };
  };
  scorecard: Scorecard;
  complaintRate: ComplaintRate | null;
  monthly: Parameters<typeof TrendTable>[0]['rows'];
  byCategory: (Scorecard & { category: string })[];
}

export default function MerchantStatsPage({ merchantId }: { merchantId: string }) {
  const lang = useLanguage();
  const labels = useLabels();
  const path = `/v1/public/merchants/${encodeURIComponent(merchantId)}/stats`;
  const stats = useApi<MerchantStats>(path);
  return (
    <Await loaded={stats}>
      {({ merchant, scorecard, complaintRate, monthly, byCategory }) => (
        <>
          <h1>{merchant.tradeName}</h1>
          {merchant.grievanceOfficer && (
            <p class="officer">
              {t('grievanceOfficer')}: {merchant.grievanceOfficer.name} ·{' '}
              <a href={`tel:${merchant.grievanceOfficer.phone}`}>{merchant.grievanceOfficer.phone}</a> ·{' '}
              <a href={`mailto:${merchant.grievanceOfficer.email}`}>{merchant.grievanceOfficer.email}</a>
            </p>
          )}
          <ScorecardView card={scorecard} />
          <ComplaintRateView rate={complaintRate} />
          <TrendTable rows={monthly} />
          {byCategory.map((row) => (
            <ScorecardView key={row.category} card={row} heading={labels.category(row.category, lang)} />
          ))}
          <p class="open-data">
            {t('openData')}: <a href={path}>JSON</a> · <a href={`${path}.csv`}>CSV</a>
          </p>
        </>
      )}
    </Await>
  );
}
