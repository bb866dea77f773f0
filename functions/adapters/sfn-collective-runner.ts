/**
 * A collective case's runs are executions of its state machine, named by the case's state (members,
 * hearings, decided): a repeated start for the same state is no second run, and every change of the
 * case starts one of its own.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { CollectiveCase } from '../domain/collective-cases';
import type { CollectiveCaseRunner } from '../domain/ports';
import { startExecutionOnce } from './sfn-executions';

export const collectiveRunName = (collective: CollectiveCase) =>
  `collective-${collective.caseId}-m${collective.members}-h${collective.hearings.length}-${collective.decision ? 'd' : 'o'}`;

export class StepFunctionsCollectiveRunner implements CollectiveCaseRunner {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  start(collective: CollectiveCase): Promise<void> {
    return startExecutionOnce(this.client, this.stateMachineArn, collectiveRunName(collective), {
      caseId: collective.caseId,
    });
  }
}
