import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  chromium,
  Page,
  ViewportSize,
} from 'playwright-core';

import { CHROMIUM_PATH } from './chromium';

/** Where the tests leave their screenshots (README: "Tests"). */
export const SCREENSHOTS = join(
  __dirname,
  '..',
  '..',
  '..',
  'artifacts',
  'explorer-screenshots',
);

/**
 * One headless Chromium for a test file. As on this network, the browser
 * must not reach out on its own (updates, sync, safe browsing).
 */
export function useBrowser(): { browser: () => Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => {
      if (browser === undefined)
        throw new Error('the browser starts in beforeAll');
      return browser;
    },
  };
}

/** A tab, with every console error and page error it shows kept for the test to check. */
export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Console errors (a CSP violation is one) and uncaught exceptions; not a 4xx answer. */
  errors: string[];
}

export async function openTab(
  browser: Browser,
  url: string,
  viewport: ViewportSize = { width: 1100, height: 900 },
  options: BrowserContextOptions = {},
): Promise<Tab> {
  const context = await browser.newContext({
    viewport,
    acceptDownloads: true,
    ...options,
  });
  // Waits for the page as long as a loaded CI machine may need.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // A 4xx the page asked for is shown as a problem, which tests check.
    if (
      message.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(
        message.text(),
      )
    ) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, context, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS, `${process.env.E2E_DATABASE}-${name}.png`),
    fullPage: true,
  });
}

/** A table's rows as the text of their cells, header rows included. */
export function tableText(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tr`, (rows) =>
    rows.map((row) =>
      Array.from(
        (row as unknown as { cells: ArrayLike<{ textContent: string | null }> })
          .cells,
        (cell) => cell.textContent ?? '',
      ),
    ),
  );
}
