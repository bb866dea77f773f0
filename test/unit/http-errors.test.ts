/** How errors become HTTP answers: a function that runs out of time is a retryable 503, not a 500. */
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../functions/commons/http-errors';

describe('error answers', () => {
  it("answers middy's timeout (the function about to run out of time) with 503 and Retry-After, logged as unexpected", () => {
    const timeout = new Error('[AbortError]: The operation was aborted.', { cause: { package: '@middy/core' } });
    timeout.name = 'TimeoutError';
    const { response, unexpected } = errorResponse(timeout, 'req-1');
    expect([response.statusCode, response.headers?.['retry-after'], JSON.parse(response.body).error.code]).toEqual([
      503,
      '2',
      'SERVICE_UNAVAILABLE',
    ]);
    expect(unexpected).toBe(true);
  });

  it("answers a throttled DynamoDB call that the idempotency layer wrapped (Powertools' persistence error) with 503", () => {
    const throttled = Object.assign(
      new Error('The level of configured provisioned throughput for the table was exceeded'),
      {
        name: 'ProvisionedThroughputExceededException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      },
    );
    const wrapped = new Error('Failed to save in progress record to idempotency store', { cause: throttled });
    wrapped.name = 'IdempotencyPersistenceLayerError';
    const { response } = errorResponse(wrapped, 'req-3');
    expect([response.statusCode, response.headers?.['retry-after'], JSON.parse(response.body).error.code]).toEqual([
      503,
      '2',
      'SERVICE_UNAVAILABLE',
    ]);
    // A wrapped error that is not AWS's being busy stays a 500.
    const { response: other } = errorResponse(new Error('wrapped', { cause: new Error('a bug') }), 'req-4');
    expect(other.statusCode).toBe(500);
  });

  it('still answers any other unexpected error with 500 and a reference', () => {
    const { response } = errorResponse(new Error('TimeoutError lookalike from elsewhere'), 'req-2');
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body).error.message).toContain('req-2');
  });
});
