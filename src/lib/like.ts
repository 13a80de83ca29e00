// LIKE patterns that take a person's text literally: a typed % or _ is a character, not a wildcard.
import { sql } from 'kysely';

const escape = (s: string) => s.replace(/[%_\\]/g, (c) => '\\' + c);

/** `column LIKE` this: the text anywhere. */
export const containing = (text: string) => sql<string>`${`%${escape(text)}%`} escape '\\'`;
/** `column LIKE` this: the text at the start. */
export const startingWith = (text: string) => sql<string>`${`${escape(text)}%`} escape '\\'`;
