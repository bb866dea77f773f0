/** The unlisted sellers' context: consumers' reports and the regulators' ranking, wired once. */
import { randomBytes } from 'node:crypto';
import { regulatorAuthentication } from '../access/wiring';
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { DynamoDbUnlistedSellers } from '../adapters/dynamodb-unlisted-sellers';
import { dynamoDb } from '../commons/clients/dynamodb';
import { tableName } from '../commons/config';
import { complaintRetentionDays, consumerProfiles } from '../complaints/wiring';
import { systemClock } from '../domain/clock';
import {
  rankUnlistedSellersUseCase,
  recordOnboardingUseCase,
  reportUnlistedSellerUseCase,
  unlistedSellerUseCase,
} from './use-cases';

export { regulatorAuthentication };

/** The sellers and their reports; `retentionDays` only where reports are recorded (bindings unlisted:record). */
export const unlistedSellers = (retentionDays?: number) =>
  new DynamoDbUnlistedSellers(dynamoDb(), tableName(), retentionDays);

export const sellerReport = () =>
  reportUnlistedSellerUseCase({
    sellers: unlistedSellers(complaintRetentionDays()),
    profiles: consumerProfiles(),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    clock: systemClock,
    randomBytes: (size) => randomBytes(size),
  });

export const sellerRanking = () => rankUnlistedSellersUseCase(unlistedSellers());
export const sellerRecord = () => unlistedSellerUseCase(unlistedSellers());
export const sellerOnboarding = () =>
  recordOnboardingUseCase({
    sellers: unlistedSellers(),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    clock: systemClock,
  });
