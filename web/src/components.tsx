/** Pieces every page uses: loading and error states, and a merchant's or a scope's scorecard. */
import type { ComponentChildren } from 'preact';
import type { ActorRole, ComplaintStatus } from '../../functions/domain/lifecycle';
import type { Scorecard } from '../../functions/domain/scorecard';
import { errorText, worthRetrying } from './api';
import {
  actorNames,
  formatDateTime,
  formatNumber,
  formatPercent,
  statusNames,
  t,
  useLanguage,
  type Language,
  type TextKey,
} from './i18n';
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

/** Under a list read page by page: loading, the failure with its retry, or the button for more. */
export const PagedFooter = ({ list }: { list: import('./use-paged-list').PagedList<unknown> }) => (
  <>
    {list.state.loading && <Loading />}
    {list.state.error !== undefined && <Failed error={list.state.error} retry={list.more} />}
    {list.cursor && !list.state.loading && (
      <button type="button" onClick={list.more}>
        {t('more')}
      </button>
    )}
  </>
);

/** Shows `children(value)` once loaded, a status line while loading and the error with a retry. */
export const Await = <T,>({ loaded, children }: { loaded: Loaded<T>; children: (value: T) => ComponentChildren }) =>
  loaded.state === 'loading' ? (
    <Loading />
  ) : loaded.state === 'error' ? (
    <Failed error={loaded.error} retry={loaded.retry} />
  ) : (
    children(loaded.value)
  );

const hoursText = (hours: number | null | undefined, lang: Language) =>
  hours === undefined ? '–' : hours === null ? '>2160' : `≤ ${formatNumber(hours, lang)} ${t('hours', lang)}`;

/** Counts, rates (or why they are hidden), typical times and rating of one scope. */
export const ScorecardView = ({ card, heading }: { card: Scorecard; heading?: string }) => {
  const lang = useLanguage();
  const { complaints, rates } = card;
  return (
    <section class="scorecard" aria-label={heading}>
      {heading && <h3>{heading}</h3>}
      <dl class="figures">
        <div>
          <dt>{t('filed')}</dt>
          <dd>{formatNumber(complaints.filed, lang)}</dd>
        </div>
        <div>
          <dt>{t('open')}</dt>
          <dd>{formatNumber(complaints.open, lang)}</dd>
        </div>
        <div>
          <dt>{t('settled')}</dt>
          <dd>
            {formatNumber(complaints.settled.total, lang)}
            <small>
              {t('settledConfirmed')} {formatNumber(complaints.settled.byConsumerConfirmation, lang)} ·{' '}
              {t('settledAuto')} {formatNumber(complaints.settled.automatically, lang)}
            </small>
          </dd>
        </div>
        <div>
          <dt>{t('escalated')}</dt>
          <dd>{formatNumber(complaints.escalated, lang)}</dd>
        </div>
      </dl>
      {rates ? (
        <dl class="figures rates">
          <div>
            <dt>{t('settlementRate')}</dt>
            <dd>
              {rates.settlement === undefined ? '–' : formatPercent(rates.settlement, lang)}
              <small>
                {t('settledConfirmed')}{' '}
                {rates.settlementByConfirmation === undefined
                  ? '–'
                  : formatPercent(rates.settlementByConfirmation, lang)}{' '}
                · {t('settledAuto')}{' '}
                {rates.settlementAutomatic === undefined ? '–' : formatPercent(rates.settlementAutomatic, lang)}
              </small>
            </dd>
          </div>
          <div>
            <dt>{t('autoConfirmedRate')}</dt>
            <dd>
              {rates.automaticConfirmedByConsumer === undefined
                ? '–'
                : formatPercent(rates.automaticConfirmedByConsumer, lang)}
              <small>
                {t('autoSaidNotResolved')} {formatNumber(complaints.afterAutomaticSettlement.saidNotResolved, lang)} ·{' '}
                {t('autoSilent')} {formatNumber(complaints.afterAutomaticSettlement.silent, lang)}
              </small>
            </dd>
          </div>
          <div>
            <dt>{t('timelyResponseRate')}</dt>
            <dd>{rates.timelyFirstResponse === undefined ? '–' : formatPercent(rates.timelyFirstResponse, lang)}</dd>
          </div>
          <div>
            <dt>{t('reopenRate')}</dt>
            <dd>{rates.reopen === undefined ? '–' : formatPercent(rates.reopen, lang)}</dd>
          </div>
        </dl>
      ) : (
        <p class="note">{t('ratesHidden')}</p>
      )}
      <dl class="figures">
        <div>
          <dt>{t('medianFirstResponse')}</dt>
          <dd>{hoursText(card.timesInHours.firstResponse.median, lang)}</dd>
        </div>
        <div>
          <dt>{t('medianResolution')}</dt>
          <dd>{hoursText(card.timesInHours.resolution.median, lang)}</dd>
        </div>
        <div>
          <dt>{t('averageRating')}</dt>
          <dd>{card.rating ? `${formatNumber(card.rating.average, lang)} / ${formatNumber(5, lang)}` : '–'}</dd>
        </div>
      </dl>
    </section>
  );
};

/** What a step that does not move the complaint is called (a message, the request for information and what ended its pause). */
export const stepNames: Record<string, TextKey> = {
  WRITE_TO_MERCHANT: 'stepMessage',
  WRITE_TO_CONSUMER: 'stepMessage',
  REQUEST_INFORMATION: 'stepInformationRequest',
  ANSWER_INFORMATION_REQUEST: 'stepInformationAnswer',
  RESUME_DEADLINE: 'stepDeadlineResumed',
};

/** A complaint's steps: the status each reached (or the step's name), who acted, when, and the note written (parties and regulators see notes; the public does not get them). */
export const Timeline = ({
  steps,
}: {
  steps: { seq: number; at: string; actor: ActorRole; action?: string; toStatus: ComplaintStatus; note?: string }[];
}) => {
  const lang = useLanguage();
  return (
    <section aria-labelledby="steps">
      <h3 id="steps">{t('timeline')}</h3>
      <ol class="timeline">
        {steps.map((step) => (
          <li key={step.seq}>
            <strong>
              {step.action && stepNames[step.action] ? t(stepNames[step.action]!) : statusNames[step.toStatus][lang]}
            </strong>{' '}
            <span>{actorNames[step.actor][lang]}</span> <time dateTime={step.at}>{formatDateTime(step.at, lang)}</time>
            {step.note && <p class="message">{step.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
};

/** A case's evidence files: a link to each checked one, who gave it, and what else the viewer needs to know of it. */
export const EvidenceFiles = <
  F extends { attachmentId: string; uploadedBy: 'consumer' | 'merchant'; fileName: string; download?: { url: string } },
>({
  files,
  about,
}: {
  files: F[];
  about?: (file: F) => string;
}) => {
  const lang = useLanguage();
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="files">
      <h3 id="files">{t('filesTitle')}</h3>
      <ul>
        {files.map((file) => (
          <li key={file.attachmentId}>
            {file.download ? <a href={file.download.url}>{file.fileName}</a> : file.fileName} (
            {[actorNames[file.uploadedBy][lang], about?.(file)].filter(Boolean).join(', ')})
          </li>
        ))}
      </ul>
    </section>
  );
};

/** A regulator's hearing of an escalated complaint, as the complaint views carry it. */
export interface HearingView {
  number: number;
  at: string;
  mode: 'ONLINE' | 'IN_PERSON';
  link?: string;
  place?: string;
}

/** The hearings of a complaint (when, online or in person, the link to join or the place); nothing when there are none. */
export const Hearings = ({ hearings, id }: { hearings: HearingView[] | undefined; id: string }) => {
  const lang = useLanguage();
  if (!hearings?.length) return null;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{t('hearings')}</h3>
      <ul>
        {hearings.map((hearing) => (
          <li key={hearing.number}>
            {formatDateTime(hearing.at, lang)} · {t(hearing.mode === 'ONLINE' ? 'hearingOnline' : 'hearingInPerson')} ·{' '}
            {hearing.link ? <a href={hearing.link}>{hearing.link}</a> : hearing.place}
          </li>
        ))}
      </ul>
    </section>
  );
};

/** A merchant's complaints per 10,000 orders over the months it reported, or null: not reported. */
export interface ComplaintRate {
  per10000Orders: number;
  filed: number;
  orders: number;
  months: number;
}

/** The rate in words: "<0.01" rather than 0 when there were complaints (the API rounds to two decimals). */
export const formatRate = (rate: ComplaintRate, lang: Language) =>
  rate.filed > 0 && rate.per10000Orders === 0
    ? `<${formatNumber(0.01, lang)}`
    : formatNumber(rate.per10000Orders, lang);

/** The complaint rate, or "not reported": raw counts say little without the orders behind them. */
export const ComplaintRateView = ({ rate }: { rate: ComplaintRate | null }) => {
  const lang = useLanguage();
  return (
    <dl class="figures complaint-rate">
      <div>
        <dt>{t('complaintsPer10000')}</dt>
        <dd>
          {rate ? formatRate(rate, lang) : t('notReported')}
          <small>
            {rate
              ? `${formatNumber(rate.filed, lang)} ${t('filed')} · ${formatNumber(rate.orders, lang)} ${t('ordersWord')} · ${formatNumber(rate.months, lang)} ${t('monthsReported')}`
              : t('notReportedNote')}
          </small>
        </dd>
      </div>
    </dl>
  );
};
