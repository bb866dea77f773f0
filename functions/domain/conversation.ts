/**
 * The conversation on a complaint: the consumer and the merchant write to each other, and the
 * merchant may once ask the consumer for information (functions/domain/lifecycle.ts pauses its
 * deadline for it). Each message is a timeline entry whose text is the entry's note: the chain
 * seals a salted commitment to it, so a message is erased like any note and the chain still
 * verifies. Its files (evidence the writer uploaded and whose check passed) are sealed by id in the
 * entry's details. Only the parties, and a regulator once the complaint is escalated, read them.
 *
 * Each party may write `perPartyPerDay` messages a Dhaka day and `perPartyTotal` in all: the counts
 * live on the complaint, which every message rewrites under its optimistic check, so two
 * simultaneous messages cannot both pass a limit. Pure: no I/O.
 */
import { act, permits, type Complaint, type ComplaintChange } from './complaint';
import { dhakaDate, nextDhakaMidnight } from './dates';
import { MessagesTodayUsedError, RefusedError } from './errors';
import { conversationLimits, deadlinePaused, type LifecycleAction } from './lifecycle';

export type ConversationParty = 'consumer' | 'merchant';

/** What a party has written: today (a Dhaka day) and in all. */
export interface PartyCount {
  day: string;
  today: number;
  total: number;
}

export type ConversationCounts = Partial<Record<ConversationParty, PartyCount>>;

/** The actions that carry a message from a party, and which party each is. */
export const messageActions = {
  WRITE_TO_MERCHANT: 'consumer',
  ANSWER_INFORMATION_REQUEST: 'consumer',
  WRITE_TO_CONSUMER: 'merchant',
  REQUEST_INFORMATION: 'merchant',
  // A reply is the merchant writing too: it counts, so the limits cannot be gone round with replies.
  REPLY: 'merchant',
} as const satisfies Partial<Record<LifecycleAction, ConversationParty>>;
export type MessageAction = keyof typeof messageActions;

export const isMessageAction = (action: string): action is MessageAction => Object.hasOwn(messageActions, action);

/** The merchant's writing the consumer is texted of only once a Dhaka day (the rest by email and on the page). */
export const textedOnceADay: readonly string[] = ['WRITE_TO_CONSUMER', 'REPLY'];

/** The entries of the conversation, which the public's view of a timeline leaves out (their step too, not only their text). */
export const privateActions: readonly string[] = ['WRITE_TO_MERCHANT', 'WRITE_TO_CONSUMER'];

/** The separator of file ids in an entry's `attachments` detail. */
const idSeparator = ',';

/** The ids of the files a message's entry names (its sealed `attachments` detail). */
export const attachmentsOf = (details: Record<string, string | number> | undefined): string[] =>
  typeof details?.attachments === 'string' ? details.attachments.split(idSeparator) : [];

/**
 * What the consumer's writing is while the merchant waits for an answer to its request: the answer
 * (the merchant's deadline runs again), whichever form they wrote in; and an answer after the pause
 * ended is a message like any other.
 */
const messageActionFor = (complaint: Complaint, action: MessageAction, at: Date): MessageAction => {
  if (action === 'WRITE_TO_MERCHANT' && permits(complaint, 'ANSWER_INFORMATION_REQUEST', 'consumer', at))
    return 'ANSWER_INFORMATION_REQUEST';
  if (action === 'ANSWER_INFORMATION_REQUEST' && complaint.informationRequest && !deadlinePaused(complaint))
    return 'WRITE_TO_MERCHANT';
  return action;
};

/**
 * Records a party's message (or the merchant's reply or request, or the consumer's answer to it) as
 * its action: refused by the lifecycle's rules, or with 429 when the party wrote its messages for the
 * day (until the next Dhaka midnight), or 422 MESSAGE_LIMIT when it wrote all it may on this
 * complaint. The answer to the merchant's request is counted but never refused by a limit: it is
 * the one message that gives the merchant its deadline back, and there is only one.
 */
export const writeMessage = (
  complaint: Complaint,
  asked: MessageAction,
  at: Date,
  message: { text: string; attachmentIds?: readonly string[] },
): ComplaintChange => {
  const action = messageActionFor(complaint, asked, at);
  const party = messageActions[action];
  const today = dhakaDate(at);
  const previous = complaint.conversation?.[party];
  const count: PartyCount = {
    day: today,
    today: previous?.day === today ? previous.today : 0,
    total: previous?.total ?? 0,
  };
  const limited = action !== 'ANSWER_INFORMATION_REQUEST';
  if (limited && count.total >= conversationLimits.perPartyTotal)
    throw new RefusedError(
      'MESSAGE_LIMIT',
      `You have written the ${conversationLimits.perPartyTotal} messages a party may write on one complaint.`,
    );
  if (limited && count.today >= conversationLimits.perPartyPerDay)
    throw new MessagesTodayUsedError(
      `You have written ${conversationLimits.perPartyPerDay} messages on this complaint today; write again after midnight (Dhaka time).`,
      Math.ceil((nextDhakaMidnight(at).getTime() - at.getTime()) / 1000),
    );
  const attachmentIds = [...new Set(message.attachmentIds ?? [])];
  const counted = { ...count, today: count.today + 1, total: count.total + 1 };
  return act(complaint, action, party, at, {
    note: message.text,
    ...(attachmentIds.length > 0 && { details: { attachments: attachmentIds.join(idSeparator) } }),
    with: { conversation: { ...complaint.conversation, [party]: counted } },
  });
};
