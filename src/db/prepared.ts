// Hot statements built and compiled once. Building a query with Kysely and compiling it to SQL
// costs more than SQLite takes to run it: 24.6 % of a challenge read's CPU was Kysely's builder and
// compiler in a profile of W4 (four small queries a request), 29.6 % of the opening minute's.
// A prepared statement (a read, or an insert or update whose rows are not needed) is built by Kysely
// once per database dialect and shape, with markers where the values go; each call puts its
// values in the markers' places and runs the SQL text as it is (the SQLite driver keeps one
// prepared statement per text; on PostgreSQL the text runs as a named statement, connect.ts).
import { CompiledQuery, type Compilable } from 'kysely';
import { dialectOf, nameStatement, type Db, type Tx } from './connect.ts';
import { keepUntilChange } from './group-commit.ts';
import { keeperOf } from './kept-pg.ts';

type Value = string | number | null;
type Values<V> = { [K in keyof V]: Value | readonly Value[] };

interface Compiled { sql: string; slots: Array<{ name: string; index: number | null } | { constant: unknown }> }

const MARK = '\u0000jb-param\u0000';
const MAX_SHAPES = 200;

/**
 * `build(db, p, variant)` writes the query with Kysely, using the fields of `p` only as values
 * (where Kysely binds parameters; lists in `in`); whatever changes the query's structure goes in
 * `variant`. The shape is the variant and the length of each list, so an `in` list of 3 and one of
 * 20 are two compiled texts. A value written into the SQL text, changed before binding or left
 * unbound is refused when the shape is first compiled; a JS branch on a value is not seen (the
 * builder sees markers, never the values): put what decides the structure in `variant`.
 *
 * `untilChange`: a read outside a transaction may answer with the rows the same read gave since
 * the last change to the database (SQLite: group-commit.ts, keepUntilChange; PostgreSQL:
 * kept-pg.ts): for the reads every board answer makes. Its rows are then shared: read them,
 * never change them. `readAt`: the request's change versions (`Ctx.versions`), read after it
 * began; on PostgreSQL they name the snapshot to keep by, so the read needs no observation of its own.
 */
export function prepared<V extends Values<V>, R>(build: (db: Db, p: V, variant: string) => Compilable<R>, opts: { untilChange?: boolean } = {}) {
  // Per dialect: the adapter is shared by a database and its transactions.
  const byAdapter = new WeakMap<object, Map<string, Compiled>>();
  return async (db: Db | Tx, values: V, variant = '', readAt?: object): Promise<R[]> => {
    const adapter = db.getExecutor().adapter;
    let shapes = byAdapter.get(adapter);
    if (!shapes) byAdapter.set(adapter, (shapes = new Map()));
    const keys = Object.keys(values) as Array<keyof V & string>;
    const shape = `${variant}\u0000${keys.map((k) => { const v = values[k]; return Array.isArray(v) ? `${k}[${v.length}]` : k; }).join(',')}`;
    let c = shapes.get(shape);
    if (!c) {
      c = compile(db as Db, values, variant, build);
      if (dialectOf(db) === 'postgres') nameStatement(c.sql);
      else if (opts.untilChange) keepUntilChange(c.sql);
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shapes.set(shape, c);
    }
    const parameters = c.slots.map((s) => {
      if ('constant' in s) return s.constant;
      const v = values[s.name as keyof V];
      return s.index === null ? v : (v as readonly Value[])[s.index];
    });
    const query = CompiledQuery.raw(c.sql, parameters);
    const keeper = opts.untilChange ? keeperOf(db) : null; // PostgreSQL only: SQLite's reader keeps them
    if (keeper) return keeper.keptOrRead(c.sql, parameters, async () => (await db.executeQuery(query)).rows, readAt) as Promise<R[]>;
    return (await db.executeQuery<R>(query)).rows;
  };
}

function compile<V extends Values<V>>(db: Db, values: V, variant: string, build: (db: Db, p: V, variant: string) => Compilable<unknown>): Compiled {
  const marks = new Map<string, { name: string; index: number | null }>();
  const mark = (name: string, index: number | null) => {
    const m = `${MARK}${name}\u0000${index ?? ''}`;
    marks.set(m, { name, index });
    return m;
  };
  const p = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.map((_, i) => mark(k, i)) : mark(k, null)])) as unknown as V;
  const q = build(db, p, variant).compile();
  if (q.sql.includes(MARK)) throw new Error(`prepared query: a value was written into the SQL text instead of bound: ${q.sql}`);
  const used = new Set<string>();
  const slots = q.parameters.map((param) => {
    const m = typeof param === 'string' ? marks.get(param) : undefined;
    if (m) used.add(param as string);
    if (!m && typeof param === 'string' && param.includes(MARK)) throw new Error(`prepared query: a value was changed before it was bound: ${q.sql}`);
    return m ?? { constant: param };
  });
  const unused = [...marks.keys()].filter((m) => !used.has(m));
  if (unused.length) throw new Error(`prepared query: values not bound as parameters (${unused.map((m) => marks.get(m)!.name).join(', ')}): ${q.sql}`);
  return { sql: q.sql, slots };
}
