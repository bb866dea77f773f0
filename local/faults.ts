/**
 * Fault injection for the local cloud (dev only): make the next N calls at a named point fail,
 * to prove that every crash between two steps heals. Every fault is scoped to a target (a phone,
 * a tracking number, a merchant id, a topic): it trips only on a call whose subject (the phone,
 * execution name and input, task payload, stream record, message) contains the target, so work
 * in the background for other complaints or tests can never consume it.
 */
export const faultPoints = [
  /** Step Functions refuses StartExecution (the stream consumer must retry). */
  'sfn.StartExecution',
  /** Step Functions refuses StopExecution. */
  'sfn.StopExecution',
  /** SNS cannot take a publish now (503, topic or SMS): the caller should retry. */
  'sns.Publish',
  /** SNS refuses a publish for good (400 InvalidParameter, as for a number it cannot text): retrying will not help. */
  'sns.PublishRejected',
  /** The SMS aggregator's stand-in cannot take an SMS now (429, it took nothing): the next provider is tried, or a retry. */
  'smsGateway.unavailable',
  /** The SMS aggregator's stand-in refuses an SMS for good (REJECTED, as for a number on the do-not-disturb list). */
  'smsGateway.rejected',
  /** The SMS aggregator's stand-in takes an SMS, then reports it undelivered (its delivery report says FAILED). */
  'smsGateway.undelivered',
  /** SES accepts an email to the target address, then reports that it bounced for good. */
  'ses.bounce',
  /** SES accepts an email to the target address, then reports that the recipient marked it as spam. */
  'ses.complaint',
  /** A workflow task crashes after it ran (its database write is done), so Step Functions retries it. */
  'task.crashAfterRun',
  /** The change consumer crashes after it ran, so the stream delivers the same changes again. */
  'stream.crashAfterRun',
  /** Counting a complaint's changes fails (the counting consumer's own stream retries them, then sets them aside). */
  'stream.countingFails',
  /** DynamoDB throttles a request (400 ProvisionedThroughputExceededException, which the SDK retries itself). */
  'dynamodb.throttled',
  /** SES cannot take an email now (429 TooManyRequestsException, which the SDK retries itself). */
  'ses.unavailable',
  /** S3 cannot take a request now (503 SlowDown): an upload, a case record's write or a read. */
  's3.unavailable',
] as const;
export type FaultPoint = (typeof faultPoints)[number];

interface ArmedFault {
  point: FaultPoint;
  target: string;
  /** Failures still to come: Infinity until cleared. */
  left: number;
  /** Matching calls to let through before the first failure, so a test can fail each call of a step in turn. */
  skip: number;
  /** Only calls made by this function (its SDK's `app/<id>`; DynamoDB's calls say it). */
  caller?: string;
  /** Every failure hits the first call it trips on (that call's retries, identical), not the calls after it. */
  oneCall: boolean;
  /** The subject of that first call, once tripped. */
  call?: string;
}

export interface FaultOptions {
  skip?: number;
  caller?: string;
  oneCall?: boolean;
}

/** Tracking numbers in a call's text (execution names and inputs, payloads, messages). */
const trackingNumbers = /\b[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}\b/g;

export class Faults {
  private armed: ArmedFault[] = [];
  private readonly tripped = new Map<FaultPoint, number>();

  /** `partiesOf` names a complaint's consumer and merchant, so a fault can target them in calls that carry only its tracking number. */
  constructor(private readonly partiesOf: (trackingNumber: string) => Promise<string> = async () => '') {}

  /** Like `trip`, with the parties of every complaint the text mentions added to its subject. */
  async tripFor(point: FaultPoint, text: string): Promise<boolean> {
    if (!this.armed.some((armed) => armed.point === point)) return false;
    const parties = await Promise.all(
      [...new Set(text.match(trackingNumbers) ?? [])].map((trackingNumber) =>
        this.partiesOf(trackingNumber).catch(() => ''),
      ),
    );
    return this.trip(point, [text, ...parties].join(' '));
  }

  arm(point: FaultPoint, times: number, target: string, { skip = 0, caller, oneCall = false }: FaultOptions = {}) {
    this.armed.push({ point, target, left: times, skip, oneCall, ...(caller !== undefined && { caller }) });
  }

  /** True (and one fewer pending) if this call, about `subject` (and made by `caller`, where known), must fail. */
  trip(point: FaultPoint, subject: string, caller?: string): boolean {
    const fault = this.armed.find(
      (armed) =>
        armed.point === point &&
        armed.left > 0 &&
        subject.includes(armed.target) &&
        (armed.caller === undefined || armed.caller === caller) &&
        (armed.call === undefined || armed.call === subject),
    );
    if (!fault) return false;
    if (fault.skip > 0) {
      fault.skip--;
      return false;
    }
    if (fault.oneCall) fault.call = subject;
    fault.left--;
    this.armed = this.armed.filter((armed) => armed.left > 0);
    this.tripped.set(point, (this.tripped.get(point) ?? 0) + 1);
    return true;
  }

  /** Disarms every pending fault (tripped counts are kept). */
  clear() {
    this.armed = [];
  }

  report() {
    return {
      pending: this.armed.map(({ point, target, left, skip, caller, call }) => ({
        point,
        target,
        left: left === Number.POSITIVE_INFINITY ? 'untilCleared' : left,
        skip,
        caller,
        ...(call !== undefined && { call: call.slice(0, 300) }),
      })),
      tripped: Object.fromEntries(this.tripped),
    };
  }
}

export class InjectedFault extends Error {
  constructor(point: FaultPoint) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}
