/**
 * Evidence uploads straight to S3 with a presigned form, each file with a progress bar and then
 * the check's result (asked for until none is pending). The consumer and the merchant panel use it,
 * each with its own routes.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, errorText } from './api';
import { t, useLanguage } from './i18n';

export interface Upload {
  name: string;
  attachmentId?: string;
  progress: number;
  state: 'uploading' | 'checking' | 'VERIFIED' | 'REJECTED' | 'failed';
  message?: string;
}
export interface UploadForm {
  attachmentId: string;
  upload: { url: string; fields: Record<string, string> };
}
export interface CheckedAttachment {
  attachmentId: string;
  status: string;
  rejection?: { code: string; message: string };
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

export const useUploads = (routes: {
  requestForm: (file: File) => Promise<UploadForm>;
  attachments: () => Promise<CheckedAttachment[]>;
}) => {
  const lang = useLanguage();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const change = (index: number, changes: Partial<Upload>) =>
    setUploads((current) => current.map((upload, i) => (i === index ? { ...upload, ...changes } : upload)));

  useEffect(() => {
    if (!uploads.some((upload) => upload.state === 'checking')) return;
    const timer = setTimeout(async () => {
      const attachments = await routes.attachments().catch(() => []);
      setUploads((current) =>
        current.map((upload) => {
          const found = attachments.find((attachment) => attachment.attachmentId === upload.attachmentId);
          // A quarantined file (a malware scan found a threat) is not accepted either; its message says why.
          return upload.state === 'checking' && found && ['VERIFIED', 'REJECTED', 'QUARANTINED'].includes(found.status)
            ? {
                ...upload,
                state: found.status === 'VERIFIED' ? 'VERIFIED' : 'REJECTED',
                message:
                  found.rejection && errorText(new ApiError(422, found.rejection.code, found.rejection.message), lang),
              }
            : upload;
        }),
      );
    }, 1500);
    return () => clearTimeout(timer);
  }, [uploads]);

  const add = async (files: FileList) => {
    const start = uploads.length;
    const chosen = [...files];
    setUploads((current) => [
      ...current,
      ...chosen.map((file) => ({ name: file.name, progress: 0, state: 'uploading' as const })),
    ]);
    await Promise.all(
      chosen.map(async (file, offset) => {
        const index = start + offset;
        try {
          const form = await routes.requestForm(file);
          change(index, { attachmentId: form.attachmentId });
          await postToS3(form, file, (progress) => change(index, { progress }));
          change(index, { progress: 1, state: 'checking' });
        } catch (error) {
          change(index, { state: 'failed', message: errorText(error, lang) });
        }
      }),
    );
  };
  return { uploads, add };
};

const stateText = (state: Upload['state']) =>
  t(
    state === 'uploading'
      ? 'uploading'
      : state === 'checking'
        ? 'checking'
        : state === 'VERIFIED'
          ? 'verified'
          : state === 'REJECTED'
            ? 'rejected'
            : 'uploadFailed',
  );

/** The file input, its hint, and each file's progress and result. */
export const UploadField = ({
  id,
  label,
  uploads,
  add,
}: {
  id: string;
  label: string;
  uploads: Upload[];
  add: (files: FileList) => Promise<void>;
}) => {
  useLanguage();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('evidenceHint')}
      </p>
      <input
        id={id}
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp,application/pdf"
        aria-describedby={`${id}-hint`}
        onChange={(event) => event.currentTarget.files && void add(event.currentTarget.files)}
      />
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
    </div>
  );
};
