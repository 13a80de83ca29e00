// What the services do not check but a demo must show: plausible topics, a realistic mix of
// people, and a demo employee who is still free to claim a topic.
import { describe, expect, it } from 'vitest';
import { CHALLENGES, PENDING_CHALLENGES } from './challenges.ts';
import { APPLICATIONS, DEPARTMENTS, EMPLOYEES, ROLE_PEOPLE } from './data.ts';

const people = [...ROLE_PEOPLE, ...EMPLOYEES];

describe('demo data', () => {
  it('has 15 topics written out in full, within the ranges of a design institute', () => {
    expect(CHALLENGES).toHaveLength(15);
    expect(new Set([...CHALLENGES, ...PENDING_CHALLENGES].map((c) => c.title)).size).toBe(17);
    for (const c of [...CHALLENGES, ...PENDING_CHALLENGES]) {
      expect([...c.background].length, c.key).toBeGreaterThanOrEqual(150);
      expect([...c.background].length, c.key).toBeLessThanOrEqual(300);
      expect(c.kpis.length, c.key).toBeGreaterThanOrEqual(2);
      expect(c.kpis.length, c.key).toBeLessThanOrEqual(4);
      expect(c.budgetWan, c.key).toBeGreaterThanOrEqual(30);
      expect(c.budgetWan, c.key).toBeLessThanOrEqual(200);
      expect(c.durationMonths, c.key).toBeGreaterThanOrEqual(6);
      expect(c.durationMonths, c.key).toBeLessThanOrEqual(18);
      expect(c.rewardsWan.excellent > c.rewardsWan.good && c.rewardsWan.good > c.rewardsWan.pass, c.key).toBe(true);
    }
    expect(CHALLENGES.filter((c) => c.eligibility).length).toBeGreaterThanOrEqual(1);
    expect(CHALLENGES.filter((c) => (c.raceWinners ?? 1) > 1).length).toBeGreaterThanOrEqual(1);
    expect(CHALLENGES.filter((c) => c.technicalRoute.startsWith('PSIM')).length).toBeGreaterThanOrEqual(3);
  });

  it('has about 40 employees, some 40% party members and a good share of youth', () => {
    expect(EMPLOYEES.length).toBeGreaterThanOrEqual(38);
    const party = people.filter((p) => p.status === 'party_member').length / people.length;
    expect(party).toBeGreaterThan(0.33);
    expect(party).toBeLessThan(0.47);
    const youth = EMPLOYEES.filter((p) => p.age <= 35).length / EMPLOYEES.length;
    expect(youth).toBeGreaterThan(0.4);
    expect(youth).toBeLessThan(0.75);
    expect(people.filter((p) => p.status === 'league_member').every((p) => p.age <= 28)).toBe(true);
    expect(new Set(people.map((p) => p.login)).size).toBe(people.length);
    const keys = new Set(DEPARTMENTS.map((d) => d.key));
    expect(people.every((p) => keys.has(p.dept))).toBe(true);
  });

  it('leaves zhangwei, a young party member, free to claim a topic, with one invitation waiting', () => {
    expect(people.find((p) => p.login === 'zhangwei')).toMatchObject({ name: '张伟', status: 'party_member' });
    expect(APPLICATIONS.some((a) => a.lead === 'zhangwei')).toBe(false);
    expect(APPLICATIONS.flatMap((a) => a.members).filter((m) => m.login === 'zhangwei')).toEqual([{ login: 'zhangwei', confirmed: false }]);
    const claimed = new Set(APPLICATIONS.map((a) => a.challenge)).size;
    expect(claimed).toBeGreaterThanOrEqual(6);
    expect(claimed).toBeLessThanOrEqual(10);
  });
});
