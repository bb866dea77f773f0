/**
 * The consumer's own part of the tracking page, once signed in: the merchant's proposal, the notes
 * both parties wrote, the evidence, and only the actions the rules allow now (the API says which).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ConsumerActionName } from '../../functions/complaints/actions';
import type { ActorRole, ComplaintStatus } from '../../functions/domain/lifecycle';
import { ApiError, getJson, postJson } from './api';
import { Await, EvidenceFiles, Hearings, stepNames, type HearingView } from './components';
import { ErrorSummary, TextArea, useForm, type FieldErrors } from './form';
import {
  actorNames,
  formatDate,
  formatDateTime,
  formatNumber,
  formatRelativeDays,
  statusNames,
  t,
  useLanguage,
  type TextKey,
} from './i18n';
import { conversationLimits } from '../../functions/domain/lifecycle';
import { remedyNames } from './names';
import { currentSession } from './session';
import { UploadField, useUploads, type CheckedAttachment, type UploadForm } from './uploads';
import { useApi } from './use-api';

interface Attachment {
  attachmentId: string;
  uploadedBy: 'consumer' | 'merchant';
  fileName: string;
  status: 'PENDING' | 'VERIFIED' | 'REJECTED' | 'EXPIRED' | 'QUARANTINED';
  download?: { url: string };
}

/** The merchant's proposal as the consumer sees it. */
export interface ProposalView {
  remedy: keyof typeof remedyNames;
  amount?: number;
  message: string;
  evidence: string[];
  proposedAt: string;
}

interface OwnView {
  status: ComplaintStatus;
  reopenWindowEndsAt?: string;
  resolution?: ProposalView;
  rating?: { score: number; comment?: string };
  /** The regulator's hearings of an escalated complaint: the SMS gives only the time, the place is here. */
  hearings?: HearingView[];
  /** The merchant's one request for information: open while it has no resumedAt. */
  informationRequest?: { requestedAt: string; answerBy: string; resumedAt?: string };
  timeline: { seq: number; at: string; actor: ActorRole; action: string; note?: string }[];
  attachments: Attachment[];
  actions: ConsumerActionName[];
}

const minimumReason = 10;

/** The actions with one text field (the survey has its own form: SurveyForm). */
type FormActionName = Exclude<ConsumerActionName, 'answer-survey'>;

/** Each action: its title, and its text field (name in the API's body, label, hint, the fewest characters it needs, and the most it takes). */
const actionForms: Record<
  FormActionName,
  {
    title: TextKey;
    field: 'comment' | 'reason' | 'message';
    label: TextKey;
    hint?: TextKey;
    minimum?: number;
    max: number;
  }
> = {
  confirm: { title: 'actionConfirm', field: 'comment', label: 'commentOptional', max: 2000 },
  dispute: {
    title: 'actionDispute',
    field: 'reason',
    label: 'disputeReason',
    hint: 'disputeHint',
    minimum: minimumReason,
    max: 5000,
  },
  reopen: {
    title: 'actionReopen',
    field: 'reason',
    label: 'reopenReason',
    hint: 'reopenHint',
    minimum: minimumReason,
    max: 5000,
  },
  withdraw: { title: 'actionWithdraw', field: 'reason', label: 'withdrawReason', hint: 'withdrawHint', max: 2000 },
  message: {
    title: 'actionMessage',
    field: 'message',
    label: 'yourMessage',
    hint: 'messageHint',
    minimum: 1,
    max: conversationLimits.maxLength,
  },
  'answer-information-request': {
    title: 'actionAnswerInformation',
    field: 'message',
    label: 'yourAnswer',
    hint: 'messageHint',
    minimum: 1,
    max: conversationLimits.maxLength,
  },
  rate: { title: 'actionRate', field: 'comment', label: 'commentOptional', max: 2000 },
};

/** Sends an action's body where it goes (the signed-in consumer's route, or a one-tap link's) and answers the new status. */
export type ActionPoster = (name: ConsumerActionName, body: Record<string, unknown>) => Promise<ComplaintStatus>;

/** Posts as the signed-in consumer of `trackingNumber`. */
const asSignedIn =
  (trackingNumber: string): ActionPoster =>
  async (name, body) =>
    (
      await postJson<{ status: ComplaintStatus }>(
        `/v1/consumer/complaints/${encodeURIComponent(trackingNumber)}/${name}`,
        body,
        { authorization: `Bearer ${currentSession()?.token ?? ''}` },
      )
    ).status;

/** What an action's form is given: the reopen window (for its hint), whether it starts open, where it posts, what follows. */
interface FormProps {
  reopenWindowEndsAt?: string;
  open: boolean;
  post: ActionPoster;
  done: (status: ComplaintStatus) => void;
}

/** The actions whose writing may carry the consumer's files (uploaded to the complaint and checked first). */
const withFiles: readonly FormActionName[] = ['message', 'answer-information-request'];

/** The signed-in consumer's evidence routes for a complaint. */
const consumerUploads = (trackingNumber: string) => {
  const auth = () => ({ authorization: `Bearer ${currentSession()?.token ?? ''}` });
  return {
    requestForm: (file: File) =>
      postJson<UploadForm>(
        `/v1/complaints/${encodeURIComponent(trackingNumber)}/attachments`,
        { fileName: file.name, contentType: file.type, size: file.size },
        auth(),
      ),
    attachments: async () =>
      (
        await getJson<{ attachments: CheckedAttachment[] }>(
          `/v1/complaints/${encodeURIComponent(trackingNumber)}/attachments`,
          auth(),
        )
      ).attachments,
  };
};

export const ActionForm = ({
  name,
  reopenWindowEndsAt,
  open,
  post,
  done,
  filesFor,
}: FormProps & {
  name: FormActionName;
  /** The complaint the signed-in consumer may attach files to with a message (none on a one-tap page). */
  filesFor?: string;
}) => {
  const lang = useLanguage();
  const form = actionForms[name];
  const id = (field: string) => `${name}-${field}`;
  const state = useForm({ idOf: id });
  const text = state.values[form.field]?.trim() ?? '';
  const score = Number(state.values.score) || undefined;
  const { uploads, add } = useUploads(consumerUploads(filesFor ?? ''));
  const attaching = filesFor !== undefined && withFiles.includes(name);

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (form.minimum && text.length < form.minimum) problems[form.field] = text ? t('tooShort') : t('required');
    if (name === 'rate' && !score) problems.score = t('required');
    if (uploads.some((upload) => upload.state === 'uploading' || upload.state === 'checking'))
      problems.files = t('waitForChecks');
    const attachments = uploads.filter((upload) => upload.state === 'VERIFIED').map((upload) => upload.attachmentId!);
    const body = {
      ...(text && { [form.field]: text }),
      ...(name === 'rate' && { score }),
      ...(attaching && attachments.length > 0 && { attachments }),
    };
    void state.submit(problems, async () => done(await post(name, body)));
  };

  const hint =
    form.hint &&
    (name === 'reopen' && reopenWindowEndsAt
      ? `${t(form.hint)} ${formatDate(reopenWindowEndsAt, lang)} (${formatRelativeDays(reopenWindowEndsAt, new Date(), lang)})`
      : t(form.hint));
  return (
    <details class="action" open={open}>
      <summary>{t(form.title)}</summary>
      <form noValidate onSubmit={submit}>
        <ErrorSummary
          errors={state.errors}
          general={state.general}
          labelOf={(field) =>
            field === id('score') ? t('score') : field === id('files') ? t('chooseFiles') : t(form.label)
          }
        />
        {name === 'rate' && (
          <fieldset id={id('score')} class={state.errors[id('score')] ? 'invalid' : undefined}>
            <legend>{t('score')}</legend>
            {state.errors[id('score')] && <p class="field-error">{state.errors[id('score')]}</p>}
            <div class="inline">
              {[1, 2, 3, 4, 5].map((value) => (
                <label key={value} class="choice">
                  <input
                    type="radio"
                    name={id('score')}
                    value={value}
                    checked={score === value}
                    onChange={() => state.set('score')(String(value))}
                  />{' '}
                  {formatNumber(value, lang)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <TextArea label={t(form.label)} hint={hint} maxLength={form.max} {...state.field(form.field)} />
        {attaching && (
          <>
            <UploadField id={id('files')} label={t('chooseFiles')} uploads={uploads} add={add} />
            {state.errors[id('files')] && <p class="field-error">{state.errors[id('files')]}</p>}
          </>
        )}
        <button type="submit" disabled={state.sending} class={name === 'withdraw' ? 'secondary' : undefined}>
          {state.sending ? t('sending') : t(form.title)}
        </button>
      </form>
    </details>
  );
};

/**
 * "Was it really resolved?" after an automatic settlement: yes or no, a rating if wanted, and what is
 * still wrong when the answer reopens the complaint (within the reopen window).
 */
export const SurveyForm = ({ reopenWindowEndsAt, open, post, done }: FormProps) => {
  const lang = useLanguage();
  const id = (field: string) => `survey-${field}`;
  const state = useForm({ idOf: id });
  const answer = state.values.resolved;
  const score = Number(state.values.score) || undefined;
  const reopens = answer === 'no' && reopenWindowEndsAt !== undefined && Date.parse(reopenWindowEndsAt) > Date.now();
  const text = (answer === 'no' ? state.values.reason : state.values.comment)?.trim() ?? '';

  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (!answer) problems.resolved = t('required');
    if (reopens && text.length < minimumReason) problems.reason = text ? t('tooShort') : t('required');
    const body = {
      resolved: answer === 'yes',
      ...(score && { score }),
      ...(text && { [answer === 'no' ? 'reason' : 'comment']: text }),
    };
    void state.submit(problems, async () => done(await post('answer-survey', body)));
  };
  const choice = (field: string, value: string, label: string) => (
    <label key={value} class="choice">
      <input
        type="radio"
        name={id(field)}
        value={value}
        checked={state.values[field] === value}
        onChange={() => state.set(field)(value)}
      />{' '}
      {label}
    </label>
  );
  return (
    <details class="action" open={open}>
      <summary>{t('surveyTitle')}</summary>
      <form noValidate onSubmit={submit}>
        <ErrorSummary
          errors={state.errors}
          general={state.general}
          labelOf={(field) => (field === id('resolved') ? t('surveyTitle') : t('surveyReason'))}
        />
        <fieldset id={id('resolved')} class={state.errors[id('resolved')] ? 'invalid' : undefined}>
          <legend>{t('surveyTitle')}</legend>
          {state.errors[id('resolved')] && <p class="field-error">{state.errors[id('resolved')]}</p>}
          <div class="inline">
            {choice('resolved', 'yes', t('surveyYes'))}
            {choice('resolved', 'no', t('surveyNo'))}
          </div>
        </fieldset>
        <fieldset id={id('score')}>
          <legend>{t('scoreOptional')}</legend>
          <div class="inline">
            {[1, 2, 3, 4, 5].map((value) => choice('score', String(value), formatNumber(value, lang)))}
          </div>
        </fieldset>
        {answer === 'no' ? (
          <TextArea
            label={t('surveyReason')}
            hint={
              reopens
                ? `${t('surveyReopens')} ${formatDate(reopenWindowEndsAt!, lang)} (${formatRelativeDays(reopenWindowEndsAt!, new Date(), lang)})`
                : undefined
            }
            maxLength={5000}
            {...state.field('reason')}
          />
        ) : (
          <TextArea label={t('commentOptional')} maxLength={2000} {...state.field('comment')} />
        )}
        <button type="submit" disabled={state.sending}>
          {state.sending ? t('sending') : t('surveySend')}
        </button>
      </form>
    </details>
  );
};

/** The merchant's proposal: the remedy, the amount, when, what they wrote and the references they gave. */
export const Proposal = ({ resolution }: { resolution: ProposalView }) => {
  const lang = useLanguage();
  return (
    <section aria-labelledby="proposal">
      <h3 id="proposal">{t('proposalTitle')}</h3>
      <p>
        <strong>{remedyNames[resolution.remedy][lang]}</strong>
        {resolution.amount !== undefined && ` · ${formatNumber(resolution.amount, lang)} ${t('taka')}`} ·{' '}
        {formatDateTime(resolution.proposedAt, lang)}
      </p>
      <p class="message">{resolution.message}</p>
      {resolution.evidence.length > 0 && (
        <ul>
          {resolution.evidence.map((reference) => (
            <li key={reference}>{reference}</li>
          ))}
        </ul>
      )}
    </section>
  );
};

export const OwnComplaint = ({
  trackingNumber,
  version,
  changed,
}: {
  trackingNumber: string;
  version: number;
  changed: () => void;
}) => {
  const lang = useLanguage();
  const session = currentSession();
  const loaded = useApi<OwnView>(
    session ? `/v1/consumer/complaints/${encodeURIComponent(trackingNumber)}` : undefined,
    session?.token,
    version,
  );
  const [outcome, setOutcome] = useState<ComplaintStatus>();
  const signIn = (
    <p>
      <a href={`/sign-in?next=${encodeURIComponent(`/track/${trackingNumber}`)}`}>{t('signInToAct')}</a>
    </p>
  );
  if (!session) return signIn;
  if (loaded.state === 'error' && loaded.error instanceof ApiError && loaded.error.status === 404)
    return <p class="note">{t('notYours')}</p>;
  if (loaded.state === 'error' && loaded.error instanceof ApiError && loaded.error.status === 401) return signIn;
  return (
    <section aria-labelledby="own" class="own">
      <h2 id="own">{t('yourComplaint')}</h2>
      {outcome && (
        <p class="done" role="status">
          {t('actionDone')}: <strong>{statusNames[outcome][lang]}</strong>
        </p>
      )}
      <Await loaded={loaded}>
        {(view) => {
          const notes = view.timeline.filter((step) => step.note);
          return (
            <>
              {view.informationRequest && view.actions.includes('answer-information-request') && (
                <p class="note" role="status" id="information-requested">
                  {t('informationRequested')} {formatDateTime(view.informationRequest.answerBy, lang)}
                </p>
              )}
              {view.resolution && <Proposal resolution={view.resolution} />}
              <Hearings hearings={view.hearings} id="own-hearings" />
              {notes.length > 0 && (
                <section aria-labelledby="messages">
                  <h3 id="messages">{t('messagesTitle')}</h3>
                  <ol class="timeline">
                    {notes.map((step) => (
                      <li key={step.seq}>
                        <strong>{actorNames[step.actor][lang]}</strong>{' '}
                        {stepNames[step.action] && <span>({t(stepNames[step.action]!)})</span>}{' '}
                        <time dateTime={step.at}>{formatDateTime(step.at, lang)}</time>
                        <p class="message">{step.note}</p>
                      </li>
                    ))}
                  </ol>
                </section>
              )}
              <EvidenceFiles
                files={view.attachments}
                about={(file) =>
                  t(
                    file.status === 'VERIFIED'
                      ? 'verified'
                      : file.status === 'REJECTED'
                        ? 'rejected'
                        : file.status === 'QUARANTINED'
                          ? 'quarantined'
                          : 'checking',
                  )
                }
              />
              {view.rating && (
                <p>
                  {t('yourRating')}: {formatNumber(view.rating.score, lang)} / {formatNumber(5, lang)}
                </p>
              )}
              <section aria-labelledby="actions">
                <h3 id="actions">{t('whatYouCanDo')}</h3>
                {view.actions.length === 0 && <p class="note">{t('nothingToDo')}</p>}
                {view.actions.map((name, index) =>
                  name === 'answer-survey' ? (
                    <SurveyForm
                      key={`${name}-${view.status}`}
                      reopenWindowEndsAt={view.reopenWindowEndsAt}
                      open={index === 0}
                      post={asSignedIn(trackingNumber)}
                      done={(status) => {
                        setOutcome(status);
                        changed();
                      }}
                    />
                  ) : (
                    <ActionForm
                      // A new entry (a message sent) gives each form a fresh, empty start.
                      key={`${name}-${view.status}-${view.timeline.length}`}
                      name={name}
                      reopenWindowEndsAt={view.reopenWindowEndsAt}
                      post={asSignedIn(trackingNumber)}
                      filesFor={trackingNumber}
                      open={name === 'answer-information-request' || (index === 0 && name !== 'withdraw')}
                      done={(status) => {
                        setOutcome(status);
                        changed();
                      }}
                    />
                  ),
                )}
              </section>
            </>
          );
        }}
      </Await>
    </section>
  );
};
