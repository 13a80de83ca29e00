// `npm start` runs this first: it bundles the server into dist/jiebang.mjs (one file loads in a
// fraction of the time tsx takes to transform src/ at every start) and builds the web app into
// web/dist — each only when its sources are newer than its output, so a restart costs nothing.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.parentPath.includes('node_modules') && !entry.parentPath.includes(`${dir}/dist`)) {
      t = Math.max(t, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return t;
}
const mtime = (file) => (existsSync(join(root, file)) ? statSync(join(root, file)).mtimeMs : 0);
const lock = mtime('package-lock.json');

if (Math.max(newest('src'), lock) > mtime('dist/jiebang.mjs')) {
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(root, 'dist/jiebang.mjs'),
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning',
  });
  console.log('build: server bundled into dist/jiebang.mjs');
}

if (existsSync(join(root, 'web/vite.config.ts')) && Math.max(newest('web'), lock) > mtime('web/dist/index.html')) {
  console.log('build: building the web app (first start only; takes a little while) …');
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
}
