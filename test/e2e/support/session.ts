// What every browser test file needs: its own server on a fresh database, the seed, one
// Chromium, and pages signed in as a seeded person — set up before the file, torn down after.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
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
  /** Uncaught errors in any page of the current test: each test must end with none. */
  pageErrors: string[];
  pageAs(login: string, password?: string): Promise<Page>;
}

/** `env`: extra server environment for this file (see startServer). */
export function e2eSession(opts: { env?: Record<string, string> } = {}): E2eSession {
  const session = { contexts: [] as BrowserContext[], pageErrors: [] as string[] } as E2eSession;
  session.pageAs = async (login, password = PASSWORD) => {
    const ctx = await signedInContext(session.browser, session.server.url, login, password);
    session.contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => session.pageErrors.push(`[${login}] ${e.message}`));
    // The security headers' CSP must let every page work: a violation fails the test.
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) session.pageErrors.push(`[${login}] CSP: ${m.text()}`); });
    return page;
  };
  beforeAll(async () => {
    session.server = await startServer(opts);
    session.s = await seed(session.server.url);
    session.browser = await launch();
  });
  afterEach(async (ctx) => {
    // A failed test leaves a picture of every page it had open, to see what the person would have seen.
    if (ctx.task.result?.state === 'fail') {
      mkdirSync(SCREENSHOTS, { recursive: true });
      let n = 0;
      for (const c of session.contexts) for (const p of c.pages()) await p.screenshot({ path: `${SCREENSHOTS}failure-${ctx.task.name.slice(0, 40).replace(/[^\w\u4e00-\u9fff]+/g, '-')}-${++n}.png`, fullPage: true }).catch(() => {});
    }
    const errors = session.pageErrors.splice(0);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    for (const c of session.contexts) await c.close().catch(() => {});
    await session.browser?.close();
    await session.server?.stop();
    console.log(`Screenshots: ${SCREENSHOTS}`);
  });
  return session;
}
