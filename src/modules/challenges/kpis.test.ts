import { describe, expect, it } from 'vitest';
import { achievement, kpiProblems, weightedAchievement, type Kpi } from './kpis.ts';

const higher: Kpi = { name: '出图比例', direction: 'higher', baseline: 10, target: 80, unit: '%', weight: 40 };
const lower: Kpi = { name: '闭环时长', direction: 'lower', baseline: 72, target: 24, unit: '小时', weight: 40 };
const deliverable: Kpi = { name: '产品化方案', direction: 'deliverable', unit: '套', weight: 20 };

describe('KPI achievement', () => {
  it('runs from the baseline (0) to the target (1), either way, capped at 1.2', () => {
    expect(achievement(higher, 10)).toBe(0);
    expect(achievement(higher, 45)).toBe(0.5);
    expect(achievement(higher, 80)).toBe(1);
    expect(achievement(higher, 500)).toBe(1.2);
    expect(achievement(higher, 0)).toBe(0);
    expect(achievement(lower, 48)).toBe(0.5);
    expect(achievement(lower, 24)).toBe(1);
    expect(achievement(lower, 90)).toBe(0);
    expect(achievement(deliverable, 0)).toBe(0);
    expect(achievement(deliverable, 1)).toBe(1);
    expect(achievement(higher, null)).toBeNull();
  });

  it('weighs what has a value so far, and counts missing values as 0 at acceptance', () => {
    const kpis = [higher, lower, deliverable];
    expect(weightedAchievement(kpis, [45, null, null])).toBe(0.5);
    expect(weightedAchievement(kpis, [80, 48, 1])).toBeCloseTo((40 * 1 + 40 * 0.5 + 20 * 1) / 100);
    expect(weightedAchievement(kpis, [80, null, null], true)).toBeCloseTo(0.4);
    expect(weightedAchievement(kpis, [])).toBeNull();
  });

  it('names a missing target and a target on the wrong side of the baseline', () => {
    const problems = kpiProblems([
      { ...higher, target: 5, weight: 30 },
      { ...lower, target: 100, weight: 30 },
      { ...higher, target: null, weight: 20 },
      { ...deliverable, weight: 20 },
    ]);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['body.kpis.0.target', 'kpi_target_not_above'],
      ['body.kpis.1.target', 'kpi_target_not_below'],
      ['body.kpis.2.target', 'kpi_target_required'],
    ]);
    expect(kpiProblems([higher, lower, deliverable])).toEqual([]);
  });
});
