// What the challenges area needs to know about applications, without importing that area (the
// applications area depends on challenges, not the other way round). The applications area
// provides the reader when it loads (applications/index.ts); the award's settlement of the
// other applications is its reaction to the `challenge.awarded` event.
import type { Db, Tx } from '../../db/connect.ts';

export type StatusCounts = Record<string, number>;

export interface ApplicationReader {
  /** How many applications of a challenge are in each state. */
  countByStatus(db: Db | Tx, challengeId: string): Promise<StatusCounts>;
  /** The person's own applications (not withdrawn) to these challenges: challengeId → {id, status}. */
  mineFor(db: Db | Tx, challengeIds: string[], userId: string): Promise<Map<string, { id: string; status: string }>>;
  /**
   * The leads of the selected applications, public from the notice (公示) on. `readAt`: the
   * request's change versions, by which the read may be kept (db/prepared.ts).
   */
  selectedLeads(db: Db | Tx, challengeIds: string[], readAt?: object): Promise<Map<string, Array<{ id: string; name: string; departmentName: string | null; members: Array<{ id: string; name: string }>; review: { score: number; rank: number; of: number; sheets: number } | null }>>>;
  /** The challenges among these in which the person leads or sits in the team of an active application. */
  stakesOf(db: Db | Tx, challengeIds: string[], userId: string): Promise<Set<string>>;
  /** States in which an application holds its place (counted as an applicant). */
  activeStatuses: readonly string[];
}

let reader: ApplicationReader | null = null;

export function provideApplicationReader(r: ApplicationReader): void {
  reader = r;
}

export function applications(): ApplicationReader {
  if (!reader) throw new Error('The applications area is not loaded (import modules/index.ts).');
  return reader;
}
