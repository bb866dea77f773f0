/** The categories data file: what it offers, that it is checked, and that retired codes keep working. */
import { describe, expect, it } from 'vitest';
import data from '../../functions/domain/categories.json';
import { categoryConfig, offeredCategories, parseCategoryFile } from '../../functions/domain/categories';
import { fileComplaintRequest } from '../../functions/domain/complaint';
import { filingRequest } from './fixtures';

describe('complaint categories (functions/domain/categories.json)', () => {
  it('offers the thirteen categories of the filing process, each labelled and explained in Bengali and English', () => {
    expect(offeredCategories.map((c) => c.id)).toEqual([
      'NOT_DELIVERED',
      'LATE_DELIVERY',
      'WRONG_PRODUCT',
      'DAMAGED_OR_DEFECTIVE',
      'REFUND_NOT_RECEIVED',
      'RETURN_REFUSED',
      'CANCELLATION_REFUSED',
      'OVERCHARGED',
      'WARRANTY_SERVICE',
      'COUNTERFEIT',
      'SERVICE_MISCONDUCT',
      'DATA_MISUSE',
      'OTHER',
    ]);
    for (const category of offeredCategories) {
      expect(category.label.bn).toMatch(/[\u0980-\u09FF]/);
      expect(category.help.bn).toMatch(/[\u0980-\u09FF]/);
      expect(category.label.en).toMatch(/^[A-Z]/);
      expect(category.merchantDeadlineDays).toBeGreaterThan(0);
    }
    expect(offeredCategories.filter((c) => c.rules.afterDeliveryWindow).map((c) => c.id)).toEqual([
      'NOT_DELIVERED',
      'LATE_DELIVERY',
    ]);
    expect(categoryConfig).toMatchObject({ filingWindowDays: 30, deliveryWindowDays: { sameCity: 5, elsewhere: 10 } });
  });

  it('still accepts a retired code at filing, and refuses an unknown one', () => {
    expect(offeredCategories.map((c) => c.id)).not.toContain('WRONG_OR_DAMAGED');
    expect(fileComplaintRequest.safeParse({ ...filingRequest(), category: 'WRONG_OR_DAMAGED' }).success).toBe(true);
    expect(fileComplaintRequest.safeParse({ ...filingRequest(), category: 'LOST_IN_SPACE' }).success).toBe(false);
  });

  it('refuses a file with a duplicate id, a missing Bengali label or an unknown rule, naming the problem', () => {
    const [first, ...rest] = data.categories;
    expect(() => parseCategoryFile({ ...data, categories: [first, first, ...rest] })).toThrow(/unique/);
    expect(() => parseCategoryFile({ ...data, categories: [{ ...first, label: { en: 'Not delivered' } }] })).toThrow(
      /label\.bn|bn/,
    );
    expect(() => parseCategoryFile({ ...data, categories: [{ ...first, rules: { refundWithin: 3 } }] })).toThrow(
      /refundWithin|Unrecognized/,
    );
  });
});
