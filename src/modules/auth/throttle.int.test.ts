// Password guessing is slowed per account and per address; a forged X-Forwarded-For changes
// nothing unless TRUST_PROXY names the proxy; the flood cap is shared through Redis.
import { describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { testApp, testClock } from '../../../test/support/app.ts';
import { makeUser } from '../../../test/support/factories.ts';
import { hashPassword } from '../../lib/password.ts';

const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const PASSWORD = 'ocean-maple-thunder';

async function personIn(t: Awaited<ReturnType<typeof testApp>>) {
  const u = await makeUser(t.db);
  await t.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', u.id).execute();
  return u;
}

describe('password guessing', () => {
  it('one account: after 5 wrong guesses from any addresses even the right password waits, then works', async () => {
    const t = await testApp({ clock: testClock() });
    const u = await personIn(t);
    const login = (password: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: u.login, password }, remoteAddress: randomAddress(), headers });
    for (let i = 0; i < 5; i++) expect((await login(`wrong-guess-${i}`)).statusCode).toBe(401);
    const locked = await login(PASSWORD);
    expect([locked.statusCode, locked.json().code, locked.headers['retry-after']]).toEqual([429, 'too_many_attempts', '60']);
    t.clock.advance(60_000);
    expect((await login('wrong-again')).statusCode).toBe(401); // the 6th failure: the next wait doubles
    t.clock.advance(60_000);
    expect((await login(PASSWORD)).statusCode).toBe(429);
    t.clock.advance(60_000);
    expect((await login(PASSWORD)).statusCode).toBe(200);
    expect((await login('wrong-after-success')).statusCode).toBe(401); // the count started again
  });

  it('one address: spraying many logins is slowed after 30 failures, and a forged X-Forwarded-For does not help', async () => {
    const t = await testApp({ clock: testClock() });
    const address = randomAddress();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await t.app.inject({
        method: 'POST', url: '/api/v1/auth/login', remoteAddress: address,
        headers: { 'x-forwarded-for': randomAddress() }, payload: { login: `nobody${i}`, password: 'a-guess-at-it' },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(codes[30]).toBe(429);
    // Another address is not slowed by this one.
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: randomAddress(), payload: { login: 'nobody-else', password: 'a-guess-at-it' } });
    expect(other.statusCode).toBe(401);
  });

  it('behind a configured proxy, each forwarded client is counted on its own', async () => {
    const proxy = randomAddress();
    const t = await testApp({ clock: testClock(), env: { TRUST_PROXY: proxy } });
    const [a, b] = [randomAddress(), randomAddress()];
    const from = (client: string, i: number) => t.app.inject({
      method: 'POST', url: '/api/v1/auth/login', remoteAddress: proxy, headers: { 'x-forwarded-for': client }, payload: { login: `someone${i}`, password: 'a-guess-at-it' },
    });
    for (let i = 0; i < 30; i++) await from(a, i);
    expect((await from(a, 99)).statusCode).toBe(429);
    expect((await from(b, 99)).statusCode).toBe(401);
  });

  it('guesses at my current password (a stolen session) are slowed the same way', async () => {
    const t = await testApp({ clock: testClock() });
    const u = await personIn(t);
    const change = (currentPassword: string) => t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: u.auth, payload: { currentPassword, newPassword: 'brand-new-password-1' } });
    for (let i = 0; i < 5; i++) expect((await change(`not-it-${i}`)).statusCode).toBe(400);
    expect((await change(PASSWORD)).statusCode).toBe(429);
  });
});

// With REDIS_URL, instances share the flood cap on sign-ins from one address.
describe('the sign-in flood cap across instances (Redis)', () => {
  it('counts requests on both instances together', { timeout: 120_000 }, async () => {
    const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const a = await testApp({ env });
    const b = await testApp({ env });
    const address = randomAddress();
    const codes: string[] = [];
    for (let i = 0; i < 101; i++) {
      const app = i % 2 === 0 ? a.app : b.app;
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address, payload: { login: `flood${i}`, password: `guess-${i}` } });
      codes.push(r.json().code);
    }
    expect(codes.slice(0, 100)).not.toContain('too_many_requests');
    expect(codes[100]).toBe('too_many_requests');
  });
});
