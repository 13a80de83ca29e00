// Recurring upkeep that belongs to no one area: sealing the audit chain, and purging what has
// expired (sessions, idempotency keys older than a day, forgotten password failures, finished
// jobs older than a week).
import { sealAudit } from '../core/audit.ts';
import { defineJob } from '../core/jobs.ts';

const DAY_MS = 86_400_000;

defineJob({ kind: 'audit.seal', everySeconds: 10, run: async ({ db }) => { await sealAudit(db); } });

defineJob({
  kind: 'purge.expired',
  everySeconds: 3600,
  run: async ({ db, now }) => {
    const at = now().getTime();
    await db.deleteFrom('sessions').where('expires_at', '<', new Date(at).toISOString()).execute();
    await db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(at - DAY_MS).toISOString()).execute();
    await db.deleteFrom('auth_failures').where('last_failed_at', '<', new Date(at - 3_600_000).toISOString()).execute();
    await db.deleteFrom('jobs').where('status', '=', 'done').where('updated_at', '<', new Date(at - 7 * DAY_MS).toISOString()).execute();
  },
});
