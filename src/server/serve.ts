import { openDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from './app.ts';
import { ensureAdmin } from './bootstrap.ts';
import type { Config } from './config.ts';

export async function serve(config: Config) {
  const db = openDb(config.databaseUrl);
  await migrateToLatest(db);
  const clock = () => new Date();
  const admin = await ensureAdmin(db, config, clock);
  if (config.demo) {
    const { seedDemo } = await import('../modules/demo/index.ts');
    const demo = await seedDemo(db, clock);
    // Said only when it matters: the first load, or a demo that could not be loaded.
    if (demo.created || demo.summary.startsWith('skipped')) console.log(`Demo: ${demo.summary}`);
  }
  const app = await buildApp({ db, config, clock });
  const close = async () => {
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as any).port : config.port}`;
  const how = admin.generatedPassword
    ? `sign in as "${config.adminLogin}" with the generated password ${admin.generatedPassword} (shown only now)`
    : `sign in as "${config.adminLogin}"${config.demo ? ' or a demo user (password jiebang-demo, e.g. organizer, sponsor, zhangwei)' : ''}`;
  // One line, printed to stdout so it is seen even with LOG_LEVEL=warn.
  console.log(`Jiebang is serving ${url} (API ${url}/api/v1, docs ${url}/api/docs) — ${how}.`);
}
