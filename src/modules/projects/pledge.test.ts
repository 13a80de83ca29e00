import { describe, expect, it } from 'vitest';
import { canonicalJson, draftPledge, pledgeChanges, pledgeHash, pledgeProblems } from './pledge.ts';

const draft = () => draftPledge({
  title: 'BIM 正向设计', challengeId: 'c1', goals: '建立协同标准', deliverables: '平台与标准', budgetCents: 1_000_001,
  kpis: [{ name: '出图比例', direction: 'higher', baseline: 10, target: 80, unit: '%', weight: 100 }], rewards: null,
  startsAt: '2026-06-01T00:00:00.000Z', endsAt: '2027-06-01T00:00:00.000Z', lead: { id: 'u1', name: '林' }, team: [],
  proposalPlan: '', faultTolerance: '容错', sponsorSignatory: null,
});

describe('the pledge, pure', () => {
  it('drafts three milestones inside the period whose weights make 100 and tranches make the budget exactly', () => {
    const d = draft();
    expect(d.milestones.map((m) => m.weight)).toEqual([30, 30, 40]);
    expect(d.milestones.reduce((s, m) => s + m.trancheCents, 0)).toBe(1_000_001);
    expect(d.milestones.at(-1)!.dueAt).toBe(d.endsAt);
    expect(pledgeProblems(d)).toEqual([]);
  });

  it('hashes the same content the same way whatever the key order, and differently for another version', () => {
    const d = draft();
    const reversed = (v: unknown): unknown => (Array.isArray(v) ? v.map(reversed)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v);
    const shuffled = reversed(d) as typeof d;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(d));
    expect(canonicalJson(shuffled)).toBe(canonicalJson(d));
    expect(pledgeHash('p', 1, shuffled)).toBe(pledgeHash('p', 1, d));
    expect(pledgeHash('p', 2, d)).not.toBe(pledgeHash('p', 1, d));
  });

  it('keeps an accepted milestone as it was and says what an amendment changed', () => {
    const d = draft();
    const locked = new Map([[d.milestones[0]!.key!, d.milestones[0]!]]);
    const moved = { ...d, milestones: d.milestones.map((m, i) => (i === 0 ? { ...m, trancheCents: m.trancheCents - 1, weight: m.weight } : m)) };
    expect(pledgeProblems(moved, locked).map((p) => p.code)).toEqual(['milestone_accepted_locked']);
    const next = { ...d, goals: '新的目标', milestones: [...d.milestones.slice(0, 2), { key: 'm9', title: '推广', dueAt: d.endsAt, deliverable: '推广', weight: 40, trancheCents: 1 }] };
    expect(pledgeChanges(d, next).map((c) => [c.section, c.kind])).toEqual([['goals', 'changed'], ['milestones', 'added'], ['milestones', 'removed']]);
  });
});
