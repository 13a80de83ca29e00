import type { Kysely } from 'kysely';

// A version counter for credentials: bearer tokens resolved to a person are cached per instance
// while it is unchanged, and revoking a token or changing a person (roles, disabled, removed)
// moves it, so the change takes effect at once on every instance.
export async function up(db: Kysely<any>): Promise<void> {
  await db.insertInto('change_versions').values({ area: 'credentials', version: 1 }).execute();
}
