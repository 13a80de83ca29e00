import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.ts';
import { closeDueChallenges } from './service.ts';

/**
 * Close published challenges at their deadline, every `intervalSeconds` (0 = off). Returns a
 * stop function.
 *
 * Safe with any number of app instances without leader election: each close is a conditional
 * UPDATE … WHERE status = 'published' in its own transaction, so when instances race, one
 * changes the row and writes the audit event, the others change nothing. Within one process a
 * tick never overlaps the previous one (a slow database skips ticks instead of piling them up).
 */
export function startScheduler(db: Db, clock: () => Date, intervalSeconds: number, log: FastifyBaseLogger): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const closed = await closeDueChallenges(db, clock());
      if (closed > 0) log.info({ closed }, `scheduler: closed ${closed} challenge(s) at their deadline`);
    } catch (err) {
      log.error({ err }, 'scheduler: closing due challenges failed; will retry next tick');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
