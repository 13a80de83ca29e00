// One contract for server, web app and integrators: the committed OpenAPI document and the web
// app's generated types are what the current routes produce, and redocly's recommended rules
// pass on the document (every operation with an operationId, a summary, its problem answers).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract, DOC_FILE, TYPES_FILE } from '../scripts/openapi.ts';

describe('API contract', () => {
  const built = contract();

  it('the committed OpenAPI document and web types are up to date (npm run openapi)', { timeout: 60_000 }, async () => {
    const { doc, types } = await built;
    expect(readFileSync(DOC_FILE, 'utf8') === doc, `${DOC_FILE} is stale: run npm run openapi`).toBe(true);
    expect(readFileSync(TYPES_FILE, 'utf8') === types, `${TYPES_FILE} is stale: run npm run openapi`).toBe(true);
  });

  it('passes redocly lint with the recommended rules', { timeout: 60_000 }, async () => {
    await built;
    const bin = join(import.meta.dirname, '..', 'node_modules', '.bin', 'redocly');
    let out = '';
    try {
      out = execFileSync(bin, ['lint', DOC_FILE, '--extends', 'recommended', '--format', 'stylish'], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
    } catch (e) {
      out = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
      expect.fail(`redocly lint failed:\n${out}`);
    }
    expect(out).not.toMatch(/warning|error\s/);
  });

  it('documents every operation with an operationId, a summary and problem answers', async () => {
    const spec = JSON.parse((await built).doc);
    for (const [path, ops] of Object.entries<Record<string, any>>(spec.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(op.responses).some((s) => s.startsWith('4')), `${method} ${path} documents no 4xx`).toBe(true);
      }
    }
  });
});
