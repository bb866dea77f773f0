/** The middy chain for workflow task functions: input validated with zod, logger context attached. */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { logger } from './logger';

export const workflowTaskInput = z.object({ trackingNumber: z.string().min(1) });

export const taskHandler = <R>(run: (input: z.infer<typeof workflowTaskInput>) => Promise<R>) =>
  middy<unknown, R>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => run(workflowTaskInput.parse(event)));
