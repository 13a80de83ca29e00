// Chromium for the e2e tests (Debian's, driven by playwright-core), axe checks and screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

export const SCREENSHOTS = new URL('../../../test-artifacts/screenshots/', import.meta.url).pathname;

/** CHROMIUM_PATH when set (and only it: an explicit choice), else Debian's /usr/bin/chromium. */
export function chromiumPath(): string | null {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) return existsSync(explicit) ? explicit : null;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return null;
}

/**
 * Where no Chromium exists, a plain run says so loudly and skips; with CI=true it fails.
 * Returns true when the browser tests can run.
 */
export function requireChromium(): boolean {
  if (chromiumPath()) return true;
  const how = 'Install it with `apt-get install -y chromium fonts-noto-cjk` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary.';
  if (process.env.CI === 'true') throw new Error(`E2E: no Chromium found at CHROMIUM_PATH or /usr/bin/chromium, and CI=true. ${how}`);
  console.warn(`\n${'!'.repeat(78)}\n!! E2E TESTS SKIPPED: no Chromium at CHROMIUM_PATH or /usr/bin/chromium.\n!! ${how}\n${'!'.repeat(78)}\n`);
  return false;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath()!, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'] });
}

/** A signed-in browser context: the session cookie comes from signing in through the API. */
export async function signedInContext(browser: Browser, base: string, login: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const res = await context.request.post(`${base}/api/v1/auth/login`, { data: { login, password } });
  if (!res.ok()) throw new Error(`sign-in as ${login} failed: ${res.status()} ${await res.text()}`);
  return context;
}

/** No serious or critical axe violation (WCAG 2.1 A/AA) on the page as it is now. */
export async function checkA11y(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n');
  expect(report, `axe on ${name}`).toBe('');
}

/** Screenshots at desktop and phone sizes, kept under test-artifacts/screenshots. */
export async function screenshots(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1440, height: 900 };
  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${w}x${h}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/**
 * Let running animations (antd's dialog zoom, fades) finish: half-transparent text fails the
 * contrast check, and on a busy machine a click during a dialog's zoom can land beside its moving
 * button and be lost.
 */
export async function animationsDone(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 }).catch(() => {});
}

/** axe and screenshots: what every visited page gets. */
export async function visit(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await animationsDone(page);
  await checkA11y(page, name);
  await screenshots(page, name);
}

/** antd's date picker: type the Beijing wall-clock time and confirm it with Enter. */
export async function pickDateTime(input: import('playwright-core').Locator, wall: string) {
  await input.click();
  await input.fill(wall.replace('T', ' '));
  await input.press('Enter');
}
