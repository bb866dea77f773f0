/**
 * The pre-checks a complaint must pass before it is accepted, each refusal with a stable code, a
 * message that says what to do, and the details a form needs to explain it. The same checks answer
 * `POST /v1/complaints/precheck` (all of them at once) and refuse a filing (the first of them).
 * Days are Dhaka calendar days: "today" is the consumer's day.
 */
import { categoryConfig, findCategory } from './categories';
import type { MerchantSummary, PrecheckRequest } from './complaint';
import { addDays, dhakaDate } from './dates';

export interface FilingRefusal {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * An order reference as the same order, however it is typed: Unicode-normalised, Bengali digits as
 * ASCII, letters upper case, spaces and the usual separators (- _ # / . :) dropped. "db-3003",
 * "DB 3003" and "#DB৩০০৩" are one order.
 */
export const orderKey = (orderRef: string): string => {
  const key = orderRef
    .normalize('NFKC')
    .replace(/[০-৯]/g, (digit) => String(digit.charCodeAt(0) - 0x09e6))
    .toUpperCase()
    .replace(/[\s\-_#/.:]/g, '');
  // A reference of separators alone ("-") is kept as typed rather than becoming every such order.
  return key || orderRef.trim();
};

/** The open complaint that already holds an order at a merchant, and whose it is. */
export interface OpenComplaintForOrder {
  trackingNumber: string;
  consumerId: string;
}

export interface PrecheckInput {
  request: PrecheckRequest & { consent?: boolean };
  merchant: MerchantSummary | undefined;
  consumerId: string;
  /** The open complaint for the same order and merchant, if there is one. */
  openComplaint?: OpenComplaintForOrder;
  at: Date;
}

/** The delivery window of an order: shorter when the merchant ships from the delivery district. */
export const deliveryWindowDays = (merchant: MerchantSummary, deliveryDistrict: string) =>
  merchant.district !== undefined && merchant.district === deliveryDistrict
    ? categoryConfig.deliveryWindowDays.sameCity
    : categoryConfig.deliveryWindowDays.elsewhere;

/** The refusal for a complaint whose order already has an open one: its number only to the consumer who filed it. */
export const duplicateRefusal = (open: OpenComplaintForOrder, consumerId: string): FilingRefusal =>
  open.consumerId === consumerId
    ? {
        code: 'DUPLICATE_OPEN_COMPLAINT',
        message: `You already have an open complaint for this order: ${open.trackingNumber}. Follow it (or reopen it) instead of filing again.`,
        details: { trackingNumber: open.trackingNumber },
      }
    : {
        // Another consumer's tracking number is not ours to give out to whoever knows an order number.
        code: 'DUPLICATE_OPEN_COMPLAINT',
        message:
          'A complaint for this order at this merchant is already open. If it was filed for you, follow it with the tracking number its filer received.',
      };

/** Every refusal that applies, in the order a consumer can fix them; none means the filing may go ahead. */
export const filingRefusals = ({
  request,
  merchant,
  consumerId,
  openComplaint,
  at,
}: PrecheckInput): FilingRefusal[] => {
  if (!merchant?.active) {
    return [
      {
        code: 'UNKNOWN_MERCHANT',
        message: `No active merchant is registered with id "${request.merchantId}". Choose the merchant from the list.`,
      },
    ];
  }
  const refusals: FilingRefusal[] = [];
  const today = dhakaDate(at);
  if (request.consent === false) {
    refusals.push({
      code: 'CONSENT_REQUIRED',
      message:
        'A complaint is handled by sharing it, with your name and phone, with the merchant and the regulators. Agree to that to file it.',
    });
  }
  if (request.orderDate > today) {
    refusals.push({ code: 'ORDER_DATE_IN_FUTURE', message: 'The order date is in the future; please check it.' });
  }
  if (request.problemDate !== undefined && (request.problemDate < request.orderDate || request.problemDate > today)) {
    refusals.push({
      code: 'PROBLEM_DATE_INVALID',
      message: 'The day the problem arose must be between the order date and today.',
    });
  }
  const officer = merchant.grievanceOfficer;
  if (!request.priorContact) {
    refusals.push({
      code: 'PRIOR_CONTACT_REQUIRED',
      message: `Contact ${merchant.tradeName}'s grievance officer first${officer ? ` (${officer.name}, ${officer.phone}, ${officer.email})` : ''}. If they do not resolve it, file again with the date and what they answered.`,
      ...(officer && { details: { grievanceOfficer: officer } }),
    });
  } else if (request.priorContact.date < request.orderDate || request.priorContact.date > today) {
    refusals.push({
      code: 'PRIOR_CONTACT_DATE_INVALID',
      message: 'The date you contacted the merchant must be between the order date and today.',
    });
  }
  const category = findCategory(request.category);
  let cause = request.problemDate ?? request.orderDate;
  if (category?.rules.afterDeliveryWindow) {
    const windowDays = deliveryWindowDays(merchant, request.deliveryDistrict);
    const lateFrom = addDays(request.orderDate, windowDays);
    if (today < lateFrom) {
      refusals.push({
        code: 'DELIVERY_WINDOW_OPEN',
        message: `A delivery may take ${windowDays} days to this district. If it has not arrived, you can complain from ${lateFrom}.`,
        details: { deliveryWindowDays: windowDays, fileFrom: lateFrom },
      });
    }
    if (lateFrom > cause) cause = lateFrom;
  }
  const lastDay = addDays(cause, categoryConfig.filingWindowDays);
  if (today > lastDay) {
    refusals.push({
      code: 'FILING_WINDOW_CLOSED',
      message: `A complaint must be filed within ${categoryConfig.filingWindowDays} days of its cause (${cause}); the last day was ${lastDay}. Contact the regulator directly for older matters.`,
      details: { causeDate: cause, lastDay },
    });
  }
  if (openComplaint) refusals.push(duplicateRefusal(openComplaint, consumerId));
  return refusals;
};
