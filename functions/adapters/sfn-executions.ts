/** Starting a named execution once: an execution of that name that already exists (started by an earlier delivery, maybe finished) is the one wanted. */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

export const startExecutionOnce = async (
  client: SFNClient,
  stateMachineArn: string,
  name: string,
  input: object,
): Promise<void> => {
  try {
    await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return;
    throw error;
  }
};
