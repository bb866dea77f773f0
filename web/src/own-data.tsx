/**
 * "Your data": the signed-in consumer downloads everything kept about them, gathered page by page
 * into one JSON file, or erases it (after a confirmation), request after request until it is done.
 */
import { useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from './api';
import { Failed } from './components';
import { formatNumber } from './format';
import { t, useLanguage } from './i18n';
import { navigate } from './router';

interface DataPage {
  generatedAt: string;
  phone: string;
  identity: unknown;
  complaints: unknown[];
  nextCursor?: string;
}

/** Every page of GET /v1/consumer/data as one document; `progress` hears the count so far. */
export const downloadOwnData = async (token: string, progress: (complaints: number) => void) => {
  const complaints: unknown[] = [];
  let first: DataPage | undefined;
  let cursor: string | undefined;
  do {
    const page: DataPage = await getJson<DataPage>(
      `/v1/consumer/data?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { authorization: `Bearer ${token}` },
    );
    first ??= page;
    complaints.push(...page.complaints);
    progress(complaints.length);
    cursor = page.nextCursor;
  } while (cursor);
  const { nextCursor: _last, ...head } = first!;
  return { ...head, complaints };
};

interface ErasureAnswer {
  status: 'DONE' | 'IN_PROGRESS';
  erasedComplaints: number;
}

/** Requests an erasure until it is DONE (each request erases what it has time for); `progress` hears the count so far. */
export const eraseOwnData = async (token: string, progress: (complaints: number) => void) => {
  let erased = 0;
  // Each request erases at least one complaint or ends the erasure: a bound well past any consumer's complaints.
  for (let request = 0; request < 1_000; request++) {
    const answer = await postJson<ErasureAnswer>('/v1/consumer/erasure', {}, { authorization: `Bearer ${token}` });
    erased += answer.erasedComplaints;
    progress(erased);
    if (answer.status === 'DONE') return erased;
  }
  throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'The erasure did not finish; try again.');
};

/** Hands the document to the browser as a file (nothing leaves the phone but to its own storage). */
const saveAsFile = (document: unknown, name: string) => {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  window.document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/** A refusal that a new sign-in answers: its message (from Failed) and the way to sign in again. */
const SignInAgain = ({ error }: { error: unknown }) =>
  error instanceof ApiError && error.code === 'FRESH_SIGN_IN_REQUIRED' ? (
    <p>
      <a href={`/sign-in?fresh=1&next=${encodeURIComponent('/my')}`}>{t('signInAgain')}</a>
    </p>
  ) : null;

/** The complaints an erasure waits for (409 OPEN_COMPLAINTS names them). */
const StillOpen = ({ error }: { error: unknown }) => {
  const open =
    error instanceof ApiError && error.code === 'OPEN_COMPLAINTS'
      ? ((error.details?.complaints ?? []) as { trackingNumber: string }[])
      : [];
  return open.length > 0 ? (
    <p>
      {t('stillOpen')}{' '}
      {open.map(({ trackingNumber }) => (
        <a key={trackingNumber} href={`/track/${trackingNumber}`} class="tracking-number">
          {trackingNumber}{' '}
        </a>
      ))}
    </p>
  ) : null;
};

interface Progress {
  working: boolean;
  count?: number;
  done?: boolean;
  error?: unknown;
}

export function OwnData({ token }: { token: string }) {
  const lang = useLanguage();
  const [state, setState] = useState<Progress>({ working: false });
  const [erasure, setErasure] = useState<Progress & { confirming?: boolean }>({ working: false });
  const signInAgainOn401 = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      navigate(`/sign-in?next=${encodeURIComponent('/my')}`);
      return true;
    }
    return false;
  };
  const download = async () => {
    setState({ working: true, count: 0 });
    try {
      const document = await downloadOwnData(token, (count) => setState({ working: true, count }));
      saveAsFile(document, `ccms-my-data-${document.generatedAt.slice(0, 10)}.json`);
      setState({ working: false, done: true, count: document.complaints.length });
    } catch (error) {
      // A session too old for a download (403 FRESH_SIGN_IN_REQUIRED) shows its message with the way to sign in again.
      if (!signInAgainOn401(error)) setState({ working: false, error });
    }
  };
  const erase = async () => {
    setErasure({ working: true, count: 0 });
    try {
      const count = await eraseOwnData(token, (erased) => setErasure({ working: true, count: erased }));
      setErasure({ working: false, done: true, count });
    } catch (error) {
      if (!signInAgainOn401(error)) setErasure({ working: false, error });
    }
  };
  return (
    <section aria-labelledby="your-data">
      <h2 id="your-data">{t('yourData')}</h2>
      <p class="note">{t('yourDataNote')}</p>
      <button type="button" onClick={download} disabled={state.working}>
        {t('downloadData')}
      </button>
      {(state.working || state.done) && (
        <p role="status">
          {t(state.done ? 'dataReady' : 'collectingData')} {formatNumber(state.count ?? 0, lang)}
        </p>
      )}
      {state.error !== undefined && <Failed error={state.error} retry={download} />}
      <SignInAgain error={state.error} />
      <p class="note">{t('eraseDataNote')}</p>
      {erasure.confirming ? (
        <p>
          <button type="button" class="danger" onClick={erase}>
            {t('eraseConfirm')}
          </button>{' '}
          <button type="button" onClick={() => setErasure({ working: false })}>
            {t('cancel')}
          </button>
        </p>
      ) : (
        <button
          type="button"
          onClick={() => setErasure({ working: false, confirming: true })}
          disabled={erasure.working || erasure.done}
        >
          {t('eraseData')}
        </button>
      )}
      {(erasure.working || erasure.done) && (
        <p role="status">
          {t(erasure.done ? 'dataErased' : 'erasingData')} {formatNumber(erasure.count ?? 0, lang)}
        </p>
      )}
      {erasure.error !== undefined && <Failed error={erasure.error} retry={erase} />}
      <StillOpen error={erasure.error} />
      <SignInAgain error={erasure.error} />
    </section>
  );
}
