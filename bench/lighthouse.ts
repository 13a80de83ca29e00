// Lighthouse (pinned 12.2.3, Debian Chromium, its default mobile settings) on the board and a
// challenge page of the demo, served as `npm start` serves it with the public board on.
//   node --import tsx bench/lighthouse.ts        (fetches lighthouse with npx the first time)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './servers.ts';

const dir = mkdtempSync(join(tmpdir(), 'jiebang-lh-'));
const app = await startApp(join(dir, 'demo.db'), { JIEBANG_DEMO: '1', JIEBANG_PUBLIC_BOARD: '1' });
try {
  const board = await (await fetch(`${app.base}/api/v1/challenges?status=published&pageSize=1`)).json();
  const pages = { board: `${app.base}/`, challenge: `${app.base}/challenges/${board.items[0].id}` };
  for (const [name, url] of Object.entries(pages)) {
    const out = join(dir, `${name}.json`);
    execFileSync('npx', ['--yes', 'lighthouse@12.2.3', url, '--quiet', '--only-categories=performance,accessibility',
      '--output=json', `--output-path=${out}`, '--chrome-flags=--headless --no-sandbox --disable-gpu'],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] });
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const audit = (id: string) => r.audits[id]?.displayValue ?? '—';
    console.log(`${name}: performance ${Math.round(r.categories.performance.score * 100)}, accessibility ${Math.round(r.categories.accessibility.score * 100)}; `
      + `FCP ${audit('first-contentful-paint')}, LCP ${audit('largest-contentful-paint')}, TBT ${audit('total-blocking-time')}, CLS ${audit('cumulative-layout-shift')}, JS ${audit('total-byte-weight')}`);
  }
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
