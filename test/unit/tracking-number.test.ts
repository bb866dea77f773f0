import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../functions/domain/errors';
import { newTrackingNumber, parseTrackingNumber } from '../../functions/domain/tracking-number';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('tracking numbers', () => {
  it('look like XXXXX-XXXXX in Crockford base 32 and parse back to themselves', () => {
    for (let i = 0; i < 200; i++) {
      const number = newTrackingNumber(randomBytes(9));
      expect(number).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(parseTrackingNumber(number)).toBe(number);
    }
  });

  it('accepts what people type: lower case, spaces, no dash, O for 0 and I or L for 1', () => {
    const number = newTrackingNumber(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]));
    const typed = number.toLowerCase().replace('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(parseTrackingNumber(typed)).toBe(number);
  });

  it('catches every single mistyped symbol with the check symbol', () => {
    const number = newTrackingNumber(randomBytes(9)).replace('-', '');
    for (let position = 0; position < number.length; position++) {
      for (const symbol of alphabet) {
        if (symbol === number[position]) continue;
        const typo = number.slice(0, position) + symbol + number.slice(position + 1);
        expect(() => parseTrackingNumber(typo), typo).toThrow('typing mistake');
      }
    }
  });

  it('catches swapped neighbours', () => {
    const number = newTrackingNumber(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9])).replace('-', '');
    const swapped = number.charAt(1) + number.charAt(0) + number.slice(2);
    expect(() => parseTrackingNumber(swapped)).toThrow(InvalidRequestError);
  });

  it('explains a wrong length or a symbol outside the alphabet', () => {
    expect(() => parseTrackingNumber('ABC')).toThrow('has 10 letters and digits');
    expect(() => parseTrackingNumber('UUUUU-UUUUU')).toThrow('without U');
  });
});
