import { describe, expect, it } from 'vitest';
import { Faults } from '../../local/faults';
import { matchesFilterPolicy } from '../../local/filter-policy';
import { substitute } from '../../local/stepfunctions';
import { parseIsoDuration } from '../../local/virtual-clock';

describe('ISO-8601 durations for the dev clock', () => {
  it.each([
    ['P7D', 7 * 86_400_000],
    ['PT72H', 72 * 3_600_000],
    ['P1W', 7 * 86_400_000],
    ['P2DT3H30M', (2 * 24 * 60 + 3 * 60 + 30) * 60_000],
    ['PT1.5S', 1500],
  ])('%s is %d ms', (text, ms) => expect(parseIsoDuration(text)).toBe(ms));

  it.each(['7D', 'P', 'PT', 'P1M', 'P1Y', 'P-1D', ''])('refuses %j with an example of what works', (text) => {
    expect(() => parseIsoDuration(text)).toThrow(/like P7D/);
  });
});

describe('SNS filter policies (local fan-out)', () => {
  const attributes = { merchantId: 'demo-bazaar', category: 'NOT_DELIVERED', reason: 'MERCHANT_DEADLINE_MISSED' };
  it('matches when every key matches one of its values', () => {
    expect(
      matchesFilterPolicy({ category: ['NOT_DELIVERED', 'LATE_DELIVERY'], merchantId: ['demo-bazaar'] }, attributes),
    ).toBe(true);
    expect(matchesFilterPolicy({ category: ['LATE_DELIVERY'], merchantId: ['demo-bazaar'] }, attributes)).toBe(false);
  });
  it('supports prefix, anything-but and exists', () => {
    expect(matchesFilterPolicy({ merchantId: [{ prefix: 'demo-' }] }, attributes)).toBe(true);
    expect(matchesFilterPolicy({ reason: [{ 'anything-but': 'RESOLUTION_DISPUTED' }] }, attributes)).toBe(true);
    expect(matchesFilterPolicy({ reason: [{ 'anything-but': ['MERCHANT_DEADLINE_MISSED'] }] }, attributes)).toBe(false);
    expect(matchesFilterPolicy({ district: [{ exists: true }] }, attributes)).toBe(false);
    expect(matchesFilterPolicy({ district: [{ exists: false }] }, attributes)).toBe(true);
  });
  it('delivers everything when there is no policy', () => {
    expect(matchesFilterPolicy(undefined, {})).toBe(true);
  });
});

describe('ASL definition substitutions', () => {
  it('fills every ${Name} and refuses a missing one by name', () => {
    expect(substitute('{"a":"${X}","b":"${Y}"}', { X: '1', Y: '2' })).toBe('{"a":"1","b":"2"}');
    expect(() => substitute('{"a":"${Missing}"}', {})).toThrow('${Missing}');
  });
});

describe('fault injection scoped to a target', () => {
  it('trips only on calls about its target, so background work for others cannot consume it', () => {
    const faults = new Faults();
    faults.arm('sns.Publish', 2, '+8801712345678');
    expect(faults.trip('sns.Publish', '+8801812345678 your code is 123456')).toBe(false);
    expect(faults.trip('sfn.StartExecution', '+8801712345678')).toBe(false);
    expect(faults.trip('sns.Publish', '+8801712345678 your code is 123456')).toBe(true);
    expect(faults.trip('sns.Publish', '+8801712345678 your code is 654321')).toBe(true);
    expect(faults.trip('sns.Publish', '+8801712345678 your code is 111111')).toBe(false);
    expect(faults.report()).toEqual({ pending: [], tripped: { 'sns.Publish': 2 } });
  });

  it('keeps a fault armed until cleared for every matching call, however many there are', () => {
    const faults = new Faults();
    faults.arm('stream.countingFails', Number.POSITIVE_INFINITY, '+8801712345678');
    for (let call = 0; call < 500; call++) expect(faults.trip('stream.countingFails', '+8801712345678')).toBe(true);
    expect(faults.report().pending).toEqual([
      expect.objectContaining({ point: 'stream.countingFails', left: 'untilCleared' }),
    ]);
    faults.clear();
    expect(faults.trip('stream.countingFails', '+8801712345678')).toBe(false);
    expect(faults.report().tripped).toEqual({ 'stream.countingFails': 500 });
  });

  it('finds the consumer or merchant of a complaint a call names only by tracking number', async () => {
    const faults = new Faults(async (trackingNumber) =>
      trackingNumber === 'ABCDE-FGHJ0' ? '+8801712345678 demo-bazaar' : '',
    );
    faults.arm('sfn.StartExecution', 1, 'demo-bazaar');
    expect(await faults.tripFor('sfn.StartExecution', '{"name":"ZZZZZ-ZZZZZ-t1"}')).toBe(false);
    expect(await faults.tripFor('sfn.StartExecution', '{"name":"ABCDE-FGHJ0-t1"}')).toBe(true);
  });
});
