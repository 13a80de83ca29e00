// What every operation of the OpenAPI document must say, added in one place: its problem+json
// answers (RFC 9457, one schema for all), and a refusal to build the document when a route has
// no operationId or summary — so an integrator never meets an undocumented operation.
import { Type } from 'typebox';

export const Problem = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.Optional(Type.String()),
  code: Type.String({ description: 'stable: invalid_input, unauthorized, forbidden, not_found, invalid_transition, rule_violation, …' }),
  errors: Type.Optional(Type.Array(Type.Object({ path: Type.String({ description: 'e.g. body.kpis.0.weight' }), message: Type.String() }, { additionalProperties: true }))),
  rule: Type.Optional(Type.String({ description: 'with rule_violation: which rule refused (maxActiveLeads, applicationWindow, …)' })),
  currentState: Type.Optional(Type.String()),
  allowedActions: Type.Optional(Type.Array(Type.String())),
  requiredRoles: Type.Optional(Type.Array(Type.String())),
}, { additionalProperties: true, $id: 'Problem', description: 'RFC 9457 problem details' });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } });

const COMMON = {
  400: problem('Invalid input: every bad field named in `errors`'),
  401: problem('Not signed in'),
  403: problem('Not allowed: `requiredRoles` says who may'),
  404: problem('No such object, or not one you may see'),
  429: problem('Too many requests'),
};
const WRITES = {
  409: problem('Refused by the current state (`invalid_transition`, with `currentState` and `allowedActions`) or a rule (`rule_violation`, with `rule`)'),
  413: problem('Body too large'),
  415: problem('Not JSON'),
};

interface Transformed {
  schema: Record<string, any>;
  url: string;
  route: { method: string | string[] };
}

export function documentErrors({ schema, url, route }: Transformed) {
  if (!schema || schema.hide) return { schema, url };
  if (!schema.operationId || !schema.summary) throw new Error(`Route ${route.method} ${url} needs an operationId and a summary in its schema.`);
  const methods = ([] as string[]).concat(route.method);
  const writes = methods.some((m) => m !== 'GET' && m !== 'HEAD');
  return { schema: { ...schema, response: { ...COMMON, ...(writes ? WRITES : {}), ...schema.response } }, url };
}
