/** Pieces every page uses: loading and error states, and a merchant's or a scope's scorecard. */
import type { ComponentChildren } from 'preact';
import type { Scorecard } from '../../functions/domain/scorecard';
import { errorText, worthRetrying } from './api';
import { formatNumber, formatPercent, t, useLanguage } from './i18n';
import type { Loaded } from './use-api';

export const Loading = () => {
  useLanguage();
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
};

export const Failed = ({ error, retry }: { error: unknown; retry?: () => void }) => {
  const lang = useLanguage();
  return (
    <div class="error" role="alert">
      <p>{errorText(error, lang)}</p>
      {retry && worthRetrying(error) && (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
};

/** Shows `children(value)` once loaded, a status line while loading and the error with a retry. */
export const Await = <T,>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) =>
  loaded.state === 'loading' ? <Loading /> : loaded.state === 'error' ? <Failed error={loaded.error} retry={loaded.retry} /> : <>{children(loaded.value)}</>;

const hoursText = (hours: number | null | undefined) => (hours === undefined ? '–' : hours === null ? '>2160' : `≤ ${formatNumber(hours)} ${t('hours')}`);

/** Counts, rates (or why they are hidden), typical times and rating of one scope. */
export const ScorecardView = ({ card, heading }: { card: Scorecard; heading?: string }) => {
  useLanguage();
  const { complaints, rates } = card;
  return (
    <section class="scorecard" aria-label={heading}>
      {heading && <h3>{heading}</h3>}
      <dl class="figures">
        <div>
          <dt>{t('filed')}</dt>
          <dd>{formatNumber(complaints.filed)}</dd>
        </div>
        <div>
          <dt>{t('open')}</dt>
          <dd>{formatNumber(complaints.open)}</dd>
        </div>
        <div>
          <dt>{t('settled')}</dt>
          <dd>
            {formatNumber(complaints.settled.total)}
            <small>
              {t('settledConfirmed')} {formatNumber(complaints.settled.byConsumerConfirmation)} · {t('settledAuto')} {formatNumber(complaints.settled.automatically)}
            </small>
          </dd>
        </div>
        <div>
          <dt>{t('escalated')}</dt>
          <dd>{formatNumber(complaints.escalated)}</dd>
        </div>
      </dl>
      {rates ? (
        <dl class="figures rates">
          <div>
            <dt>{t('settlementRate')}</dt>
            <dd>
              {rates.settlement === undefined ? '–' : formatPercent(rates.settlement)}
              <small>
                {t('settledConfirmed')} {rates.settlementByConfirmation === undefined ? '–' : formatPercent(rates.settlementByConfirmation)} · {t('settledAuto')}{' '}
                {rates.settlementAutomatic === undefined ? '–' : formatPercent(rates.settlementAutomatic)}
              </small>
            </dd>
          </div>
          <div>
            <dt>{t('timelyResponseRate')}</dt>
            <dd>{rates.timelyFirstResponse === undefined ? '–' : formatPercent(rates.timelyFirstResponse)}</dd>
          </div>
          <div>
            <dt>{t('reopenRate')}</dt>
            <dd>{rates.reopen === undefined ? '–' : formatPercent(rates.reopen)}</dd>
          </div>
        </dl>
      ) : (
        <p class="note">{t('ratesHidden')}</p>
      )}
      <dl class="figures">
        <div>
          <dt>{t('medianFirstResponse')}</dt>
          <dd>{hoursText(card.timesInHours.firstResponse.median)}</dd>
        </div>
        <div>
          <dt>{t('medianResolution')}</dt>
          <dd>{hoursText(card.timesInHours.resolution.median)}</dd>
        </div>
        <div>
          <dt>{t('averageRating')}</dt>
          <dd>{card.rating ? `${formatNumber(card.rating.average)} / ${formatNumber(5)}` : '–'}</dd>
        </div>
      </dl>
    </section>
  );
};
