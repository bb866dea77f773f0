import aslValidator from 'asl-validator';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lifecycleTaskFunctions, webhookDeliveryTaskFunctions } from '../../functions/catalog';
import { timerPurposes } from '../../functions/domain/timers';
import { lifecycleAslPath, webhookDeliveryAslPath } from '../../infra/functions-stack';
import { substitute } from '../../local/stepfunctions';

const aslText = readFileSync(lifecycleAslPath, 'utf8');
const withArns = substitute(aslText, {
  ...Object.fromEntries(
    Object.keys(lifecycleTaskFunctions).map((name) => [
      name,
      `arn:aws:lambda:ap-south-1:111111111111:function:${name}`,
    ]),
  ),
  EscalationsTopicArn: 'arn:aws:sns:ap-south-1:111111111111:escalations',
});

describe('complaint-lifecycle.asl.json', () => {
  it('is valid Amazon States Language', () => {
    const { isValid, errorsText } = aslValidator(JSON.parse(withArns));
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });

  it('names only substitutions that CDK and the local cloud both provide', () => {
    const used = [...aslText.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect([...new Set(used)]).toEqual(Object.keys(lifecycleTaskFunctions).sort());
  });

  type State = {
    Type: string;
    TimestampPath?: string;
    Next?: string;
    Retry?: unknown[];
    Choices?: { Variable: string; StringEquals: string; Next: string }[];
  };
  const definition = JSON.parse(aslText) as { StartAt: string; States: Record<string, State> };

  it('waits on an absolute timestamp (the due time, or 300 days at most), and retries every task', () => {
    // Every Wait before the task reads the wake time; only the pauses after a failure count seconds.
    for (const [name, wait] of Object.entries(definition.States).filter(
      ([stateName, s]) =>
        s.Type === 'Wait' &&
        !['WaitBeforeTryingAgain', 'WaitBeforeHandingOverAgain', 'WaitForDaytimeAgain'].includes(stateName),
    )) {
      // The morning's held SMS is sent by a task of its own; every complaint timer fires the one task.
      expect(wait.Next, name).toBe(name === 'WaitForDaytime' ? 'SendHeldSms' : 'FireTimer');
      expect(wait).toMatchObject({ TimestampPath: '$.wakeAt' });
    }
    for (const state of Object.values(definition.States).filter((s) => s.Type === 'Task')) {
      expect(state.Retry?.length).toBeGreaterThan(0);
    }
  });

  it('gives every timer purpose of the domain a Wait state named after what it waits for, each ending in the one task', () => {
    const choice = definition.States[definition.StartAt]!;
    expect(choice.Type).toBe('Choice');
    const { MORNING_SMS: morning, ...byPurpose } = Object.fromEntries(
      choice.Choices!.map((c) => [c.StringEquals, c.Next]),
    );
    expect(Object.keys(byPurpose).sort()).toEqual([...timerPurposes].sort());
    // A consumer SMS held through quiet hours waits for the daytime, then the task that sends it.
    expect(morning).toBe('WaitForDaytime');
    expect(definition.States.SendHeldSms).toMatchObject({
      Type: 'Task',
      Parameters: {
        FunctionName: '${SendHeldSmsFunctionArn}',
        Payload: { 'trackingNumber.$': '$.trackingNumber', 'seq.$': '$.timerSeq' },
      },
      Next: 'DaytimeYet',
    });
    // Woken in quiet hours (a redrive at night), the task answers NOT_YET with the morning's time, waited for again.
    expect(definition.States.DaytimeYet).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.held.result.outcome', StringEquals: 'NOT_YET', Next: 'WaitForDaytimeAgain' }],
      Default: 'HeldSmsDone',
    });
    expect(definition.States.WaitForDaytimeAgain).toMatchObject({
      Type: 'Wait',
      TimestampPath: '$.held.result.sendAt',
      Next: 'SendHeldSms',
    });
    expect(byPurpose).toMatchObject({
      ACKNOWLEDGEMENT_REMINDER: 'WaitForAcknowledgementReminder',
      MERCHANT_DEADLINE: 'WaitForMerchantDeadline',
      AUTO_SETTLEMENT: 'WaitForConsumerAnswer',
      REOPEN_WINDOW: 'WaitOutReopenWindow',
      INFORMATION_DUE: 'WaitForConsumerInformation',
    });
    for (const stateName of Object.values(byPurpose)) {
      expect(definition.States[stateName], stateName).toMatchObject({
        Type: 'Wait',
        TimestampPath: '$.wakeAt',
        Next: 'FireTimer',
      });
    }
    expect(new Set(Object.values(byPurpose)).size).toBe(timerPurposes.length);
  });
});

describe('webhook-delivery.asl.json', () => {
  const webhookAsl = readFileSync(webhookDeliveryAslPath, 'utf8');

  it('is valid Amazon States Language, with only the substitutions CDK and the local cloud provide', () => {
    const used = [...new Set([...webhookAsl.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(Object.keys(webhookDeliveryTaskFunctions).sort());
    const substituted = substitute(
      webhookAsl,
      Object.fromEntries(
        Object.keys(webhookDeliveryTaskFunctions).map((name) => [
          name,
          `arn:aws:lambda:ap-south-1:111111111111:function:${name}`,
        ]),
      ),
    );
    const { isValid, errorsText } = aslValidator(JSON.parse(substituted));
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });
});
