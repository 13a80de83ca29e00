import type { Kysely } from 'kysely';

// A campaign's challenge categories become a managed list in its settings (they were free text
// with a fixed board filter): each campaign gets the usual four plus every category its
// challenges already use, so that no challenge falls outside its campaign's list.
const USUAL = ['业务数字化', '数字化业务', '管理', '技术'];

export async function up(db: Kysely<any>): Promise<void> {
  const campaigns = await db.selectFrom('campaigns').select(['id', 'settings']).execute();
  for (const c of campaigns) {
    const used = await db.selectFrom('challenges').select('category').distinct().where('campaign_id', '=', c.id).orderBy('category').execute();
    const settings = c.settings ? JSON.parse(c.settings) : {};
    const categories = [...new Set([...(settings.categories ?? USUAL), ...used.map((u: { category: string }) => u.category)])];
    await db.updateTable('campaigns').set({ settings: JSON.stringify({ ...settings, categories }) }).where('id', '=', c.id).execute();
  }
}
