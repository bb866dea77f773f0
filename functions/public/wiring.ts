/** The open-data context's use cases, wired once. */
import { DynamoDbMerchantDirectory } from '../adapters/dynamodb-merchants';
import { DynamoDbOpenDataRows } from '../adapters/dynamodb-open-data-rows';
import { S3OpenDataFiles } from '../adapters/s3-open-data-files';
import { s3 } from '../commons/clients/s3';
import { DynamoDbOrderCounts } from '../adapters/dynamodb-order-counts';
import { DynamoDbStatisticsReader } from '../adapters/dynamodb-statistics';
import { dynamoDb } from '../commons/clients/dynamodb';
import { envNames, loadConfig, tableName } from '../commons/config';
import * as z from 'zod';
import { systemClock } from '../domain/clock';
import { buildOpenDataUseCase } from './open-data-use-cases';
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

export const openDataBuild = () => {
  const config = loadConfig({ [envNames.openDataBucket]: z.string().min(1) });
  return buildOpenDataUseCase({
    rows: new DynamoDbOpenDataRows(dynamoDb(), tableName()),
    files: new S3OpenDataFiles(s3(), config[envNames.openDataBucket]),
    clock: systemClock,
  });
};
