/**
 * The one description of the API and its functions. infra/ builds the Lambda functions, their
 * grants and the API Gateway routes from it; local/ builds its HTTP gateway and workflow task
 * bindings from it. A route or function added here exists in both.
 */

/** What a function may touch; each binding is an environment variable plus a least-privilege grant. */
export type Binding = 'table:read' | 'table:write' | 'workflow:start' | 'topic:notifications' | 'topic:escalations';

export interface FunctionSpec {
  /** Path under functions/, without extension; the module exports `handler`. */
  entry: string;
  description: string;
  bindings: readonly Binding[];
}

export const functionCatalog = {
  fileComplaint: {
    entry: 'complaints/file-complaint',
    description: 'Files a complaint and starts its lifecycle workflow',
    bindings: ['table:read', 'table:write', 'workflow:start'],
  },
  getComplaint: {
    entry: 'complaints/get-complaint',
    description: 'Returns a complaint with its deadlines and timeline',
    bindings: ['table:read'],
  },
  notifyMerchant: {
    entry: 'workflow/notify-merchant',
    description: 'Workflow task: marks a complaint AWAITING_MERCHANT and notifies the merchant',
    bindings: ['table:read', 'table:write', 'topic:notifications'],
  },
  escalateIfOverdue: {
    entry: 'workflow/escalate-if-overdue',
    description: 'Workflow task: escalates a complaint whose merchant deadline passed',
    bindings: ['table:read', 'table:write'],
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionId = keyof typeof functionCatalog;

/**
 * Who may call a route. `public`: anyone. `consumer`: a verified consumer session (until the
 * identity issue lands, no deployed authorizer grants it, so such routes answer 401 in AWS).
 */
export type Access = 'public' | 'consumer';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  function: FunctionId;
  access: Access;
}

export const routes: readonly Route[] = [
  { method: 'POST', path: '/v1/complaints', function: 'fileComplaint', access: 'consumer' },
  { method: 'GET', path: '/v1/complaints/{trackingNumber}', function: 'getComplaint', access: 'public' },
];

/** ASL definition substitutions that name a task function, and which function each one is. */
export const lifecycleTaskFunctions = {
  NotifyMerchantFunctionArn: 'notifyMerchant',
  EscalateIfOverdueFunctionArn: 'escalateIfOverdue',
} as const satisfies Record<string, FunctionId>;
