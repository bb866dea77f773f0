/**
 * SNS subscription filter policies on message attributes, the subset regulators' subscriptions
 * use: exact strings, `prefix`, `anything-but` and `exists`. Every key must match (AND); any
 * value listed for a key may match (OR).
 */
export type FilterCondition = string | { prefix: string } | { 'anything-but': string | string[] } | { exists: boolean };
export type FilterPolicy = Record<string, FilterCondition[]>;

const conditionMatches = (condition: FilterCondition, value: string | undefined): boolean => {
  if (typeof condition === 'string') return value === condition;
  if ('exists' in condition) return condition.exists === (value !== undefined);
  if (value === undefined) return false;
  if ('prefix' in condition) return value.startsWith(condition.prefix);
  const excluded = condition['anything-but'];
  return !(Array.isArray(excluded) ? excluded : [excluded]).includes(value);
};

export const matchesFilterPolicy = (policy: FilterPolicy | undefined, attributes: Record<string, string>): boolean =>
  !policy ||
  Object.entries(policy).every(([name, conditions]) =>
    conditions.some((condition) => conditionMatches(condition, attributes[name])),
  );
