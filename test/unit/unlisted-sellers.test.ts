import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../functions/domain/errors';
import {
  identifiersOf,
  normalizedIdentifier,
  onboardingRequest,
  sellerIdOf,
  sellerIdPattern,
  sellerKeyOf,
  unlistedSellerReportRequest,
} from '../../functions/domain/unlisted-sellers';

describe('matching a seller on its identifiers', () => {
  it('is one Facebook page however its link was typed', () => {
    const keys = [
      'https://www.facebook.com/GadgetCornerBD/',
      'facebook.com/gadgetcornerbd?ref=page_internal',
      'm.facebook.com/GadgetCornerBD/posts/123',
      'fb.com/gadgetcornerbd',
      '@GadgetCornerBD',
      'GadgetCornerBD',
    ].map((typed) => normalizedIdentifier('FACEBOOK', typed).key);
    expect(new Set(keys)).toEqual(new Set(['FB:gadgetcornerbd']));
    expect(normalizedIdentifier('FACEBOOK', 'https://www.facebook.com/profile.php?id=100089').key).toBe('FB:100089');
    expect(normalizedIdentifier('FACEBOOK', 'facebook.com/pages/Gadget-Corner/100089').key).toBe('FB:100089');
  });

  it('takes a page’s own link, never a share, post or group link that many sellers would share', () => {
    expect(normalizedIdentifier('FACEBOOK', 'rahim.fashion').key).toBe('FB:rahim.fashion');
    expect(normalizedIdentifier('FACEBOOK', 'facebook.com/pg/RahimFashion/about').key).toBe('FB:rahimfashion');
    expect(normalizedIdentifier('FACEBOOK', 'facebook.com/p/Rahim-Fashion-100089123/').key).toBe('FB:100089123');
    expect(
      normalizedIdentifier(
        'FACEBOOK',
        'https://www.facebook.com/pages/category/Clothing-Store/Rahim-Fashion-100089123/',
      ).key,
    ).toBe('FB:100089123');
    expect(normalizedIdentifier('FACEBOOK', 'facebook.com/বর্ণশপ').key).toBe('FB:বর্ণশপ');
    for (const typed of [
      'https://www.facebook.com/share/abc123/',
      'facebook.com/groups/dhakadeals',
      'facebook.com/story.php?story_fbid=1&id=2',
      'https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com',
      'facebook.com/marketplace/item/123',
      'facebook.com/pages/category/Clothing-Store/',
    ])
      expect(() => normalizedIdentifier('FACEBOOK', typed), typed).toThrow(InvalidRequestError);
  });

  it('tells sellers on one platform apart by their path there, and refuses the platform alone', () => {
    expect(normalizedIdentifier('WEBSITE', 'https://www.instagram.com/RahimFashion/?hl=en').key).toBe(
      'WEB:instagram.com/rahimfashion',
    );
    expect(normalizedIdentifier('WEBSITE', 'daraz.com.bd/shop/rahim-fashion/?spm=1').key).toBe(
      'WEB:daraz.com.bd/shop/rahim-fashion',
    );
    expect(normalizedIdentifier('WEBSITE', 'wa.me/8801712345678').key).toBe('WEB:wa.me/8801712345678');
    // Only the seller's own segments are read: what follows them does not have to decode.
    expect(normalizedIdentifier('WEBSITE', 'instagram.com/rahimfashion/%E0').key).toBe(
      'WEB:instagram.com/rahimfashion',
    );
    expect(normalizedIdentifier('WEBSITE', 'shop.example.com.').key).toBe('WEB:shop.example.com');
    for (const typed of ['instagram.com', 'https://daraz.com.bd/shop/', 'fb.me/shop'])
      expect(() => normalizedIdentifier('WEBSITE', typed), typed).toThrow(InvalidRequestError);
  });

  it('is one website by its host, whatever the scheme, www., path or query', () => {
    for (const typed of [
      'https://www.shop.example.com.bd/p/1?x=2',
      'shop.example.com.bd',
      'HTTP://Shop.Example.com.bd',
    ])
      expect(normalizedIdentifier('WEBSITE', typed).key).toBe('WEB:shop.example.com.bd');
  });

  it('is one mobile number whether given as a phone, a bKash or a Nagad number', () => {
    const keys = [
      normalizedIdentifier('PHONE', '01712-345678'),
      normalizedIdentifier('BKASH', '+880 1712 345678'),
      normalizedIdentifier('NAGAD', '008801712345678'),
    ].map(({ key }) => key);
    expect(new Set(keys)).toEqual(new Set(['MOBILE:+8801712345678']));
  });

  it('refuses what cannot be the identifier it claims to be, naming the field', () => {
    for (const [kind, typed] of [
      ['WEBSITE', 'not a site'],
      ['WEBSITE', 'https://facebook.com/shop'],
      ['FACEBOOK', 'https://example.com/shop'],
      ['FACEBOOK', 'https://facebook.com/'],
      ['PHONE', '12345'],
      ['BKASH', '02-9876543'],
      // A percent-escape cut short (a UTF-8 character's first bytes only) cannot be decoded.
      ['FACEBOOK', 'facebook.com/%E0%A4'],
      ['FACEBOOK', 'https://www.facebook.com/pages/%E0/123456789'],
      ['WEBSITE', 'instagram.com/%E0'],
      ['WEBSITE', 'https://daraz.com.bd/shop/%A4%'],
    ] as const) {
      const refused = (() => {
        try {
          normalizedIdentifier(kind, typed);
        } catch (error) {
          return error;
        }
      })();
      expect(refused, `${kind} ${typed}`).toBeInstanceOf(InvalidRequestError);
      expect((refused as InvalidRequestError).fieldErrors).toHaveProperty('identifiers');
    }
  });

  it('refuses a key too long for a page cursor or a seller id, and takes the longest Bengali name', () => {
    // The longest a key may be: its seller item's key (UNLISTED#SELLER#<key>) stays within a cursor's 400 bytes.
    const fits = (key: string) =>
      Buffer.byteLength(`UNLISTED#SELLER#${key}`, 'utf8') <= 400 && sellerIdPattern.test(sellerIdOf(key));
    const bengali = normalizedIdentifier('FACEBOOK', 'ক'.repeat(100)).key;
    expect(fits(bengali)).toBe(true);
    expect(sellerKeyOf(sellerIdOf(bengali))).toBe(bengali);
    // 100 characters of four bytes each, or two long Bengali segments on a platform: past the limits.
    for (const [kind, typed] of [
      ['FACEBOOK', '𝐚'.repeat(100)],
      ['WEBSITE', `instagram.com/${'𝐚'.repeat(100)}`],
      ['WEBSITE', `sites.google.com/${'ক'.repeat(100)}/${'খ'.repeat(100)}`],
    ] as const) {
      expect(fits(`${kind === 'FACEBOOK' ? 'FB' : 'WEB'}:${typed.toLowerCase()}`), typed).toBe(false);
      expect(() => normalizedIdentifier(kind, typed), typed).toThrow(InvalidRequestError);
    }
  });

  it('counts an identifier given twice in one report once', () => {
    const identifiers = identifiersOf({
      identifiers: [
        { kind: 'PHONE', value: '01712345678' },
        { kind: 'BKASH', value: '01712-345678' },
        { kind: 'WEBSITE', value: 'shop.example.com' },
      ],
    });
    expect(identifiers).toEqual([
      { kind: 'PHONE', key: 'MOBILE:+8801712345678' },
      { kind: 'WEBSITE', key: 'WEB:shop.example.com' },
    ]);
  });
});

describe('a seller’s id in a path', () => {
  it('goes back to its key, and nothing else is taken for one', () => {
    for (const key of ['FB:gadgetcornerbd', 'WEB:shop.example.com.bd', 'MOBILE:+8801712345678'])
      expect(sellerKeyOf(sellerIdOf(key))).toBe(key);
    expect(sellerKeyOf(sellerIdOf('COMPLAINT#ABC'))).toBeUndefined();
    expect(sellerKeyOf('../../x')).toBeUndefined();
    expect(sellerKeyOf('a'.repeat(500))).toBeUndefined();
  });
});

describe('the requests', () => {
  it('needs one to four identifiers, a name, a category and what happened', () => {
    const valid = {
      sellerName: 'Gadget Corner BD',
      identifiers: [{ kind: 'FACEBOOK', value: 'gadgetcornerbd' }],
      category: 'NOT_DELIVERED',
      description: 'Paid in advance, nothing came.',
    };
    expect(unlistedSellerReportRequest.safeParse(valid).success).toBe(true);
    expect(unlistedSellerReportRequest.safeParse({ ...valid, identifiers: [] }).success).toBe(false);
    expect(
      unlistedSellerReportRequest.safeParse({ ...valid, identifiers: Array(5).fill(valid.identifiers[0]) }).success,
    ).toBe(false);
    expect(unlistedSellerReportRequest.safeParse({ ...valid, description: 'bad' }).success).toBe(false);
    expect(unlistedSellerReportRequest.safeParse({ ...valid, consumerId: '+8801711111111' }).success).toBe(false);
  });

  it('names a merchant exactly when the seller is ONBOARDED', () => {
    expect(onboardingRequest.safeParse({ status: 'ONBOARDED', merchantId: 'gadget-corner' }).success).toBe(true);
    expect(onboardingRequest.safeParse({ status: 'ONBOARDED' }).success).toBe(false);
    expect(onboardingRequest.safeParse({ status: 'INVITED', merchantId: 'gadget-corner' }).success).toBe(false);
    expect(onboardingRequest.safeParse({ status: 'INVITED', note: 'Letter sent.' }).success).toBe(true);
  });
});
