/**
 * After filing: the tracking number (with a copy button), what happens next with its dates, and
 * evidence uploads straight to S3, each with a progress bar and then the check's result.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, getJson, postJson } from '../api';
import { formatDate, formatRelativeDays, t, useLanguage } from '../i18n';
import { currentSession } from '../session';

interface Upload {
  name: string;
  attachmentId?: string;
  progress: number;
  state: 'uploading' | 'checking' | 'VERIFIED' | 'REJECTED' | 'failed';
  message?: string;
}
interface UploadForm {
  attachmentId: string;
  upload: { url: string; fields: Record<string, string> };
}

/** Posts the file to S3 with the presigned form, reporting progress (fetch cannot report upload progress). */
const postToS3 = (form: UploadForm, file: File, onProgress: (fraction: number) => void) =>
  new Promise<void>((resolve, reject) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(form.upload.fields)) body.append(name, value);
    body.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', form.upload.url);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status < 300 ? resolve() : reject(new Error(`S3 answered ${request.status}`)));
    request.onerror = () => reject(new Error('The upload failed.'));
    request.send(body);
  });

export default function FiledPage({ trackingNumber }: { trackingNumber: string }) {
  const lang = useLanguage();
  const session = currentSession();
  const filed = JSON.parse(sessionStorage.getItem('ccms.filed') ?? 'null') as { trackingNumber: string; merchantDeadline?: string } | null;
  const [copied, setCopied] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const auth = { authorization: `Bearer ${session?.token ?? ''}` };
  const change = (index: number, changes: Partial<Upload>) => setUploads((current) => current.map((upload, i) => (i === index ? { ...upload, ...changes } : upload)));

  // Ask for each check's result until none is pending.
  useEffect(() => {
    if (!uploads.some((upload) => upload.state === 'checking')) return;
    const timer = setTimeout(async () => {
      const { attachments } = await getJson<{ attachments: { attachmentId: string; status: Upload['state']; rejection?: { message: string } }[] }>(`/v1/complaints/${trackingNumber}/attachments`, auth).catch(() => ({ attachments: [] }));
      setUploads((current) =>
        current.map((upload) => {
          const found = attachments.find((attachment) => attachment.attachmentId === upload.attachmentId);
          return upload.state === 'checking' && found && found.status !== ('PENDING' as string) ? { ...upload, state: found.status, message: found.rejection?.message } : upload;
        }),
      );
    }, 1500);
    return () => clearTimeout(timer);
  }, [uploads]);

  const upload = async (files: FileList) => {
    const start = uploads.length;
    const chosen = [...files];
    setUploads((current) => [...current, ...chosen.map((file) => ({ name: file.name, progress: 0, state: 'uploading' as const }))]);
    await Promise.all(
      chosen.map(async (file, offset) => {
        const index = start + offset;
        try {
          const form = await postJson<UploadForm>(`/v1/complaints/${trackingNumber}/attachments`, { fileName: file.name, contentType: file.type, size: file.size }, auth);
          change(index, { attachmentId: form.attachmentId });
          await postToS3(form, file, (progress) => change(index, { progress }));
          change(index, { progress: 1, state: 'checking' });
        } catch (error) {
          change(index, { state: 'failed', message: errorText(error, lang) });
        }
      }),
    );
  };

  const stateText = (state: Upload['state']) => t(state === 'uploading' ? 'uploading' : state === 'checking' ? 'checking' : state === 'VERIFIED' ? 'verified' : state === 'REJECTED' ? 'rejected' : 'uploadFailed');
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
              {t('nextMerchant')} <time dateTime={filed.merchantDeadline}>{formatDate(filed.merchantDeadline, lang)}</time> ({formatRelativeDays(filed.merchantDeadline, new Date(), lang)})
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
          <label for="files">{t('chooseFiles')}</label>
          <p class="hint" id="files-hint">
            {t('evidenceHint')}
          </p>
          <input id="files" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" aria-describedby="files-hint" onChange={(event) => event.currentTarget.files && void upload(event.currentTarget.files)} />
          <ul class="uploads" aria-live="polite">
            {uploads.map((file, index) => (
              <li key={index}>
                <span>{file.name}</span>
                <progress max={1} value={file.progress} aria-label={`${file.name}: ${stateText(file.state)}`} />
                <span class={`upload-${file.state}`}>
                  {stateText(file.state)}
                  {file.message && `: ${file.message}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
