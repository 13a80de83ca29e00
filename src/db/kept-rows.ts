// The rows of reads kept until the database changes, by statement and parameters: one store for
// both engines' keepers (group-commit.ts's reader on SQLite, kept-pg.ts on PostgreSQL), which
// decide when what is kept stops being current and clear it.

/** Entries kept at most (rows of one statement and parameters each); past it, all are dropped. */
const MAX_KEPT = 5000;

/**
 * The key of a statement's parameters (strings, numbers, null): twice as fast as JSON.stringify,
 * and every board answer makes one. Each string carries its length, so no two lists of values
 * share a key whatever characters a value holds (an id comes from the URL).
 */
export function parametersKey(parameters: readonly unknown[]): string {
  let key = '';
  for (const p of parameters) {
    if (p === null) key += 'n;';
    else if (typeof p === 'number') key += `#${p};`;
    else { const s = String(p); key += `s${s.length}:${s}`; }
  }
  return key;
}

/** Kept values by statement (its object or its SQL text) and parameters' key. */
export class KeptRows<S, V> {
  private byStatement = new Map<S, Map<string, V>>();
  private size = 0;

  get(statement: S, key: string): V | undefined {
    return this.byStatement.get(statement)?.get(key);
  }

  set(statement: S, key: string, value: V): void {
    if (this.size >= MAX_KEPT) this.clear();
    let byKey = this.byStatement.get(statement);
    if (!byKey) this.byStatement.set(statement, (byKey = new Map()));
    byKey.set(key, value);
    this.size++;
  }

  clear(): void {
    this.byStatement.clear();
    this.size = 0;
  }
}
