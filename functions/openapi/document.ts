/**
 * The OpenAPI 3.1 document, built from the route table (functions/catalog.ts) and the contract's
 * zod schemas (functions/openapi/contract.ts): requests as they may be sent (zod's input side),
 * responses as they are answered (the output side, closed: a field the contract does not name
 * fails validation).
 */
import * as z from 'zod';
import { functionCatalog, maxRequestBodyBytes, routes, type Access, type Route } from '../catalog';
import { complianceOverdueMessage, escalationMessage, merchantAlertMessage } from '../domain/escalation';
import { errorResponse, operations, type Operation } from './contract';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
};

const securityOf: Record<Access, Record<string, string[]>[]> = {
  public: [],
  consumer: [{ consumerSession: [] }],
  merchant: [{ merchantSignature: [] }],
  regulator: [{ regulatorSignature: [] }],
  operator: [{ operatorIam: [] }],
};

const signatureScheme = (who: string, service: string) => ({
  type: 'apiKey',
  in: 'header',
  name: 'Authorization',
  description:
    `${who}: AWS Signature Version 4 (AWS4-HMAC-SHA256) with the access key id and secret an operator issued, service \`${service}\`, ` +
    'the stack’s region; sign the host, x-amz-date and every header you send, and the exact body (x-amz-content-sha256). ' +
    'At most 5 minutes of clock skew; a state-changing request is accepted once. Any SigV4 client works: the AWS SDKs’ signers, ' +
    `\`curl --aws-sigv4 "aws:amz:<region>:${service}"\` (before curl 8, put query parameters in sorted order yourself).`,
  'x-amazon-apigateway-authtype': 'awsSigv4',
});

const parametersOf = (route: Route, operation: Operation) => {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name: name!,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = Object.entries(operation.query ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !schema.safeParse(undefined).success,
    schema: schemaOf(schema, 'input'),
  }));
  const bindings = functionCatalog[route.function].bindings as readonly string[];
  const idempotency = bindings.includes('idempotency:record')
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the same key and request answer the first response again (Idempotent-Replayed: true); the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. 8-255 visible ASCII characters, kept a day, per caller.',
          schema: { type: 'string', minLength: 8, maxLength: 255 },
        },
      ]
    : [];
  return [...path, ...query, ...idempotency];
};

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

export const openApiDocument = (serverUrl?: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const operation = operations[key];
    if (!operation) throw new Error(`The contract has no operation for ${key}`);
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      responses[status] = {
        description: response.description,
        content: {
          [response.contentType ?? 'application/json']: response.schema
            ? { schema: schemaOf(response.schema, 'output') }
            : {},
          ...(response.alsoCsv && { 'text/csv': {} }),
        },
      };
    }
    responses['4XX'] = {
      description: 'Refused: the error format (400 invalid input, 401, 403, 404, 409, 413, 422 refusals, 429)',
      content: errorContent,
    };
    responses['5XX'] = {
      description: 'Not served now (503 with Retry-After: retry, with the same Idempotency-Key); 500 names a reference',
      content: errorContent,
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      // Unique, as OpenAPI requires: a function that also serves a route's CSV form names that one
      // ...Csv; one that serves several operations names each in the route table.
      operationId: route.operationId ?? (route.path.endsWith('.csv') ? `${route.function}Csv` : route.function),
      summary: operation.summary,
      tags: [route.access],
      security: securityOf[route.access],
      parameters: parametersOf(route, operation),
      ...(operation.body && {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: schemaOf(operation.body, 'input'),
              ...(operation.example !== undefined && { example: operation.example }),
            },
          },
        },
      }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CCMS, the Central Complaint Management System',
      version: '1',
      description:
        'Consumers file complaints against e-commerce merchants; merchants answer within deadlines; consumers confirm or dispute; ' +
        'what stays unresolved goes to regulators. Errors are `{"error":{"code","message","fields"?,"details"?}}`. ' +
        `Request bodies are JSON up to ${maxRequestBodyBytes / 1024} KB.`,
    },
    ...(serverUrl && { servers: [{ url: serverUrl }] }),
    components: {
      securitySchemes: {
        consumerSession: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session token from POST /v1/otp/verify (a phone verified by SMS code).',
        },
        merchantSignature: signatureScheme('Merchants', 'ccms'),
        regulatorSignature: signatureScheme('Regulators', 'ccms'),
        operatorIam: signatureScheme('Operators (IAM principals)', 'execute-api'),
      },
      // Not an HTTP answer: what regulators' subscriptions to the escalations topic receive.
      schemas: {
        Error: schemaOf(errorResponse, 'output'),
        EscalationMessage: schemaOf(escalationMessage, 'output'),
        ComplianceOverdueMessage: schemaOf(complianceOverdueMessage, 'output'),
        MerchantAlertMessage: schemaOf(merchantAlertMessage, 'output'),
      },
    },
    paths,
  };
};
