// The pledge (军令状): what the lead promises and the organisation promises back — goals, KPIs,
// milestones with budget tranches, rewards and penalties, the fault-tolerance clause, the team and
// the signatories. Pure: its schema, the first draft from the challenge and the proposal, the
// checks that JSON Schema cannot express, the canonical form that is hashed when all have signed,
// and what changed between two versions.
import { Type, type Static } from 'typebox';
import type { FieldProblem } from '../../lib/errors.ts';
import { sha256 } from '../../lib/ids.ts';
import { OneOf } from '../../lib/schema.ts';
import { Kpi, kpiProblems } from '../challenges/index.ts';
import { addMonths } from './health.ts';

export const SIGNATORY_ROLES = ['lead', 'sponsor', 'party'] as const;
export type SignatoryRole = (typeof SIGNATORY_ROLES)[number];

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Cents = Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 });

export const MilestoneDef = Type.Object({
  key: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$', description: 'stable across versions; given by the server for new milestones' })),
  title: Text(200, 1),
  dueAt: Type.String({ format: 'date-time' }),
  deliverable: Text(2000, 1),
  weight: Type.Integer({ minimum: 0, maximum: 100 }),
  trancheCents: Cents,
}, { additionalProperties: false });
export type MilestoneDef = Static<typeof MilestoneDef>;

export const PledgeReward = Type.Object({
  grade: OneOf(['excellent', 'good', 'pass'] as const),
  description: Text(2000, 1),
  amountCents: Type.Optional(Cents),
}, { additionalProperties: false });

/** What the organizer and the lead may change in a draft. */
export const PledgeTerms = Type.Object({
  goals: Text(20000, 1),
  kpis: Type.Array(Kpi, { maxItems: 20 }),
  milestones: Type.Array(MilestoneDef, { minItems: 1, maxItems: 24 }),
  rewards: Type.Array(PledgeReward, { maxItems: 3 }),
  penalties: Text(5000),
  faultTolerance: Text(2000, 1),
  signatories: Type.Object({
    sponsor: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: "the sponsor's representative (a sponsor of the challenge's department)" }),
    party: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: "the party branch's representative" }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
export type PledgeTerms = Static<typeof PledgeTerms>;

export const PledgePatch = Type.Partial(PledgeTerms, { additionalProperties: false, minProperties: 1 });
export type PledgePatch = Static<typeof PledgePatch>;

/** The whole pledge as stored: the terms plus what the award fixed. */
export interface PledgeContent extends PledgeTerms {
  title: string;
  challengeId: string;
  lead: { id: string; name: string };
  team: Array<{ id: string; name: string }>;
  budgetCents: number;
  startsAt: string;
  endsAt: string;
  signatories: PledgeTerms['signatories'] & { lead: string };
}

export interface DraftSource {
  title: string; challengeId: string; goals: string; kpis: Kpi[]; deliverables: string; budgetCents: number;
  rewards: Array<{ grade: 'excellent' | 'good' | 'pass'; description: string; amountCents?: number }> | null;
  startsAt: string; endsAt: string; lead: { id: string; name: string }; team: Array<{ id: string; name: string }>;
  proposalPlan: string; faultTolerance: string; sponsorSignatory: string | null;
}

const MONTH_MS = 30.44 * 86_400_000;

/**
 * The first draft: the challenge's goals and KPIs, three milestones at a third, two thirds and
 * the end of the period (30/30/40 % of the weight and the budget), the challenge's rewards, the
 * campaign's fault-tolerance clause. The organizer and the lead then make it theirs.
 */
export function draftPledge(s: DraftSource): PledgeContent {
  // Whole months from the start (a third, two thirds), the last on the project's end.
  const months = monthsBetween(s.startsAt, s.endsAt);
  const at = (f: number) => (f === 1 ? s.endsAt : addMonths(s.startsAt, Math.max(1, Math.round(months * f))));
  const shares = [30, 30, 40];
  const tranches = shares.map((w) => Math.floor((s.budgetCents * w) / 100));
  tranches[2] = s.budgetCents - tranches[0]! - tranches[1]!;
  const titles = ['方案设计与原型', '试点应用', '全面交付与验收准备'];
  const deliverables = ['技术方案与原型演示', '试点应用报告与阶段成果', s.deliverables.slice(0, 2000)];
  return {
    title: s.title, challengeId: s.challengeId, lead: s.lead, team: s.team, budgetCents: s.budgetCents,
    startsAt: s.startsAt, endsAt: s.endsAt,
    goals: s.goals, kpis: s.kpis,
    milestones: [1 / 3, 2 / 3, 1].map((f, i) => ({
      key: `m${i + 1}`, title: titles[i]!, dueAt: at(f), deliverable: deliverables[i]!, weight: shares[i]!, trancheCents: tranches[i]!,
    })),
    rewards: s.rewards ?? [],
    penalties: '未按期完成里程碑且无正当理由的，暂停拨付后续经费；经中期检查确认无法完成的，终止项目并收回未使用经费，揭榜人两年内不得再次挂帅。',
    faultTolerance: s.faultTolerance,
    signatories: { lead: s.lead.id, sponsor: s.sponsorSignatory, party: null },
  };
}

export const monthsBetween = (from: string, to: string) => Math.round((new Date(to).getTime() - new Date(from).getTime()) / MONTH_MS);

/** Give new milestones a key no other milestone of the pledge has. */
export function keyMilestones(milestones: MilestoneDef[]): Required<MilestoneDef>[] {
  const used = new Set(milestones.map((m) => m.key).filter(Boolean));
  let n = 1;
  return milestones.map((m) => {
    if (m.key) return m as Required<MilestoneDef>;
    while (used.has(`m${n}`)) n++;
    used.add(`m${n}`);
    return { ...m, key: `m${n}` };
  });
}

/**
 * Every problem of a pledge's terms, each naming its field: milestone dates inside the project
 * period, weights adding up to 100, tranches not above the budget, measurable KPIs, keys unique.
 * `locked` are the milestones already accepted: an amendment may not change or remove them.
 */
export function pledgeProblems(c: PledgeContent, locked: ReadonlyMap<string, MilestoneDef> = new Map()): FieldProblem[] {
  const out: FieldProblem[] = [...kpiProblems(c.kpis)];
  const start = new Date(c.startsAt).getTime();
  const end = new Date(c.endsAt).getTime();
  const keys = new Set<string>();
  c.milestones.forEach((m, i) => {
    const due = new Date(m.dueAt).getTime();
    if (due < start || due > end) {
      out.push({ path: `body.milestones.${i}.dueAt`, message: `must be inside the project period (${c.startsAt.slice(0, 10)} – ${c.endsAt.slice(0, 10)})`, code: 'milestone_outside_period', params: { from: c.startsAt.slice(0, 10), to: c.endsAt.slice(0, 10) } });
    }
    if (m.key && keys.has(m.key)) out.push({ path: `body.milestones.${i}.key`, message: 'repeats another milestone', code: 'duplicate_key' });
    if (m.key) keys.add(m.key);
  });
  const weights = c.milestones.reduce((s, m) => s + m.weight, 0);
  if (weights !== 100) out.push({ path: 'body.milestones', message: `weights must add up to 100 (they add up to ${weights})`, code: 'milestone_weights_sum', params: { sum: weights } });
  const tranches = c.milestones.reduce((s, m) => s + m.trancheCents, 0);
  if (tranches > c.budgetCents) {
    out.push({ path: 'body.milestones', message: `tranches add up to ${tranches} cents, above the budget of ${c.budgetCents}`, code: 'tranches_over_budget', params: { sum: tranches / 100, budget: c.budgetCents / 100 } });
  }
  for (const [key, before] of locked) {
    const i = c.milestones.findIndex((m) => m.key === key);
    const now = c.milestones[i];
    if (!now || now.trancheCents !== before.trancheCents || now.weight !== before.weight || now.dueAt !== before.dueAt) {
      out.push({ path: i >= 0 ? `body.milestones.${i}` : 'body.milestones', message: `milestone “${before.title}” was accepted and cannot change`, code: 'milestone_accepted_locked', params: { title: before.title } });
    }
  }
  return out;
}

/** JSON with keys in order, so that anyone serialising the same pledge gets the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash a signature and the frozen pledge carry: sha256 of project, version and content. */
export const pledgeHash = (projectId: string, version: number, content: PledgeContent): string =>
  sha256(canonicalJson({ projectId, version, content }));

export interface Change { section: string; item?: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown }

/** What an amendment changed, section by section (milestones and KPIs item by item). */
export function pledgeChanges(before: PledgeContent, after: PledgeContent): Change[] {
  const out: Change[] = [];
  for (const section of ['goals', 'penalties', 'faultTolerance', 'rewards', 'signatories'] as const) {
    if (canonicalJson(before[section]) !== canonicalJson(after[section])) out.push({ section, kind: 'changed', before: before[section], after: after[section] });
  }
  const byKey = new Map(before.milestones.map((m) => [m.key!, m]));
  for (const m of after.milestones) {
    const old = byKey.get(m.key!);
    if (!old) out.push({ section: 'milestones', item: m.title, kind: 'added', after: m });
    else if (canonicalJson(old) !== canonicalJson(m)) out.push({ section: 'milestones', item: m.title, kind: 'changed', before: old, after: m });
    byKey.delete(m.key!);
  }
  for (const m of byKey.values()) out.push({ section: 'milestones', item: m.title, kind: 'removed', before: m });
  const kpis = Math.max(before.kpis.length, after.kpis.length);
  for (let i = 0; i < kpis; i++) {
    const a = before.kpis[i];
    const b = after.kpis[i];
    if (!a) out.push({ section: 'kpis', item: b!.name, kind: 'added', after: b });
    else if (!b) out.push({ section: 'kpis', item: a.name, kind: 'removed', before: a });
    else if (canonicalJson(a) !== canonicalJson(b)) out.push({ section: 'kpis', item: b.name, kind: 'changed', before: a, after: b });
  }
  return out;
}
