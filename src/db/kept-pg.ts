// PostgreSQL: the board's live reads kept while nothing has changed, as SQLite does with
// data_version (group-commit.ts) — and, like it, exactly as fresh as a read, on any number of
// instances, with no change feed.
//
// `pg_current_snapshot()` (xmin:xmax:xip-list) is the same text at two moments exactly when no
// transaction that wrote anything ended in between, anywhere in the cluster: xmax is one past
// the newest ended transaction id, and the list names the older ones still running, so one that
// ends either moves xmax or leaves the list. Transactions that only read have no id and move
// nothing. Rows read after an observation of snapshot S answer any later read whose own
// observation, made after it was asked for, is S again (from the second time the same read is
// asked under S: see keptOrRead).
//
// The observation: the request's change versions are read with the snapshot (core/command.ts,
// `readObserving`), once per turn for the requests that asked, after they asked; a kept read given
// those versions uses their snapshot. Without them, the kept read observes for itself (one
// statement per turn, shared by every kept read asked in that turn).
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { KeptRows, parametersKey } from './kept-rows.ts';

/** The observation alone (connect.ts runs it as a named statement). */
export const SNAPSHOT = 'select pg_current_snapshot()::text as s';
/** The same as a column of another read (the change versions). */
export const snapshotColumn = sql<string>`pg_current_snapshot()::text`;

/** The snapshot a result (the change versions of a request) was read in. */
const observedIn = new WeakMap<object, string>();

class Keeper {
  private pending: Promise<string> | null = null;
  /** The newest snapshot observed (by the observation started last among those that ended). */
  private at: string | null = null;
  private started = 0;
  private atStart = 0;
  /** Rows by statement text and parameters; null: asked once under this snapshot, not kept yet. */
  private kept = new KeptRows<string, unknown[] | null>();

  constructor(private readonly db: Kysely<any>) {}

  /** Number an observation as it starts: of two that end, the one started later names the newer state. */
  begin(): number {
    return ++this.started;
  }

  seen(n: number, s: string): void {
    if (n <= this.atStart) return;
    this.atStart = n;
    if (s !== this.at) {
      this.at = s;
      this.kept.clear();
    }
  }

  /** The snapshot now: one read for the kept reads asked during this turn, started at the next. */
  private observe(): Promise<string> {
    if (!this.pending) {
      this.pending = new Promise((resolve) => setImmediate(resolve)).then(async () => {
        this.pending = null; // whoever asks from now on needs a read that starts after they asked
        const n = this.begin();
        const { rows } = await this.db.executeQuery<{ s: string }>(CompiledQuery.raw(SNAPSHOT, []));
        this.seen(n, rows[0].s);
        return rows[0].s;
      });
    }
    return this.pending;
  }

  async keptOrRead(sqlText: string, parameters: readonly unknown[], read: () => Promise<unknown[]>, readAt?: object): Promise<unknown[]> {
    const s = (readAt && observedIn.get(readAt)) ?? await this.observe();
    // An older observation (a newer one has ended since) has nothing to read from or to keep.
    if (s !== this.at) return read();
    const key = parametersKey(parameters);
    const rows = this.kept.get(sqlText, key);
    if (rows) return rows;
    // Kept from the second ask under one snapshot: while writes end every few milliseconds most
    // rows would never be asked again before they are dropped, and keeping them costs the GC.
    if (rows === undefined) {
      this.kept.set(sqlText, key, null);
      return read();
    }
    const fresh = await read();
    // Still the same snapshot: nothing ended since the observation before this read began.
    if (this.at === s) this.kept.set(sqlText, key, fresh);
    return fresh;
  }
}

/**
 * Run a read outside a transaction whose rows carry `snapshot` (the column above) and name its
 * result by that snapshot: a kept read given the result (`readAt`) needs no observation of its
 * own. The result must be read after whoever hands it on asked for it.
 */
export async function readObserving<T extends object>(db: Kysely<any>, read: () => Promise<{ value: T; snapshot: string | undefined }>): Promise<T> {
  const keeper = keeperOf(db);
  const n = keeper?.begin() ?? 0;
  const { value, snapshot } = await read();
  if (keeper && snapshot !== undefined) {
    keeper.seen(n, snapshot);
    observedIn.set(value, snapshot);
  }
  return value;
}

const keepers = new WeakMap<object, Keeper>();

/** Keep the reads of this database handle (openDb, unless keepReads is false). */
export function keepReadsOf(db: Kysely<any>): void {
  keepers.set(db, new Keeper(db));
}

/** The keeper of a database handle outside a transaction, or null: then every read runs. */
export const keeperOf = (db: Kysely<any>): Keeper | null => (db.isTransaction ? null : keepers.get(db) ?? null);
