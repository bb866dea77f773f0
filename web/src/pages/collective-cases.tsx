/**
 * The regulator console's collective cases: the list and the form that opens one; a collective
 * case with its members (each a link to its own case), how far its hearings and decision have
 * reached their cases, the members' CSV, and the forms that add members, schedule its hearing and
 * decide it. Every request is signed in the browser, as in the rest of the console.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorText, getText, postJson } from '../api';
import { Await, Failed, Hearings, PagedFooter, type HearingView } from '../components';
import { ErrorSummary, Field, TextArea, useForm } from '../form';
import { formatDateTime, formatNumber, t, useLanguage } from '../i18n';
import { useLabels } from '../labels';
import type { PanelSession } from '../panel-session';
import { navigate } from '../router';
import { useApi } from '../use-api';
import { usePagedList } from '../use-paged-list';
import { Decision, Hearing, outcomeTexts, type Outcome } from './regulator-console';

interface CollectiveSummary {
  caseId: string;
  merchantId: string;
  title: string;
  status: 'OPEN' | 'DECIDED';
  createdAt: string;
  decision?: { outcome: Outcome; decidedAt: string };
}

interface CollectiveRecord extends CollectiveSummary {
  members: number;
  hearings: HearingView[];
  memberList: { trackingNumber: string; category: string; addedAt: string }[];
  nextCursor?: string;
  progress?: {
    runAt: string;
    members: number;
    decided: number;
    hearingsScheduled: number;
    decidedAlone: string[];
    erased: string[];
    failed: string[];
  };
}

const collectivePath = (caseId: string) => `/v1/regulator/collective-cases/${encodeURIComponent(caseId)}`;

const Open = ({ panel }: { panel: PanelSession }) => {
  useLanguage();
  const form = useForm();
  const { values } = form;
  const send = () =>
    postJson<CollectiveSummary>(
      '/v1/regulator/collective-cases',
      { merchantId: values.merchantId?.trim().toLowerCase(), title: values.title },
      panel.sign,
    ).then((opened) => navigate(`/regulator/collective/${opened.caseId}`));
  return (
    <details class="action">
      <summary>{t('collectiveOpen')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const problems = Object.fromEntries(
            ['merchantId', 'title'].filter((name) => !values[name]?.trim()).map((name) => [name, t('required')]),
          );
          void form.submit(problems, send);
        }}
      >
        <ErrorSummary
          errors={form.errors}
          general={form.general}
          labelOf={(name) => t(name === 'merchantId' ? 'merchantId' : 'collectiveName')}
        />
        <Field label={t('merchantId')} {...form.field('merchantId')} />
        <Field label={t('collectiveName')} hint={t('collectiveNameHint')} {...form.field('title')} />
        <button type="submit" disabled={form.sending}>
          {form.sending ? t('sending') : t('collectiveOpen')}
        </button>
      </form>
    </details>
  );
};

/** The collective cases, newest first, and the form that opens one. */
export const CollectiveCases = ({ panel }: { panel: PanelSession }) => {
  const lang = useLanguage();
  const list = usePagedList<CollectiveSummary>(
    '/v1/regulator/collective-cases?limit=25',
    'collectiveCases',
    panel.sign,
  );
  const { rows, cursor, state } = list;
  return (
    <>
      <h2>{t('collectiveTitle')}</h2>
      <p class="note">{t('collectiveNote')}</p>
      <Open panel={panel} />
      {rows.length === 0 && !cursor && !state.loading && !state.error && <p class="note">{t('noCollectiveCases')}</p>}
      <ul class="cards">
        {rows.map((row) => (
          <li key={row.caseId}>
            <a href={`/regulator/collective/${row.caseId}`}>
              <strong>{row.title}</strong>
            </a>
            <span>
              {row.merchantId} · {formatDateTime(row.createdAt, lang)} ·{' '}
              {row.decision ? t(outcomeTexts[row.decision.outcome]) : t('collectiveOpenStatus')}
            </span>
          </li>
        ))}
      </ul>
      <PagedFooter list={list} />
    </>
  );
};

/** Tracking numbers as typed: one per line, or separated by spaces or commas. */
const trackingNumbersOf = (typed: string) =>
  typed
    .split(/[\s,;]+/)
    .map((one) => one.trim())
    .filter(Boolean);

const AddMembers = ({ panel, caseId, done }: { panel: PanelSession; caseId: string; done: () => void }) => {
  const lang = useLanguage();
  const form = useForm();
  const [answer, setAnswer] = useState<{
    added: string[];
    refused: { trackingNumber: string; code: string; message: string }[];
  }>();
  const send = () =>
    postJson<NonNullable<typeof answer>>(
      `${collectivePath(caseId)}/members`,
      { trackingNumbers: trackingNumbersOf(form.values.trackingNumbers ?? '') },
      panel.sign,
    ).then((added) => {
      setAnswer(added);
      form.set('trackingNumbers')('');
      done();
    });
  return (
    <details class="action" open>
      <summary>{t('collectiveAdd')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const count = trackingNumbersOf(form.values.trackingNumbers ?? '').length;
          void form.submit(
            count === 0
              ? { trackingNumbers: t('required') }
              : count > 100
                ? { trackingNumbers: t('collectiveAddTooMany') }
                : {},
            send,
          );
        }}
      >
        <ErrorSummary errors={form.errors} general={form.general} labelOf={() => t('collectiveAddField')} />
        <TextArea label={t('collectiveAddField')} hint={t('collectiveAddHint')} {...form.field('trackingNumbers')} />
        <button type="submit" disabled={form.sending}>
          {form.sending ? t('sending') : t('collectiveAdd')}
        </button>
      </form>
      {answer && (
        <div role="status">
          <p>
            {t('collectiveAdded')}: {formatNumber(answer.added.length, lang)}
          </p>
          {answer.refused.length > 0 && (
            <ul class="refused">
              {answer.refused.map((refusal) => (
                <li key={refusal.trackingNumber}>
                  <span class="tracking-number">{refusal.trackingNumber}</span>:{' '}
                  {errorText(new ApiError(200, refusal.code, refusal.message), lang)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
};

/** Saves the members' CSV: a signed read, handed to the browser as a file. */
const MembersCsv = ({ panel, caseId }: { panel: PanelSession; caseId: string }) => {
  useLanguage();
  const [state, setState] = useState<{ loading?: boolean; error?: unknown; url?: string }>({});
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => () => state.url && URL.revokeObjectURL(state.url), [state.url]);
  useEffect(() => link.current?.click(), [state.url]);
  const fetchCsv = async () => {
    setState({ loading: true });
    try {
      const csv = await getText(`${collectivePath(caseId)}/members.csv`, panel.sign);
      setState({ url: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })) });
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <p>
      <button type="button" onClick={fetchCsv} disabled={state.loading}>
        {t('collectiveCsv')}
      </button>
      {state.url && (
        <a ref={link} href={state.url} download={`ccms-collective-${caseId}.csv`}>
          {' '}
          {t('collectiveCsvReady')}
        </a>
      )}
      {state.error !== undefined && <Failed error={state.error} retry={fetchCsv} />}
    </p>
  );
};

/** A collective case: its record, its members, and what a regulator can do with it. */
export const CollectiveCaseView = ({ panel, caseId }: { panel: PanelSession; caseId: string }) => {
  const lang = useLanguage();
  const labels = useLabels();
  const [version, setVersion] = useState(0);
  const [cursor, setCursor] = useState<string>();
  const loaded = useApi<CollectiveRecord>(
    `${collectivePath(caseId)}?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    panel.sign,
    version,
  );
  const reload = () => setVersion((n) => n + 1);
  return (
    <Await loaded={loaded}>
      {(record) => (
        <article>
          <h2>{record.title}</h2>
          <p class="status">
            <span class="tracking-number">{record.caseId}</span> · {record.merchantId} · {t('status')}:{' '}
            <strong>{record.decision ? t(outcomeTexts[record.decision.outcome]) : t('collectiveOpenStatus')}</strong>
          </p>
          <dl class="review">
            <dt>{t('collectiveMembers')}</dt>
            <dd>{formatNumber(record.members, lang)}</dd>
            {record.progress && (
              <>
                <dt>{t('collectiveProgress')}</dt>
                <dd>
                  {record.decision
                    ? `${formatNumber(record.progress.decided, lang)} / ${formatNumber(record.progress.members, lang)} ${t('collectiveDecidedCount')}`
                    : `${formatNumber(record.progress.members, lang)} ${t('collectiveReached')}`}{' '}
                  ({formatDateTime(record.progress.runAt, lang)})
                  {record.progress.failed.length > 0 && (
                    <span class="error">
                      {' '}
                      · {t('collectiveFailed')}: {record.progress.failed.join(', ')}
                    </span>
                  )}
                  {record.progress.decidedAlone.length > 0 &&
                    ` · ${t('collectiveDecidedAlone')}: ${record.progress.decidedAlone.join(', ')}`}
                </dd>
              </>
            )}
          </dl>
          <Hearings hearings={record.hearings} id="collective-hearings" />
          <section aria-labelledby="members">
            <h3 id="members">{t('collectiveMembers')}</h3>
            {record.memberList.length === 0 ? (
              <p class="note">{t('collectiveNoMembers')}</p>
            ) : (
              <ul class="cards">
                {record.memberList.map((member) => (
                  <li key={member.trackingNumber}>
                    <a href={`/regulator/cases/${member.trackingNumber}`} class="tracking-number">
                      {member.trackingNumber}
                    </a>
                    <span>
                      {labels.category(member.category, lang)} · {formatDateTime(member.addedAt, lang)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {(cursor || record.nextCursor) && (
              <p>
                {cursor && (
                  <button type="button" onClick={() => setCursor(undefined)}>
                    {t('collectiveFirstPage')}
                  </button>
                )}{' '}
                {record.nextCursor && (
                  <button type="button" onClick={() => setCursor(record.nextCursor)}>
                    {t('more')}
                  </button>
                )}
              </p>
            )}
            {record.members > 0 && <MembersCsv panel={panel} caseId={record.caseId} />}
          </section>
          {record.status === 'OPEN' && (
            <section aria-labelledby="actions">
              <h3 id="actions">{t('whatYouCanDo')}</h3>
              <p class="note">{t('collectiveActionsNote')}</p>
              <AddMembers panel={panel} caseId={record.caseId} done={reload} />
              <Hearing panel={panel} path={collectivePath(record.caseId)} done={reload} />
              {record.members > 0 && <Decision panel={panel} path={collectivePath(record.caseId)} done={reload} />}
            </section>
          )}
        </article>
      )}
    </Await>
  );
};
