/** Signing in to a panel with an access key and its secret; the secret stays in this tab (web/src/panel-session.ts). */
import { useState } from 'preact/hooks';
import { ApiError, errorText } from './api';
import { ErrorSummary, Field, type FieldErrors } from './form';
import { t, useLanguage } from './i18n';
import { startPanel, type PanelRole } from './panel-session';

export const PanelSignIn = ({ role }: { role: PanelRole }) => {
  const lang = useLanguage();
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const problems: FieldErrors = {};
        if (!accessKeyId.trim()) problems.accessKeyId = t('required');
        if (!secret.trim()) problems.secretAccessKey = t('required');
        setErrors(problems);
        setGeneral(undefined);
        if (Object.keys(problems).length > 0) return;
        setBusy(true);
        try {
          await startPanel(role, accessKeyId.trim(), secret.trim());
        } catch (error) {
          setGeneral(error instanceof ApiError && error.status === 401 ? t('keyRefused') : error instanceof ApiError && error.status === 403 ? t(role === 'merchant' ? 'notMerchantKey' : 'notRegulatorKey') : errorText(error, lang));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>{t('panelSignIn')}</h2>
      <p class="note">{t('panelSecretNote')}</p>
      <ErrorSummary errors={errors} general={general} labelOf={(field) => t(field === 'accessKeyId' ? 'accessKeyId' : 'secretAccessKey')} />
      <Field id="accessKeyId" label={t('accessKeyId')} autoComplete="username" spellcheck={false} value={accessKeyId} error={errors.accessKeyId} onInput={(event) => setAccessKeyId(event.currentTarget.value)} />
      <Field id="secretAccessKey" type="password" label={t('secretAccessKey')} autoComplete="current-password" value={secret} error={errors.secretAccessKey} onInput={(event) => setSecret(event.currentTarget.value)} />
      <button type="submit" disabled={busy}>
        {busy ? t('sending') : t('signIn')}
      </button>
    </form>
  );
};
