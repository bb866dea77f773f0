/**
 * The one-tap page's two calls (functions/domain/one-tap.ts): open a link (what it offers, on which
 * complaint) and act with it. A link that is not one answers 404 whatever the reason; one that was
 * used, whose window ended or whose moment passed, 422 with its own code and the tracking number,
 * so the page can send the consumer to the complaint's page. The same tap again answers as the first.
 */
import type { Clock } from '../domain/clock';
import type { Complaint } from '../domain/complaint';
import { NotFoundError, RefusedError, RequestInProgressError } from '../domain/errors';
import {
  oneTapClaimMs,
  oneTapPurposes,
  parseOneTapCode,
  stillAnswers,
  type OneTapAction,
  type OneTapLink,
} from '../domain/one-tap';
import type { ComplaintRepository, OneTapLinks } from '../domain/ports';
import { allowedActions, consumerActions, parseAction, type performActionUseCase } from './actions';

export interface OneTapDependencies {
  links: OneTapLinks;
  complaints: Pick<ComplaintRepository, 'get'>;
  perform: ReturnType<typeof performActionUseCase>;
  clock: Clock;
}

const notOne = () =>
  new NotFoundError('This link is not valid. Open your complaint with its tracking number from the SMS instead.');

const refusal = (code: 'LINK_USED' | 'LINK_EXPIRED' | 'LINK_SUPERSEDED', complaint: Complaint) => {
  const { trackingNumber, status } = complaint;
  const messages = {
    LINK_USED: 'This link has been used already. Open your complaint to see where it stands.',
    LINK_EXPIRED: 'The time to answer with this link has ended. Open your complaint to see where it stands.',
    LINK_SUPERSEDED: 'Something newer happened on this complaint since this link was sent. Open your complaint.',
  };
  return new RefusedError(code, messages[code], { trackingNumber, status });
};

/** The link and its complaint, or the refusal that says why it no longer works. */
const usable = async (deps: OneTapDependencies, code: string, at: Date) => {
  const codeHash = parseOneTapCode(code);
  const link = codeHash ? await deps.links.get(codeHash) : undefined;
  const complaint = link ? await deps.complaints.get(link.trackingNumber) : undefined;
  if (!link || !complaint || complaint.erasedAt) throw notOne();
  return { link, complaint, codeHash: codeHash!, at };
};

/** The actions the link offers now on the complaint as it stands (none once its moment passed). */
const offered = (link: OneTapLink, complaint: Complaint, at: Date) =>
  stillAnswers(link, complaint)
    ? allowedActions(consumerActions, complaint, 'consumer', at).filter((name): name is OneTapAction =>
        (oneTapPurposes[link.purpose] as readonly string[]).includes(name),
      )
    : [];

/** Whether a tap holds the link now (taken, not done, not lapsed). */
const heldByATap = (link: OneTapLink, at: Date) =>
  link.usedAt !== undefined && !link.actedAt && at.getTime() - Date.parse(link.usedAt) < oneTapClaimMs;

const refuseUnusable = (link: OneTapLink, complaint: Complaint, at: Date) => {
  if (link.actedAt) throw refusal('LINK_USED', complaint);
  if (heldByATap(link, at))
    throw new RequestInProgressError('A tap on this link is still being handled. Try again in a moment.');
  if (Date.parse(link.expiresAt) <= at.getTime()) throw refusal('LINK_EXPIRED', complaint);
  if (offered(link, complaint, at).length === 0) throw refusal('LINK_SUPERSEDED', complaint);
};

/** What the page shows: the complaint's number, status and language, what the link answers and until when. */
export const openOneTapUseCase = (deps: OneTapDependencies) => async (request: { code: string }) => {
  const { link, complaint, at } = await usable(deps, request.code, deps.clock.now());
  refuseUnusable(link, complaint, at);
  return {
    trackingNumber: complaint.trackingNumber,
    status: complaint.status,
    language: complaint.language,
    merchantId: complaint.merchantId,
    category: complaint.category,
    purpose: link.purpose,
    actions: offered(link, complaint, at),
    answerBy: link.expiresAt,
    ...(link.purpose === 'ANSWER_PROPOSAL' &&
      complaint.resolution && {
        resolution: {
          remedy: complaint.resolution.remedy,
          ...(complaint.resolution.amount !== undefined && { amount: complaint.resolution.amount }),
          message: complaint.resolution.message,
          evidence: complaint.resolution.evidence,
          proposedAt: complaint.resolution.proposedAt,
        },
      }),
  };
};

/**
 * Acts with a link: takes it (one of two simultaneous taps wins), then acts as the complaint's
 * consumer and marks the link used for good; if the action is refused, the link is given back. A
 * tap cut short between the two (a timeout) leaves a hold that lapses after oneTapClaimMs. The same
 * action again, once done, answers with where the complaint stands (a tap retried after a lost answer).
 */
export const actOneTapUseCase =
  (deps: OneTapDependencies) => async (request: { code: string; action: string; body: Record<string, unknown> }) => {
    const { link, complaint, codeHash, at } = await usable(deps, request.code, deps.clock.now());
    const { action, details } = parseAction(consumerActions, request.action, request.body);
    const name = request.action as OneTapAction;
    if (!(oneTapPurposes[link.purpose] as readonly string[]).includes(name))
      throw new RefusedError('ACTION_NOT_OFFERED', `This link cannot ${request.action} the complaint.`, {
        trackingNumber: complaint.trackingNumber,
        status: complaint.status,
      });
    if (link.actedAt) {
      if (link.usedFor === name) return { trackingNumber: complaint.trackingNumber, status: complaint.status };
      throw refusal('LINK_USED', complaint);
    }
    refuseUnusable(link, complaint, at);
    // A hold left by a tap cut short (lapsed): this tap takes the link over.
    const staleClaim = link.usedAt;
    const takenAt = at.toISOString();
    const taken = await deps.links.take(codeHash, name, takenAt, staleClaim);
    if (taken === 'UNKNOWN') throw notOne();
    if (taken !== 'TAKEN') throw refusal(taken === 'USED' ? 'LINK_USED' : 'LINK_EXPIRED', complaint);
    let done: Awaited<ReturnType<OneTapDependencies['perform']>>;
    try {
      done = await deps.perform({
        trackingNumber: complaint.trackingNumber,
        by: 'consumer',
        // The complaint as it is when acted on must still be the one the link answers.
        owns: (current) => current.consumerId === complaint.consumerId && stillAnswers(link, current),
        action,
        details,
      });
    } catch (error) {
      await deps.links.giveBack(codeHash, takenAt);
      // A newer proposal or settlement came between the read and the act.
      throw error instanceof NotFoundError ? refusal('LINK_SUPERSEDED', complaint) : error;
    }
    // The complaint has moved on, so the link offers nothing more even if this mark is lost.
    await deps.links.acted(codeHash, takenAt, deps.clock.now().toISOString());
    return done;
  };
