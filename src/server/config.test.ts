import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: 'sqlite:./data/jiebang.db', adminLogin: 'admin', demo: true });
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be sqlite:<path> or postgres/],
    ['JIEBANG_DEMO', 'maybe', /JIEBANG_DEMO must be one of/],
    ['JIEBANG_ADMIN_PASSWORD', 'short', /JIEBANG_ADMIN_PASSWORD must be at least 8/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL must start with redis/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('does not echo a database password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'oracle://u:secret@h/db' })).toThrow(/^(?!.*secret)/);
  });
});
