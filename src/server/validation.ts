import { Ajv, type ValidateFunction } from 'ajv';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../lib/errors.ts';

// Bodies are validated strictly: no coercion ("12" is not a number) and unknown fields are
// errors, not silently dropped. Query strings and params are text, so they are coerced.
export function makeAjv(coerce: boolean) {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: coerce ? 'array' : false, strict: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

export function registerValidation(app: FastifyInstance) {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => firstUse(() => (httpPart === 'body' ? strict : coercing).compile(schema)));
}

/**
 * Route schemas are compiled when a route is first used, not all at start-up: Fastify compiled
 * every route's validators and response serializers before listening, a third of the start-up
 * time (profile of W5). A validator keeps ajv's `errors` on itself, where Fastify reads them.
 */
function firstUse(compile: () => ValidateFunction): (data: unknown) => boolean {
  let validate: ValidateFunction | null = null;
  const check = (data: unknown) => {
    validate ??= compile();
    const ok = validate(data) as boolean;
    check.errors = validate.errors;
    return ok;
  };
  check.errors = null as ValidateFunction['errors'];
  return check;
}

/** The serializer side of the same (Fastify's `schemaController.compilersFactory.buildSerializer`). */
export function buildSerializerOnFirstUse(externalSchemas: unknown, options: unknown) {
  const compile = SerializerSelector()(externalSchemas, options as never);
  return (route: Parameters<typeof compile>[0]) => {
    let serialize: ((data: unknown) => string) | null = null;
    return (data: unknown) => (serialize ??= compile(route) as (data: unknown) => string)(data);
  };
}

// Text the databases cannot store the same way: PostgreSQL refuses a NUL character in text (500
// before this), SQLite stores it; a lone UTF-16 surrogate is not Unicode text at all. Every string
// in the body, the query and the path is checked before the handler, on both databases alike, and
// each bad one is named: `body.name`, `query.q`.
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badText(value: unknown, path: string, out: Array<{ path: string; message: string }>) {
  if (typeof value === 'string') {
    if (BAD_TEXT.test(value)) out.push({ path, message: value.includes('\u0000') ? 'must not contain NUL characters' : 'must be valid Unicode text (a lone surrogate)' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => badText(v, `${path}.${i}`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (BAD_TEXT.test(k)) out.push({ path: `${path}.${k}`, message: 'is not a valid field name' });
      else badText(v, `${path}.${k}`, out);
    }
  }
}

export function registerTextCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const problems: Array<{ path: string; message: string }> = [];
    badText(req.params, 'params', problems);
    badText(req.query, 'query', problems);
    badText(req.body, 'body', problems);
    if (problems.length) throw invalid(problems);
  });
}
