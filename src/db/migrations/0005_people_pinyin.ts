import type { Kysely } from 'kysely';
import { namePinyin } from '../../lib/pinyin.ts';

// People found and sorted by pinyin: 张伟 is "zhangwei" and "zw" in every people picker.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('name_pinyin', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('users').addColumn('name_initials', 'text', (c) => c.notNull().defaultTo('')).execute();
  const people = await db.selectFrom('users').select(['id', 'name']).execute();
  for (const p of people) {
    const { full, initials } = namePinyin(p.name);
    await db.updateTable('users').set({ name_pinyin: full, name_initials: initials }).where('id', '=', p.id).execute();
  }
  await db.schema.createIndex('users_name_pinyin').on('users').columns(['name_pinyin', 'login']).execute();
}
