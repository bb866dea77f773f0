/** How near a merchant's deadline is: past it (overdue), within 24 hours (due soon), or neither. */
export const deadlineBadge = (deadline: string, now: Date): 'overdue' | 'dueSoon' | undefined => {
  const left = Date.parse(deadline) - now.getTime();
  return left <= 0 ? 'overdue' : left <= 24 * 3_600_000 ? 'dueSoon' : undefined;
};
