/**
 * Every response an integration test receives from /v1/ is checked against the OpenAPI document
 * the API serves (GET /v1/openapi.json): the route must list the status (or its 4XX/5XX range),
 * the media type must match, and the body must validate against the schema (responses are
 * closed: a field the document does not name fails). So the document cannot drift from the API.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { inject } from 'vitest';
import { resolveRoute } from '../../local/gateway';

type JsonSchema = Record<string, unknown>;
interface OpenApiResponse {
  content: Record<string, { schema?: JsonSchema }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse> }>>;
  components: { schemas: Record<string, JsonSchema> };
}

let loaded: Promise<{ document: OpenApiDocument }> | undefined;
const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);

const load = () =>
  (loaded ??= (async () => {
    const response = await fetch(`${inject('localCloudUrl')}/v1/openapi.json`);
    if (response.status !== 200) throw new Error(`GET /v1/openapi.json answered ${response.status}`);
    const document = (await response.json()) as OpenApiDocument;
    ajv.addSchema(document.components.schemas.Error!, '#/components/schemas/Error');
    return { document };
  })());

const validatorFor = (key: string, schema: JsonSchema) => {
  let validate = validators.get(key);
  if (!validate) {
    validate =
      schema.$ref === '#/components/schemas/Error' ? ajv.getSchema('#/components/schemas/Error')! : ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
};

/** Throws, naming what is wrong, if the response does not match the document. */
export const checkAgainstContract = async (
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  body: unknown,
) => {
  const { pathname } = new URL(url, inject('localCloudUrl'));
  if (!pathname.startsWith('/v1/')) return;
  const { document } = await load();
  // The route the gateway chose for the request, as API Gateway chooses it.
  const { route } = resolveRoute(method, pathname);
  const where = `${method} ${pathname} answered ${status}`;
  let response: OpenApiResponse | undefined;
  let key: string;
  if (route) {
    const responses = document.paths[route.path]?.[method.toLowerCase()]?.responses;
    if (!responses) throw new Error(`${where}, but the OpenAPI document has no ${method} ${route.path}`);
    key = `${method} ${route.path} ${status}`;
    response = responses[String(status)] ?? responses[`${String(status)[0]}XX`];
    if (!response) throw new Error(`${where}, a status the OpenAPI document does not list for ${method} ${route.path}`);
  } else {
    // No such route: the gateway's refusal must still be in the error format.
    if (status < 400) throw new Error(`${where}, but the OpenAPI document has no such route`);
    key = 'error';
    response = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  const declared = Object.entries(response.content);
  const [mediaType, media] = declared.find(([type]) => (contentType ?? '').startsWith(type)) ?? [];
  if (!media)
    throw new Error(
      `${where} as ${contentType}; the OpenAPI document says ${declared.map(([type]) => type).join(' or ')}`,
    );
  if (!media.schema) return;
  const validate = validatorFor(`${key} ${mediaType}`, media.schema);
  if (!validate(body))
    throw new Error(
      `${where}; the body does not match the OpenAPI document: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
};

/** Checks an escalation as a subscriber receives it against the document's `EscalationMessage` schema; returns the problems. */
export const escalationMessageProblems = async (
  message: unknown,
  schema: 'EscalationMessage' | 'ComplianceOverdueMessage' | 'MerchantAlertMessage' = 'EscalationMessage',
) => {
  const { document } = await load();
  const validate = validatorFor(schema, document.components.schemas[schema]!);
  return validate(message) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
};
