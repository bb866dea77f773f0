/** The tracking page anyone with the number can open: status, steps with dates, deadlines as dates and as "in N days". */
import { useState } from 'preact/hooks';
import type { ActorRole, ComplaintStatus } from '../../../functions/domain/lifecycle';
import { Await, Timeline } from '../components';
import { formatDate, formatRelativeDays, statusNames, t, useLanguage, type TextKey } from '../i18n';
import { useLabels } from '../labels';
import { OwnComplaint } from '../own-complaint';
import { navigate } from '../router';
import { useApi } from '../use-api';

interface PublicComplaint {
  trackingNumber: string;
  status: ComplaintStatus;
  merchantId: string;
  category: string;
  filedAt: string;
  deadlines: {
    merchantResponse?: string;
    merchantResponsePausedUntil?: string;
    autoSettlement?: string;
    reopenWindowEnds?: string;
  };
  escalation?: { at: string; reason?: string };
  timeline: { seq: number; at: string; actor: ActorRole; action: string; toStatus: ComplaintStatus }[];
}

const deadlineTexts: [keyof PublicComplaint['deadlines'], TextKey][] = [
  ['merchantResponse', 'merchantResponseDue'],
  ['merchantResponsePausedUntil', 'merchantResponsePaused'],
  ['autoSettlement', 'autoSettlementDue'],
  ['reopenWindowEnds', 'reopenWindowEnds'],
];

const TrackForm = ({ initial }: { initial?: string }) => {
  useLanguage();
  const [value, setValue] = useState(initial ?? '');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const number = value.trim().toUpperCase().replace(/\s+/g, '');
        if (number) navigate(`/track/${encodeURIComponent(number)}`);
      }}
    >
      <label for="tracking-number">{t('trackingNumber')}</label>
      <div class="inline">
        <input
          id="tracking-number"
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
          autoComplete="off"
          spellcheck={false}
          placeholder="7K3M9-Q2TXB"
        />
        <button type="submit">{t('show')}</button>
      </div>
    </form>
  );
};

const Complaint = ({ trackingNumber }: { trackingNumber: string }) => {
  const lang = useLanguage();
  const labels = useLabels();
  // Bumped after the consumer acts, so both views are read again.
  const [version, setVersion] = useState(0);
  const loaded = useApi<PublicComplaint>(`/v1/complaints/${encodeURIComponent(trackingNumber)}`, undefined, version);
  const now = new Date();
  return (
    <Await loaded={loaded}>
      {(complaint) => (
        <article>
          <h2>
            {t('trackingNumber')}: <span class="tracking-number">{complaint.trackingNumber}</span>
          </h2>
          <p class="status">
            {t('status')}: <strong>{statusNames[complaint.status][lang]}</strong>
          </p>
          <p>
            {labels.category(complaint.category, lang)} · {t('filedOn')} {formatDate(complaint.filedAt, lang)}
          </p>
          {complaint.escalation && (
            <p>
              {t('escalatedOn')} {formatDate(complaint.escalation.at, lang)}
            </p>
          )}
          {/* A paused deadline is shown as paused, not as a date that may have passed. */}
          {deadlineTexts.some(([key]) => complaint.deadlines[key]) && (
            <section aria-labelledby="deadlines">
              <h3 id="deadlines">{t('deadlines')}</h3>
              <ul>
                {deadlineTexts
                  .filter(([key]) => complaint.deadlines[key])
                  .filter(([key]) => key !== 'merchantResponse' || !complaint.deadlines.merchantResponsePausedUntil)
                  .map(([key, text]) => (
                    <li key={key}>
                      {t(text)}:{' '}
                      <time dateTime={complaint.deadlines[key]}>{formatDate(complaint.deadlines[key]!, lang)}</time> (
                      {formatRelativeDays(complaint.deadlines[key]!, now, lang)})
                    </li>
                  ))}
              </ul>
            </section>
          )}
          <Timeline steps={complaint.timeline} />
          <OwnComplaint
            trackingNumber={complaint.trackingNumber}
            version={version}
            changed={() => setVersion((n) => n + 1)}
          />
        </article>
      )}
    </Await>
  );
};

export default function TrackPage({ trackingNumber }: { trackingNumber?: string }) {
  useLanguage();
  return (
    <>
      <h1>{t('trackTitle')}</h1>
      <TrackForm initial={trackingNumber} key={trackingNumber} />
      {trackingNumber && <Complaint trackingNumber={trackingNumber} />}
    </>
  );
}
