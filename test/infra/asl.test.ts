import aslValidator from 'asl-validator';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lifecycleTaskFunctions } from '../../functions/catalog';
import { lifecycleAslPath } from '../../infra/stateless-stack';
import { substitute } from '../../local/stepfunctions';

const aslText = readFileSync(lifecycleAslPath, 'utf8');
const withArns = substitute(aslText, {
  ...Object.fromEntries(Object.keys(lifecycleTaskFunctions).map((name) => [name, `arn:aws:lambda:ap-south-1:111111111111:function:${name}`])),
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

  it('waits on an absolute timestamp read from the complaint, and retries every task', () => {
    const definition = JSON.parse(aslText) as { States: Record<string, { Type: string; TimestampPath?: string; Retry?: unknown[] }> };
    expect(definition.States.WaitUntilDue).toMatchObject({ Type: 'Wait', TimestampPath: '$.dueAt' });
    for (const state of Object.values(definition.States).filter((s) => s.Type === 'Task')) {
      expect(state.Retry?.length).toBeGreaterThan(0);
    }
  });
});
