/** Where docs/runbook.md explains an alarm; every alarm's description ends with it (a test checks each anchor exists). */
export const runbook = (anchor: string) => `Runbook: docs/runbook.md#${anchor}`;
