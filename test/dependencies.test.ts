// Server runtime dependencies are exactly what the server imports (the web app's libraries and
// the build tools are dev dependencies, so a production install can prune them).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Packages the server reads files from rather than imports (the pledge PDF's CJK font). */
const READ_AS_FILES = ['@embedpdf/fonts-sc'];
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

describe('dependencies', () => {
  it('are the packages the server imports, and only those', { timeout: 60_000 }, async () => {
    const result = await build({
      entryPoints: [join(root, 'src/cli/main.ts'), join(root, 'bin/jiebang.js')], bundle: true, platform: 'node', format: 'esm',
      packages: 'external', write: false, metafile: true, outdir: join(root, 'dist-check'), logLevel: 'silent',
    });
    const imported = new Set<string>();
    for (const input of Object.values(result.metafile.inputs)) {
      for (const imp of input.imports) if (imp.external && !imp.path.startsWith('node:')) imported.add(packageOf(imp.path));
    }
    expect([...imported, ...READ_AS_FILES].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
