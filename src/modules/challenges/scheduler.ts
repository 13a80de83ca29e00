import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.ts';

export function startScheduler(_db: Db, _clock: () => Date, _intervalSeconds: number, _log: FastifyBaseLogger): () => void {
  return () => {};
}
