import type { BrowserContextOptions, Page } from 'playwright-core';
import type { TestApp } from '../../support/test-app';
import { openTab, Tab, useBrowser } from './browser';
import { ApiPage, READER, readApi } from './seed';

/**
 * Tabs of the explorer page on a test app, for one describe block: each
 * test's tabs are closed after it, and a console error in any of them (a
 * CSP violation is one) fails the test.
 */
export function useExplorerTabs(t: TestApp) {
  const { browser } = useBrowser();
  const tabs: Tab[] = [];

  afterEach(async () => {
    const errors = tabs.flatMap((tab) => tab.errors);
    await Promise.all(tabs.splice(0).map((tab) => tab.context.close()));
    expect(errors).toEqual([]);
  });

  async function open(
    path: string,
    viewport?: { width: number; height: number },
    options?: BrowserContextOptions,
  ): Promise<Page> {
    const tab = await openTab(
      browser(),
      `${t.baseUrl}${path}`,
      viewport,
      options,
    );
    tabs.push(tab);
    return tab.page;
  }

  async function enterKey(page: Page, key = READER): Promise<void> {
    await page.fill('#api-key', key);
    await page.click('#key-form button[type=submit]');
  }

  /** Waits for the answer or the problem of the latest query. */
  async function answered(page: Page): Promise<void> {
    await page.locator('#status', { hasText: /items in|No results/ }).waitFor();
  }

  /** Fills the form's fields (by id), presses Show and waits for the outcome. */
  async function query(
    page: Page,
    fields: Record<string, string>,
  ): Promise<void> {
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'groupBy') await page.selectOption('#groupBy', value);
      else await page.fill(`#${name}`, value);
    }
    await page.click('#run');
    await answered(page);
  }

  /**
   * Runs a query in the page, and reads the same query's pages from the
   * API itself: what the page must show.
   */
  async function queryBoth(
    page: Page,
    fields: Record<string, string>,
  ): Promise<ApiPage[]> {
    await query(page, fields);
    const asked = Object.entries(fields).filter(([, value]) => value !== '');
    return readApi(t, Object.fromEntries(asked));
  }

  return { tabs, browser, open, enterKey, answered, query, queryBoth };
}
