import { marshall } from '@aws-sdk/util-dynamodb';
import { act, type FileComplaintRequest, fileComplaint } from '../../functions/domain/complaint';

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

/** A complaint filed on 1 May 2026 (ABCDE-FGHJ0), and the same handed to its merchant a second later. */
export const filedComplaint = fileComplaint({
  request: filingRequest(),
  consumerId: 'c1',
  complainantNameSealed: 'sealed-name',
  trackingNumber: 'ABCDE-FGHJ0',
  at: new Date('2026-05-01T08:00:00Z'),
}).complaint;
export const notifiedComplaint = act(
  filedComplaint,
  'NOTIFY_MERCHANT',
  'system',
  new Date('2026-05-01T08:00:01Z'),
).complaint;

const storedItem = (complaint: object & { trackingNumber?: string }, sk: string) =>
  marshall(
    { pk: `COMPLAINT#${complaint.trackingNumber ?? 'ABCDE-FGHJ0'}`, sk, ...complaint },
    { removeUndefinedValues: true },
  );

/** A change of a complaint's item (or, with `sk`, another item under it) as the table's stream delivers it. */
export const complaintStreamRecord = (
  seq: string,
  oldImage: object | undefined,
  newImage: object & { trackingNumber?: string },
  sk = 'COMPLAINT',
) => ({
  eventName: oldImage ? 'MODIFY' : 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    SequenceNumber: seq,
    Keys: marshall({ pk: `COMPLAINT#${newImage.trackingNumber ?? 'ABCDE-FGHJ0'}`, sk }),
    ...(oldImage && { OldImage: storedItem(oldImage, sk) }),
    NewImage: storedItem(newImage, sk),
  },
});
