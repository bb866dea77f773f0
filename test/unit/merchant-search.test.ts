import { describe, expect, it } from 'vitest';
import {
  directoryPrefix,
  isMerchantId,
  merchantOnboarding,
  nameSearchKeys,
  searchableName,
  wholeDirectoryKey,
} from '../../functions/domain/merchant';

describe('finding merchants by name', () => {
  it('compares names without case, punctuation or spacing differences, Bengali letters kept', () => {
    expect(searchableName('  Demo-Bazaar   Ltd. ')).toBe('demo bazaar ltd');
    expect(searchableName('ＤＥＭＯ')).toBe('demo');
    expect(searchableName('পদ্মা ইলেকট্রনিক্স')).toBe('পদ্মা ইলেকট্রনিক্স');
  });

  it('lists a merchant under its whole name and each later word, at most six keys', () => {
    expect(nameSearchKeys('Demo Bazaar Ltd')).toEqual(['demo bazaar ltd', 'bazaar ltd', 'ltd']);
    expect(nameSearchKeys('Shop Shop')).toEqual(['shop shop', 'shop']);
    expect(nameSearchKeys('a b c d e f g h')).toHaveLength(6);
  });

  it('searches the whole directory when the query has nothing to search by, under a prefix no name can start with', () => {
    expect(directoryPrefix('')).toBe(wholeDirectoryKey);
    expect(directoryPrefix(' - 😀 ')).toBe(wholeDirectoryKey);
    expect(directoryPrefix('Bazaar')).toBe('bazaar');
    expect(nameSearchKeys('ALL# Shop').every((key) => !key.startsWith(wholeDirectoryKey))).toBe(true);
  });

  it('refuses a trade name whose searched form would not fit a sort key (NFKC writes U+FDFA as 18 letters)', () => {
    const profile = (tradeName: string) => ({
      merchantId: 'long-name',
      legalName: 'Long Name Limited',
      tradeName,
      website: 'https://long-name.example',
      grievanceOfficer: { name: 'Nusrat Jahan', designation: 'GO', phone: '+8801711000001', email: 'go@x.example' },
      categories: ['fashion'],
    });
    const refused = merchantOnboarding.safeParse(profile('\ufdfa'.repeat(100)));
    expect(refused.success).toBe(false);
    expect(refused.error!.issues.map((issue) => issue.path[0])).toEqual(['tradeName']);
    // The longest plain name and the longest Bengali name fit.
    expect(merchantOnboarding.safeParse(profile('a'.repeat(100))).success).toBe(true);
    expect(merchantOnboarding.safeParse(profile('ক'.repeat(100))).success).toBe(true);
  });

  it('knows an id no merchant can have', () => {
    expect(isMerchantId('demo-bazaar')).toBe(true);
    expect(isMerchantId('a'.repeat(3000))).toBe(false);
    expect(isMerchantId('../x')).toBe(false);
  });
});
