import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type FieldProblem } from '../lib/errors.ts';

// The one place where errors become application/problem+json (RFC 9457).

function problem(status: number, code: string, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  return { type: `https://jiebang.dev/problems/${code}`, title, status, detail, code, ...extra };
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, any>;
}

/** A stable code and its parameters for each kind of schema refusal, so clients word it themselves. */
function codeOf(e: AjvError): { code: string; params?: Record<string, unknown> } {
  switch (e.keyword) {
    case 'required': return { code: 'required' };
    case 'additionalProperties': return { code: 'unknown_field' };
    case 'minLength': return { code: e.params.limit <= 1 ? 'required' : 'min_length', params: { limit: e.params.limit } };
    case 'maxLength': return { code: 'max_length', params: { limit: e.params.limit } };
    case 'minimum': case 'exclusiveMinimum': return { code: 'minimum', params: { limit: e.params.limit } };
    case 'maximum': case 'exclusiveMaximum': return { code: 'maximum', params: { limit: e.params.limit } };
    case 'minItems': return { code: 'min_items', params: { limit: e.params.limit } };
    case 'maxItems': return { code: 'max_items', params: { limit: e.params.limit } };
    case 'enum': return { code: 'one_of', params: { allowed: e.params.allowedValues } };
    case 'format': return { code: 'format', params: { format: e.params.format } };
    case 'pattern': return { code: 'pattern' };
    case 'uniqueItems': return { code: 'duplicate_items' };
    case 'type': return { code: 'type', params: { type: e.params.type } };
    default: return { code: 'invalid' };
  }
}

/** Turn Ajv errors into field problems with dotted paths: `body.kpis.0.weight`. */
export function fieldProblems(part: string, errors: AjvError[]): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const e of errors) {
    let path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') path = path ? `${path}.${e.params.missingProperty}` : e.params.missingProperty, message = 'is required';
    if (e.keyword === 'additionalProperties') path = path ? `${path}.${e.params.additionalProperty}` : e.params.additionalProperty, message = 'is not a known field';
    if (e.keyword === 'enum') message = `must be one of: ${e.params.allowedValues.join(', ')}`;
    const full = path ? `${part}.${path}` : part;
    // anyOf/union branches repeat themselves; name each field once.
    if (seen.has(full)) continue;
    seen.add(full);
    out.push({ path: full, message, ...codeOf(e) });
  }
  return out;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, req, reply) => {
    reply.type('application/problem+json');
    if (err instanceof AppError) {
      if (typeof err.extra.retryAfterSeconds === 'number') reply.header('retry-after', String(err.extra.retryAfterSeconds));
      return reply.status(err.status).send(problem(err.status, err.code, err.title, err.detail, err.extra));
    }
    if (err.validation) {
      const errors = fieldProblems(err.validationContext ?? 'body', err.validation as unknown as AjvError[]);
      return reply.status(400).send(problem(400, 'invalid_input', 'Invalid input', 'The request has invalid fields.', { errors }));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(problem(413, 'body_too_large', 'Body too large', 'The request body is larger than this server accepts.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send(problem(415, 'unsupported_media_type', 'Unsupported media type', 'Send JSON with Content-Type: application/json.'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(problem(400, 'malformed_json', 'Malformed JSON', err.message, { errors: [{ path: 'body', message: err.message }] }));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send(problem(400, 'bad_content_length', 'Bad request', err.message));
    }
    if (err.statusCode === 429) {
      return reply.status(429).send(problem(429, 'too_many_requests', 'Too many requests', 'Too many attempts; wait a minute and try again.'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(problem(err.statusCode, 'bad_request', 'Bad request', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(problem(500, 'internal', 'Internal error', `Something went wrong on our side (request ${req.id}).`));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).type('application/problem+json')
      .send(problem(404, 'not_found', 'Not found', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });
}
