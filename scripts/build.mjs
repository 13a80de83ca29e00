// `npm start` runs this first: it bundles the server into dist/jiebang.mjs (one file loads in a
// fraction of the time tsx takes to transform src/ at every start) and builds the web app into
// web/dist — each only when its sources are newer than its output, so a restart costs nothing.
// A production install that pruned the build tools (see README) runs what was built before.
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

/** The build tools are dev dependencies: absent after `npm prune --omit=dev`, when the built files must do. */
async function tool(name, output) {
  try {
    return await import(name);
  } catch {
    if (existsSync(join(root, output))) {
      console.log(`build: ${name} is not installed (production install); serving the ${output} built before`);
      return null;
    }
    throw new Error(`build: ${output} is missing and ${name} is not installed — run npm ci (with dev dependencies) and npm run build`);
  }
}

if (Math.max(newest('src'), lock) > mtime('dist/jiebang.mjs')) {
  const esbuild = await tool('esbuild', 'dist/jiebang.mjs');
  if (esbuild) await esbuild.build({
    entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(root, 'dist/jiebang.mjs'),
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning',
  });
  if (esbuild) console.log('build: server bundled into dist/jiebang.mjs');
}

if (existsSync(join(root, 'web/vite.config.ts')) && Math.max(newest('web'), lock) > mtime('web/dist/index.html') && (await tool('vite', 'web/dist/index.html'))) {
  console.log('build: building the web app (first start only; takes a little while) …');
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
}
