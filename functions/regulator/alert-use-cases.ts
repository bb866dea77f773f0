/** The regulators' alerts: raised on a schedule from each merchant's daily counters, and listed. Written against the ports only. */
import { alertsFor, alertWeek, firstDayRead, type AlertRule, type MerchantAlert } from '../domain/alerts';
import type { Clock } from '../domain/clock';
import { dhakaDate } from '../domain/dates';
import { escalationAttributes, merchantAlertMessage, type MerchantAlertMessage } from '../domain/escalation';
import type { AlertLedger, MerchantDays, MerchantIds, PageRequest, Publisher } from '../domain/ports';

/** Merchants read at once: each is one small Query. */
const merchantsAtOnce = 25;
/**
 * An alert kept but not yet published is left this long to the run that raised it (a run lasts at
 * most its 5-minute timeout) before another publishes it.
 */
const publishGraceMs = 6 * 60_000;
/** A rule that held for a merchant is not raised again within a week, even across a week's boundary. */
const quietAfterAlertMs = 7 * 86_400_000;

export const alertsApiPath = '/v1/regulator/alerts';

/** An alert as regulators receive it on the escalations topic. */
export const alertMessageOf = (alert: MerchantAlert, siteUrl: string | undefined): MerchantAlertMessage =>
  merchantAlertMessage.parse({
    schemaVersion: 1,
    type: 'merchant.alert',
    alertId: alert.alertId,
    merchantId: alert.merchantId,
    ...(alert.category && { category: alert.category }),
    reason: 'MERCHANT_ALERT',
    rule: { id: alert.ruleId, kind: alert.kind, label: alert.label },
    week: alert.week,
    figures: alert.figures,
    raisedAt: alert.raisedAt,
    alertsApiPath: `${alertsApiPath}?merchantId=${encodeURIComponent(alert.merchantId)}`,
    ...(siteUrl && { alertsUrl: `${siteUrl}/regulator/alerts?merchantId=${encodeURIComponent(alert.merchantId)}` }),
  });

/** Some merchants could not be evaluated (the rest were): the run fails, naming them, so it is retried and seen. */
export class AlertRunIncompleteError extends Error {
  constructor(
    readonly merchantIds: readonly string[],
    readonly run: AlertRun,
  ) {
    super(
      `The alert rules could not be evaluated for ${merchantIds.length} merchant(s): ${merchantIds.slice(0, 20).join(', ')}`,
    );
    this.name = 'AlertRunIncompleteError';
  }
}

export interface AlertRun {
  /** Merchants whose counters were read. */
  merchants: number;
  /** Alerts raised by this run, and those an earlier run kept without publishing that this one published. */
  raised: string[];
  republished: string[];
}

/**
 * Evaluates every rule on every merchant: one read of the directory's pages, one Query of each
 * merchant's daily counters (the last 63 days), whatever the number of complaints. An alert is kept
 * first (once per merchant, rule and week, and not within 7 days of the last week's), then
 * published and marked; one kept and not marked (a run that stopped between) is published by a
 * later run: at least once, so a subscriber may see an `alertId` twice.
 */
export const evaluateAlertsUseCase =
  (deps: {
    merchants: MerchantIds;
    days: MerchantDays;
    alerts: AlertLedger;
    escalations: Publisher;
    rules: readonly AlertRule[];
    clock: Clock;
    siteUrl?: string;
  }) =>
  async (): Promise<AlertRun> => {
    const at = deps.clock.now();
    const publish = async (alert: MerchantAlert) => {
      const message = alertMessageOf(alert, deps.siteUrl);
      await deps.escalations.publish(message, escalationAttributes(message));
      await deps.alerts.markPublished(alert);
    };
    const lastWeek = alertWeek(new Date(at.getTime() - 7 * 86_400_000));
    const left = await deps.alerts.unpublished(
      [alertWeek(at), lastWeek],
      new Date(at.getTime() - publishGraceMs).toISOString(),
    );
    for (const alert of left) await publish(alert);
    const from = firstDayRead(at);
    const to = dhakaDate(at);
    const raised: string[] = [];
    let merchants = 0;
    const failed: string[] = [];
    for await (const page of deps.merchants.pages()) {
      for (let start = 0; start < page.length; start += merchantsAtOnce) {
        const chunk = page.slice(start, start + merchantsAtOnce);
        const outcomes = await Promise.allSettled(
          chunk.map(async (merchantId) => {
            const history = await deps.days.read(merchantId, from, to);
            for (const alert of alertsFor(deps.rules, merchantId, history, at)) {
              // Raised last week less than 7 days ago: the same surge, not a new one.
              const previous = await deps.alerts.get(lastWeek, alert.ruleId, merchantId);
              if (previous && at.getTime() - Date.parse(previous.raisedAt) < quietAfterAlertMs) continue;
              if (!(await deps.alerts.raise(alert))) continue;
              await publish(alert);
              raised.push(alert.alertId);
            }
          }),
        );
        // One merchant's failure does not hold up the others: the run goes on, and fails at its end.
        outcomes.forEach((outcome, index) => {
          if (outcome.status === 'rejected') failed.push(chunk[index]!);
        });
      }
      merchants += page.length;
    }
    if (failed.length > 0)
      throw new AlertRunIncompleteError(failed, { merchants, raised, republished: left.map((alert) => alert.alertId) });
    return { merchants, raised, republished: left.map((alert) => alert.alertId) };
  };

/** The alerts, newest week first, with the figures behind each. */
export const listAlertsUseCase =
  (deps: { alerts: AlertLedger }) => async (page: PageRequest, merchantId: string | undefined) => {
    const found = await deps.alerts.list(page, merchantId);
    return {
      alerts: found.items.map(({ published: _published, ...alert }) => alert),
      nextCursor: found.nextCursor,
    };
  };
