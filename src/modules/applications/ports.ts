// What the applications area reads from the review area without depending on it (review depends
// on applications): whether a challenge's expert review is finished. Provided by review/index.ts.
import type { Db, Tx } from '../../db/connect.ts';

export interface ReviewReader {
  /** The challenges among these whose review is finished (a closed round covers them). */
  reviewedChallenges(db: Db | Tx, challengeIds: string[]): Promise<Set<string>>;
}

let reader: ReviewReader = { reviewedChallenges: async () => new Set() };

export const provideReviewReader = (r: ReviewReader) => { reader = r; };
export const reviewReader = (): ReviewReader => reader;
