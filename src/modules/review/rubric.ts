// A round's rubric (评分细则): criteria with a description, a weight (the weights sum to 100) and a
// score range. Templates for the usual five criteria of a 揭榜挂帅 review are offered.
import type { FieldProblem } from '../../lib/errors.ts';
import type { Criterion } from './aggregate.ts';

export interface RubricCriterion extends Criterion { name: string; description: string }

export const RUBRIC_TEMPLATES: Record<string, RubricCriterion[]> = {
  standard: [
    { key: 'plan', name: '技术方案', description: '技术路线先进、可行，关键问题抓得准，指标可以达成', weight: 35, min: 0, max: 10 },
    { key: 'capability', name: '研发能力', description: '挂帅人与团队在相关方向的研发和攻关经历、成果', weight: 25, min: 0, max: 10 },
    { key: 'conditions', name: '基础条件', description: '已有的数据、平台、设备和前期工作基础', weight: 15, min: 0, max: 10 },
    { key: 'team', name: '团队', description: '分工合理、结构搭配（专业、年龄），投入时间有保障', weight: 15, min: 0, max: 10 },
    { key: 'schedule', name: '进度安排', description: '里程碑明确、节奏合理，风险有应对', weight: 10, min: 0, max: 10 },
  ],
};

/** Every problem with a rubric, each naming its field. */
export function rubricProblems(criteria: RubricCriterion[], path = 'body.rubric'): FieldProblem[] {
  const out: FieldProblem[] = [];
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 100) > 1e-6) out.push({ path, message: `weights must add up to 100 (they add up to ${+sum.toFixed(4)})`, code: 'rubric_weights_sum', params: { sum: +sum.toFixed(4) } });
  criteria.forEach((c, i) => {
    if (c.max <= c.min) out.push({ path: `${path}.${i}.max`, message: `must be above min (${c.min})`, code: 'range_order', params: { min: c.min } });
    if (criteria.findIndex((x) => x.key === c.key) !== i) out.push({ path: `${path}.${i}.key`, message: `repeats the key ${c.key}`, code: 'duplicate_key', params: { key: c.key } });
  });
  return out;
}

/** Problems with one expert's scores against the rubric: every criterion, within its range. */
export function scoreProblems(criteria: RubricCriterion[], scores: Record<string, number>, complete: boolean, path = 'body.scores'): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const key of Object.keys(scores)) {
    if (!criteria.some((c) => c.key === key)) out.push({ path: `${path}.${key}`, message: 'is not a criterion of this round', code: 'unknown_field' });
  }
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined) { if (complete) out.push({ path: `${path}.${c.key}`, message: 'is required', code: 'required' }); continue; }
    if (v < c.min) out.push({ path: `${path}.${c.key}`, message: `must be at least ${c.min}`, code: 'minimum', params: { limit: c.min } });
    if (v > c.max) out.push({ path: `${path}.${c.key}`, message: `must be at most ${c.max}`, code: 'maximum', params: { limit: c.max } });
  }
  return out;
}

/** A score at either end of its range needs a comment (when the round asks for it). */
export const atAnExtreme = (criteria: RubricCriterion[], scores: Record<string, number>) =>
  criteria.some((c) => scores[c.key] === c.min || scores[c.key] === c.max);
