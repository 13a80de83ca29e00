import { Type } from 'typebox';

/** A string that is one of the given values; errors name the allowed values. */
export const OneOf = <const T extends readonly string[]>(values: T, opts: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id });
