// The board's expensive parts — the head of a sorted list (a search must score all its matches,
// a browse sorts the whole filtered list before its first page is known) and its total — cached
// per database and keyed by the query, the filters, the order and what the viewer may see.
//
// Freshness without timers or cross-instance messages: every change to anything writes an audit
// event in its own transaction, and on PostgreSQL audit events are appended under an advisory
// lock held to commit, so max(audit_events.seq) grows exactly in commit order. An entry is valid
// only for the seq it was computed at; read the seq BEFORE computing, so an entry is never older
// than its seq. Any write (on any instance) moves the seq and retires every entry.
import type { Db, Tx } from '../../db/connect.ts';

export interface BoardEntry {
  version: number;
  /** The first ids of the sorted list. */
  ids: string[];
  total: number;
}

/** Bound on cached ids across entries (~60 bytes each, so ~12 MB): memory stays within W7's budget. */
const MAX_IDS = 200_000;
const MAX_ENTRIES = 500;

class BoardCache {
  private entries = new Map<string, BoardEntry>();
  private ids = 0;
  private computing = new Map<string, Promise<BoardEntry>>();

  /** The entry, computed once however many ask for it at the same time. */
  async getOrCompute(key: string, version: number, compute: () => Promise<BoardEntry>): Promise<BoardEntry> {
    const hit = this.get(key, version);
    if (hit) return hit;
    const flight = `${version}\u0000${key}`;
    let p = this.computing.get(flight);
    if (!p) {
      p = compute().then((e) => { this.set(key, e); return e; }).finally(() => this.computing.delete(flight));
      this.computing.set(flight, p);
    }
    return p;
  }

  get(key: string, version: number): BoardEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key); // re-insert: the Map's order is the LRU order
    if (e.version !== version) {
      this.ids -= e.ids.length;
      return undefined;
    }
    this.entries.set(key, e);
    return e;
  }

  set(key: string, entry: BoardEntry) {
    const old = this.entries.get(key);
    if (old) this.ids -= old.ids.length;
    this.entries.set(key, entry);
    this.ids += entry.ids.length;
    for (const [k, e] of this.entries) {
      if (this.ids <= MAX_IDS && this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(k);
      this.ids -= e.ids.length;
    }
  }
}

const caches = new WeakMap<object, BoardCache>();

export function boardCacheFor(db: Db | Tx): BoardCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new BoardCache()));
  return c;
}

/** The database's change counter: the newest audit event. */
export async function changeVersion(db: Db | Tx): Promise<number> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}
