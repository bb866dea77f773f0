/**
 * After filing: the tracking number (with a copy button), what happens next with its dates, and
 * evidence uploads straight to S3, each with a progress bar and then the check's result.
 */
import { useState } from 'preact/hooks';
import { getJson, postJson } from '../api';
import { formatDate, formatRelativeDays, t, useLanguage } from '../i18n';
import { currentSession } from '../session';
import { UploadField, useUploads, type CheckedAttachment, type UploadForm } from '../uploads';

export default function FiledPage({ trackingNumber }: { trackingNumber: string }) {
  const lang = useLanguage();
  const session = currentSession();
  const filed = JSON.parse(sessionStorage.getItem('ccms.filed') ?? 'null') as {
    trackingNumber: string;
    merchantDeadline?: string;
  } | null;
  const [copied, setCopied] = useState(false);
  const auth = { authorization: `Bearer ${session?.token ?? ''}` };
  const { uploads, add } = useUploads({
    requestForm: (file) =>
      postJson<UploadForm>(
        `/v1/complaints/${trackingNumber}/attachments`,
        { fileName: file.name, contentType: file.type, size: file.size },
        auth,
      ),
    attachments: async () =>
      (await getJson<{ attachments: CheckedAttachment[] }>(`/v1/complaints/${trackingNumber}/attachments`, auth))
        .attachments,
  });

  return (
    <>
      <h1>{t('filedTitle')}</h1>
      <p class="tracking">
        {t('trackingNumber')}: <strong class="tracking-number">{trackingNumber}</strong>{' '}
        <button
          type="button"
          class="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(trackingNumber).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </p>
      <section aria-labelledby="next">
        <h2 id="next">{t('whatNext')}</h2>
        <ul>
          {filed?.merchantDeadline && (
            <li>
              {t('nextMerchant')}{' '}
              <time dateTime={filed.merchantDeadline}>{formatDate(filed.merchantDeadline, lang)}</time> (
              {formatRelativeDays(filed.merchantDeadline, new Date(), lang)})
            </li>
          )}
          <li>{t('nextSms')}</li>
          <li>
            <a href={`/track/${trackingNumber}`}>{t('trackIt')}</a>
          </li>
        </ul>
      </section>
      {session && (
        <section aria-labelledby="evidence">
          <h2 id="evidence">{t('evidenceTitle')}</h2>
          <UploadField id="files" label={t('chooseFiles')} uploads={uploads} add={add} />
        </section>
      )}
    </>
  );
}
