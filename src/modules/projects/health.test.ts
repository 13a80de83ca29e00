import { describe, expect, it } from 'vitest';
import { computeHealth, reportPeriods, type HealthInput } from './health.ts';

const DAY = 86_400_000;
const base = (over: Partial<HealthInput> = {}): HealthInput => ({
  now: new Date('2026-08-10T00:00:00.000Z'), status: 'executing', executingAt: '2026-06-01T00:00:00.000Z', endsAt: '2027-06-01T00:00:00.000Z',
  budgetCents: 1_000_000, spentCents: 0, percentDone: 20, reportEveryMonths: 1,
  milestones: [{ seq: 1, title: '原型', dueAt: '2026-10-01T00:00:00.000Z', status: 'in_progress', submittedAt: null }],
  reportPeriods: new Set(['2026-06', '2026-07']), lastReportAt: '2026-08-03T00:00:00.000Z', help: [], ...over,
});

describe('health (预警)', () => {
  it('is green when nothing is late, missing, waiting or ahead', () => {
    expect(computeHealth(base())).toEqual({ health: 'green', reasons: [] });
  });

  it('turns amber for a milestone a few days late and red past a week, naming it and the days', () => {
    const m = (due: string) => base({ milestones: [{ seq: 2, title: '试点', dueAt: due, status: 'overdue', submittedAt: null }] });
    expect(computeHealth(m('2026-08-07T00:00:00.000Z'))).toEqual({ health: 'amber', reasons: [{ level: 'amber', code: 'milestone_overdue', params: { n: 2, title: '试点', days: 3 } }] });
    expect(computeHealth(m('2026-07-29T00:00:00.000Z')).reasons[0]).toEqual({ level: 'red', code: 'milestone_overdue', params: { n: 2, title: '试点', days: 12 } });
    // Submitted on time counts as done until the sponsor answers.
    expect(computeHealth(base({ milestones: [{ seq: 1, title: '原型', dueAt: '2026-07-01T00:00:00.000Z', status: 'submitted', submittedAt: '2026-06-30T00:00:00.000Z' }] })).health).toBe('green');
  });

  it('counts missed reports after their grace days: one amber, two red', () => {
    expect(computeHealth(base({ reportPeriods: new Set(['2026-06']) })).reasons).toEqual([{ level: 'amber', code: 'reports_missed', params: { count: 1, periods: '2026-07' } }]);
    expect(computeHealth(base({ reportPeriods: new Set() })).health).toBe('red');
    // July's report is due on 5 August: on 4 August it is not missed yet.
    expect(computeHealth(base({ now: new Date('2026-08-04T00:00:00.000Z'), reportPeriods: new Set(['2026-06']) })).health).toBe('green');
  });

  it('shows a help request waiting as amber and one past its answer time as red', () => {
    expect(computeHealth(base({ help: [{ status: 'open', dueAt: '2026-08-12T00:00:00.000Z', level: 1 }] })).reasons[0]?.code).toBe('help_open');
    expect(computeHealth(base({ help: [{ status: 'open', dueAt: '2026-08-08T00:00:00.000Z', level: 2 }] })).reasons[0]).toEqual({ level: 'red', code: 'help_overdue', params: { days: 2, level: 2 } });
    expect(computeHealth(base({ help: [{ status: 'answered', dueAt: '2026-08-01T00:00:00.000Z', level: 1 }] })).health).toBe('green');
  });

  it('flags spending ahead of progress and evidence gone stale', () => {
    expect(computeHealth(base({ spentCents: 500_000, percentDone: 20 })).reasons[0]).toEqual({ level: 'amber', code: 'spending_ahead', params: { spent: 50, done: 20 } });
    expect(computeHealth(base({ spentCents: 900_000, percentDone: 20 })).health).toBe('red');
    const stale = base({ now: new Date(Date.parse('2026-08-03T00:00:00.000Z') + 50 * DAY), reportPeriods: new Set(['2026-06', '2026-07', '2026-08', '2026-09']) });
    expect(computeHealth(stale).reasons.map((r) => r.code)).toContain('evidence_stale');
  });

  it('is not computed before the work starts or after it ended', () => {
    expect(computeHealth(base({ status: 'pledging', executingAt: null })).health).toBe('green');
    expect(computeHealth(base({ status: 'terminated', reportPeriods: new Set() })).health).toBe('green');
  });

  it('counts months on the calendar: the end of a month stays the end of a month', () => {
    const periods = reportPeriods('2026-05-31T02:00:00.000Z', 1, '2026-09-01T00:00:00.000Z');
    expect(periods.map((p) => [p.label, p.from.slice(0, 10)])).toEqual([['2026-05', '2026-05-31'], ['2026-06', '2026-06-30'], ['2026-07', '2026-07-31'], ['2026-08', '2026-08-31']]);
  });

  it('labels report periods by the Beijing month they start in', () => {
    const periods = reportPeriods('2026-05-31T17:00:00.000Z', 3, '2027-01-01T00:00:00.000Z');
    expect(periods.map((p) => p.label)).toEqual(['2026-06', '2026-09', '2026-12']);
  });
});
