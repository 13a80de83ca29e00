import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('server basics', () => {
  it('answers health and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/campaigns']));
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.properties.login).toBeDefined();
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('an unknown API route is a problem+json 404; a request without sign-in is a 401', async () => {
    const nf = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(nf.statusCode).toBe(404);
    expect(nf.headers['content-type']).toContain('application/problem+json');
    const anon = await t.app.inject({ url: '/api/v1/campaigns' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('unauthorized');
  });

  it('a bad or unknown bearer token is refused', async () => {
    const res = await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer jbp_nope' } });
    expect(res.statusCode).toBe(401);
  });

  it('decides sign-in and CSRF on the routed path: an encoded path skips neither', async () => {
    const { makeUser } = await import('../../test/support/factories.ts');
    const { hashPassword } = await import('../lib/password.ts');
    const u = await makeUser(t.db);
    await t.db.updateTable('users').set({ password_hash: await hashPassword('a-long-password-1') }).where('id', '=', u.id).execute();
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: u.login, password: 'a-long-password-1' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    // The session is recognised on the encoded path …
    const me = await t.app.inject({ url: '/%61pi/v1/me', headers: { cookie } });
    expect([me.statusCode, me.json().user.id]).toEqual([200, u.id]);
    // … and a change without the CSRF header is refused there too.
    const out = await t.app.inject({ method: 'POST', url: '/%61pi/v1/auth/logout', headers: { cookie } });
    expect([out.statusCode, out.json().code]).toEqual([403, 'csrf']);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200); // still signed in
  });

  it('compresses JSON for clients that accept it', async () => {
    const { brotliDecompressSync } = await import('node:zlib');
    const res = await t.app.inject({ url: '/api/v1/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(res.rawPayload).toString()).openapi).toMatch(/^3\./);
    const plain = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('every answer carries the security headers: success, problem, refusal and a malformed body', async () => {
    const answers = [
      await t.app.inject({ url: '/healthz' }),
      await t.app.inject({ url: '/api/v1/nothing-here' }),
      await t.app.inject({ url: '/api/v1/campaigns' }),
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login":' }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 404, 401, 400]);
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(a.headers['content-security-policy']).toContain("script-src 'self'");
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('same-origin');
      expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(a.headers['strict-transport-security']).toBeUndefined(); // served over http in the tests
    }
  });
});
