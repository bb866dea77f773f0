/**
 * "News that can wait": the signed-in consumer stops or resumes the messages that ask nothing of
 * them (the merchant acknowledged or replied, the complaint closed). Deadlines, proposals,
 * settlements, escalation, hearings and decisions always come.
 */
import { useEffect, useState } from 'preact/hooks';
import { getJson, sendJson } from './api';
import { Failed } from './components';
import { t, useLanguage } from './i18n';

type Shown =
  | { state: 'loading' }
  | { state: 'shown'; stop: boolean; saved?: boolean }
  | { state: 'failed'; error: unknown };

export const MessagePreferences = ({ token }: { token: string }) => {
  useLanguage();
  const [shown, setShown] = useState<Shown>({ state: 'loading' });
  const [saving, setSaving] = useState(false);
  const auth = { authorization: `Bearer ${token}` };
  const load = async () => {
    try {
      const { stopNonEssential } = await getJson<{ stopNonEssential: boolean }>(
        '/v1/consumer/message-preferences',
        auth,
      );
      setShown({ state: 'shown', stop: stopNonEssential });
    } catch (error) {
      setShown({ state: 'failed', error });
    }
  };
  useEffect(() => void load(), [token]);
  const change = async (stop: boolean) => {
    // Shown as chosen at once; a refusal shows instead.
    setShown({ state: 'shown', stop });
    setSaving(true);
    try {
      const answer = await sendJson<{ stopNonEssential: boolean }>(
        '/v1/consumer/message-preferences',
        { stopNonEssential: stop },
        auth,
        'PUT',
      );
      setShown({ state: 'shown', stop: answer.stopNonEssential, saved: true });
    } catch (error) {
      setShown({ state: 'failed', error });
    } finally {
      setSaving(false);
    }
  };
  return (
    <section aria-labelledby="message-preferences">
      <h2 id="message-preferences">{t('messagesPreferenceTitle')}</h2>
      <p class="note">{t('messagesPreferenceAlways')}</p>
      <p class="note" id="quiet-hours">
        {t('messagesQuietHours')}
      </p>
      {shown.state === 'failed' ? (
        <Failed error={shown.error} retry={load} />
      ) : (
        <>
          <label class="choice">
            <input
              type="checkbox"
              checked={shown.state === 'shown' && shown.stop}
              disabled={shown.state !== 'shown' || saving}
              onChange={(event) => void change(event.currentTarget.checked)}
            />{' '}
            {t('messagesPreferenceStop')}
          </label>
          {shown.state === 'shown' && shown.saved && (
            <p class="done" role="status">
              {t(shown.stop ? 'messagesPreferenceStopped' : 'messagesPreferenceResumed')}
            </p>
          )}
        </>
      )}
    </section>
  );
};
