/**
 * The merchant panel: the queue by status with deadline badges, a case with the consumer's
 * evidence and the actions the rules allow now (acknowledge, reply, propose a resolution with files,
 * confirm compliance), webhook settings with the delivery log, and the merchant's own scorecard.
 * Every request is signed in the browser (web/src/sigv4.ts).
 */
import { useState } from 'preact/hooks';
import type { MerchantActionName } from '../../../functions/complaints/actions';
import type { remedies } from '../../../functions/domain/complaint';
import type { ActorRole, ComplaintStatus } from '../../../functions/domain/lifecycle';
import { ApiError, errorText, getJson, postJson, sendJson } from '../api';
import { Await, ComplaintRateView, EvidenceFiles, ScorecardView, Timeline, type ComplaintRate } from '../components';
import { deadlineBadge } from '../deadlines';
import { digitsOf, takaOf } from '../digits';
import { ErrorSummary, Field, Select, TextArea, useForm, type FieldErrors } from '../form';
import {
  formatDate,
  formatDateTime,
  formatMonth,
  formatNumber,
  formatRelativeDays,
  statusNames,
  t,
  useLanguage,
  type Language,
  type TextKey,
} from '../i18n';
import { useLabels } from '../labels';
import { remedyNames } from '../names';
import type { PanelSession } from '../panel-session';
import { PanelFrame } from '../panel-sign-in';
import { UploadField, useUploads, type CheckedAttachment, type UploadForm } from '../uploads';
import { useApi } from '../use-api';

type Remedy = (typeof remedies)[number];

interface QueueRow {
  trackingNumber: string;
  status: ComplaintStatus;
  category: string;
  orderRef: string;
  amount: number;
  filedAt: string;
  merchantDeadline?: string;
  /** The merchant's one request for information: the deadline stands still while it has no resumedAt. */
  informationRequest?: { requestedAt: string; answerBy: string; resumedAt?: string };
}

interface Case extends QueueRow {
  description: string;
  orderDate: string;
  remedySought: Remedy;
  priorContact?: { date: string; merchantAnswer: string; ticketNumber?: string };
  consumer: { phone: string; name?: string };
  resolution?: { remedy: Remedy; amount?: number; message: string };
  compliance?: { dueAt: string; confirmedAt?: string };
  timeline: { seq: number; at: string; actor: ActorRole; action: string; toStatus: ComplaintStatus; note?: string }[];
  attachments: (CheckedAttachment & {
    uploadedBy: 'consumer' | 'merchant';
    fileName: string;
    download?: { url: string };
  })[];
  actions: MerchantActionName[];
}

/** The statuses a merchant works through, in the order a complaint meets them. */
const queueStatuses: ComplaintStatus[] = [
  'AWAITING_MERCHANT',
  'ACKNOWLEDGED',
  'MERCHANT_REPLIED',
  'RESOLUTION_PROPOSED',
  'DISPUTED',
  'ESCALATED',
  'SETTLED',
  'AUTO_SETTLED',
  'CLOSED',
  'WITHDRAWN',
];

/** The deadline's badge, or that it stands still while the merchant waits for the consumer's answer. */
const Badge = ({ row, lang }: { row: QueueRow; lang: Language }) => {
  const deadline = row.merchantDeadline;
  if (row.informationRequest && !row.informationRequest.resumedAt)
    return (
      <span class="badge" id={`deadline-paused-${row.trackingNumber}`}>
        {t('deadlinePaused')} {formatDateTime(row.informationRequest.answerBy, lang)}
      </span>
    );
  if (!deadline) return null;
  const badge = deadlineBadge(deadline, new Date());
  return (
    <span class={`badge${badge ? ` badge-${badge}` : ''}`}>
      {badge === 'overdue' ? t('overdue') : badge === 'dueSoon' ? t('dueSoon') : t('dueBy')}{' '}
      {formatDate(deadline, lang)} ({formatRelativeDays(deadline, new Date(), lang)})
    </span>
  );
};

const Queue = ({ panel }: { panel: PanelSession }) => {
  const lang = useLanguage();
  const labels = useLabels();
  const [status, setStatus] = useState<ComplaintStatus>('AWAITING_MERCHANT');
  const loaded = useApi<{ complaints: QueueRow[] }>(`/v1/merchant/complaints?limit=50&status=${status}`, panel.sign);
  return (
    <section aria-labelledby="queue">
      <h2 id="queue">{t('queue')}</h2>
      <Select
        id="status"
        label={t('status')}
        value={status}
        options={queueStatuses.map((value) => [value, statusNames[value][lang]])}
        onChange={(value) => setStatus(value as ComplaintStatus)}
      />
      <Await loaded={loaded}>
        {({ complaints }) =>
          complaints.length === 0 ? (
            <p class="note">{t('queueEmpty')}</p>
          ) : (
            <ul class="cards">
              {complaints.map((row) => (
                <li key={row.trackingNumber}>
                  <a href={`/merchant/complaints/${row.trackingNumber}`} class="tracking-number">
                    {row.trackingNumber}
                  </a>
                  <span>
                    {labels.category(row.category, lang)} · {t('orderRef')} {row.orderRef} ·{' '}
                    {formatNumber(row.amount, lang)} {t('taka')}
                  </span>
                  <span>
                    {t('filedOn')} {formatDate(row.filedAt, lang)}
                  </span>
                  {['AWAITING_MERCHANT', 'ACKNOWLEDGED', 'MERCHANT_REPLIED'].includes(row.status) && (
                    <Badge row={row} lang={lang} />
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
};

const actionTitles: Record<MerchantActionName, TextKey> = {
  acknowledge: 'actionAcknowledge',
  reply: 'actionReply',
  'propose-resolution': 'actionPropose',
  'confirm-compliance': 'actionConfirmCompliance',
  message: 'actionWriteToConsumer',
  'request-information': 'actionRequestInformation',
};

/** One action's form; a proposal also takes a remedy, an amount, references and files. */
const ActionForm = ({
  panel,
  complaint,
  name,
  open,
  done,
}: {
  panel: PanelSession;
  complaint: Case;
  name: MerchantActionName;
  open: boolean;
  done: (status: ComplaintStatus) => void;
}) => {
  const lang = useLanguage();
  const form = useForm({ idOf: (field) => `${name}-${field}` });
  const { values, errors } = form;
  const id = (field: string) => `${name}-${field}`;
  const base = `/v1/merchant/complaints/${complaint.trackingNumber}`;
  const { uploads, add } = useUploads({
    requestForm: (file) =>
      postJson<UploadForm>(
        `${base}/attachments`,
        { fileName: file.name, contentType: file.type, size: file.size },
        panel.sign,
      ),
    attachments: async () => (await getJson<Case>(base, panel.sign)).attachments,
  });
  const proposing = name === 'propose-resolution';
  // A message carries files while the merchant may still add evidence (until it proposes).
  const attaching =
    proposing ||
    (name === 'message' && ['AWAITING_MERCHANT', 'ACKNOWLEDGED', 'MERCHANT_REPLIED'].includes(complaint.status));
  const verified = () => uploads.filter((upload) => upload.state === 'VERIFIED').map((upload) => upload.attachmentId!);
  const messageNeeded = name !== 'acknowledge';

  const submit = (event: Event) => {
    event.preventDefault();
    const problems: FieldErrors = {};
    const message = values.message?.trim() ?? '';
    if (messageNeeded && !message) problems.message = t('required');
    else if (name === 'request-information' && message.length < 10) problems.message = t('tooShort');
    if (proposing && !values.remedy) problems.remedy = t('required');
    const amount = takaOf(values.amount);
    if (amount !== undefined && !(amount >= 0)) problems.amount = t('notANumber');
    if (uploads.some((upload) => upload.state === 'uploading' || upload.state === 'checking'))
      problems.files = t('waitForChecks');
    const body = proposing
      ? {
          remedy: values.remedy,
          ...(amount !== undefined && { amount }),
          message,
          evidence: (values.references ?? '')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
          attachments: verified(),
        }
      : message
        ? { message, ...(attaching && verified().length > 0 && { attachments: verified() }) }
        : {};
    void form.submit(problems, async () =>
      done((await postJson<{ status: ComplaintStatus }>(`${base}/${name}`, body, panel.sign)).status),
    );
  };

  return (
    <details class="action" open={open}>
      <summary>{t(actionTitles[name])}</summary>
      <form noValidate onSubmit={submit}>
        <ErrorSummary
          errors={errors}
          general={form.general}
          labelOf={(field) =>
            t(
              (
                { remedy: 'remedy', amount: 'amount', message: 'messageToConsumer', files: 'chooseFiles' } as Record<
                  string,
                  TextKey
                >
              )[field.slice(name.length + 1)] ?? 'messageToConsumer',
            )
          }
        />
        {proposing && (
          <>
            <Select
              id={id('remedy')}
              label={t('remedy')}
              value={values.remedy}
              error={errors[id('remedy')]}
              options={Object.entries(remedyNames).map(([value, names]) => [value, names[lang]])}
              onChange={form.set('remedy')}
            />
            <Field inputMode="decimal" label={t('amount')} {...form.field('amount')} />
          </>
        )}
        <TextArea
          label={t(messageNeeded ? 'messageToConsumer' : 'messageOptional')}
          hint={t(name === 'request-information' ? 'requestInformationHint' : 'noPersonalData')}
          maxLength={name === 'message' || name === 'request-information' ? 2000 : 5000}
          {...form.field('message')}
        />
        {proposing && <TextArea label={t('references')} hint={t('referencesHint')} {...form.field('references')} />}
        {attaching && (
          <>
            <UploadField id={id('files')} label={t('chooseFiles')} uploads={uploads} add={add} />
            {errors[id('files')] && <p class="field-error">{errors[id('files')]}</p>}
          </>
        )}
        <button type="submit" disabled={form.sending}>
          {form.sending ? t('sending') : t(actionTitles[name])}
        </button>
      </form>
    </details>
  );
};

const CaseView = ({ panel, trackingNumber }: { panel: PanelSession; trackingNumber: string }) => {
  const lang = useLanguage();
  const labels = useLabels();
  const [version, setVersion] = useState(0);
  const [outcome, setOutcome] = useState<ComplaintStatus>();
  const loaded = useApi<Case>(`/v1/merchant/complaints/${encodeURIComponent(trackingNumber)}`, panel.sign, version);
  return (
    <Await loaded={loaded}>
      {(complaint) => (
        <article>
          <h2>
            <span class="tracking-number">{complaint.trackingNumber}</span>
          </h2>
          {outcome && (
            <p class="done" role="status">
              {t('actionDone')}: <strong>{statusNames[outcome][lang]}</strong>
            </p>
          )}
          <p class="status">
            {t('status')}: <strong>{statusNames[complaint.status][lang]}</strong>
          </p>
          {['AWAITING_MERCHANT', 'ACKNOWLEDGED', 'MERCHANT_REPLIED'].includes(complaint.status) && (
            <Badge row={complaint} lang={lang} />
          )}
          <dl class="review">
            <dt>{t('complainant')}</dt>
            <dd>
              {complaint.consumer.name ?? '–'} · {complaint.consumer.phone}
            </dd>
            <dt>{t('category')}</dt>
            <dd>{labels.category(complaint.category, lang)}</dd>
            <dt>{t('orderRef')}</dt>
            <dd>
              {complaint.orderRef} · {formatDate(complaint.orderDate, lang)} · {formatNumber(complaint.amount, lang)}{' '}
              {t('taka')}
            </dd>
            <dt>{t('description')}</dt>
            <dd class="message">{complaint.description}</dd>
            <dt>{t('remedySought')}</dt>
            <dd>{remedyNames[complaint.remedySought][lang]}</dd>
            {complaint.priorContact && (
              <>
                <dt>{t('contactDate')}</dt>
                <dd>
                  {formatDate(complaint.priorContact.date, lang)}
                  {complaint.priorContact.ticketNumber && ` · ${complaint.priorContact.ticketNumber}`}:{' '}
                  {complaint.priorContact.merchantAnswer}
                </dd>
              </>
            )}
            {complaint.compliance && (
              <>
                <dt>{t('complianceDue')}</dt>
                <dd>{formatDate(complaint.compliance.dueAt, lang)}</dd>
              </>
            )}
          </dl>
          <EvidenceFiles files={complaint.attachments} />
          <Timeline steps={complaint.timeline} />
          <section aria-labelledby="actions">
            <h3 id="actions">{t('whatYouCanDo')}</h3>
            {complaint.actions.length === 0 && <p class="note">{t('nothingToDo')}</p>}
            {complaint.actions.map((name, index) => (
              <ActionForm
                // A new entry (a message sent) gives each form a fresh, empty start.
                key={`${name}-${complaint.status}-${complaint.timeline.length}`}
                panel={panel}
                complaint={complaint}
                name={name}
                open={index === 0}
                done={(status) => {
                  setOutcome(status);
                  setVersion((n) => n + 1);
                }}
              />
            ))}
          </section>
        </article>
      )}
    </Await>
  );
};

interface Delivery {
  deliveryId: string;
  event: string;
  trackingNumber: string;
  attempts: { at: string; outcome: 'DELIVERED' | 'FAILED'; status?: number; error?: string }[];
}

const Webhook = ({ panel }: { panel: PanelSession }) => {
  const lang = useLanguage();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string>();
  const [registered, setRegistered] = useState<{ url: string; secret: string }>();
  const log = useApi<{ deliveries: Delivery[] }>('/v1/merchant/webhook/deliveries?limit=20', panel.sign);
  return (
    <>
      <section aria-labelledby="webhook">
        <h2 id="webhook">{t('webhookTitle')}</h2>
        <p class="note">{t('webhookNote')}</p>
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            setError(undefined);
            if (!url.trim()) return setError(t('required'));
            try {
              setRegistered(
                await sendJson<{ url: string; secret: string }>(
                  '/v1/merchant/webhook',
                  { url: url.trim() },
                  panel.sign,
                  'PUT',
                ),
              );
            } catch (failure) {
              setError(
                failure instanceof ApiError && failure.fields?.url ? failure.fields.url : errorText(failure, lang),
              );
            }
          }}
        >
          <Field
            id="webhook-url"
            type="url"
            inputMode="url"
            label={t('webhookUrl')}
            hint="https://shop.example/ccms-events"
            value={url}
            error={error}
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
          <button type="submit">{t('save')}</button>
        </form>
        {registered && (
          <div class="done" role="status">
            <p>{t('webhookSaved')}</p>
            <p>
              {t('webhookSecret')}: <code class="secret">{registered.secret}</code>
            </p>
          </div>
        )}
      </section>
      <section aria-labelledby="deliveries">
        <h2 id="deliveries">{t('deliveryLog')}</h2>
        <Await loaded={log}>
          {({ deliveries }) =>
            deliveries.length === 0 ? (
              <p class="note">{t('noDeliveries')}</p>
            ) : (
              <ul class="cards">
                {deliveries.map((delivery) => {
                  const last = delivery.attempts.at(-1);
                  return (
                    <li key={delivery.deliveryId}>
                      <strong>{delivery.event}</strong>
                      <span class="tracking-number">{delivery.trackingNumber}</span>
                      {last && (
                        <span class={last.outcome === 'DELIVERED' ? 'ok' : 'upload-failed'}>
                          {last.outcome === 'DELIVERED' ? t('delivered') : t('notDelivered')}{' '}
                          {last.status !== undefined && `(HTTP ${last.status})`} · {formatDateTime(last.at, lang)} ·{' '}
                          {t('attempts')} {formatNumber(delivery.attempts.length, lang)}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )
          }
        </Await>
      </section>
    </>
  );
};

const OwnScorecard = ({ panel }: { panel: PanelSession }) => {
  const loaded = useApi<{
    merchant: { tradeName: string };
    scorecard: Parameters<typeof ScorecardView>[0]['card'];
    complaintRate: ComplaintRate | null;
  }>('/v1/merchant/scorecard', panel.sign);
  return (
    <>
      <h2>{t('yourRecord')}</h2>
      <p class="note">{t('yourRecordNote')}</p>
      <Await loaded={loaded}>
        {(answer) => (
          <>
            <ScorecardView card={answer.scorecard} heading={answer.merchant.tradeName} />
            <ComplaintRateView rate={answer.complaintRate} />
          </>
        )}
      </Await>
    </>
  );
};

interface MonthCount {
  month: string;
  orders?: number;
  reportedAt?: string;
  corrections: { orders: number; reportedAt: string }[];
}

/** The merchant's monthly orders: a form to report or correct a month, and every month with its history. */
const OrderCounts = ({ panel }: { panel: PanelSession }) => {
  const lang = useLanguage();
  const [version, setVersion] = useState(0);
  const loaded = useApi<{ months: MonthCount[] }>('/v1/merchant/order-counts', panel.sign, version);
  const form = useForm();
  const [saved, setSaved] = useState(false);
  const send = () =>
    sendJson(
      `/v1/merchant/order-counts/${form.values.month}`,
      { orders: Number(digitsOf(form.values.orders ?? '')) },
      panel.sign,
      'PUT',
    ).then(() => {
      setSaved(true);
      setVersion((n) => n + 1);
    });
  return (
    <>
      <h2>{t('orderCountsTitle')}</h2>
      <p class="note">{t('orderCountsNote')}</p>
      <Await loaded={loaded}>
        {({ months }) => (
          <>
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                setSaved(false);
                const typed = digitsOf(form.values.orders ?? '');
                void form.submit(
                  {
                    ...(!form.values.month && { month: t('required') }),
                    ...(!/^\d+$/.test(typed) && { orders: t('wholeNumber') }),
                  },
                  send,
                );
              }}
            >
              <ErrorSummary
                errors={form.errors}
                general={form.general}
                labelOf={(name) => t(name === 'month' ? 'orderMonth' : 'orderCount')}
              />
              <Select
                id="month"
                label={t('orderMonth')}
                value={form.values.month}
                error={form.errors.month}
                options={months.map((row) => [row.month, formatMonth(row.month, lang)])}
                onChange={form.set('month')}
              />
              <Field inputMode="numeric" label={t('orderCount')} {...form.field('orders')} />
              <button type="submit" disabled={form.sending}>
                {form.sending ? t('sending') : t('reportOrders')}
              </button>
              {saved && <p role="status">{t('orderCountSaved')}</p>}
            </form>
            <ul class="cards order-counts">
              {months
                .filter((row) => row.orders !== undefined)
                .map((row) => (
                  <li key={row.month}>
                    <strong>
                      {formatMonth(row.month, lang)}: {formatNumber(row.orders!, lang)} {t('ordersWord')}
                    </strong>
                    {row.corrections.length > 0 && (
                      <span>
                        {t('correctedFrom')}:{' '}
                        {row.corrections
                          .map(
                            (correction) =>
                              `${formatNumber(correction.orders, lang)} (${formatDateTime(correction.reportedAt, lang)})`,
                          )
                          .join(' · ')}
                      </span>
                    )}
                  </li>
                ))}
            </ul>
          </>
        )}
      </Await>
    </>
  );
};

export default function MerchantPanel({
  view,
  trackingNumber,
}: {
  view: 'queue' | 'case' | 'webhook' | 'scorecard' | 'orders';
  trackingNumber?: string;
}) {
  useLanguage();
  return (
    <PanelFrame
      role="merchant"
      title={t('merchantPanel')}
      home="/merchant"
      links={[
        ['/merchant', t('queue')],
        ['/merchant/webhook', t('webhookTitle')],
        ['/merchant/scorecard', t('yourRecord')],
        ['/merchant/orders', t('orderCountsTitle')],
      ]}
    >
      {(panel) => (
        <>
          {view === 'queue' && <Queue panel={panel} />}
          {view === 'case' && trackingNumber && (
            <CaseView panel={panel} trackingNumber={trackingNumber} key={trackingNumber} />
          )}
          {view === 'webhook' && <Webhook panel={panel} />}
          {view === 'scorecard' && <OwnScorecard panel={panel} />}
          {view === 'orders' && <OrderCounts panel={panel} />}
        </>
      )}
    </PanelFrame>
  );
}
