/**
 * The page the filing's email links to: it takes the token out of the link's fragment (never sent
 * to a server by the browser, so in no log) and out of the address bar and the history, and
 * confirms the consumer's address with it when they tap the button.
 */
import { useState } from 'preact/hooks';
import { ApiError, postJson } from '../api';
import { takeSecretFromLink } from '../router';
import { Failed, Loading } from '../components';
import { formatDate, t, useLanguage } from '../i18n';

type State =
  | { state: 'asking' }
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
  const [token] = useState(takeSecretFromLink);
  const [result, setResult] = useState<State>({ state: 'asking' });
  // Confirmed by a tap, not on opening: mail scanners open links (and run their scripts) unasked.
  const send = async () => {
    setResult({ state: 'working' });
    setResult(await confirm(token));
  };

  return (
    <>
      <h1>{t('emailConfirmTitle')}</h1>
      {!token ? (
        <p class="error" role="alert">
          {t('emailConfirmNoToken')}
        </p>
      ) : result.state === 'asking' ? (
        <>
          <p>{t('emailConfirmAsk')}</p>
          <button type="button" onClick={send}>
            {t('emailConfirmButton')}
          </button>
        </>
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
        <Failed error={result.error} retry={send} />
      )}
    </>
  );
}
