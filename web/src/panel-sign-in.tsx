/** Signing in to a panel with an access key and its secret; the secret stays in this tab (web/src/panel-session.ts). */
import type { ComponentChildren } from 'preact';
import { ApiError } from './api';
import { ErrorSummary, Field, useForm, type FieldErrors } from './form';
import { t, useLanguage } from './i18n';
import { endPanel, startPanel, usePanel, type PanelRole, type PanelSession } from './panel-session';
import { navigate } from './router';

export const PanelSignIn = ({ role }: { role: PanelRole }) => {
  useLanguage();
  const form = useForm();
  const accessKeyId = form.values.accessKeyId?.trim() ?? '';
  const secret = form.values.secretAccessKey?.trim() ?? '';
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const problems: FieldErrors = {};
        if (!accessKeyId) problems.accessKeyId = t('required');
        if (!secret) problems.secretAccessKey = t('required');
        void form.submit(problems, async () => {
          try {
            await startPanel(role, accessKeyId, secret);
          } catch (error) {
            // A refused key says which kind of refusal; anything else is explained by its code.
            if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) throw error;
            form.setGeneral(
              error.status === 401 ? t('keyRefused') : t(role === 'merchant' ? 'notMerchantKey' : 'notRegulatorKey'),
            );
          }
        });
      }}
    >
      <h2>{t('panelSignIn')}</h2>
      <p class="note">{t('panelSecretNote')}</p>
      <ErrorSummary
        errors={form.errors}
        general={form.general}
        labelOf={(field) => t(field === 'accessKeyId' ? 'accessKeyId' : 'secretAccessKey')}
      />
      <Field label={t('accessKeyId')} autoComplete="username" spellcheck={false} {...form.field('accessKeyId')} />
      <Field type="password" label={t('secretAccessKey')} autoComplete="off" {...form.field('secretAccessKey')} />
      <button type="submit" disabled={form.sending}>
        {form.sending ? t('sending') : t('signIn')}
      </button>
    </form>
  );
};

/**
 * A panel's page: its heading, then the sign-in form until a key is given; once signed in, who is
 * signed in, the panel's links, sign-out (which forgets the key), and the view.
 */
export const PanelFrame = ({
  role,
  title,
  home,
  links,
  children,
}: {
  role: PanelRole;
  title: string;
  home: string;
  links: [string, string][];
  children: (panel: PanelSession) => ComponentChildren;
}) => {
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
