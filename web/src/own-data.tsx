/** "Your data": the signed-in consumer downloads everything kept about them, gathered page by page into one JSON file. */
import { useState } from 'preact/hooks';
import { ApiError, getJson } from './api';
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

/** Hands the document to the browser as a file (nothing leaves the phone but to its own storage). */
const saveAsFile = (document: unknown, name: string) => {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  window.document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

export function OwnData({ token }: { token: string }) {
  const lang = useLanguage();
  const [state, setState] = useState<{ working: boolean; count?: number; done?: boolean; error?: unknown }>({
    working: false,
  });
  const download = async () => {
    setState({ working: true, count: 0 });
    try {
      const document = await downloadOwnData(token, (count) => setState({ working: true, count }));
      saveAsFile(document, `ccms-my-data-${document.generatedAt.slice(0, 10)}.json`);
      setState({ working: false, done: true, count: document.complaints.length });
    } catch (error) {
      // A session too old for a download (403 FRESH_SIGN_IN_REQUIRED) shows its message with the way to sign in again.
      if (error instanceof ApiError && error.status === 401)
        return navigate(`/sign-in?next=${encodeURIComponent('/my')}`);
      setState({ working: false, error });
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
      {state.error instanceof ApiError && state.error.code === 'FRESH_SIGN_IN_REQUIRED' && (
        <p>
          <a href={`/sign-in?fresh=1&next=${encodeURIComponent('/my')}`}>{t('signInAgain')}</a>
        </p>
      )}
    </section>
  );
}
