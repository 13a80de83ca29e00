// Build the web app once before the browser tests, so they test the code as it is.
import { execFileSync } from 'node:child_process';

export default function setup() {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const root = new URL('../../', import.meta.url).pathname;
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  // As npm start serves them: with brotli and gzip copies beside each file.
  execFileSync(process.execPath, ['web/scripts/precompress.mjs'], { cwd: root, stdio: 'inherit' });
}
