// What every browser test file needs: its own server on a fresh database, the seed, one
// Chromium, and pages signed in as a seeded person — set up before the file, torn down after.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server.ts';
import { seed, PASSWORD, type Seeded } from './seed.ts';
import { launch, SCREENSHOTS, signedInContext } from './browser.ts';

export interface E2eSession {
  server: RunningServer;
  browser: Browser;
  s: Seeded;
  /** Contexts opened by the test (closed after the file). */
  contexts: BrowserContext[];
  pageAs(login: string, password?: string): Promise<Page>;
}

/** `env`: extra server environment for this file (see startServer). */
export function e2eSession(opts: { env?: Record<string, string> } = {}): E2eSession {
  const session = { contexts: [] as BrowserContext[] } as E2eSession;
  session.pageAs = async (login, password = PASSWORD) => {
    const ctx = await signedInContext(session.browser, session.server.url, login, password);
    session.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error(`[${login}] page error:`, e.message));
    return page;
  };
  beforeAll(async () => {
    session.server = await startServer(opts);
    session.s = await seed(session.server.url);
    session.browser = await launch();
  });
  afterAll(async () => {
    for (const c of session.contexts) await c.close().catch(() => {});
    await session.browser?.close();
    await session.server?.stop();
    console.log(`Screenshots: ${SCREENSHOTS}`);
  });
  return session;
}
