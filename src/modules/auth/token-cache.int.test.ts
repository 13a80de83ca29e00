// Bearer tokens are resolved to their person from a cache per instance; revoking a token,
// disabling a person or changing their roles on one instance takes effect on the other at once.
import { afterAll, describe, expect, it } from 'vitest';
import { testClock, testDatabase } from '../../../test/support/app.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';

async function twoInstances() {
  const { db, another } = await testDatabase();
  const config = loadConfig({ JIEBANG_SCHEDULER_INTERVAL: '0', JIEBANG_JOBS: '0' });
  const clock = testClock();
  const a = await buildApp({ db, config, clock: clock.now, logger: false });
  const b = await buildApp({ db: another(), config, clock: clock.now, logger: false });
  afterAll(async () => { await a.close(); await b.close(); });
  return { db, a, b };
}

describe('the token → person cache across two instances', () => {
  it('revoking, disabling and changing roles on one instance shows on the other at once', async () => {
    const { db, a, b } = await twoInstances();
    const admin = await makeUser(db, { roles: ['admin'] });
    const p = await makeUser(db);
    const me = (app: typeof a, auth = p.auth) => app.inject({ url: '/api/v1/me', headers: auth });
    const audit = (app: typeof a) => app.inject({ url: '/api/v1/audit', headers: p.auth });
    // Both instances have looked the token up (and cached it): an employee may not read the audit log.
    for (const app of [a, b]) expect((await audit(app)).statusCode).toBe(403);
    for (const app of [a, b]) expect((await me(app)).statusCode).toBe(200);

    // Made a supervisor on A: B's next request acts with the new role.
    expect((await a.inject({ method: 'PATCH', url: `/api/v1/users/${p.id}`, headers: admin.auth, payload: { roles: ['supervisor'] } })).statusCode).toBe(200);
    expect((await audit(b)).statusCode).toBe(200);

    // A second token, revoked through A: refused on B at once; the first still works.
    const extra = (await b.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: p.auth, payload: { name: '脚本' } })).json();
    const extraAuth = { authorization: `Bearer ${extra.token}` };
    expect((await me(b, extraAuth)).statusCode).toBe(200);
    expect((await a.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${extra.id}`, headers: p.auth })).statusCode).toBe(204);
    expect((await me(b, extraAuth)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(200);

    // Disabled on B: refused on A at once.
    expect((await b.inject({ method: 'PATCH', url: `/api/v1/users/${p.id}`, headers: admin.auth, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
  });
});
