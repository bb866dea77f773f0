/** Signing in to a panel with an access key and its secret; the secret stays in this tab (web/src/panel-session.ts). */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, errorText } from './api';
import { ErrorSummary, Field, type FieldErrors } from './form';
import { t, useLanguage } from './i18n';
import { endPanel, startPanel, usePanel, type PanelRole, type PanelSession } from './panel-session';
import { navigate } from './router';

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
      <Field id="secretAccessKey" type="password" label={t('secretAccessKey')} autoComplete="off" value={secret} error={errors.secretAccessKey} onInput={(event) => setSecret(event.currentTarget.value)} />
      <button type="submit" disabled={busy}>
        {busy ? t('sending') : t('signIn')}
      </button>
    </form>
  );
};

/**
 * A panel's page: its heading, then the sign-in form until a key is given; once signed in, who is
 * signed in, the panel's links, sign-out (which forgets the key), and the view.
 */
export const PanelFrame = ({ role, title, home, links, children }: { role: PanelRole; title: string; home: string; links: [string, string][]; children: (panel: PanelSession) => ComponentChildren }) => {
  useLanguage();
  const panel = usePanel(role);
  return (
    <>
      <h1>{title}</h1>
      {!panel ? (
        <PanelSignIn role={role} />
      ) : (
        <>
          <nav class="panel-nav" aria-label={title}>
            <span>{panel.name}</span>
            {links.map(([href, text]) => (
              <a key={href} href={href}>
                {text}
              </a>
            ))}
            <button
              type="button"
              class="secondary"
              onClick={() => {
                endPanel();
                navigate(home);
              }}
            >
              {t('signOut')}
            </button>
          </nav>
          {children(panel)}
        </>
      )}
    </>
  );
};
