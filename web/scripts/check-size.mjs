// After `vite build`: sum the gzip size of the JavaScript a first visit to the board loads
// (the entry chunk, its static imports, and the board route's chunk with its static imports)
// and fail when it is above the budget. Reads Vite's manifest, so it follows the real graph.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const boardKey = Object.keys(manifest).find((k) => /pages\/board\/BoardPage\.tsx$/.test(k));
if (!entryKey || !boardKey) {
  console.error(`check-size: cannot find the entry (${entryKey}) or the board page (${boardKey}) in the manifest`);
  process.exit(1);
}

const files = new Map();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.set(chunk.file, key);
  for (const dep of chunk.imports ?? []) visit(dep);
};
visit(entryKey);
visit(boardKey);

let total = 0;
const rows = [];
for (const file of files.keys()) {
  if (!file.endsWith('.js')) continue;
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gz;
  rows.push([file, gz]);
}
rows.sort((a, b) => b[1] - a[1]);
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log('Board first load (JavaScript, gzip):');
for (const [file, gz] of rows) console.log(`  ${kb(gz).padStart(9)}  ${file}`);
console.log(`  ${kb(total).padStart(9)}  total (budget ${BUDGET_KB} KB)`);

// For reference: the chunks that load only where they are used.
const lazy = Object.values(manifest).filter((c) => c.file.endsWith('.js') && !files.has(c.file));
const lazySizes = lazy.map((c) => [c.file, gzipSync(readFileSync(join(dist, c.file)), { level: 9 }).length]).sort((a, b) => b[1] - a[1]);
console.log('Loaded on demand (largest first):');
for (const [file, gz] of lazySizes.slice(0, 8)) console.log(`  ${kb(gz).padStart(9)}  ${file}`);

if (total > BUDGET_KB * 1024) {
  console.error(`FAIL: the board loads ${kb(total)} of JavaScript gzip, more than ${BUDGET_KB} KB.`);
  process.exit(1);
}
