// Prepared reads (prepared.ts): the same rows as the query built each time, for every list length
// and variant, in and out of a transaction; a value the builder does not bind is refused.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialect, testDb } from '../../test/support/app.ts';
import { makeDepartment } from '../../test/support/factories.ts';
import { inTransaction } from './connect.ts';
import { prepared } from './prepared.ts';

describe('prepared reads', () => {
  it('answer like the built query for each list length and variant, with constants kept', async () => {
    const db = await testDb();
    const root = await makeDepartment(db, '总部');
    const a = await makeDepartment(db, '研究院', root.id);
    const b = await makeDepartment(db, '工程部', root.id);
    const c = await makeDepartment(db, '财务部', root.id);
    const named = prepared((d, p: { ids: string[]; parent: string | null }, variant) => {
      let q = d.selectFrom('departments').select(['id', 'name']).where('id', 'in', p.ids).where('name', '!=', '财务部');
      q = variant === 'children' ? q.where('parent_id', '=', p.parent) : q.where((eb) => eb.or([eb('parent_id', '=', p.parent), eb('parent_id', 'is', null)]));
      return q.orderBy('name');
    });
    const names = (rows: Array<{ name: string }>) => rows.map((r) => r.name);
    expect(names(await named(db, { ids: [a.id, b.id, c.id], parent: root.id }, 'children'))).toEqual(['工程部', '研究院'].sort());
    expect(names(await named(db, { ids: [b.id], parent: root.id }, 'children'))).toEqual(['工程部']);
    // The same shape again with other values: the compiled text is reused, the values are new.
    expect(names(await named(db, { ids: [a.id], parent: root.id }, 'children'))).toEqual(['研究院']);
    expect(names(await named(db, { ids: [a.id], parent: b.id }, 'children'))).toEqual([]);
    expect(names(await named(db, { ids: [root.id, a.id, c.id], parent: 'nobody' }, 'roots'))).toEqual(['总部']);
    const inTx = await inTransaction(db, async (tx) => {
      await tx.updateTable('departments').set({ name: '研究总院' }).where('id', '=', a.id).execute();
      return named(tx, { ids: [a.id, b.id], parent: root.id }, 'children');
    });
    expect(names(inTx).sort()).toEqual(['工程部', '研究总院'].sort());
  });

  it('run on PostgreSQL as named statements: parsed and planned once per connection', async () => {
    if (dialect !== 'postgres') return;
    const db = await testDb();
    const dept = await makeDepartment(db, '规划研究院');
    const byName = prepared((d, p: { name: string }) => d.selectFrom('departments').select('id').where('name', '=', p.name));
    // One transaction is one connection: the statement it prepared is in that session's list.
    const statements = await inTransaction(db, async (tx) => {
      expect(await byName(tx, { name: '规划研究院' })).toEqual([{ id: dept.id }]);
      expect(await byName(tx, { name: '无此部门' })).toEqual([]);
      return (await sql<{ statement: string }>`select statement from pg_prepared_statements where name like 'jb\_%'`.execute(tx)).rows;
    });
    expect(statements.filter((s) => /from "departments" where "name" = \$1$/.test(s.statement))).toHaveLength(1);
  });

  it('refuses a builder that writes a value into the SQL instead of binding it', async () => {
    const db = await testDb();
    const inlined = prepared((d, p: { name: string }) => d.selectFrom('departments').select('id').where('name', '=', sql.lit(p.name)));
    await expect(inlined(db, { name: '总部' })).rejects.toThrow(/written into the SQL text/);
    const changed = prepared((d, p: { name: string }) => d.selectFrom('departments').select('id').where('name', '=', `${p.name}部`));
    await expect(changed(db, { name: '总' })).rejects.toThrow(/changed before it was bound/);
    const dropped = prepared((d, _p: { name: string }) => d.selectFrom('departments').select('id'));
    await expect(dropped(db, { name: '总' })).rejects.toThrow(/not bound as parameters \(name\)/);
  });
});
