import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per function; POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL come from the environment. */
export const logger = new Logger({ serviceName: 'ccms' });
