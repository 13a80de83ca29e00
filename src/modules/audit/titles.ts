// What the audit log shows instead of ids: each area says how its objects are called ("报名
// 张伟 · BIM 正向协同设计平台" rather than "报名 dd617754"). The areas register here (their index.ts),
// so the audit area knows no other area's tables.
import type { Db } from '../../db/connect.ts';

/** Titles by id for one kind of object; ids that no longer exist are left out. */
export type TitleResolver = (db: Db, ids: string[]) => Promise<Map<string, string>>;

const resolvers = new Map<string, TitleResolver>();

export function describeAuditEntity(entity: string, resolve: TitleResolver): void {
  resolvers.set(entity, resolve);
}

/** The title of each (entity, id) of a page of events: one query per kind of object. */
export async function titlesFor(db: Db, refs: Array<{ entity: string; id: string }>): Promise<(ref: { entity: string; id: string }) => string | null> {
  const byEntity = new Map<string, Set<string>>();
  for (const r of refs) byEntity.set(r.entity, (byEntity.get(r.entity) ?? new Set()).add(r.id));
  const found = new Map<string, Map<string, string>>();
  await Promise.all([...byEntity].map(async ([entity, ids]) => {
    const resolve = resolvers.get(entity);
    if (resolve) found.set(entity, await resolve(db, [...ids]));
  }));
  return (r) => found.get(r.entity)?.get(r.id) ?? null;
}
