/** The identity and phone-verification use cases against in-memory ports with the same conditional-write contracts as DynamoDB. */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock';
import { ConcurrentChangeError, RateLimitedError, ServiceUnavailableError } from '../../functions/domain/errors';
import type { OtpRecord } from '../../functions/domain/otp';
import type { IdentityVerifier, OtpStore, SmsSender } from '../../functions/domain/ports';
import { requestOtpUseCase, verifyIdentityUseCase } from '../../functions/identity/use-cases';
import { InMemoryProfiles } from './in-memory';

const nid = { document: 'NID' as const, nidNumber: '1990123456', dateOfBirth: '1990-01-15' };
const hasher = { hash: async (value: string) => `h(${value})` };

/** A verifier that answers after the caller's other requests had a chance to run, as a network call would. */
const slowVerifier = (answer: () => Promise<boolean>): IdentityVerifier & { calls: number } => {
  const verifier = {
    calls: 0,
    verify: async () => {
      verifier.calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return answer();
    },
  };
  return verifier;
};

describe('identity checks', () => {
  it('lets at most 5 checks a day reach the register, even all at once', async () => {
    const verifier = slowVerifier(async () => false);
    const verify = verifyIdentityUseCase({
      profiles: new InMemoryProfiles(),
      verifier,
      hasher,
      clock: fixedClock('2026-05-01T10:00:00Z'),
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => verify('+8801712345678', nid)));
    expect(verifier.calls).toBe(5);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof RateLimitedError)).toHaveLength(25);
  });

  it('counts the day in Dhaka, and says to come back at Dhaka midnight', async () => {
    const profiles = new InMemoryProfiles();
    const verifier = slowVerifier(async () => false);
    // 17:00 UTC is 23:00 in Dhaka: one hour until the allowance renews.
    const clock = fixedClock('2026-05-01T17:00:00Z');
    const verify = verifyIdentityUseCase({ profiles, verifier, hasher, clock });
    for (let i = 0; i < 5; i++) await verify('c1', nid).catch(() => undefined);
    const refused = await verify('c1', nid).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(3600);
  });

  it('gives a check back when the register cannot answer, so an outage does not use up the day', async () => {
    const profiles = new InMemoryProfiles();
    const verifier = slowVerifier(async () => {
      throw new ServiceUnavailableError('down');
    });
    const verify = verifyIdentityUseCase({ profiles, verifier, hasher, clock: fixedClock('2026-05-01T10:00:00Z') });
    for (let i = 0; i < 8; i++) await expect(verify('c1', nid)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(verifier.calls).toBe(8);
  });

  it('never replaces an identity a parallel check stored first', async () => {
    const profiles = new InMemoryProfiles();
    const clock = fixedClock('2026-05-01T10:00:00Z');
    const first = verifyIdentityUseCase({ profiles, verifier: slowVerifier(async () => true), hasher, clock });
    const other = { ...nid, nidNumber: '19851234567890123', dateOfBirth: '1985-06-30' };
    const [a, b] = await Promise.all([first('c1', nid), first('c1', other)]);
    expect(a.lastDigits).toBe(b.lastDigits);
    expect((await profiles.get('c1'))?.identity?.lastDigits).toBe(a.lastDigits);
  });
});

/** OTP records with DynamoDB's conditional put: the stored record must still be `previous`. */
class InMemoryOtps implements OtpStore {
  readonly records = new Map<string, OtpRecord>();
  async get(phone: string) {
    return this.records.get(phone);
  }
  async put(record: OtpRecord, previous: OtpRecord | undefined) {
    const stored = this.records.get(record.phone);
    if (stored?.sentAt !== previous?.sentAt || stored?.attempts !== previous?.attempts)
      throw new ConcurrentChangeError(record.phone);
    this.records.set(record.phone, record);
  }
  async release(record: OtpRecord, previous: OtpRecord | undefined) {
    if (this.records.get(record.phone)?.codeHash !== record.codeHash) return;
    if (previous) this.records.set(record.phone, previous);
    else this.records.delete(record.phone);
  }
}

describe('one-time code requests', () => {
  const deps = (sms: SmsSender, otps = new InMemoryOtps()) => ({
    otps,
    sources: { consume: async () => undefined },
    sessions: { put: async () => undefined, get: async () => undefined },
    sms,
    clock: fixedClock('2026-05-01T10:00:00Z'),
    randomBytes: (size: number) => new Uint8Array(size).map(() => Math.floor(Math.random() * 256)),
  });

  it('texts once when parallel requests race, and refuses the others with 429', async () => {
    const texts: string[] = [];
    const request = requestOtpUseCase(deps({ send: async (phone) => void texts.push(phone) }));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 15 }, () => request({ phone: '01712345678', language: 'en', source: 's' })),
    );
    expect(texts).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof RateLimitedError)).toHaveLength(14);
  });

  it('gives the reservation back when the SMS cannot be sent, so the consumer may ask again at once', async () => {
    const otps = new InMemoryOtps();
    let failing = true;
    const sent: string[] = [];
    const request = requestOtpUseCase(
      deps(
        {
          send: async (phone) => {
            if (failing) throw new Error('SNS refused');
            sent.push(phone);
          },
        },
        otps,
      ),
    );
    await expect(request({ phone: '01712345678', language: 'en', source: 's' })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(otps.records.size).toBe(0);
    failing = false;
    await request({ phone: '01712345678', language: 'en', source: 's' });
    expect(sent).toEqual(['+8801712345678']);
  });
});
