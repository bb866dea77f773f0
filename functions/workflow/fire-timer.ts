/** Workflow task: a complaint's timer is due; apply what it was for. */
import { z } from 'zod';
import { DynamoDbComplaintRepository } from '../adapters/dynamodb-complaints';
import { dynamoDb } from '../commons/clients';
import { envNames, loadConfig } from '../commons/config';
import { observed } from '../commons/telemetry';
import { systemClock } from '../domain/clock';
import { fireTimerUseCase } from './use-cases';

const config = loadConfig({ [envNames.table]: z.string().min(1) });
const fireTimer = fireTimerUseCase({ complaints: new DynamoDbComplaintRepository(dynamoDb(), config[envNames.table]), clock: systemClock });
const input = z.object({ trackingNumber: z.string().min(1), timerSeq: z.number().int().positive() });

export const handler = observed(
  async (event: unknown) => {
    const { trackingNumber, timerSeq } = input.parse(event);
    return fireTimer(trackingNumber, timerSeq);
  },
  { correlationId: (event) => (event as { trackingNumber?: unknown }).trackingNumber },
);
