/**
 * How deeply a parsed JSON value nests, checked without recursion: JSON.parse takes a 64 KB body of
 * 30,000 nested arrays, but any recursive walk over it (ours, JSON.stringify with a replacer) runs
 * out of stack, and a RangeError is a 500. Request bodies nest a few levels; deeper is refused.
 */
export const maxJsonDepth = 32;

/** Whether `value` nests at most `max` arrays and objects deep. */
export const nestsWithin = (value: unknown, max = maxJsonDepth): boolean => {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return true;
};
