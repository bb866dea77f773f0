/**
 * What regulators receive when a complaint escalates: one JSON message on the escalations topic,
 * versioned and documented (its JSON Schema is in GET /v1/openapi.json as `EscalationMessage`),
 * with the message attributes regulators' subscriptions filter on. It carries no phone, identity
 * document, email or name, and no free text: a regulator reads those on the signed case API.
 */
import * as z from 'zod';
import { alertFigures } from './alerts';
import { paymentMethods, remedies } from './complaint';

export const escalationReasons = ['MERCHANT_DEADLINE_MISSED', 'RESOLUTION_DISPUTED'] as const;

/** The message attributes a subscription's filter policy may name. */
export const escalationAttributeNames = ['merchantId', 'category', 'reason', 'district'] as const;
export type EscalationAttributes = Partial<Record<(typeof escalationAttributeNames)[number], string>>;

const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();

export const escalationMessage = z
  .strictObject({
    schemaVersion: z.literal(1),
    type: z.literal('complaint.escalated'),
    trackingNumber: z.string(),
    merchantId: z.string(),
    category: z.string(),
    /** The delivery district's id; absent on complaints filed before the form asked for it. */
    district: z.string().optional(),
    reason: z.enum(escalationReasons),
    amounts: z.strictObject({
      /** What the consumer paid, in taka. */
      paid: z.number(),
      /** What the merchant offered, in taka, if its proposal named an amount. */
      offered: z.number().optional(),
    }),
    paymentMethod: z.enum(paymentMethods).optional(),
    remedySought: z.enum(remedies),
    dates: z.strictObject({
      ordered: day,
      filed: instant,
      merchantDeadline: instant.optional(),
      resolutionProposed: instant.optional(),
      escalated: instant,
    }),
    /** The case on the signed regulator API (a path under the API's URL). */
    caseApiPath: z.string(),
    /** The case in the regulator console, when the stage has a site. */
    caseUrl: z.url().optional(),
  })
  .meta({ title: 'EscalationMessage', description: 'An escalated complaint, published on the escalations topic' });
export type EscalationMessage = z.infer<typeof escalationMessage>;

/**
 * Published on the same topic when an upheld decision's compliance date passes unconfirmed, with
 * the same attributes and `reason` COMPLIANCE_OVERDUE, so an agency's subscription for a merchant,
 * category or district hears of it too (a filter on the two escalation reasons does not).
 */
export const complianceOverdueMessage = z
  .strictObject({
    schemaVersion: z.literal(1),
    type: z.literal('decision.compliance-overdue'),
    trackingNumber: z.string(),
    merchantId: z.string(),
    category: z.string(),
    district: z.string().optional(),
    reason: z.literal('COMPLIANCE_OVERDUE'),
    decision: z.strictObject({ outcome: z.literal('UPHELD'), decidedAt: instant, agency: z.string() }),
    complianceDueAt: instant,
    flaggedAt: instant,
    caseApiPath: z.string(),
    caseUrl: z.url().optional(),
  })
  .meta({
    title: 'ComplianceOverdueMessage',
    description:
      "An upheld decision whose compliance date passed without the merchant's confirmation, published on the escalations topic",
  });
export type ComplianceOverdueMessage = z.infer<typeof complianceOverdueMessage>;

/**
 * Published on the same topic when a merchant's complaints meet one of the regulators' alert rules
 * (functions/domain/alerts.ts): once per merchant, rule and week, with `reason` MERCHANT_ALERT and
 * the merchant's id as attributes, and the category where the rule counts one (district never
 * applies: a rule counts all of a merchant's districts). Figures only: no complaint, no consumer.
 */
export const merchantAlertMessage = z
  .strictObject({
    schemaVersion: z.literal(1),
    type: z.literal('merchant.alert'),
    alertId: z.string(),
    merchantId: z.string(),
    /** The category the rule counts in, where it counts one (advance-paid non-delivery: NOT_DELIVERED). */
    category: z.string().optional(),
    reason: z.literal('MERCHANT_ALERT'),
    rule: z.strictObject({
      id: z.string(),
      kind: z.enum(['surge', 'share', 'count']),
      label: z.strictObject({ bn: z.string(), en: z.string() }),
    }),
    /** The ISO week (YYYY-Www) of the Dhaka date it was raised: one alert per merchant, rule and week. */
    week: z.string().regex(/^\d{4}-W\d{2}$/),
    figures: alertFigures,
    raisedAt: instant,
    /** The alerts on the signed regulator API (a path under the API's URL). */
    alertsApiPath: z.string(),
    /** The alerts in the regulator console, when the stage has a site. */
    alertsUrl: z.url().optional(),
  })
  .meta({
    title: 'MerchantAlertMessage',
    description: "A merchant's complaints met a regulators' alert rule this week, published on the escalations topic",
  });
export type MerchantAlertMessage = z.infer<typeof merchantAlertMessage>;

export const escalationAttributes = (
  message: EscalationMessage | ComplianceOverdueMessage | MerchantAlertMessage,
): EscalationAttributes => ({
  merchantId: message.merchantId,
  reason: message.reason,
  ...('category' in message && { category: message.category }),
  ...('district' in message && message.district && { district: message.district }),
});
