/**
 * The page the filing's email links to: it confirms the consumer's address with the token in the
 * link's fragment (never sent to a server by the browser, so in no log), then takes the token out
 * of the address bar and the history.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, postJson } from '../api';
import { Failed, Loading } from '../components';
import { formatDate, t, useLanguage } from '../i18n';

type State =
  | { state: 'working' }
  | { state: 'confirmed'; trackingNumber: string; confirmedAt: string }
  | { state: 'failed'; error: unknown };

const confirm = async (token: string): Promise<State> => {
  try {
    const answer = await postJson<{ trackingNumber: string; confirmedAt: string }>('/v1/email-confirmations', {
      token,
    });
    return { state: 'confirmed', ...answer };
  } catch (error) {
    return { state: 'failed', error };
  }
};

export default function ConfirmEmailPage() {
  const lang = useLanguage();
  const [token] = useState(() => decodeURIComponent(location.hash.slice(1)));
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<State>({ state: 'working' });
  useEffect(() => {
    if (!token) return;
    history.replaceState(null, '', location.pathname);
    let live = true;
    setResult({ state: 'working' });
    confirm(token).then((state) => live && setResult(state));
    return () => {
      live = false;
    };
  }, [token, attempt]);

  return (
    <>
      <h1>{t('emailConfirmTitle')}</h1>
      {!token ? (
        <p class="error" role="alert">
          {t('emailConfirmNoToken')}
        </p>
      ) : result.state === 'working' ? (
        <Loading />
      ) : result.state === 'confirmed' ? (
        <div role="status">
          <p>
            {t('emailConfirmed')} (<time dateTime={result.confirmedAt}>{formatDate(result.confirmedAt, lang)}</time>)
          </p>
          <p>
            <a href={`/track/${result.trackingNumber}`}>
              {t('trackIt')}: {result.trackingNumber}
            </a>
          </p>
        </div>
      ) : result.error instanceof ApiError && result.error.status === 404 ? (
        <p class="error" role="alert">
          {t('emailConfirmInvalid')}
        </p>
      ) : (
        <Failed error={result.error} retry={() => setAttempt((n) => n + 1)} />
      )}
    </>
  );
}
