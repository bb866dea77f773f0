/** SMS are billed in parts: the cost model counts them as a carrier would. */
import { describe, expect, it } from 'vitest';
import { smsEncodingOf, smsPartsOf } from '../../functions/domain/sms';

describe('the parts an SMS is billed as', () => {
  it('fits 160 GSM-7 characters in one part, and 153 in each part when split', () => {
    expect(smsPartsOf('a'.repeat(160))).toBe(1);
    expect(smsPartsOf('a'.repeat(161))).toBe(2);
    expect(smsPartsOf('a'.repeat(306))).toBe(2);
    expect(smsPartsOf('a'.repeat(307))).toBe(3);
  });

  it('fits 70 Bengali (UCS-2) characters in one part, and 67 in each part when split', () => {
    expect(smsPartsOf('ক'.repeat(70))).toBe(1);
    expect(smsPartsOf('ক'.repeat(71))).toBe(2);
    expect(smsPartsOf('ক'.repeat(134))).toBe(2);
    expect(smsPartsOf('ক'.repeat(135))).toBe(3);
    // One Bengali character makes the whole message UCS-2.
    expect(smsPartsOf(`${'a'.repeat(100)}ক`)).toBe(2);
  });

  it('counts the GSM-7 extension characters twice, and sends a character outside GSM-7 as UCS-2', () => {
    expect(smsPartsOf('{'.repeat(80))).toBe(1);
    expect(smsPartsOf(`${'{'.repeat(80)}a`)).toBe(2);
    expect(smsEncodingOf('Tracking number CCMS-2026-000001: £5 & café')).toBe('GSM7');
    // A backtick and a curly apostrophe are not in GSM-7.
    expect(smsEncodingOf('it`s')).toBe('UCS2');
    expect(smsEncodingOf('it’s')).toBe('UCS2');
    expect(smsEncodingOf('অভিযোগ')).toBe('UCS2');
  });
});
