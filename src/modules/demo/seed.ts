import type { Db } from '../../db/connect.ts';

export async function seedDemo(_db: Db, _now: () => Date): Promise<{ created: boolean; summary: string }> {
  return { created: false, summary: '' };
}
