import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createTestApp, TestApp, useTestApp } from '../support/test-app';
import {
  openTab,
  screenshot,
  Tab,
  tableText,
  useBrowser,
} from './support/browser';
import {
  amount,
  ApiItem,
  ApiPage,
  datesOf,
  DayMessage,
  KEYS,
  milli,
  READER,
  readApi,
  sendDays,
} from './support/seed';

/** The service's clock once seeded: settledThrough is then 2026-10-20. */
const NOW = '2026-11-25T12:00:00.000Z';
/** The empty type and one a CSV must quote. */
const TYPES = ['A', 'B', '', 'a,"b"'];
/** Customers of November beside customer 1: with theirs, more than one page. */
const CROWD = Array.from({ length: 100 }, (_, i) => 100 + i);

/** Customer 1 on every day of 2026 to NOW; the crowd on every day of November to NOW. */
function messages(): DayMessage[] {
  const all: DayMessage[] = [];
  datesOf('2026-01-01', '2026-11-25').forEach((date, day) =>
    TYPES.forEach((type, t) => {
      // Quiet days, several messages on some, and amounts whose float sum is not exact.
      for (let n = 0; n < (day * 7 + t * 3) % 4; n++) {
        all.push({
          customerId: 1,
          type,
          date,
          amount: ['0.100', '0.200', '12345678901.001'][(day + n) % 3],
        });
      }
    }),
  );
  for (const date of datesOf('2026-11-01', '2026-11-25')) {
    for (const customerId of CROWD) {
      TYPES.forEach((type, t) =>
        all.push({
          customerId,
          type,
          date,
          amount: `${(customerId + t) % 7}.${String((customerId * 31) % 1000).padStart(3, '0')}`,
        }),
      );
      // Some customers more than others, so that the top five are clear.
      if (customerId % 17 === 0)
        all.push({ customerId, type: 'A', date, amount: '1.000' });
    }
  }
  return all;
}

const label = (type: string) => (type === '' ? 'type ""' : `type ${type}`);

describe(`the explorer page in Chromium (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({ apiKeys: KEYS }, (app) =>
    sendDays(app, messages(), NOW),
  );
  const { browser } = useBrowser();
  const tabs: Tab[] = [];

  async function open(
    path: string,
    viewport?: { width: number; height: number },
  ): Promise<Page> {
    const tab = await openTab(browser(), `${t.baseUrl}${path}`, viewport);
    tabs.push(tab);
    return tab.page;
  }

  afterEach(async () => {
    // Every page ran without a console error: a CSP violation would be one.
    const errors = tabs.flatMap((tab) => tab.errors);
    await Promise.all(tabs.splice(0).map((tab) => tab.context.close()));
    expect(errors).toEqual([]);
  });

  async function enterKey(page: Page, key = READER): Promise<void> {
    await page.fill('#api-key', key);
    await page.click('#key-form button[type=submit]');
  }

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

  /** Waits for the answer or the problem of the latest query. */
  async function answered(page: Page): Promise<void> {
    await page.locator('#status', { hasText: /items in|No results/ }).waitFor();
  }

  it('asks for a key, then draws a year of one customer’s days exactly as the API answers', async () => {
    const page = await open('/explore');
    expect(await page.isVisible('#key-form')).toBe(true);
    await enterKey(page);
    const pages = await queryBoth(page, {
      from: '2026-01-01',
      to: '2026-12-31',
      customerId: '1',
      groupBy: 'day',
    });
    await screenshot(page, 'year-of-days');
    const items = pages.flatMap((p) => p.items);
    const settledThrough = pages[0].settledThrough!;
    expect(settledThrough).toBe('2026-10-20');
    const types = [...new Set(items.map((item) => item.type))];
    expect(types).toHaveLength(4);
    const count = (date: string, type: string) =>
      String(
        items.find((item) => item.date === date && item.type === type)
          ?.messageCount ?? 0,
      );
    expect(await tableText(page, '#chart-table table')).toEqual([
      ['Day', ...types.map(label), 'Settled'],
      ...datesOf('2026-01-01', '2026-12-31').map((date) => [
        date,
        ...types.map((type) => count(date, type)),
        date <= settledThrough ? 'yes' : 'no',
      ]),
    ]);
    expect(await page.textContent('#settled')).toContain(
      `Days through ${settledThrough} (UTC) are settled`,
    );
    // The chart is drawn: a canvas of the figure's width.
    expect(
      Number(await page.getAttribute('#chart canvas', 'width')),
    ).toBeGreaterThan(500);

    // The table: one row per type, with exact totals.
    const totals = types.map((type) => {
      const mine = items.filter((item) => item.type === type);
      return [
        '1',
        type === '' ? '""' : type,
        String(mine.reduce((n, item) => n + item.messageCount, 0)),
        amount(mine.reduce((sum, item) => sum + milli(item.totalAmount), 0n)),
      ];
    });
    const grand = amount(
      items.reduce((sum, item) => sum + milli(item.totalAmount), 0n),
    );
    expect(await tableText(page, '#totals-table')).toEqual([
      ['Customer', 'Type', 'Messages', 'Total amount'],
      ...totals,
      [
        'Total (4 groups)',
        String(items.reduce((n, item) => n + item.messageCount, 0)),
        grand,
      ],
    ]);
  });

  it('draws amounts as the exact strings the API answers', async () => {
    const page = await open('/explore');
    await enterKey(page);
    const answer = await queryBoth(page, {
      from: '2026-10-01',
      to: '2026-10-31',
      customerId: '1',
      groupBy: 'week',
    });
    await page.check('input[name=measure][value=amount]');
    await page
      .locator('#chart-table caption', { hasText: /^Amount/ })
      .waitFor({ state: 'attached' });
    expect(page.url()).toContain('measure=amount');
    const items = answer.flatMap((p) => p.items) as (ApiItem & {
      week: string;
    })[];
    const weeks = [...new Set(items.map((item) => item.week))];
    const rows = (await tableText(page, '#chart-table table')).slice(1);
    expect(rows).toHaveLength(weeks.length);
    rows.forEach((row, i) => {
      const ofWeek = items.filter((item) => item.week === weeks[i]);
      expect(row.slice(1, -1)).toEqual(
        [...new Set(items.map((item) => item.type))].map(
          (type) =>
            ofWeek.find((item) => item.type === type)?.totalAmount ?? '0.000',
        ),
      );
    });
    await screenshot(page, 'amounts-per-week');
  });

  it('draws the customers with the most for a month, and downloads every page as CSV', async () => {
    const page = await open('/explore');
    await enterKey(page);
    const pages = await queryBoth(page, {
      from: '2026-11-01',
      to: '2026-11-30',
      customerId: '',
      groupBy: 'day',
    });
    expect(pages.length).toBeGreaterThan(1);
    const items = pages.flatMap((p) => p.items);
    expect(await page.textContent('#status')).toContain(
      `${items.length} items in ${pages.length} page(s)`,
    );
    await screenshot(page, 'month-of-customers');

    // The five customers with the most messages, most first (the lower id on a tie).
    const perCustomer = new Map<number, number>();
    for (const item of items)
      perCustomer.set(
        item.customerId,
        (perCustomer.get(item.customerId) ?? 0) + item.messageCount,
      );
    const top = [...perCustomer]
      .sort(([a, x], [b, y]) => y - x || a - b)
      .slice(0, 5)
      .map(([id]) => id);
    const header = (await tableText(page, '#chart-table table'))[0];
    expect(header).toEqual([
      'Day',
      ...top.map((id) => `customer ${id}`),
      'Other customers',
      'Settled',
    ]);
    const nov10 = (await tableText(page, '#chart-table table')).find(
      (row) => row[0] === '2026-11-10',
    )!;
    const onNov10 = items.filter((item) => item.date === '2026-11-10');
    const sum = (list: ApiItem[]) =>
      String(list.reduce((n, item) => n + item.messageCount, 0));
    expect(nov10.slice(1, -1)).toEqual([
      ...top.map((id) => sum(onNov10.filter((item) => item.customerId === id))),
      sum(onNov10.filter((item) => !top.includes(item.customerId))),
    ]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#csv'),
    ]);
    expect(download.suggestedFilename()).toBe(
      'message-stats_2026-11-01_2026-11-30_day.csv',
    );
    const csv = readFileSync(await download.path(), 'utf8');
    const quote = (text: string) =>
      /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    expect(csv).toBe(
      [
        'customerId,type,date,messageCount,totalAmount',
        ...items.map((item) =>
          [
            item.customerId,
            quote(item.type),
            item.date,
            item.messageCount,
            item.totalAmount,
          ].join(','),
        ),
      ]
        .map((line) => `${line}\r\n`)
        .join(''),
    );
  });

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

    const second = await open(new URL(link).pathname + new URL(link).search);
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

  it('draws the hours of a fall-back day in its zone, the repeated hour twice', async () => {
    const page = await open('/explore');
    await enterKey(page);
    const search = {
      from: '2026-10-25',
      to: '2026-10-25',
      customerId: '1',
      groupBy: 'hour',
      timeZone: 'Europe/Rome',
    };
    const items = (await queryBoth(page, search)).flatMap(
      (p) => p.items,
    ) as (ApiItem & { hour: string })[];
    const rows = (await tableText(page, '#chart-table table')).slice(1);
    expect(rows.map((row) => row[0])).toEqual([
      ...['00', '01', '02'].map((hour) => `2026-10-25 ${hour}:00 +02:00`),
      ...[
        '02',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
        '09',
        '10',
        '11',
        '12',
        '13',
        '14',
        '15',
        '16',
        '17',
        '18',
        '19',
        '20',
        '21',
        '22',
        '23',
      ].map((hour) => `2026-10-25 ${hour}:00 +01:00`),
    ]);
    // Every message of the day is at 12:00 UTC: 13:00 in Rome that day.
    const types = [...new Set(items.map((item) => item.type))];
    expect(
      items.every((item) => item.hour === '2026-10-25T13:00:00+01:00'),
    ).toBe(true);
    const thirteen = rows.find((row) => row[0] === '2026-10-25 13:00 +01:00')!;
    expect(thirteen.slice(1, -1)).toEqual(
      types.map((type) =>
        String(items.find((item) => item.type === type)!.messageCount),
      ),
    );
    expect(
      rows
        .filter((row) => row[0] !== thirteen[0])
        .every((row) => row.slice(1, -1).every((cell) => cell === '0')),
    ).toBe(true);
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
