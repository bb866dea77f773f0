/**
 * Operations: the stage's alarms beyond those made beside their resources, every alarm of the stage
 * wired to the alarm topic (when it fires and when it clears), and one CloudWatch dashboard. Each
 * alarm's description names its section of docs/runbook.md. A stack of its own, so that alarms can
 * grow without taking the functions' or the API's room under CloudFormation's 500 resources.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { BusinessEvent } from '../functions/domain/ports';
import { runbook } from './runbook';
import type { StageSettings } from './stage';
import type { ApiStack } from './api-stack';
import type { FunctionsStack } from './functions-stack';

export interface OpsStackProps extends StackProps {
  settings: StageSettings;
  functions: FunctionsStack;
  api: ApiStack;
  table: ITable;
  alarmTopic: ITopic;
  /** The monthly SMS spend limit asked of AWS (context `smsMonthlySpendLimitUsd`): the alarm fires at 80% of it. */
  smsMonthlySpendLimitUsd: number;
}

/** Alarm math takes at most 10 metrics: functions are watched in groups of that size. */
const metricsPerAlarm = 10;

export class OpsStack extends Stack {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OpsStackProps) {
    super(scope, id, props);
    const { api, functions: code, settings } = props;
    const fiveMinutes = Duration.minutes(5);
    const alarm = (
      alarmId: string,
      anchor: string,
      description: string,
      metric: IMetric,
      threshold: number,
      evaluationPeriods = 1,
    ) =>
      new Alarm(this, alarmId, {
        alarmDescription: `${description} ${runbook(anchor)}`,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    // Every execution that fails or times out is a complaint, export, record or delivery left undone.
    // Aborted ones are alarmed too, except the timers': stopping a superseded timer is their routine.
    const machines: [string, StateMachine][] = [
      ['ComplaintLifecycle', code.lifecycle],
      ['WebhookDelivery', code.webhookDelivery],
      ['CaseExport', code.caseExport],
      ['CaseRecord', code.caseRecord],
      ['CollectiveCase', code.collectiveCase],
    ];
    for (const [name, machine] of machines) {
      const options = { period: fiveMinutes, statistic: 'Sum' };
      alarm(
        `${name}ExecutionsFailedAlarm`,
        'executions-failed',
        `${name} executions failed.`,
        machine.metricFailed(options),
        1,
      );
      alarm(
        `${name}ExecutionsTimedOutAlarm`,
        'executions-failed',
        `${name} executions timed out.`,
        machine.metricTimedOut(options),
        1,
      );
      if (machine !== code.lifecycle)
        alarm(
          `${name}ExecutionsAbortedAlarm`,
          'executions-failed',
          `${name} executions were stopped.`,
          machine.metricAborted(options),
          1,
        );
    }

    // The API as callers see it: server errors as a share of requests, and slow answers.
    const requests = api.api.metricCount({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrors = api.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const serverErrorRate = new MathExpression({
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: fiveMinutes,
      label: 'API 5xx (% of requests)',
    });
    alarm('ApiServerErrorsAlarm', 'api-errors', 'More than 1% of API requests answered 5xx.', serverErrorRate, 1, 2);
    const latency = api.api.metricLatency({ period: fiveMinutes, statistic: 'p99' });
    alarm('ApiLatencyAlarm', 'api-latency', 'The slowest 1% of API answers took over 5 seconds.', latency, 5000, 3);

    // Every function: errors and throttles, ten functions an alarm.
    const functions = [...code.functions.values()];
    const errors: IMetric[] = [];
    const throttles: IMetric[] = [];
    for (let start = 0; start < functions.length; start += metricsPerAlarm) {
      const group = functions.slice(start, start + metricsPerAlarm);
      const part = start / metricsPerAlarm + 1;
      // Ids unique across the groups, which one graph shows together.
      const sumOf = (label: string, metricOf: (fn: (typeof functions)[number]) => IMetric) =>
        new MathExpression({
          expression: group.map((_, n) => `g${part}f${n}`).join(' + '),
          usingMetrics: Object.fromEntries(group.map((fn, n) => [`g${part}f${n}`, metricOf(fn)])),
          period: fiveMinutes,
          label,
        });
      const groupErrors = sumOf(`Function errors (group ${part})`, (fn) =>
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      );
      const groupThrottles = sumOf(`Function throttles (group ${part})`, (fn) =>
        fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
      );
      errors.push(groupErrors);
      throttles.push(groupThrottles);
      alarm(
        `FunctionErrorsAlarm${part}`,
        'function-errors',
        `Functions failed: ${group.map((fn) => fn.node.id).join(', ')}.`,
        groupErrors,
        5,
        2,
      );
      alarm(
        `FunctionThrottlesAlarm${part}`,
        'function-throttles',
        `Functions were throttled (concurrency): ${group.map((fn) => fn.node.id).join(', ')}.`,
        groupThrottles,
        1,
        2,
      );
    }

    // DynamoDB refusing work: throttled reads and writes of the table.
    const tableThrottles = props.table.metricThrottledRequestsForOperations({
      operations: [
        Operation.GET_ITEM,
        Operation.BATCH_GET_ITEM,
        Operation.QUERY,
        Operation.PUT_ITEM,
        Operation.UPDATE_ITEM,
        Operation.DELETE_ITEM,
        Operation.BATCH_WRITE_ITEM,
        Operation.TRANSACT_WRITE_ITEMS,
        Operation.TRANSACT_GET_ITEMS,
      ],
      period: fiveMinutes,
      statistic: 'Sum',
    });
    alarm('TableThrottlesAlarm', 'table-throttles', 'DynamoDB throttled requests to the table.', tableThrottles, 10, 2);

    // Messages: SES reputation (AWS pauses sending at a 10% bounce or 0.5% complaint rate) and SMS spend.
    const ses = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    alarm(
      'EmailBounceRateAlarm',
      'email-reputation',
      'Email bounce rate over 5% (SES reviews at 5% and may pause at 10%).',
      ses('Reputation.BounceRate'),
      0.05,
    );
    alarm(
      'EmailComplaintRateAlarm',
      'email-reputation',
      'Email complaint rate over 0.1% (SES reviews at 0.1% and may pause at 0.5%).',
      ses('Reputation.ComplaintRate'),
      0.001,
    );
    const smsSpend = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      period: Duration.hours(1),
      statistic: 'Maximum',
    });
    alarm(
      'SmsSpendAlarm',
      'sms-spend',
      `SMS spend this month reached 80% of the $${props.smsMonthlySpendLimitUsd} limit; past it, SNS sends no SMS.`,
      smsSpend,
      props.smsMonthlySpendLimitUsd * 0.8,
    );
    const business = (event: BusinessEvent, period = Duration.hours(1)) =>
      new Metric({
        namespace: 'CCMS',
        metricName: event,
        dimensionsMap: { service: 'ccms' },
        period,
        statistic: 'Sum',
        label: event,
      });
    alarm(
      'TimersRearmedAlarm',
      'timers-rearmed',
      'The sweeper found complaint timers that no execution would fire, and rearmed them: find what lost them.',
      business('TimersRearmed', Duration.minutes(15)),
      1,
    );
    alarm(
      'MessagesUndeliverableAlarm',
      'messages-undeliverable',
      'Over 50 SMS or emails an hour could not be delivered (kept as undeliverable on their complaints).',
      business('MessagesUndeliverable'),
      50,
    );

    alarm(
      'MessagesInDoubtAlarm',
      'messages-in-doubt',
      'A message was claimed for sending and no outcome was recorded (its record failed, or its send was interrupted): it was not sent again.',
      business('MessagesInDoubt'),
      1,
    );

    // The firewall: a burst of blocked requests is an attack, or a rule refusing real users.
    const blocked = new Metric({
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensionsMap: { WebACL: `ccms-${settings.stage}-api`, Region: this.region, Rule: 'ALL' },
      period: fiveMinutes,
      statistic: 'Sum',
    });
    alarm(
      'FirewallBlocksAlarm',
      'firewall-blocks',
      'The API firewall blocked over 1,000 requests in 5 minutes.',
      blocked,
      1000,
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `ccms-${settings.stage}`,
      defaultInterval: Duration.days(1),
    });
    const graph = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width, height: 6 });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# CCMS ${settings.stage}\nAlarms notify the alarm topic; what each means and what to run: docs/runbook.md.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Filings, settlements, escalations', [
        business('ComplaintsFiled'),
        business('ComplaintsSettledByConsumer'),
        business('ComplaintsAutoSettled'),
        business('ComplaintsEscalated'),
        business('ComplaintsReopened'),
      ]),
      graph('API requests and 5xx', [requests, serverErrors]),
      graph('API latency (p99, ms)', [latency]),
    );
    this.dashboard.addWidgets(
      graph('Function errors', errors),
      graph('Function throttles', throttles),
      graph('DynamoDB throttled requests', [tableThrottles]),
    );
    this.dashboard.addWidgets(
      graph(
        'Executions failed',
        machines.map(([, machine]) => machine.metricFailed({ period: fiveMinutes, statistic: 'Sum' })),
      ),
      graph(
        'Set aside and late: queue depths, stream age',
        code.node
          .findAll()
          .filter(
            (child): child is Alarm => child instanceof Alarm && /SetAside|DeadLetters|IteratorAge/.test(child.node.id),
          )
          .map((queueAlarm) => queueAlarm.metric),
      ),
      graph('SMS and email', [smsSpend, business('MessagesUndeliverable'), ses('Reputation.BounceRate')]),
    );

    // Every alarm of the stage, here and beside its resources, tells the alarm topic; the dashboard shows their states.
    const action = new SnsAction(props.alarmTopic);
    const functionStacks = new Set([...code.functions.values()].map((fn) => Stack.of(fn)));
    const alarms = [this, code, ...functionStacks, api, props.table.stack]
      .filter((stack, index, stacks) => stacks.indexOf(stack) === index)
      .flatMap((stack) => stack.node.findAll().filter((child): child is Alarm => child instanceof Alarm));
    for (const each of alarms) {
      each.addAlarmAction(action);
      each.addOkAction(action);
    }
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 6 }));
  }
}
