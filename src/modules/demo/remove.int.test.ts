import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { removeDemo } from './remove.ts';
import { seedDemo } from './seed.ts';

// `jiebang demo remove` on both databases (foreign keys enforced): the demo with its review rounds
// goes, a real person stays.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.db, t.clock.now);
});

describe('removing the demo', () => {
  it('takes the demo campaigns, their review rounds and projects, and the demo people, and nothing else', async () => {
    const real = await makeUser(t.db, { name: '真实员工' });
    const removed = await removeDemo(t.db, t.clock.now);
    expect(removed.people).toBeGreaterThan(50);
    const count = async (table: 'review_rounds' | 'review_assignments' | 'review_sheets' | 'experts' | 'campaigns' | 'applications' | 'projects' | 'pledges' | 'pledge_signatures' | 'milestones' | 'help_requests') =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect([await count('review_rounds'), await count('review_assignments'), await count('review_sheets'), await count('experts'), await count('campaigns'), await count('applications')])
      .toEqual([0, 0, 0, 0, 0, 0]);
    expect(removed.projects).toBe(17);
    expect([await count('projects'), await count('pledges'), await count('pledge_signatures'), await count('milestones'), await count('help_requests')]).toEqual([0, 0, 0, 0, 0]);
    expect(await t.db.selectFrom('users').select('name').where('id', '=', real.id).executeTakeFirst()).toEqual({ name: '真实员工' });
  });
});
