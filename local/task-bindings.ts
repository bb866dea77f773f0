/**
 * The stack's state machines on the local Step Functions: each from its statemachines/ ASL file,
 * with its definition substitutions naming local functions (`ccms-local-<functionId>`), and each
 * such name bound to the function's sandbox, as the Lambda service integration would invoke it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  caseExportTaskFunctions,
  caseRecordTaskFunctions,
  collectiveCaseTaskFunctions,
  type FunctionId,
  lifecycleTaskFunctions,
  webhookDeliveryTaskFunctions,
} from '../functions/catalog';
import type { Outbox } from './outbox';
import type { LocalStepFunctions, TaskFunction } from './stepfunctions';

const statemachinesDir = path.join(import.meta.dirname, '..', 'statemachines');

const machines = {
  lifecycle: { name: 'complaint-lifecycle', asl: 'complaint-lifecycle.asl.json', tasks: lifecycleTaskFunctions },
  webhookDelivery: { name: 'webhook-delivery', asl: 'webhook-delivery.asl.json', tasks: webhookDeliveryTaskFunctions },
  caseExport: { name: 'case-export', asl: 'case-export.asl.json', tasks: caseExportTaskFunctions },
  caseRecord: { name: 'case-record', asl: 'case-record.asl.json', tasks: caseRecordTaskFunctions },
  collectiveCase: { name: 'collective-case', asl: 'collective-case.asl.json', tasks: collectiveCaseTaskFunctions },
} as const satisfies Record<string, { name: string; asl: string; tasks: Record<string, FunctionId> }>;

export type StateMachineArns = Record<keyof typeof machines, string>;

const localName = (functionId: FunctionId) => `ccms-local-${functionId}`;

/** Every task function of the state machines, by its local name. */
export const localTaskFunctions = (
  invoke: (functionId: FunctionId, event: unknown) => Promise<unknown>,
  outbox: Outbox,
): Record<string, TaskFunction> =>
  Object.fromEntries(
    Object.values(machines).flatMap(({ tasks }) =>
      Object.values(tasks).map((functionId): [string, TaskFunction] => [
        localName(functionId),
        (payload) => {
          // Webhook attempts show in the outbox too (the receiver and the delivery log have the rest).
          if (functionId === 'deliverWebhook') {
            const { merchantId, event, trackingNumber, deliveryId } = payload as Record<string, string>;
            outbox.record({
              channel: 'webhook',
              to: merchantId!,
              subject: event,
              body: { deliveryId, event, trackingNumber },
            });
          }
          return invoke(functionId, payload);
        },
      ]),
    ),
  );

/** Creates each state machine of the stack on the local engine; answers their ARNs. */
export const createStateMachines = (stepFunctions: LocalStepFunctions): StateMachineArns => {
  const create = ({ name, asl, tasks }: (typeof machines)[keyof typeof machines]) =>
    stepFunctions.createStateMachine(
      `ccms-local-${name}`,
      readFileSync(path.join(statemachinesDir, asl), 'utf8'),
      Object.fromEntries(
        Object.entries(tasks).map(([substitution, functionId]) => [substitution, localName(functionId)]),
      ),
    );
  return {
    lifecycle: create(machines.lifecycle),
    webhookDelivery: create(machines.webhookDelivery),
    caseExport: create(machines.caseExport),
    caseRecord: create(machines.caseRecord),
    collectiveCase: create(machines.collectiveCase),
  };
};
