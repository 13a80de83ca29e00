import type { Kysely } from 'kysely';

// KPIs become measurable: numeric baseline and target, a direction, how it is measured. Old rows
// held baseline and target as free text: a text that reads as a number becomes the number; one
// that does not is kept as the KPI's description (and a KPI whose target is not a number becomes
// a yes/no deliverable), so nothing anyone wrote is lost. The direction follows the numbers: a
// target below its baseline means lower is better (72 → 24 小时).
export async function up(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('challenges').select(['id', 'kpis']).execute();
  for (const r of rows) {
    let kpis: unknown;
    try { kpis = JSON.parse(r.kpis); } catch { continue; }
    if (!Array.isArray(kpis) || kpis.length === 0) continue;
    const next = kpis.map(measurable);
    await db.updateTable('challenges').set({ kpis: JSON.stringify(next) }).where('id', '=', r.id).execute();
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const asNumber = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/[,，]/g, '');
  return NUMBER.test(t) ? Number(t) : null;
};

function measurable(k: any): Record<string, unknown> {
  if (k && typeof k === 'object' && typeof k.direction === 'string') return k; // already measurable
  const baselineText = k?.baseline == null ? '' : String(k.baseline).trim();
  const targetText = k?.target == null ? '' : String(k.target).trim();
  const baseline = asNumber(baselineText);
  const target = asNumber(targetText);
  const notes: string[] = [];
  if (baselineText && baseline === null) notes.push(`基线：${baselineText}`);
  if (targetText && target === null) notes.push(`目标：${targetText}`);
  const direction = target === null ? 'deliverable' : baseline !== null && target < baseline ? 'lower' : 'higher';
  return {
    name: String(k?.name ?? ''), direction,
    baseline: direction === 'deliverable' ? null : baseline,
    target: direction === 'deliverable' ? 1 : target,
    unit: String(k?.unit ?? ''), weight: Number(k?.weight ?? 0), measure: null,
    description: notes.length ? notes.join('；') : null,
  };
}
