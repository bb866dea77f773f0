/**
 * Complaint categories with their names in both languages and the merchant's response time.
 * Every category uses the SPEC default of 7 days until an operator configures otherwise.
 */
import { lifecycleRules } from './lifecycle';

export interface ComplaintCategory {
  id: string;
  name: { en: string; bn: string };
  merchantResponseDays: number;
}

const category = (id: string, en: string, bn: string): ComplaintCategory => ({
  id,
  name: { en, bn },
  merchantResponseDays: lifecycleRules.defaultMerchantResponseDays,
});

export const complaintCategories: readonly ComplaintCategory[] = [
  category('NOT_DELIVERED', 'Product not delivered', 'পণ্য সরবরাহ করা হয়নি'),
  category('LATE_DELIVERY', 'Late delivery', 'বিলম্বে সরবরাহ'),
  category('WRONG_OR_DAMAGED', 'Wrong or damaged product', 'ভুল বা ক্ষতিগ্রস্ত পণ্য'),
  category('COUNTERFEIT', 'Counterfeit or not as described', 'নকল বা বর্ণনার সাথে অমিল'),
  category('REFUND_NOT_RECEIVED', 'Refund not received', 'টাকা ফেরত পাওয়া যায়নি'),
  category('OVERCHARGED', 'Overcharged or hidden charges', 'অতিরিক্ত বা লুকানো মূল্য'),
  category('WARRANTY_SERVICE', 'Warranty or after-sales service', 'ওয়ারেন্টি বা বিক্রয়োত্তর সেবা'),
  category('OTHER', 'Other', 'অন্যান্য'),
];

export const categoryIds = complaintCategories.map((c) => c.id) as [string, ...string[]];

export const findCategory = (id: string): ComplaintCategory | undefined =>
  complaintCategories.find((c) => c.id === id);
