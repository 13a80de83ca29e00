import { describe, expect, it } from 'vitest';
import { testDb } from '../../../test/support/app.ts';
import { makeDepartment } from '../../../test/support/factories.ts';
import { up as measurableKpis } from '../../db/migrations/0012_measurable_kpis.ts';
import { makeCampaign, makeChallenge } from '../applications/test-helpers.ts';

describe('migrating free-text KPIs to measurable ones', () => {
  it('turns numbers into numbers, keeps text as the description and infers the direction', async () => {
    const db = await testDb();
    const dept = await makeDepartment(db);
    const campaign = await makeCampaign(db);
    const old = [
      { name: '出图比例', baseline: '10', target: '80', unit: '%', weight: 40 },
      { name: '闭环时长', baseline: '72', target: '24', unit: '小时', weight: 30 },
      { name: '产品化', baseline: null, target: '形成方案并报价', unit: '套', weight: 20 },
      { name: '效率', baseline: '现状约 3 天', target: '1,000', unit: '次', weight: 10 },
    ];
    const c = await makeChallenge(db, campaign.id, dept.id, { kpis: JSON.stringify(old) });
    await measurableKpis(db);
    await measurableKpis(db); // a second run changes nothing
    const row = await db.selectFrom('challenges').select('kpis').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.kpis)).toEqual([
      { name: '出图比例', direction: 'higher', baseline: 10, target: 80, unit: '%', weight: 40, measure: null, description: null },
      { name: '闭环时长', direction: 'lower', baseline: 72, target: 24, unit: '小时', weight: 30, measure: null, description: null },
      { name: '产品化', direction: 'deliverable', baseline: null, target: 1, unit: '套', weight: 20, measure: null, description: '目标：形成方案并报价' },
      { name: '效率', direction: 'higher', baseline: null, target: 1000, unit: '次', weight: 10, measure: null, description: '基线：现状约 3 天' },
    ]);
  });
});
