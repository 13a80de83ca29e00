import { openDb } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from './app.ts';
import { setUpAuditChain } from './audit-key.ts';
import { ensureAdmin } from './bootstrap.ts';
import { isLoopback, type Config } from './config.ts';

export async function serve(config: Config) {
  setUpAuditChain(config);
  // JIEBANG_BOARD_CACHE=0 keeps nothing: neither the board's answers nor reads until the database changes.
  const db = openDb(config.databaseUrl, { keepReads: config.boardCache });
  await migrateToLatest(db);
  const clock = () => new Date();
  const admin = await ensureAdmin(db, config, clock);
  // The living demo belongs to the two-command start on loopback. On a server others can reach,
  // it is loaded only when asked for (JIEBANG_DEMO=1), never with the published password.
  const reachable = !isLoopback(config.host);
  const demoArea = await import('../modules/demo/index.ts');
  if (config.demo) {
    const demo = await demoArea.seedDemo(db, clock, reachable ? demoArea.randomDemoPassword() : demoArea.DEMO_PASSWORD);
    // Said only when it matters: the first load, or a demo that could not be loaded.
    if (demo.created || demo.summary.startsWith('skipped')) console.log(`Demo: ${demo.summary}${reachable ? ' (shown only now)' : ''}`);
  }
  if (reachable) {
    const replaced = await demoArea.secureDemoPasswords(db, clock);
    if (replaced) console.log(`Demo: the demo accounts had the published password; their new password is ${replaced} (shown only now).`);
  }
  const demoLeft = (await demoArea.demoAccounts(db)).length;
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
  if (demoLeft) {
    console.log(`Warning: ${demoLeft} demo accounts exist${reachable ? ' on a server reachable from the network' : ''}; \`jiebang demo remove\` deletes them and the demo campaign.`);
  }
  const how = admin.generatedPassword
    ? `sign in as "${config.adminLogin}" with the generated password ${admin.generatedPassword} (shown only now)`
    : `sign in as "${config.adminLogin}"${demoLeft && !reachable ? ` or a demo user (password ${demoArea.DEMO_PASSWORD}, e.g. organizer, sponsor, zhangwei)` : ''}`;
  // One line, printed to stdout so it is seen even with LOG_LEVEL=warn.
  console.log(`Jiebang is serving ${url} (API ${url}/api/v1, docs ${url}/api/docs) — ${how}.`);
}
