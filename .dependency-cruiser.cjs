// Module boundaries, checked in `npm test` (test/boundaries.test.ts) and by `npm run boundaries`.
// - An area (src/modules/<area>/) uses another area only through that area's index.ts.
// - No cycles anywhere in src/.
// - Layers: lib ← db ← core ← modules ← server/cli. The core knows no area; areas know the
//   server only through server/http.ts (the App type and ctxOf), auth.ts and idempotency.ts.
// Type-only imports are left out (they vanish when compiled and cannot make a cycle at run time).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'area-through-index',
      severity: 'error',
      comment: 'Use another area through its index.ts; everything else in its folder is private to it.',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'composition-root-through-index',
      severity: 'error',
      comment: 'The composition root loads areas through their index.ts too.',
      from: { path: '^src/(modules/index|modules/housekeeping|server|cli)' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/[^/]+/index\\.ts$'] },
    },
    { name: 'no-circular', severity: 'error', comment: 'Cycles make load order matter and areas inseparable.', from: { path: '^src/' }, to: { circular: true } },
    { name: 'core-knows-no-area', severity: 'error', from: { path: '^src/core/' }, to: { path: '^src/(modules|server|cli)/' } },
    { name: 'lib-is-a-leaf', severity: 'error', from: { path: '^src/lib/' }, to: { path: '^src/(core|modules|server|cli|db)/' } },
    {
      name: 'areas-do-not-build-the-server', severity: 'error',
      from: { path: '^src/modules/' }, to: { path: '^src/server/', pathNot: ['^src/server/(http|idempotency|validation)\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts|test-helpers\\.ts)$' },
    includeOnly: '^src/',
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
