// What the applications area reads from the review area without depending on it (review depends
// on applications): which applications the leaders approved for selection after the expert
// review (a campaign with reviewRequired selects only those). Provided by review/index.ts.
import type { Db, Tx } from '../../db/connect.ts';

export interface ReviewReader {
  /** The applications of these challenges in an approved decision (评选决定, approved by a leader). */
  approvedApplications(db: Db | Tx, challengeIds: string[]): Promise<Set<string>>;
  /**
   * The score and rank of these applications in the review that decided them (the latest closed
   * round), for the notice. `readAt`: the request's change versions, by which the read may be kept (db/prepared.ts).
   */
  reviewScores(db: Db | Tx, applicationIds: string[], readAt?: object): Promise<Map<string, ReviewScore>>;
}

export interface ReviewScore { score: number; rank: number; of: number; sheets: number }

let reader: ReviewReader = { approvedApplications: async () => new Set(), reviewScores: async () => new Map() };

export const provideReviewReader = (r: ReviewReader) => { reader = r; };
export const reviewReader = (): ReviewReader => reader;
