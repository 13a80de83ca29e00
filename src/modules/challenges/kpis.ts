// Measurable KPIs (考核指标). One definition flows from the challenge to the proposal, the pledge,
// the progress reports and acceptance, so each KPI carries numbers, not prose: a baseline, a
// target, a unit, a direction (higher or lower is better, or a yes/no deliverable), a weight and
// how it is measured. Achievement per KPI and weighted is computed here, in one place.
import { Type, type Static } from 'typebox';
import type { FieldProblem } from '../../lib/errors.ts';
import { OneOf } from '../../lib/schema.ts';

export const KPI_DIRECTIONS = ['higher', 'lower', 'deliverable'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

const Num = Type.Number({ minimum: -1e12, maximum: 1e12 });
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

export const Kpi = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  direction: OneOf(KPI_DIRECTIONS, { description: 'higher or lower is better, or a yes/no deliverable (target 1 = delivered)' }),
  baseline: Type.Optional(Type.Union([Num, Type.Null()], { description: 'where it stands today (not for deliverables)' })),
  target: Type.Optional(Type.Union([Num, Type.Null()], { description: 'required unless the KPI is a deliverable' })),
  unit: Type.String({ maxLength: 20 }),
  weight: Type.Number({ minimum: 0, maximum: 100 }),
  measure: Type.Optional(NullableText(500)),
  description: Type.Optional(NullableText(1000)),
}, { additionalProperties: false, description: 'A measurable KPI: numbers, a unit, a direction, a weight and how it is measured' });
export type Kpi = Static<typeof Kpi>;

/** Every problem with a list of KPIs, each naming its field (`<path>.<i>.<field>`). */
export function kpiProblems(kpis: readonly Kpi[], path = 'body.kpis'): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (kpis.length > 0) {
    const sum = kpis.reduce((s, k) => s + k.weight, 0);
    if (Math.abs(sum - 100) > 1e-6) out.push({ path, message: `weights must add up to 100 (they add up to ${+sum.toFixed(4)})`, code: 'kpi_weights_sum', params: { sum: +sum.toFixed(4) } });
  }
  kpis.forEach((k, i) => {
    if (k.direction === 'deliverable') return;
    if (k.target === null || k.target === undefined) {
      out.push({ path: `${path}.${i}.target`, message: 'is required: a number to reach', code: 'kpi_target_required' });
      return;
    }
    if (k.baseline === null || k.baseline === undefined) return;
    const wrong = k.direction === 'higher' ? k.target <= k.baseline : k.target >= k.baseline;
    if (wrong) {
      out.push({
        path: `${path}.${i}.target`, message: `must be ${k.direction === 'higher' ? 'above' : 'below'} the baseline (${k.baseline}) when ${k.direction} is better`,
        code: k.direction === 'higher' ? 'kpi_target_not_above' : 'kpi_target_not_below', params: { baseline: k.baseline },
      });
    }
  });
  return out;
}

/**
 * How far a value has come from the baseline to the target: 0 at the baseline (or worse), 1 at the
 * target, capped at 1.2 for overachievement. A deliverable counts 1 once delivered (value ≥ 1).
 * Without a baseline the distance is measured from 0. Null when there is no value yet.
 */
export function achievement(k: Kpi, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (k.direction === 'deliverable') return value >= 1 ? 1 : 0;
  const target = k.target ?? 0;
  const base = k.baseline ?? 0;
  const span = k.direction === 'higher' ? target - base : base - target;
  if (span <= 0) return null;
  const gained = k.direction === 'higher' ? value - base : base - value;
  return Math.max(0, Math.min(1.2, gained / span));
}

/**
 * The weighted achievement of a list of KPIs, 0..1.2, from the values given by KPI index; null
 * when no KPI has a value. KPIs without a value count as 0 when `complete` (acceptance), and are
 * left out (their weight too) otherwise (progress so far).
 */
export function weightedAchievement(kpis: readonly Kpi[], values: ReadonlyArray<number | null | undefined>, complete = false): number | null {
  let sum = 0;
  let weight = 0;
  kpis.forEach((k, i) => {
    const a = achievement(k, values[i]);
    if (a === null && !complete) return;
    sum += (a ?? 0) * k.weight;
    weight += k.weight;
  });
  return weight === 0 ? null : sum / weight;
}
