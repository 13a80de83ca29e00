// What the applications area reads from the review area without depending on it (review depends
// on applications): which applications the leaders approved for selection after the expert
// review (a campaign with reviewRequired selects only those). Provided by review/index.ts.
import type { Db, Tx } from '../../db/connect.ts';

export interface ReviewReader {
  /** The applications of these challenges in an approved decision (评选决定, approved by a leader). */
  approvedApplications(db: Db | Tx, challengeIds: string[]): Promise<Set<string>>;
}

let reader: ReviewReader = { approvedApplications: async () => new Set() };

export const provideReviewReader = (r: ReviewReader) => { reader = r; };
export const reviewReader = (): ReviewReader => reader;
