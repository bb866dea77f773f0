/**
 * The regulator console: escalated cases with filters and a CSV export with its progress; the
 * alerts the rules raised on merchants, with the figures behind each; a case
 * with "timeline verified" and "evidence verified" marks, the printable case records, hearing
 * scheduling and the decision. Every request is signed in the browser (web/src/sigv4.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { remedies } from '../../../functions/domain/complaint';
import type { ActorRole, ComplaintStatus } from '../../../functions/domain/lifecycle';
import { getJson, postJson } from '../api';
import {
  Await,
  EvidenceFiles,
  Failed,
  Hearings,
  Loading,
  PagedFooter,
  Timeline,
  type HearingView,
} from '../components';
import { takaOf } from '../digits';
import { ErrorSummary, Field, Select, TextArea, useForm } from '../form';
import { formatPercent } from '../format';
import { formatDate, formatDateTime, formatNumber, statusNames, t, useLanguage, type TextKey } from '../i18n';
import { useChoices, useLabels } from '../labels';
import { remedyNames } from '../names';
import type { PanelSession } from '../panel-session';
import { PanelFrame } from '../panel-sign-in';
import { CollectiveCases, CollectiveCaseView } from './collective-cases';
import { UnlistedSellers, UnlistedSellerView } from './unlisted-sellers';
import { useApi } from '../use-api';
import { usePagedList } from '../use-paged-list';

type Remedy = (typeof remedies)[number];
export type Outcome = 'UPHELD' | 'DISMISSED' | 'REFERRED';

interface CaseRow {
  trackingNumber: string;
  status: ComplaintStatus;
  merchantId: string;
  category: string;
  district?: string;
  reason: 'MERCHANT_DEADLINE_MISSED' | 'RESOLUTION_DISPUTED';
  escalatedAt: string;
  decision?: { outcome: Outcome };
}

interface ExportJob {
  exportId: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  progress: { rowsWritten: number; percent: number };
  failure?: string;
  download?: { url: string };
}

interface Choices {
  categories: { id: string; label: Record<'bn' | 'en', string> }[];
  districts: { id: string; name: Record<'bn' | 'en', string> }[];
}

const reasonTexts: Record<CaseRow['reason'], TextKey> = {
  MERCHANT_DEADLINE_MISSED: 'reasonDeadlineMissed',
  RESOLUTION_DISPUTED: 'reasonDisputed',
};
export const outcomeTexts: Record<Outcome, TextKey> = {
  UPHELD: 'outcomeUpheld',
  DISMISSED: 'outcomeDismissed',
  REFERRED: 'outcomeReferred',
};

const filterNames = ['status', 'merchantId', 'category', 'district', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof filterNames)[number], string>>;
const queryOf = (filters: Filters) =>
  filterNames
    .filter((name) => filters[name]?.trim())
    .map((name) => `${name}=${encodeURIComponent(filters[name]!.trim())}`);

/** Starts an export of the search and follows it to its download link. */
const Export = ({ panel, filters }: { panel: PanelSession; filters: Filters }) => {
  const lang = useLanguage();
  const [job, setJob] = useState<ExportJob>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!job || job.status === 'SUCCEEDED' || job.status === 'FAILED') return;
    const timer = setTimeout(
      () =>
        getJson<ExportJob>(`/v1/regulator/exports/${job.exportId}`, panel.sign).then(setJob, (failure: unknown) => {
          setError(failure);
          setJob(undefined);
        }),
      1500,
    );
    return () => clearTimeout(timer);
  }, [job]);
  const start = async () => {
    setError(undefined);
    try {
      setJob(
        await postJson<ExportJob>(
          '/v1/regulator/exports',
          Object.fromEntries(
            filterNames.filter((name) => filters[name]?.trim()).map((name) => [name, filters[name]!.trim()]),
          ),
          panel.sign,
        ),
      );
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <section aria-labelledby="export">
      <h3 id="export">{t('exportTitle')}</h3>
      <button
        type="button"
        class="secondary"
        disabled={job && (job.status === 'QUEUED' || job.status === 'RUNNING')}
        onClick={start}
      >
        {t('exportCsv')}
      </button>
      {error !== undefined && <Failed error={error} />}
      {job && (
        <div role="status" class="export">
          <progress max={100} value={job.progress.percent} aria-label={t('exportTitle')} />
          <p>
            {t(job.status === 'SUCCEEDED' ? 'exportDone' : job.status === 'FAILED' ? 'exportFailed' : 'exportRunning')}{' '}
            · {formatNumber(job.progress.percent, lang)}% · {formatNumber(job.progress.rowsWritten, lang)} {t('rows')}
          </p>
          {job.download && (
            <a href={job.download.url} download>
              {t('downloadCsv')}
            </a>
          )}
          {job.failure && <p class="field-error">{job.failure}</p>}
        </div>
      )}
    </section>
  );
};

const Cases = ({ panel }: { panel: PanelSession }) => {
  const lang = useLanguage();
  const labels = useLabels();
  const choices = useChoices<Choices>();
  // An alert links here with its merchant (?merchantId=): the search starts with it.
  const [initial] = useState<Filters>(() => {
    const merchantId = new URLSearchParams(location.search).get('merchantId');
    return { status: 'ESCALATED', ...(merchantId && { merchantId }) };
  });
  const [draft, setDraft] = useState<Filters>(initial);
  const [filters, setFilters] = useState<Filters>(initial);
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [state, setState] = useState<{ loading: boolean; error?: unknown }>({ loading: true });
  // Only the latest search's answer is shown: an earlier, slower one arriving late is dropped.
  const latest = useRef(0);
  const load = async (search: Filters, after?: string) => {
    const asked = ++latest.current;
    setState({ loading: true });
    try {
      const page = await getJson<{ cases: CaseRow[]; nextCursor?: string }>(
        `/v1/regulator/cases?${[...queryOf(search), 'limit=25', ...(after ? [`cursor=${encodeURIComponent(after)}`] : [])].join('&')}`,
        panel.sign,
      );
      if (asked !== latest.current) return;
      setRows((shown) => (after ? [...shown, ...page.cases] : page.cases));
      setCursor(page.nextCursor);
      setState({ loading: false });
    } catch (error) {
      if (asked === latest.current) setState({ loading: false, error });
    }
  };
  useEffect(() => void load(filters), [filters]);
  const set = (name: keyof Filters) => (value: string) => setDraft((current) => ({ ...current, [name]: value }));
  return (
    <>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ ...draft });
        }}
      >
        <h2>{t('casesTitle')}</h2>
        <Select
          id="status"
          label={t('status')}
          value={draft.status}
          options={(['ESCALATED', 'CLOSED', 'WITHDRAWN'] as const).map((status) => [status, statusNames[status][lang]])}
          onChange={set('status')}
        />
        <Field
          id="merchantId"
          label={t('merchantId')}
          value={draft.merchantId ?? ''}
          onInput={(event) => set('merchantId')(event.currentTarget.value)}
        />
        {choices.state === 'done' && (
          <>
            <Select
              id="category"
              label={t('category')}
              value={draft.category}
              options={[
                ['', t('any')],
                ...choices.value.categories.map((category): [string, string] => [category.id, category.label[lang]]),
              ]}
              onChange={set('category')}
            />
            <Select
              id="district"
              label={t('district')}
              value={draft.district}
              options={[
                ['', t('any')],
                ...choices.value.districts.map((district): [string, string] => [district.id, district.name[lang]]),
              ]}
              onChange={set('district')}
            />
          </>
        )}
        <div class="inline">
          <Field
            id="from"
            type="date"
            label={t('escalatedFrom')}
            value={draft.from ?? ''}
            onInput={(event) => set('from')(event.currentTarget.value)}
          />
          <Field
            id="to"
            type="date"
            label={t('escalatedTo')}
            value={draft.to ?? ''}
            onInput={(event) => set('to')(event.currentTarget.value)}
          />
        </div>
        <button type="submit">{t('search')}</button>
      </form>
      <Export panel={panel} filters={filters} />
      {rows.length === 0 && !state.loading && !state.error && <p class="note">{t('noCases')}</p>}
      <ul class="cards">
        {rows.map((row) => (
          <li key={row.trackingNumber}>
            <a href={`/regulator/cases/${row.trackingNumber}`} class="tracking-number">
              {row.trackingNumber}
            </a>
            <strong>
              {statusNames[row.status][lang]}
              {row.decision && ` · ${t(outcomeTexts[row.decision.outcome])}`}
            </strong>
            <span>
              {row.merchantId} · {labels.category(row.category, lang)}
              {row.district && ` · ${labels.district(row.district, lang)}`}
            </span>
            <span>
              {t(reasonTexts[row.reason])} · {formatDate(row.escalatedAt, lang)}
            </span>
          </li>
        ))}
      </ul>
      {state.loading && <Loading />}
      {state.error !== undefined && <Failed error={state.error} retry={() => load(filters, cursor)} />}
      {cursor && !state.loading && (
        <button type="button" onClick={() => load(filters, cursor)}>
          {t('more')}
        </button>
      )}
    </>
  );
};

type AlertCounter = 'filed' | 'filedAdvanceNotDelivered' | 'escalated' | 'deadlinesDue' | 'deadlinesMissed';

interface AlertRow {
  alertId: string;
  merchantId: string;
  kind: 'surge' | 'share' | 'count';
  label: Record<'bn' | 'en', string>;
  week: string;
  raisedAt: string;
  figures: {
    from: string;
    to: string;
    counter: AlertCounter;
    value: number;
    of?: AlertCounter;
    ofValue?: number;
    baselineMedian?: number;
    threshold: number;
  };
}

const counterTexts: Record<AlertCounter, TextKey> = {
  filed: 'counterFiled',
  filedAdvanceNotDelivered: 'counterFiledAdvanceNotDelivered',
  escalated: 'counterEscalated',
  deadlinesDue: 'counterDeadlinesDue',
  deadlinesMissed: 'counterDeadlinesMissed',
};

/** The figures behind an alert, in words: what was counted over which days, against what. */
const AlertFigures = ({ alert }: { alert: AlertRow }) => {
  const lang = useLanguage();
  const { figures } = alert;
  const days = `${formatDate(figures.from, lang)} – ${formatDate(figures.to, lang)}`;
  const count = `${formatNumber(figures.value, lang)} ${t(counterTexts[figures.counter])}`;
  if (alert.kind === 'share' && figures.of && figures.ofValue)
    return (
      <span>
        {formatNumber(figures.ofValue, lang)} {t(counterTexts[figures.of])}, {t('alertOf')} {count} (
        {formatPercent(figures.value / figures.ofValue, lang)}; {t('alertThreshold')}{' '}
        {formatPercent(figures.threshold, lang)}) · {days}
      </span>
    );
  return (
    <span>
      {count} ({t('alertThreshold')} {formatNumber(figures.threshold, lang)}
      {figures.baselineMedian !== undefined && `; ${t('alertBaseline')} ${formatNumber(figures.baselineMedian, lang)}`})
      · {days}
    </span>
  );
};

/** The alerts, newest week first, optionally one merchant's. */
const Alerts = ({ panel }: { panel: PanelSession }) => {
  const lang = useLanguage();
  // An alert's message links here with its merchant (?merchantId=).
  const [initial] = useState(() => new URLSearchParams(location.search).get('merchantId') ?? '');
  const [draft, setDraft] = useState(initial);
  const [merchantId, setMerchantId] = useState(initial);
  const list = usePagedList<AlertRow>(
    `/v1/regulator/alerts?${[...(merchantId ? [`merchantId=${encodeURIComponent(merchantId)}`] : []), 'limit=25'].join('&')}`,
    'alerts',
    panel.sign,
  );
  const { rows, cursor, state } = list;
  return (
    <>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setMerchantId(draft.trim().toLowerCase());
        }}
      >
        <h2>{t('alertsTitle')}</h2>
        <p class="note">{t('alertsNote')}</p>
        <Field
          id="alert-merchant"
          label={t('merchantId')}
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit">{t('search')}</button>
      </form>
      {rows.length === 0 && !cursor && !state.loading && !state.error && <p class="note">{t('noAlerts')}</p>}
      <ul class="cards alerts">
        {rows.map((alert) => (
          <li key={alert.alertId}>
            <strong>{alert.label[lang]}</strong>
            <span>
              {alert.merchantId} · {formatDateTime(alert.raisedAt, lang)}
            </span>
            <AlertFigures alert={alert} />
            <a href={`/regulator?merchantId=${encodeURIComponent(alert.merchantId)}`}>{t('alertCasesLink')}</a>
          </li>
        ))}
      </ul>
      <PagedFooter list={list} />
    </>
  );
};

interface RegulatorCase {
  complaint: {
    trackingNumber: string;
    status: ComplaintStatus;
    merchantId: string;
    category: string;
    description: string;
    orderRef: string;
    amount: number;
    remedySought: Remedy;
    resolution?: { remedy: Remedy; amount?: number; message: string };
    hearings?: HearingView[];
    decision?: { outcome: Outcome; reasons: string; decidedAt: string };
  };
  complainant: { phone: string; name?: string; email?: string };
  timeline: { seq: number; at: string; actor: ActorRole; toStatus: ComplaintStatus; note?: string }[];
  timelineVerification: { valid: boolean; brokenAt?: number };
  attachments: {
    attachmentId: string;
    uploadedBy: 'consumer' | 'merchant';
    fileName: string;
    status: string;
    download?: { url: string };
  }[];
  evidenceVerification: { valid: boolean; files: { attachmentId: string; result: string }[] };
  caseRecords: {
    version: number;
    reason: 'ESCALATED' | 'DECIDED';
    issuedAt: string;
    links: { json: string; html: string };
    verification: { valid: boolean };
  }[];
}

const Mark = ({ valid, good, bad }: { valid: boolean; good: TextKey; bad: TextKey }) => (
  <p class={valid ? 'mark mark-ok' : 'mark mark-bad'}>{valid ? `✓ ${t(good)}` : `✗ ${t(bad)}`}</p>
);

const required = (values: Record<string, string>, names: string[]) =>
  Object.fromEntries(names.filter((name) => !values[name]?.trim()).map((name) => [name, t('required')]));

/** A date and time typed in Dhaka (the input has no zone) as ISO 8601 with Dhaka's offset. */
const dhakaInstant = (local: string) => `${local.length === 16 ? `${local}:00` : local}+06:00`;

/** Schedules a hearing of the case (or collective case) at `path`. */
export const Hearing = ({ panel, path, done }: { panel: PanelSession; path: string; done: () => void }) => {
  useLanguage();
  const form = useForm();
  const { values } = form;
  const send = () =>
    postJson(
      `${path}/hearings`,
      {
        at: dhakaInstant(values.at!),
        mode: values.mode,
        ...(values.mode === 'ONLINE' ? { link: values.link } : { place: values.place }),
        ...(values.note?.trim() && { note: values.note.trim() }),
      },
      panel.sign,
    ).then(done);
  return (
    <details class="action">
      <summary>{t('scheduleHearing')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(required(values, ['mode', 'at', values.mode === 'IN_PERSON' ? 'place' : 'link']), send);
        }}
      >
        <ErrorSummary
          errors={form.errors}
          general={form.general}
          labelOf={(name) =>
            t(
              (
                { mode: 'hearingMode', at: 'hearingAt', link: 'hearingLink', place: 'hearingPlace' } as Record<
                  string,
                  TextKey
                >
              )[name] ?? 'hearingAt',
            )
          }
        />
        <Select
          id="mode"
          label={t('hearingMode')}
          value={form.values.mode}
          error={form.errors.mode}
          options={[
            ['ONLINE', t('hearingOnline')],
            ['IN_PERSON', t('hearingInPerson')],
          ]}
          onChange={form.set('mode')}
        />
        <Field type="datetime-local" label={t('hearingAt')} hint={t('dhakaTime')} {...form.field('at')} />
        {form.values.mode === 'IN_PERSON' ? (
          <Field label={t('hearingPlace')} {...form.field('place')} />
        ) : (
          <Field type="url" label={t('hearingLink')} hint="https://" {...form.field('link')} />
        )}
        <TextArea label={t('hearingNote')} {...form.field('note')} />
        <button type="submit" disabled={form.sending}>
          {form.sending ? t('sending') : t('scheduleHearing')}
        </button>
      </form>
      <p class="note">{t('hearingTold')}</p>
    </details>
  );
};

/** Decides the case (or collective case) at `path`. */
export const Decision = ({ panel, path, done }: { panel: PanelSession; path: string; done: () => void }) => {
  const lang = useLanguage();
  const form = useForm();
  const { values } = form;
  const send = () => {
    const amount = takaOf(values.amount);
    const body =
      values.outcome === 'UPHELD'
        ? {
            outcome: 'UPHELD',
            remedy: values.remedy,
            ...(amount !== undefined && { amount }),
            complianceDueDate: values.complianceDueDate,
            reasons: values.reasons,
          }
        : values.outcome === 'REFERRED'
          ? { outcome: 'REFERRED', referredTo: values.referredTo, reasons: values.reasons }
          : { outcome: 'DISMISSED', reasons: values.reasons };
    return postJson(`${path}/decision`, body, panel.sign).then(done);
  };
  const check = () => {
    const problems = required(values, [
      'outcome',
      'reasons',
      ...(values.outcome === 'UPHELD'
        ? ['remedy', 'complianceDueDate']
        : values.outcome === 'REFERRED'
          ? ['referredTo']
          : []),
    ]);
    if (values.reasons?.trim() && values.reasons.trim().length < 20) problems.reasons = t('reasonsTooShort');
    return problems;
  };
  return (
    <details class="action" open>
      <summary>{t('decide')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(check(), send);
        }}
      >
        <ErrorSummary
          errors={form.errors}
          general={form.general}
          labelOf={(name) =>
            t(
              (
                {
                  outcome: 'outcome',
                  remedy: 'remedy',
                  complianceDueDate: 'complianceDue',
                  referredTo: 'referredTo',
                  reasons: 'reasons',
                  amount: 'amount',
                } as Record<string, TextKey>
              )[name] ?? 'reasons',
            )
          }
        />
        <Select
          id="outcome"
          label={t('outcome')}
          value={form.values.outcome}
          error={form.errors.outcome}
          options={(Object.keys(outcomeTexts) as Outcome[]).map((outcome) => [outcome, t(outcomeTexts[outcome])])}
          onChange={form.set('outcome')}
        />
        {form.values.outcome === 'UPHELD' && (
          <>
            <Select
              id="remedy"
              label={t('remedy')}
              value={form.values.remedy}
              error={form.errors.remedy}
              options={Object.entries(remedyNames).map(([value, names]) => [value, names[lang]])}
              onChange={form.set('remedy')}
            />
            <Field inputMode="decimal" label={t('amount')} {...form.field('amount')} />
            <Field type="date" label={t('complianceDue')} {...form.field('complianceDueDate')} />
          </>
        )}
        {form.values.outcome === 'REFERRED' && <Field label={t('referredTo')} {...form.field('referredTo')} />}
        <TextArea label={t('reasons')} hint={t('reasonsHint')} {...form.field('reasons')} />
        <button type="submit" disabled={form.sending}>
          {form.sending ? t('sending') : t('decide')}
        </button>
      </form>
    </details>
  );
};

const CaseView = ({ panel, trackingNumber }: { panel: PanelSession; trackingNumber: string }) => {
  const lang = useLanguage();
  const labels = useLabels();
  const [version, setVersion] = useState(0);
  const loaded = useApi<RegulatorCase>(
    `/v1/regulator/cases/${encodeURIComponent(trackingNumber)}`,
    panel.sign,
    version,
  );
  const reload = () => setVersion((n) => n + 1);
  const casePath = `/v1/regulator/cases/${encodeURIComponent(trackingNumber)}`;
  return (
    <Await loaded={loaded}>
      {({ complaint, complainant, timeline, timelineVerification, attachments, evidenceVerification, caseRecords }) => (
        <article>
          <h2>
            <span class="tracking-number">{complaint.trackingNumber}</span>
          </h2>
          <p class="status">
            {t('status')}: <strong>{statusNames[complaint.status][lang]}</strong>
            {complaint.decision && ` · ${t(outcomeTexts[complaint.decision.outcome])}`}
          </p>
          <Mark valid={timelineVerification.valid} good="timelineVerified" bad="timelineBroken" />
          <Mark valid={evidenceVerification.valid} good="evidenceVerified" bad="evidenceAltered" />
          <dl class="review">
            <dt>{t('complainant')}</dt>
            <dd>
              {complainant.name ?? '–'} · {complainant.phone}
              {complainant.email && ` · ${complainant.email}`}
            </dd>
            <dt>{t('merchant')}</dt>
            <dd>{complaint.merchantId}</dd>
            <dt>{t('category')}</dt>
            <dd>{labels.category(complaint.category, lang)}</dd>
            <dt>{t('orderRef')}</dt>
            <dd>
              {complaint.orderRef} · {formatNumber(complaint.amount, lang)} {t('taka')}
            </dd>
            <dt>{t('description')}</dt>
            <dd class="message">{complaint.description}</dd>
            <dt>{t('remedySought')}</dt>
            <dd>{remedyNames[complaint.remedySought][lang]}</dd>
            {complaint.resolution && (
              <>
                <dt>{t('proposalTitle')}</dt>
                <dd class="message">
                  {remedyNames[complaint.resolution.remedy][lang]}
                  {complaint.resolution.amount !== undefined &&
                    ` · ${formatNumber(complaint.resolution.amount, lang)} ${t('taka')}`}
                  : {complaint.resolution.message}
                </dd>
              </>
            )}
          </dl>
          <EvidenceFiles
            files={attachments}
            about={(file) => {
              const result = evidenceVerification.files.find(
                (check) => check.attachmentId === file.attachmentId,
              )?.result;
              if (file.status === 'QUARANTINED' || result === 'QUARANTINED') return `⚠ ${t('quarantined')}`;
              return result === 'MATCH' ? `✓ ${t('fileUnchanged')}` : '';
            }}
          />
          <Timeline steps={timeline} />
          {caseRecords.length > 0 && (
            <section aria-labelledby="records">
              <h3 id="records">{t('caseRecords')}</h3>
              <ul class="cards">
                {caseRecords.map((record) => (
                  <li key={record.version}>
                    <strong>
                      {t(record.reason === 'ESCALATED' ? 'recordEscalated' : 'recordDecided')} ·{' '}
                      {formatDateTime(record.issuedAt, lang)}
                    </strong>
                    <span>
                      <a href={record.links.html} target="_blank" rel="noopener">
                        {t('printable')}
                      </a>{' '}
                      · <a href={record.links.json}>JSON</a>
                    </span>
                    <Mark valid={record.verification.valid} good="recordVerified" bad="recordDiffers" />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Hearings hearings={complaint.hearings} id="hearings" />
          {complaint.status === 'ESCALATED' && (
            <section aria-labelledby="actions">
              <h3 id="actions">{t('whatYouCanDo')}</h3>
              <Decision panel={panel} path={casePath} done={reload} />
              <Hearing panel={panel} path={casePath} done={reload} />
            </section>
          )}
        </article>
      )}
    </Await>
  );
};

export default function RegulatorConsole({
  view,
  trackingNumber,
  caseId,
  sellerId,
}: {
  view: 'cases' | 'alerts' | 'case' | 'collective' | 'collectiveCase' | 'unlisted' | 'unlistedSeller';
  trackingNumber?: string;
  caseId?: string;
  sellerId?: string;
}) {
  useLanguage();
  return (
    <PanelFrame
      role="regulator"
      title={t('regulatorConsole')}
      home="/regulator"
      links={[
        ['/regulator', t('casesTitle')],
        ['/regulator/alerts', t('alertsTitle')],
        ['/regulator/collective', t('collectiveTitle')],
        ['/regulator/unlisted', t('unlistedTitle')],
      ]}
    >
      {(panel) => (
        <>
          {view === 'cases' && <Cases panel={panel} />}
          {view === 'alerts' && <Alerts panel={panel} />}
          {view === 'collective' && <CollectiveCases panel={panel} />}
          {view === 'collectiveCase' && caseId && <CollectiveCaseView panel={panel} caseId={caseId} key={caseId} />}
          {view === 'unlisted' && <UnlistedSellers panel={panel} />}
          {view === 'unlistedSeller' && sellerId && (
            <UnlistedSellerView panel={panel} sellerId={sellerId} key={sellerId} />
          )}
          {view === 'case' && trackingNumber && (
            <CaseView panel={panel} trackingNumber={trackingNumber} key={trackingNumber} />
          )}
        </>
      )}
    </PanelFrame>
  );
}
