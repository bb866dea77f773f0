import type { FileComplaintRequest } from '../../functions/domain/complaint';

export const filingRequest = (overrides: Partial<FileComplaintRequest> = {}): FileComplaintRequest => ({
  merchantId: 'demo-bazaar',
  category: 'NOT_DELIVERED',
  description: 'I paid in advance and the parcel never arrived.',
  orderRef: 'DB-1001',
  orderDate: '2026-04-20',
  amount: 2450.5,
  paymentMethod: 'BKASH',
  deliveryDistrict: 'dhaka',
  priorContact: {
    date: '2026-04-28',
    channel: 'PHONE',
    ticketNumber: 'T-88',
    merchantAnswer: 'They said it would come next week.',
  },
  remedySought: 'REFUND',
  complainantName: 'Rahima Begum',
  language: 'bn',
  consent: true,
  ...overrides,
});
