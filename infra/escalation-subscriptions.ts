/**
 * Regulators' subscriptions to the escalations topic, from CDK context `escalationSubscriptions`:
 * a JSON array of `{protocol: "email" | "https" | "sqs", endpoint, filterPolicy?}`. A filter policy
 * names message attributes (merchantId, category, reason, district) and, for each, the values that
 * match: strings, `{"prefix"}`, `{"anything-but"}` or `{"exists"}`, as SNS takes them. The stack
 * subscribes them; the local cloud applies the same list and filters (local/filter-policy.ts).
 * Checked with zod, so a typo fails synth rather than silently matching nothing.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { escalationAttributeNames } from '../functions/domain/escalation';

const condition = z.union([
  z.string().min(1),
  z.strictObject({ prefix: z.string().min(1) }),
  z.strictObject({ 'anything-but': z.union([z.string(), z.array(z.string()).min(1)]) }),
  z.strictObject({ exists: z.boolean() }),
]);

export const escalationSubscription = z
  .strictObject({
    protocol: z.enum(['email', 'https', 'sqs']),
    endpoint: z.string().min(3),
    filterPolicy: z.partialRecord(z.enum(escalationAttributeNames), z.array(condition).min(1).max(100)).optional(),
  })
  .superRefine((subscription, context) => {
    const valid =
      subscription.protocol === 'email'
        ? z.email().safeParse(subscription.endpoint).success
        : subscription.protocol === 'https'
          ? /^https:\/\/[^\s/?#]+/.test(subscription.endpoint)
          : /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}$/.test(subscription.endpoint);
    if (!valid)
      context.addIssue({
        code: 'custom',
        path: ['endpoint'],
        message: `is not a ${subscription.protocol === 'sqs' ? 'queue ARN' : subscription.protocol === 'https' ? 'https:// URL' : 'email address'}`,
      });
  });
export type EscalationSubscription = z.infer<typeof escalationSubscription>;

/** Parses the context value (an array, or its JSON text as `-c` passes it); throws naming each problem. */
export const parseEscalationSubscriptions = (value: unknown): EscalationSubscription[] => {
  if (value === undefined) return [];
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      throw new Error(
        'escalationSubscriptions must be a JSON array of {protocol, endpoint, filterPolicy?}, on one line (the CDK CLI passes only the first line of a -c value); a longer list goes in a file named by escalationSubscriptionsFile',
      );
    }
  }
  const parsed = z.array(escalationSubscription).max(100).safeParse(raw);
  if (!parsed.success) throw new Error(`escalationSubscriptions is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

/** The list from context: `escalationSubscriptionsFile` (a JSON file, any layout) or `escalationSubscriptions`, not both. */
export const escalationSubscriptionsFromContext = (inline: unknown, file: unknown): EscalationSubscription[] => {
  if (file === undefined) return parseEscalationSubscriptions(inline);
  if (inline !== undefined) throw new Error('Give escalationSubscriptions or escalationSubscriptionsFile, not both');
  if (typeof file !== 'string' || file === '') throw new Error('escalationSubscriptionsFile must be a file path');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`escalationSubscriptionsFile ${file} cannot be read: ${(error as Error).message}`);
  }
  return parseEscalationSubscriptions(text);
};
