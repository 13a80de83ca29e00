// What reads of challenges keep between requests, per database handle, valid for one version of
// the `challenges` area (core/command.ts: every change to a challenge, a campaign or a department
// moves it, on any instance, in the same transaction; an entry is labelled with the version read
// BEFORE it was computed, so it is never older than its label):
// - the head of each sorted board list (a search must score all its matches, a browse sorts the
//   whole filtered list before its first page is known) and its total, keyed by the query, the
//   filters, the order and what the viewer may see;
// - each challenge's fixed part as UTF-8 JSON (present.ts), keyed by the kind of reader and query.
import type { Db, Tx } from '../../db/connect.ts';

export interface BoardEntry {
  version: number;
  /** The first ids of the sorted list. */
  ids: string[];
  total: number;
  /** False when a search stopped counting at COUNT_UP_TO: `total` is then a lower bound. */
  exact?: boolean;
}

/** Bound on cached ids across entries (~60 bytes each, so ~12 MB): memory stays within W7's budget. */
const MAX_IDS = 200_000;
const MAX_ENTRIES = 500;
/** Bound on the fixed parts' bytes (~2.3 KB each): several thousand challenges as shown. */
const MAX_FIXED_BYTES = 16_000_000;

/** A challenge's fixed part: its UTF-8 JSON and what the policy needs of it. */
export interface FixedEntry {
  version: number;
  /** The JSON text as UTF-8, without its closing brace: the live fields are appended to it. */
  json: Buffer;
  facts: unknown;
}

class BoardCache {
  private entries = new Map<string, BoardEntry>();
  private ids = 0;
  private computing = new Map<string, Promise<BoardEntry>>();
  private fixedParts = new Map<string, FixedEntry>();
  private fixedBytes = 0;

  fixed(key: string, version: number): FixedEntry | undefined {
    const e = this.fixedParts.get(key);
    if (!e || e.version === version) return e;
    this.fixedParts.delete(key);
    this.fixedBytes -= e.json.length;
    return undefined;
  }

  /** Kept in insertion order and dropped oldest first (no re-insert on a hit: reads stay cheap). */
  keepFixed(key: string, entry: FixedEntry) {
    const old = this.fixedParts.get(key);
    if (old) this.fixedBytes -= old.json.length;
    this.fixedParts.set(key, entry);
    this.fixedBytes += entry.json.length;
    for (const [k, e] of this.fixedParts) {
      if (this.fixedBytes <= MAX_FIXED_BYTES) break;
      this.fixedParts.delete(k);
      this.fixedBytes -= e.json.length;
    }
  }

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
