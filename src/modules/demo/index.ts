import { describeAuditEntity } from '../audit/index.ts';
// The living demo of the seed's campaign: loading it, keeping it safe on a network, removing it.
export { seedDemo } from './seed.ts';
export { demoAccounts, removeDemo, DEMO_LOGINS } from './remove.ts';
export { randomDemoPassword, secureDemoPasswords } from './secure.ts';
export { DEMO_PASSWORD } from './data.ts';

// The demo's removal is recorded under the campaign's name (the rows are gone).
describeAuditEntity('demo', async (_db, ids) => new Map(ids.map((id) => [id, id])));
