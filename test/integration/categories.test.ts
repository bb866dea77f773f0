/** GET /v1/categories: what a filing form offers, served from the data file, cacheable; retired codes still file. */
import { describe, expect, it } from 'vitest';
import { complaintBody, fileComplaint, publicView } from './complaints';
import { freshPhone, request, signInVerified } from './http';

describe('complaint categories', () => {
  it('are served to anyone, in Bengali and English, with deadlines and filing rules, and may be cached', async () => {
    const answer = await request('GET', '/v1/categories');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const { categories, filingWindowDays, deliveryWindowDays } = answer.body as {
      categories: {
        id: string;
        label: { bn: string; en: string };
        help: { bn: string; en: string };
        merchantDeadlineDays: number;
        rules: object;
      }[];
      filingWindowDays: number;
      deliveryWindowDays: { sameCity: number; elsewhere: number };
    };
    expect(categories).toHaveLength(13);
    expect(categories.find((c) => c.id === 'LATE_DELIVERY')).toMatchObject({
      label: { en: 'Late delivery', bn: 'বিলম্বে সরবরাহ' },
      merchantDeadlineDays: 7,
      rules: { afterDeliveryWindow: true },
    });
    expect([filingWindowDays, deliveryWindowDays]).toEqual([30, { sameCity: 5, elsewhere: 10 }]);
  });

  it('files under a new category, and under a retired code integrators already send', async () => {
    for (const category of ['DATA_MISUSE', 'WRONG_OR_DAMAGED']) {
      const { trackingNumber } = await fileComplaint({ category });
      expect((await publicView(trackingNumber)).category).toBe(category);
    }
  });

  it('refuses an unknown category with 400, naming the field', async () => {
    const refused = await request(
      'POST',
      '/v1/complaints',
      { ...complaintBody, category: 'LOST_IN_SPACE' },
      await signInVerified(freshPhone()),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty('category');
  });
});
