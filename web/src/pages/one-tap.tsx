/**
 * The page an SMS's one-tap link opens (`/t#<code>`, functions/domain/one-tap.ts): the merchant's
 * proposal with confirm and dispute, the settled complaint with reopen, or the automatically settled
 * one with "was it really resolved?", without signing in. The
 * code is taken out of the fragment (never sent to a server, so in no log) and out of the address
 * bar and history before anything is shown; it goes to the API only in request bodies. Opening
 * changes nothing: only a tap acts (link scanners open links).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ComplaintStatus } from '../../../functions/domain/lifecycle';
import type { OneTapAction, OneTapPurpose } from '../../../functions/domain/one-tap';
import { ApiError, postJson } from '../api';
import { takeSecretFromLink } from '../router';
import { Failed, Loading } from '../components';
import { formatDate, formatRelativeDays, statusNames, t, useLanguage } from '../i18n';
import { ActionForm, Proposal, SurveyForm, type ActionPoster, type ProposalView } from '../own-complaint';

interface Offer {
  trackingNumber: string;
  status: ComplaintStatus;
  purpose: OneTapPurpose;
  actions: OneTapAction[];
  answerBy: string;
  resolution?: ProposalView;
}

type State =
  | { state: 'loading' }
  | { state: 'open'; offer: Offer }
  | { state: 'done'; trackingNumber: string; status: ComplaintStatus }
  | { state: 'failed'; error: unknown };

const TrackLink = ({ trackingNumber }: { trackingNumber: string }) => (
  <p>
    <a href={`/track/${encodeURIComponent(trackingNumber)}`}>
      {t('trackIt')}: {trackingNumber}
    </a>
  </p>
);

export default function OneTapPage() {
  const lang = useLanguage();
  const [code] = useState(takeSecretFromLink);
  const [shown, setShown] = useState<State>({ state: 'loading' });
  const load = async () => {
    setShown({ state: 'loading' });
    try {
      setShown({ state: 'open', offer: await postJson<Offer>('/v1/one-tap', { code }) });
    } catch (error) {
      setShown({ state: 'failed', error });
    }
  };
  useEffect(() => {
    if (code) void load();
  }, [code]);

  if (!code || (shown.state === 'failed' && shown.error instanceof ApiError && shown.error.status === 404))
    return (
      <>
        <h1>{t('yourComplaint')}</h1>
        <p class="error" role="alert">
          {t('oneTapInvalid')}
        </p>
        <p>
          <a href="/track">{t('trackIt')}</a>
        </p>
      </>
    );
  if (shown.state === 'loading') return <Loading />;
  if (shown.state === 'failed') {
    // A used, ended or passed link names its complaint: the page that has the rest.
    const named = shown.error instanceof ApiError ? shown.error.details?.trackingNumber : undefined;
    return (
      <>
        <h1>{t('yourComplaint')}</h1>
        <Failed error={shown.error} retry={load} />
        {typeof named === 'string' && <TrackLink trackingNumber={named} />}
      </>
    );
  }
  if (shown.state === 'done')
    return (
      <>
        <h1>
          {t('yourComplaint')} {shown.trackingNumber}
        </h1>
        <p class="done" role="status">
          {t('actionDone')}: <strong>{statusNames[shown.status][lang]}</strong>
        </p>
        <TrackLink trackingNumber={shown.trackingNumber} />
      </>
    );

  const { offer } = shown;
  const post: ActionPoster = async (name, body) =>
    (await postJson<{ status: ComplaintStatus }>(`/v1/one-tap/${name}`, { code, ...body })).status;
  return (
    <>
      <h1>
        {t('yourComplaint')} {offer.trackingNumber}
      </h1>
      <p class="note">{t('oneTapNoSignIn')}</p>
      {offer.resolution && <Proposal resolution={offer.resolution} />}
      <p>
        {offer.purpose === 'ANSWER_PROPOSAL' ? (
          <>
            {t('oneTapAnswerBy')} <time dateTime={offer.answerBy}>{formatDate(offer.answerBy, lang)}</time> (
            {formatRelativeDays(offer.answerBy, new Date(), lang)})
          </>
        ) : offer.purpose === 'SURVEY' ? (
          t('oneTapAutoSettled')
        ) : (
          t('oneTapSettled')
        )}
      </p>
      <section aria-labelledby="actions">
        <h2 id="actions">{t('whatYouCanDo')}</h2>
        {offer.actions.map((name, index) => {
          const done = (status: ComplaintStatus) =>
            setShown({ state: 'done', trackingNumber: offer.trackingNumber, status });
          return name === 'answer-survey' ? (
            <SurveyForm key={name} reopenWindowEndsAt={offer.answerBy} open post={post} done={done} />
          ) : (
            <ActionForm
              key={name}
              name={name}
              {...(offer.purpose === 'REOPEN' && { reopenWindowEndsAt: offer.answerBy })}
              open={index === 0}
              post={post}
              done={done}
            />
          );
        })}
      </section>
      <TrackLink trackingNumber={offer.trackingNumber} />
    </>
  );
}
