/**
 * Headless Chromium for the end-to-end tests: Debian's package (apt-get install -y chromium), driven by
 * playwright-core; never a browser download. Pages may talk to the app only: any other request fails the
 * test, as does a script error. Screenshots go to test-artifacts/e2e/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/e2e/', import.meta.url));

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to anywhere but the app, and script errors: both must stay empty. */
  outside: string[];
  errors: string[];
  shot(name: string, fullPage?: boolean): Promise<void>;
}

export async function openPage(browser: Browser, baseUrl: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  const origin = new URL(baseUrl).origin;
  // Block (and record) anything that would leave the app: the UI must work with no other network.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Expected 4xx answers (a refused action) are logged by Chromium as failed resources; those are not script errors.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return {
    page,
    context,
    outside,
    errors,
    shot: async (name, fullPage = true) => {
      await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage });
    },
  };
}
