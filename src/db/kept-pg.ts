// PostgreSQL: the board's live reads kept while nothing has changed, as SQLite does with
// data_version (group-commit.ts) — and, like it, exactly as fresh as a read, on any number of
// instances, with no change feed.
//
// `pg_current_snapshot()` (xmin:xmax:xip-list) is the same text at two moments exactly when no
// transaction that wrote anything ended in between, anywhere in the cluster: xmax is one past
// the newest ended transaction id, and the list names the older ones still running, so one that
// ends either moves xmax or leaves the list. Transactions that only read have no id and move
// nothing. A kept read first observes the snapshot (one statement per turn of the event loop,
// shared by every kept read asked in that turn, started after they asked); rows read after an
// observation of snapshot S answer any later read that observes S again.
import { CompiledQuery, type Kysely } from 'kysely';

/** The observation (connect.ts runs it as a named statement). */
export const SNAPSHOT = 'select pg_current_snapshot()::text as s';
const MAX_KEPT = 5000;

class Keeper {
  private pending: Promise<string> | null = null;
  /** The newest snapshot observed (by the observation started last among those that ended). */
  private at: string | null = null;
  private started = 0;
  private atStart = 0;
  private kept = new Map<string, Map<string, unknown[]>>();
  private keptRows = 0;

  constructor(private readonly db: Kysely<any>) {}

  /** The snapshot now: one read for the kept reads asked during this turn, started at the next. */
  private observe(): Promise<string> {
    if (!this.pending) {
      this.pending = new Promise((resolve) => setImmediate(resolve)).then(async () => {
        this.pending = null; // whoever asks from now on needs a read that starts after they asked
        const n = ++this.started;
        const { rows } = await this.db.executeQuery<{ s: string }>(CompiledQuery.raw(SNAPSHOT, []));
        const s = rows[0].s;
        if (n > this.atStart) {
          this.atStart = n;
          if (s !== this.at) {
            this.at = s;
            this.kept.clear();
            this.keptRows = 0;
          }
        }
        return s;
      });
    }
    return this.pending;
  }

  async keptOrRead(sqlText: string, parameters: readonly unknown[], read: () => Promise<unknown[]>): Promise<unknown[]> {
    const s = await this.observe();
    // An observation that ended after a newer one has nothing to read from or to keep.
    if (s !== this.at) return read();
    let byParameters = this.kept.get(sqlText);
    if (!byParameters) this.kept.set(sqlText, (byParameters = new Map()));
    const key = parametersKey(parameters);
    const rows = byParameters.get(key);
    if (rows) return rows;
    const fresh = await read();
    // Still the same snapshot: nothing ended since the observation before this read began.
    if (this.at === s) {
      if (this.keptRows >= MAX_KEPT) {
        this.kept.clear();
        this.keptRows = 0;
      }
      let again = this.kept.get(sqlText);
      if (!again) this.kept.set(sqlText, (again = new Map()));
      again.set(key, fresh);
      this.keptRows++;
    }
    return fresh;
  }
}

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

const keepers = new WeakMap<object, Keeper>();

/** Keep the reads of this database handle (openDb, unless keepReads is false). */
export function keepReadsOf(db: Kysely<any>): void {
  keepers.set(db, new Keeper(db));
}

/** The keeper of a database handle outside a transaction, or null: then every read runs. */
export const keeperOf = (db: Kysely<any>): Keeper | null => (db.isTransaction ? null : keepers.get(db) ?? null);
