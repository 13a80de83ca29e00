import { describe, expect, it } from 'vitest';
import { aggregate, centre, sheetTotal, type Criterion, type Sheet } from './aggregate.ts';

const criteria: Criterion[] = [
  { key: 'plan', weight: 40, min: 0, max: 10 },
  { key: 'team', weight: 30, min: 0, max: 10 },
  { key: 'schedule', weight: 30, min: 0, max: 10 },
];
const sheet = (applicationId: string, expertId: string, plan: number, team = plan, schedule = plan, submitted = true): Sheet =>
  ({ applicationId, expertId, scores: { plan, team, schedule }, submitted });
const opts = (over: Partial<Parameters<typeof aggregate>[1]> = {}) => ({
  criteria, trimmedMeanFrom: 5, calibrate: false, winners: 1, submittedAt: {}, expected: {}, ...over,
});

describe('aggregation', () => {
  it('a sheet’s total is the weighted sum scaled to 100', () => {
    expect(sheetTotal(criteria, { plan: 10, team: 10, schedule: 10 })).toBe(100);
    expect(sheetTotal(criteria, { plan: 5, team: 0, schedule: 10 })).toBe(50);
  });

  it('the mean below trimmedMeanFrom sheets, the trimmed mean from it up', () => {
    expect(centre([60, 70, 80, 90], 5)).toEqual({ value: 75, trimmed: false });
    expect(centre([10, 70, 80, 90, 100], 5)).toEqual({ value: 80, trimmed: true });
  });

  it('calibration makes a harsh and a lenient expert count the same', () => {
    // H is harsh (50 and 40), L lenient (90 and 80): each ranks their own pair alike.
    const sheets = [sheet('A', 'H', 5), sheet('B', 'H', 4), sheet('C', 'L', 9), sheet('D', 'L', 8)];
    const score = (agg: ReturnType<typeof aggregate>, id: string) => agg.ranking.find((r) => r.applicationId === id)!.score;
    const raw = aggregate(sheets, opts());
    expect(raw.ranking.map((r) => r.applicationId)).toEqual(['C', 'D', 'A', 'B']);
    const cal = aggregate(sheets, opts({ calibrate: true }));
    expect(score(cal, 'A')).toBe(score(cal, 'C'));
    expect(score(cal, 'B')).toBe(score(cal, 'D'));
    expect(score(cal, 'A')).toBeGreaterThan(score(cal, 'B'));
    // Still on the 0–100 scale, centred where the raw totals are.
    expect((score(cal, 'A') + score(cal, 'B')) / 2).toBeCloseTo(65, 1);
  });

  it('flags an expert far from the others and a wide spread', () => {
    const sheets = [sheet('A', 'e1', 8), sheet('A', 'e2', 8.2), sheet('A', 'e3', 7.9), sheet('A', 'e4', 8.1), sheet('A', 'e5', 1)];
    const [a] = aggregate(sheets, opts()).ranking;
    expect(a.flags).toEqual(expect.arrayContaining([{ kind: 'outlier', expertId: 'e5' }, { kind: 'wide_spread' }]));
    expect(a.trimmed).toBe(true);
    expect(a.score).toBe(80); // without the highest (82) and the lowest (10): (80 + 79 + 81) / 3
  });

  it('breaks ties by the heaviest criterion, then by the earlier submission', () => {
    // X and Y both total 40; X has it all in the heaviest criterion (plan, weight 40).
    const byCriterion = aggregate([sheet('Y', 'e1', 4, 4, 4), sheet('X', 'e1', 10, 0, 0)], opts()).ranking;
    expect(byCriterion.map((r) => [r.applicationId, r.score])).toEqual([['X', 40], ['Y', 40]]);
    // A and C are identical: the earlier submission goes first.
    const bySubmission = aggregate([sheet('A', 'e1', 5), sheet('C', 'e1', 5)], opts({ submittedAt: { A: '2026-06-02T00:00:00Z', C: '2026-06-01T00:00:00Z' } })).ranking;
    expect(bySubmission.map((r) => r.applicationId)).toEqual(['C', 'A']);
  });

  it('marks the band of applications whose order near the cut-off is within the experts’ disagreement', () => {
    const sheets = [
      sheet('A', 'e1', 9), sheet('A', 'e2', 9), sheet('A', 'e3', 9.2), // clearly first
      sheet('B', 'e1', 7), sheet('B', 'e2', 8), sheet('B', 'e3', 6), //  ~70 ± 5.8
      sheet('C', 'e1', 6), sheet('C', 'e2', 7.5), sheet('C', 'e3', 7), // ~68 ± 4.4
      sheet('D', 'e1', 2), sheet('D', 'e2', 2), sheet('D', 'e3', 2.2), // clearly last
    ];
    const agg = aggregate(sheets, opts({ winners: 2 }));
    expect(agg.ranking.map((r) => [r.applicationId, r.inBand])).toEqual([['A', false], ['B', true], ['C', true], ['D', false]]);
    expect(agg.final).toBe(true);
  });

  it('no ranking is final while a sheet is missing', () => {
    const agg = aggregate([sheet('A', 'e1', 8), sheet('A', 'e2', 7, 7, 7, false)], opts({ expected: { A: 3 } }));
    expect(agg.final).toBe(false);
    expect(agg.missingSheets).toBe(2);
    expect(agg.ranking[0].sheets).toBe(1);
  });
});
