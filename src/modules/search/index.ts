// What other areas may use of search: indexing a challenge, matching a query, highlights.
export { indexChallenge, matchQuery, rankedMatches, tsvectorText, unindexChallenges, type FactsCondition } from './service.ts';
export { queryTokens } from './text.ts';
export { challengeHighlights } from './highlight.ts';
