import type { FileComplaintRequest } from '../../functions/domain/complaint';

export const filingRequest = (overrides: Partial<FileComplaintRequest> = {}): FileComplaintRequest => ({
  merchantId: 'demo-bazaar',
  category: 'NOT_DELIVERED',
  description: 'I paid in advance and the parcel never arrived.',
  orderRef: 'DB-1001',
  orderDate: '2026-04-20',
  amount: 2450.5,
  remedySought: 'REFUND',
  language: 'bn',
  ...overrides,
});
