// What other areas may use of search: indexing a challenge, matching a query, highlights.
export { indexChallenge, matchQuery, tsvectorText, unindexChallenges } from './service.ts';
export { queryTokens } from './text.ts';
export { challengeHighlights } from './highlight.ts';
