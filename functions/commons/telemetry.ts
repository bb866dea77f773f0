/**
 * What every function reports besides its answer: X-Ray traces from Lambda's active tracing alone
 * (the invocation's segment; the SDK clients pass its trace header on to the services they call,
 * see clients/dynamodb.ts), chosen over Powertools Tracer and OpenTelemetry by measured bundle size
 * and cold start (README "Observability"), structured logs (Powertools Logger) that carry the complaint's tracking
 * number as the correlation id on every line of an invocation about one complaint, and business
 * metrics as CloudWatch embedded metric format (Powertools Metrics, namespace from
 * POWERTOOLS_METRICS_NAMESPACE). Logs never carry personal data: phones, emails, names, document
 * numbers and free text stay out of every log call (test/integration/logs.test.ts scans for them).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { refusalsMetric, unexpectedErrorsMetric } from '../bindings';
import type { BusinessEvent, BusinessMetrics } from '../domain/ports';
import { logger } from './logger';

export const metrics = new Metrics({ serviceName: 'ccms' });

/**
 * Counts a request that failed for an error nobody expected (a 500) or ran out of time (a 503), at
 * once and per function: a release of the function is rolled back on it (infra/functions-stack.ts).
 */
export const countUnexpectedError = () => countForRelease(unexpectedErrorsMetric);

/** Counts an invocation that fails on purpose, which Lambda counts among its errors (see bindings.ts refusalsMetric). */
export const countRefusal = () => countForRelease(refusalsMetric);

const countForRelease = (metricName: string) => {
  const single = metrics.singleMetric();
  single.addDimension('FunctionName', process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown');
  single.addMetric(metricName, MetricUnit.Count, 1);
};

/** Business events as CloudWatch metrics, one count each. */
export const powertoolsBusinessMetrics: BusinessMetrics = {
  count: (event: BusinessEvent) => metrics.addMetric(event, MetricUnit.Count, 1),
};

export interface ObservedOptions<E> {
  /** The tracking number an invocation is about, when it is about one complaint: every log line carries it as correlation_id. */
  correlationId?: (event: E) => unknown;
}

/** Sets the correlation id from the event, once the logger's keys were reset for this invocation. */
const correlated = <E>(correlationId: (event: E) => unknown): MiddlewareObj<E> => ({
  before: async (request) => {
    const value = correlationId(request.event);
    if (typeof value === 'string' && value !== '') logger.setCorrelationId(value);
  },
});

/** Publishes what the invocation counted, if anything (an empty publish only warns). */
const publishCountedMetrics = (): MiddlewareObj => {
  const publish = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

/**
 * The middlewares every handler runs in: the logger's context (keys reset per invocation) and, if it
 * counts any, its metrics. Lambda traces the invocation itself; nothing of its event or answer goes
 * into the trace.
 */
export const observedChain = <E, R>(options: ObservedOptions<E> = {}) => {
  const chain = middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishCountedMetrics());
  return options.correlationId ? chain.use(correlated(options.correlationId)) : chain;
};

export const observed = <E, R>(handle: (event: E, context: Context) => Promise<R>, options: ObservedOptions<E> = {}) =>
  observedChain<E, R>(options).handler(handle);
