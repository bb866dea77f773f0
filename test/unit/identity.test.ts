import { describe, expect, it } from 'vitest';
import { ageOn, checkDocumentFitsAge, identityRequest, verifiedIdentity } from '../../functions/domain/identity';

const on = new Date('2026-06-01T12:00:00Z');
const nid = (dateOfBirth: string) => identityRequest.parse({ document: 'NID', nidNumber: '1990123456', dateOfBirth });
const birthRegistration = (dateOfBirth: string) =>
  identityRequest.parse({
    document: 'BIRTH_REGISTRATION',
    birthRegistrationNumber: '20101234567890123',
    dateOfBirth,
    guardian: { name: 'Rahima Begum', phone: '01812-345678' },
  });

describe('identity documents', () => {
  it('counts age in whole years, turning over on the birthday', () => {
    expect(ageOn('2008-06-01', on)).toBe(18);
    expect(ageOn('2008-06-02', on)).toBe(17);
    expect(ageOn('2000-02-29', new Date('2026-02-28T00:00:00Z'))).toBe(25);
  });

  it('takes an NID from the 18th birthday and a birth registration before it', () => {
    expect(() => checkDocumentFitsAge(nid('2008-06-01'), on)).not.toThrow();
    expect(() => checkDocumentFitsAge(nid('2008-06-02'), on)).toThrow('Under 18');
    expect(() => checkDocumentFitsAge(birthRegistration('2008-06-02'), on)).not.toThrow();
    expect(() => checkDocumentFitsAge(birthRegistration('2008-06-01'), on)).toThrow('From 18');
    expect(() => checkDocumentFitsAge(nid('2027-01-01'), on)).toThrow('in the future');
  });

  it('accepts NIDs of 10, 13 and 17 digits only', () => {
    for (const nidNumber of ['1234567890', '1234567890123', '12345678901234567']) {
      expect(identityRequest.safeParse({ document: 'NID', nidNumber, dateOfBirth: '1990-01-15' }).success).toBe(true);
    }
    for (const nidNumber of ['123456789', '12345678901', '12345678901234', 'ABCDEFGHIJ']) {
      expect(identityRequest.safeParse({ document: 'NID', nidNumber, dateOfBirth: '1990-01-15' }).success).toBe(false);
    }
  });

  it('normalises the guardian’s phone and refuses a foreign one', () => {
    expect(birthRegistration('2012-01-01')).toMatchObject({ guardian: { phone: '+8801812345678' } });
    const foreign = identityRequest.safeParse({
      document: 'BIRTH_REGISTRATION',
      birthRegistrationNumber: '20101234567890123',
      dateOfBirth: '2012-01-01',
      guardian: { name: 'Rahima Begum', phone: '+44 20 7946 0000' },
    });
    expect(foreign.error?.issues[0]?.path).toEqual(['guardian', 'phone']);
  });

  it('keeps only the keyed hash and the last three digits of the number', () => {
    const identity = verifiedIdentity(nid('1990-01-15'), 'keyed-hash', on);
    expect(identity).toEqual({
      document: 'NID',
      numberHash: 'keyed-hash',
      lastDigits: '456',
      dateOfBirth: '1990-01-15',
      verifiedAt: on.toISOString(),
    });
    expect(JSON.stringify(identity)).not.toContain('1990123456');
  });
});
