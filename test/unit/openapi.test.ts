/**
 * The OpenAPI document is built from the route table and the handlers' own zod schemas: it names
 * every route, its examples are valid requests, and its schemas compile as JSON Schema 2020-12
 * (the dialect of OpenAPI 3.1). That responses match it is checked on every integration response.
 */
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { functionCatalog, routes } from '../../functions/catalog';
import { operations } from '../../functions/openapi/contract';
import { openApiDocument } from '../../functions/openapi/document';

const document = openApiDocument() as unknown as {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        security: unknown[];
        parameters: { name: string; in: string }[];
        requestBody?: { content: { 'application/json': { schema: object; example?: unknown } } };
        responses: Record<string, { content: Record<string, { schema?: object }> }>;
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, object> };
};
const operationOf = (method: string, path: string) => document.paths[path]![method.toLowerCase()]!;

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and has exactly the routes of the route table', () => {
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect(Object.keys(operations).sort()).toEqual(documented.sort());
  });

  it('gives every operation an operationId of its own, as OpenAPI requires (a function serving JSON and CSV had one for both)', () => {
    const ids = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => (operation as { operationId?: string }).operationId),
    );
    expect(ids).toHaveLength(routes.length);
    expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operationOf('GET', '/v1/public/stats.csv')).toMatchObject({ operationId: 'getPublicStatsCsv' });
  });

  it('says how each route is authorized, and the signing scheme', () => {
    for (const route of routes) {
      const expected = {
        public: [],
        consumer: [{ consumerSession: [] }],
        merchant: [{ merchantSignature: [] }],
        regulator: [{ regulatorSignature: [] }],
        operator: [{ operatorIam: [] }],
      }[route.access];
      expect(operationOf(route.method, route.path).security, `${route.method} ${route.path}`).toEqual(expected);
    }
    expect(document.components.securitySchemes.merchantSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    });
    expect(JSON.stringify(document.components.securitySchemes.merchantSignature)).toContain('service `ccms`');
  });

  it('offers Idempotency-Key on exactly the routes that honour it', () => {
    for (const route of routes) {
      const honours = (functionCatalog[route.function].bindings as readonly string[]).includes('idempotency:record');
      const offered = operationOf(route.method, route.path).parameters.some(
        (p) => p.in === 'header' && p.name === 'Idempotency-Key',
      );
      expect(offered, `${route.method} ${route.path}`).toBe(honours);
    }
  });

  it('dates its examples from today, so they never go stale: orders and contact past, hearings and compliance ahead', () => {
    const example = <T>(method: string, path: string) =>
      operationOf(method, path).requestBody!.content['application/json'].example as T;
    const today = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
    const filing = example<{ orderDate: string; priorContact: { date: string } }>('POST', '/v1/complaints');
    expect(filing.orderDate < today && filing.priorContact.date < today).toBe(true);
    expect(filing.orderDate < filing.priorContact.date).toBe(true);
    const hearing = example<{ at: string }>('POST', '/v1/regulator/cases/{trackingNumber}/hearings');
    expect(Date.parse(hearing.at)).toBeGreaterThan(Date.now());
    const decision = example<{ complianceDueDate: string }>('POST', '/v1/regulator/cases/{trackingNumber}/decision');
    expect(decision.complianceDueDate > today).toBe(true);
    const search = example<{ from: string; to: string }>('POST', '/v1/regulator/exports');
    expect([search.from < today, search.to]).toEqual([true, today]);
  });

  it('has schemas that compile as JSON Schema 2020-12, examples that are valid requests, and the error format on every refusal', () => {
    const ajv = new Ajv2020({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    ajv.addSchema(document.components.schemas.Error!, '#/components/schemas/Error');
    let examples = 0;
    for (const route of routes) {
      const operation = operationOf(route.method, route.path);
      const body = operation.requestBody?.content['application/json'];
      if (body) {
        const validate = ajv.compile(body.schema);
        if (body.example !== undefined) {
          examples++;
          expect(
            validate(body.example),
            `${route.method} ${route.path} example: ${ajv.errorsText(validate.errors)}`,
          ).toBe(true);
        }
      }
      for (const response of Object.values(operation.responses)) {
        for (const media of Object.values(response.content))
          if (media.schema && !('$ref' in media.schema)) ajv.compile(media.schema);
      }
      expect(operation.responses['4XX']!.content['application/json']!.schema).toEqual({
        $ref: '#/components/schemas/Error',
      });
    }
    expect(examples).toBeGreaterThanOrEqual(8);
    const error = ajv.getSchema('#/components/schemas/Error')!;
    expect(error({ error: { code: 'NOT_FOUND', message: 'No complaint has the tracking number 7K3M9-Q2TXB.' } })).toBe(
      true,
    );
    expect(error({ error: { code: 'NOT_FOUND' } })).toBe(false);
  });
});
