import { sql, type Kysely } from 'kysely';

// Accounts made trustworthy: logins unique regardless of case; personal access tokens with an
// expiry (existing ones get the default 90 days from now), a scope (full or read) and a revocation;
// failed password guesses counted per account.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_login_ci').on('users').expression(sql`lower(login)`).unique().execute();
  await db.schema.alterTable('access_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('access_tokens').addColumn('scope', 'text', (c) => c.notNull().defaultTo('full')).execute();
  await db.schema.alterTable('access_tokens').addColumn('revoked_at', 'text').execute();
  await db.updateTable('access_tokens').set({ expires_at: new Date(Date.now() + 90 * 86_400_000).toISOString() }).execute();
  await db.schema.createIndex('access_tokens_user').on('access_tokens').column('user_id').execute();
  // Failed guesses per account (sign-in by login, password change by person), across instances.
  await db.schema.createTable('auth_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .execute();
}
