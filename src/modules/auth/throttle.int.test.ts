import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.ts';

// With REDIS_URL, two app instances share one throttle: guessing is not sped up by spreading
// attempts over instances behind a load balancer.
describe('login throttling across instances (Redis)', () => {
  it('counts attempts on both instances together', async () => {
    const env = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const a = await testApp({ env });
    const b = await testApp({ env });
    const login = `nobody-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const app = i % 2 === 0 ? a.app : b.app;
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: `guess-${i}` } });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes[10]).toBe(429);
  });
});
