// Password guessing, slowed where it is aimed: per account (a login, or the person changing their
// password) and per address across accounts (one guess at many logins: password spraying). Only
// failures count, so an office behind one address signing in at nine is never slowed. After the
// free failures, each further guess waits twice as long as the last, up to an hour; meanwhile even
// the right password is refused, so a guesser learns nothing. The counts live in the database, so
// they hold across instances; an hour without failures forgets them; a success clears its account.
import type { Db, Tx } from '../../db/connect.ts';
import { AppError } from '../../lib/errors.ts';

const FIRST_WAIT_MS = 60_000;
const MAX_WAIT_MS = 3_600_000;
const FORGET_AFTER_MS = 3_600_000;

export interface GuessKey {
  key: string;
  /** Failures allowed before waits begin. */
  free: number;
}

export const loginKey = (login: string): GuessKey => ({ key: `login:${login.toLowerCase()}`, free: 5 });
export const passwordKey = (userId: string): GuessKey => ({ key: `password:${userId}`, free: 5 });
export const addressKey = (ip: string): GuessKey => ({ key: `address:${ip}`, free: 30 });

const waitAfter = (k: GuessKey, failures: number) => (failures < k.free ? 0 : Math.min(FIRST_WAIT_MS * 2 ** (failures - k.free), MAX_WAIT_MS));

/** Refuse with 429 and Retry-After while any of the keys must wait. */
export async function assertMayGuess(db: Db | Tx, keys: GuessKey[], now: Date): Promise<void> {
  const rows = await db.selectFrom('auth_failures').selectAll().where('key', 'in', keys.map((k) => k.key)).execute();
  let until = 0;
  for (const row of rows) {
    const k = keys.find((x) => x.key === row.key)!;
    const last = new Date(row.last_failed_at).getTime();
    if (now.getTime() - last > FORGET_AFTER_MS) continue;
    until = Math.max(until, last + waitAfter(k, row.failures));
  }
  if (now.getTime() < until) {
    const seconds = Math.ceil((until - now.getTime()) / 1000);
    throw new AppError(429, 'too_many_attempts', 'Too many attempts',
      `Too many wrong passwords; try again in ${seconds} s.`, { retryAfterSeconds: seconds });
  }
}

export async function recordFailure(db: Db | Tx, keys: GuessKey[], now: Date): Promise<void> {
  const at = now.toISOString();
  const forgotten = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  for (const { key } of keys) {
    await db.insertInto('auth_failures').values({ key, failures: 1, last_failed_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({
        // An old count is forgotten: this failure starts a new one.
        failures: eb.case().when('auth_failures.last_failed_at', '<', forgotten).then(1).else(eb('auth_failures.failures', '+', 1)).end(),
        last_failed_at: at,
      })))
      .execute();
  }
}

export async function clearFailures(db: Db | Tx, key: GuessKey): Promise<void> {
  await db.deleteFrom('auth_failures').where('key', '=', key.key).execute();
}
