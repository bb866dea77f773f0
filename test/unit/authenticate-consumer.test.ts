import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../functions/domain/clock';
import type { SessionStore } from '../../functions/domain/ports';
import { newSession, type ConsumerSession } from '../../functions/domain/session';
import { authenticateConsumerUseCase } from '../../functions/identity/use-cases';

const clock = fixedClock('2026-06-01T10:00:00Z');
const stored = new Map<string, ConsumerSession>();
const sessions: SessionStore = {
  put: async (s) => void stored.set(s.tokenHash, s),
  get: async (hash) => stored.get(hash),
};
const authenticate = authenticateConsumerUseCase({ sessions, clock });
const { token, session } = newSession({ consumerId: '+8801712345678', randomBytes, now: clock.now() });
await sessions.put(session);

describe('consumer authentication', () => {
  it('accepts a live session token as a Bearer credential, in any case and spacing', async () => {
    expect(await authenticate(`Bearer ${token}`)).toEqual(session);
    expect(await authenticate(`  bearer   ${token} `)).toEqual(session);
  });

  it.each([undefined, '', token, `Basic ${token}`, 'Bearer short', `Bearer ${token}x`])(
    'refuses %j',
    async (header) => {
      expect(await authenticate(header)).toBeUndefined();
    },
  );

  it('refuses the token once the session has expired', async () => {
    const later = authenticateConsumerUseCase({ sessions, clock: fixedClock(session.expiresAt) });
    expect(await later(`Bearer ${token}`)).toBeUndefined();
  });
});
