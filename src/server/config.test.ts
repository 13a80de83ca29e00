import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: 'sqlite:./data/jiebang.db', adminLogin: 'admin', demo: true, publicBoard: false });
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be sqlite:<path> or postgres/],
    ['JIEBANG_DEMO', 'maybe', /JIEBANG_DEMO must be one of/],
    ['JIEBANG_ADMIN_PASSWORD', 'short', /JIEBANG_ADMIN_PASSWORD must be at least 12/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must start with redis/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['JIEBANG_PUBLIC_BOARD', 'yes', /JIEBANG_PUBLIC_BOARD must be one of 0, 1, true, false/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY must be a comma-separated list/],
    ['TRUST_PROXY', '1', /TRUST_PROXY must list the proxies' addresses/],
    ['TRUST_PROXY', 'nginx.local', /TRUST_PROXY must be a comma-separated list/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it.each([['1', true], ['true', true], ['0', false], ['false', false], ['', false]])('reads JIEBANG_PUBLIC_BOARD=%s as %s', (value, on) => {
    expect(loadConfig({ JIEBANG_PUBLIC_BOARD: value }).publicBoard).toBe(on);
  });

  it.each([['', false], ['0', false], ['127.0.0.1, 10.0.0.0/8', '127.0.0.1,10.0.0.0/8'], ['loopback', 'loopback']])('reads TRUST_PROXY=%s as %s (off by default)', (value, trust) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(trust);
  });

  it('loads the demo by default only where nobody else can reach the server', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }).demo).toBe(false);
    expect(loadConfig({ HOST: '0.0.0.0', JIEBANG_DEMO: '1' }).demo).toBe(true);
  });

  it('does not echo a database password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'oracle://u:secret@h/db' })).toThrow(/^(?!.*secret)/);
  });
});
