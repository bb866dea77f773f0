/** The open-data context's use cases, wired once. */
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { DynamoDbOrderCounts } from '../adapters/dynamodb-order-counts';
import { DynamoDbStatisticsReader } from '../adapters/dynamodb-statistics';
import { dynamoDb } from '../commons/clients/dynamodb';
import { tableName } from '../commons/config';
import { systemClock } from '../domain/clock';
import { merchantSearchUseCase, merchantStatsUseCase, publicStatsUseCase } from './use-cases';

const statisticsReader = () => new DynamoDbStatisticsReader(dynamoDb(), tableName());

export const publicStats = () => publicStatsUseCase({ statistics: statisticsReader(), clock: systemClock });

export const merchantStats = () =>
  merchantStatsUseCase({
    statistics: statisticsReader(),
    merchants: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    orderCounts: new DynamoDbOrderCounts(dynamoDb(), tableName()),
    clock: systemClock,
  });

export const merchantSearch = () =>
  merchantSearchUseCase({
    directory: new DynamoDbMerchantDirectory(dynamoDb(), tableName()),
    statistics: statisticsReader(),
  });
