/** The merchant context's use cases and its authentication, wired once. */
import { randomBytes } from 'node:crypto';
import { merchantAuthentication } from '../access/wiring';
import { KmsSecretSealer } from '../adapters/kms-sealer';
import { DnsWebhookAddressGuard } from '../adapters/webhook-poster';
import { DynamoDbWebhookStore } from '../adapters/webhooks';
import { dynamoDb } from '../commons/clients/dynamodb';
import { kms } from '../commons/clients/kms';
import { envNames, loadConfig, tableName } from '../commons/config';
import { merchantComplaintListUseCase, merchantComplaintUseCase } from '../complaints/use-cases';
import { complaintActionUseCase, complaintRepository, personalDataSealer } from '../complaints/wiring';
import { systemClock } from '../domain/clock';
import { evidenceFiles, evidenceStore } from '../evidence/wiring';
import * as z from 'zod';
import { DynamoDbOrderCounts } from '../adapters/dynamodb-order-counts';
import { listOrderCountsUseCase, reportOrderCountUseCase } from './order-count-use-cases';
import { listDeliveriesUseCase, registerWebhookUseCase } from './webhook-use-cases';

export { merchantAuthentication };

export const merchantComplaintList = () => merchantComplaintListUseCase(complaintRepository());
export const merchantComplaint = () =>
  merchantComplaintUseCase({
    complaints: complaintRepository(),
    personalData: personalDataSealer(),
    evidence: evidenceStore(),
    files: evidenceFiles(),
    clock: systemClock,
  });
export const merchantAction = complaintActionUseCase;

/** The merchant's own scorecard: the public one (functions/public). */
export { merchantStats as merchantScorecard } from '../public/wiring';

/** Whether this stage accepts webhook URLs on this machine (binding webhooks:post; only the local cloud says yes). */
export const allowLoopbackWebhooks = () =>
  loadConfig({ [envNames.allowLoopbackWebhooks]: z.enum(['true', 'false']).default('false') })[
    envNames.allowLoopbackWebhooks
  ] === 'true';

export const webhookRegistration = () =>
  registerWebhookUseCase({
    webhooks: new DynamoDbWebhookStore(dynamoDb(), tableName()),
    addresses: new DnsWebhookAddressGuard(allowLoopbackWebhooks()),
    sealer: new KmsSecretSealer(
      kms(),
      loadConfig({ [envNames.credentialsKey]: z.string().min(1) })[envNames.credentialsKey],
    ),
    clock: systemClock,
    randomBytes,
  });

export const webhookDeliveries = () =>
  listDeliveriesUseCase({ webhooks: new DynamoDbWebhookStore(dynamoDb(), tableName()) });

const orderCounts = () => new DynamoDbOrderCounts(dynamoDb(), tableName());

export const orderCountReport = () => reportOrderCountUseCase({ counts: orderCounts(), clock: systemClock });

export const orderCountList = () => listOrderCountsUseCase({ counts: orderCounts(), clock: systemClock });
