import { describe, expect, it } from 'vitest';
import { complaintStatuses, type ComplaintStatus, type LifecycleState } from '../../functions/domain/lifecycle';
import { nextTimer, timerFor } from '../../functions/domain/timers';

const at = new Date('2026-05-01T08:00:00.300Z');
const state = (status: ComplaintStatus): LifecycleState => ({
  status,
  merchantResponseDays: 7,
  merchantDeadline: '2026-05-08T08:00:01Z',
  autoSettleAt: '2026-05-09T00:00:00Z',
  reopenWindowEndsAt: '2026-05-20T00:00:00Z',
  reopenCount: 0,
});

describe('the timer each status needs', () => {
  const expected: Record<ComplaintStatus, { purpose: string; dueAt: string } | undefined> = {
    SUBMITTED: { purpose: 'NOTIFY_MERCHANT', dueAt: '2026-05-01T08:00:01Z' },
    REOPENED: { purpose: 'NOTIFY_MERCHANT', dueAt: '2026-05-01T08:00:01Z' },
    AWAITING_MERCHANT: { purpose: 'MERCHANT_DEADLINE', dueAt: '2026-05-08T08:00:01Z' },
    ACKNOWLEDGED: { purpose: 'MERCHANT_DEADLINE', dueAt: '2026-05-08T08:00:01Z' },
    MERCHANT_REPLIED: { purpose: 'MERCHANT_DEADLINE', dueAt: '2026-05-08T08:00:01Z' },
    DISPUTED: { purpose: 'ESCALATE_DISPUTE', dueAt: '2026-05-01T08:00:01Z' },
    RESOLUTION_PROPOSED: { purpose: 'AUTO_SETTLEMENT', dueAt: '2026-05-09T00:00:00Z' },
    SETTLED: { purpose: 'REOPEN_WINDOW', dueAt: '2026-05-20T00:00:00Z' },
    AUTO_SETTLED: { purpose: 'REOPEN_WINDOW', dueAt: '2026-05-20T00:00:00Z' },
    ESCALATED: undefined,
    CLOSED: undefined,
    WITHDRAWN: undefined,
  };
  it.each(complaintStatuses)('%s', (status) => expect(timerFor(state(status), at)).toEqual(expected[status]));
});

describe('timer numbers', () => {
  it('start at 1, stay while the timer is the same, and rise when it changes', () => {
    const first = nextTimer(undefined, { purpose: 'MERCHANT_DEADLINE', dueAt: 'x' });
    expect(first).toEqual({ seq: 1, purpose: 'MERCHANT_DEADLINE', dueAt: 'x' });
    expect(nextTimer(first, { purpose: 'MERCHANT_DEADLINE', dueAt: 'x' })).toBe(first);
    expect(nextTimer(first, { purpose: 'MERCHANT_DEADLINE', dueAt: 'y' })).toEqual({
      seq: 2,
      purpose: 'MERCHANT_DEADLINE',
      dueAt: 'y',
    });
    expect(nextTimer(first, { purpose: 'AUTO_SETTLEMENT', dueAt: 'x' })?.seq).toBe(2);
    expect(nextTimer(first, undefined)).toBeUndefined();
  });
});
