import { createTestApp, TestApp, useTestApp } from '../support/test-app';
import { openTab, screenshot, tableText, useBrowser } from './support/browser';
import { customerOneYear, NOW } from './support/datasets';
import { useExplorerTabs } from './support/explorer-tabs';
import { KEYS, READER, sendDays, WRITER } from './support/seed';

// Seeding through the API and a real browser: slower than the e2e suite on a
// loaded machine, so more time per test and hook than jest's config gives.
jest.setTimeout(180_000);

describe(`the explorer page in Chromium (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({ apiKeys: KEYS }, (app) =>
    sendDays(app, customerOneYear(), NOW),
  );
  const { tabs, open, enterKey, answered, query } = useExplorerTabs(t);

  it('opens a shared link on the same view, asking the new tab for its key', async () => {
    const first = await open('/explore');
    await enterKey(first);
    await query(first, {
      from: '2026-09-01',
      to: '2026-11-30',
      customerId: '1',
      groupBy: 'month',
      timeZone: 'Europe/Rome',
    });
    await first.check('#type-filtered');
    await first.fill('#type', '');
    await first.click('#run');
    await first.waitForURL(/type=&/);
    await answered(first);
    const link = new URL(
      (await first.getAttribute('#share', 'href'))!,
      first.url(),
    ).href;
    expect(link).toBe(first.url());
    expect(link).not.toContain(READER);

    // Followed as typed with a trailing slash: the service sends it on.
    const second = await open(`/explore/${new URL(link).search}`);
    expect(second.url()).toBe(link);
    expect(await second.inputValue('#timeZone')).toBe('Europe/Rome');
    expect(await second.inputValue('#customerId')).toBe('1');
    expect(await second.isChecked('#type-filtered')).toBe(true);
    expect(await second.inputValue('#groupBy')).toBe('month');
    // A new tab holds no key: it asks, then runs the linked query.
    expect(await second.textContent('#key-state')).toBe('No key is set yet.');
    await enterKey(second);
    await answered(second);
    expect(await tableText(second, '#totals-table')).toEqual(
      await tableText(first, '#totals-table'),
    );
    expect((await tableText(second, '#totals-table'))[1].slice(0, 2)).toEqual([
      '1',
      '""',
    ]);
  });

  it('shows the 400 for an interval that ends before it begins, at the field it names', async () => {
    const page = await open('/explore');
    await enterKey(page);
    await query(page, { from: '2026-11-30', to: '2026-11-01' });
    expect(await page.textContent('#problem')).toContain(
      'Invalid request (400)',
    );
    expect(await page.textContent('#problem')).toContain(
      'to: to must not be before from',
    );
    expect(await page.getAttribute('#to', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#to-error')).toBe(
      'to must not be before from',
    );
    expect(await page.isVisible('#csv')).toBe(false);
    await screenshot(page, 'bad-interval');
  });

  it('shows a wrong key’s 401 at the key', async () => {
    const page = await open('/explore');
    await enterKey(page, 'not-a-key-0123456789abcdef');
    await query(page, {});
    expect(await page.textContent('#problem')).toContain('(401)');
    expect(await page.getAttribute('#api-key', 'aria-invalid')).toBe('true');
    // The key was never in a URL.
    expect(page.url()).not.toContain('not-a-key');
  });

  it('shows a 403 at the key for a key without the read scope', async () => {
    const page = await open('/explore');
    await enterKey(page, WRITER);
    await query(page, {});
    expect(await page.textContent('#problem')).toContain('Forbidden (403)');
    expect(await page.textContent('#problem')).toContain(
      'does not have the read scope',
    );
    expect(await page.getAttribute('#api-key', 'aria-invalid')).toBe('true');
  });

  it('has nothing axe-core finds against WCAG 2.1 AA: empty, with results, with an error', async () => {
    // axe is injected as a script: this tab lets the test past the page's policy.
    const page = await open('/explore', undefined, { bypassCSP: true });
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = () =>
      page.evaluate(`axe
        .run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
        .then((result) => result.violations.map((violation) =>
          violation.id + ': ' + violation.nodes.map((node) => node.target.join(' ')).join(', ')))`);
    expect(await violations()).toEqual([]);
    await enterKey(page);
    await query(page, {
      from: '2026-11-01',
      to: '2026-11-30',
      customerId: '1',
    });
    await page.click('#chart-figure summary');
    expect(await violations()).toEqual([]);
    await query(page, { from: '2026-11-30', to: '2026-11-01' });
    expect(await violations()).toEqual([]);
  });

  it('is used with the keyboard alone, and names every control', async () => {
    const page = await open('/explore');
    await page.focus('#api-key');
    await page.keyboard.type(READER);
    await page.keyboard.press('Enter');
    await page.focus('#customerId');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await answered(page);
    expect(await page.textContent('#status')).toMatch(/items in 1 page/);
    const unnamed = await page.evaluate(`[
      ...document.querySelectorAll('input, select, button, a[href]'),
    ]
      .filter((control) => !(control.labels?.length || control.getAttribute('aria-label') || control.textContent.trim()))
      .map((control) => control.outerHTML)`);
    expect(unnamed).toEqual([]);
  });

  it('fits a phone’s width', async () => {
    const page = await open('/explore', { width: 390, height: 844 });
    await enterKey(page);
    await query(page, {
      from: '2026-11-01',
      to: '2026-11-30',
      customerId: '1',
    });
    expect(
      await page.evaluate('document.documentElement.scrollWidth'),
    ).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone');
  });

  it('runs no inline script and no inline handler: the policy holds in the browser', async () => {
    const page = await open('/explore');
    // Runs in the page: an inline script added, then an inline onclick.
    const blocked = await page.evaluate(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(event.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true;';
      document.body.append(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.handlerRan = true');
      document.body.append(button);
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return {
        inlineRan: 'inlineRan' in window,
        handlerRan: 'handlerRan' in window,
        violations: violations.length,
      };
    })()`);
    expect(blocked).toEqual({
      inlineRan: false,
      handlerRan: false,
      violations: 2,
    });
    // The refusals were logged as console errors: of this test's own making.
    const tab = tabs.at(-1)!;
    expect(
      tab.errors.every((error) => /Content Security Policy/.test(error)),
    ).toBe(true);
    tab.errors.length = 0;
  });
});

describe(`the explorer page with authentication off (${process.env.E2E_DATABASE})`, () => {
  const { browser } = useBrowser();
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await sendDays(
      app,
      [{ customerId: 7, type: 'A', amount: '0.012', date: '2026-11-20' }],
      NOW,
    );
  });
  afterAll(() => app.close());

  it('asks for no key and runs a linked query at once', async () => {
    const tab = await openTab(
      browser(),
      `${app.baseUrl}/explore?from=2026-11-20&to=2026-11-20&groupBy=day`,
    );
    try {
      await tab.page.waitForSelector('#totals-table');
      expect(await tab.page.isVisible('#key-form')).toBe(false);
      expect(await tableText(tab.page, '#totals-table')).toEqual([
        ['Customer', 'Type', 'Messages', 'Total amount'],
        ['7', 'A', '1', '0.012'],
        ['Total (1 group)', '1', '0.012'],
      ]);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});
