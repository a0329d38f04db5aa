import { readFileSync } from 'node:fs';
import { useTestApp } from '../support/test-app';
import { screenshot, tableText } from './support/browser';
import {
  crowdOfNovember,
  customerOneYear,
  label,
  MARKUP_TYPE,
  NOW,
} from './support/datasets';
import { useExplorerTabs } from './support/explorer-tabs';
import {
  amount,
  ApiItem,
  datesOf,
  KEYS,
  milli,
  sendDays,
} from './support/seed';

// Seeding through the API and a real browser: slower than the e2e suite on a
// loaded machine, so more time per test and hook than jest's config gives.
jest.setTimeout(180_000);

describe(`the explorer page's answers in Chromium (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp({ apiKeys: KEYS }, (app) =>
    sendDays(app, [...customerOneYear(), ...crowdOfNovember()], NOW),
  );
  const { open, enterKey, queryBoth } = useExplorerTabs(t);

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

    // A type that looks like markup is shown as text, in the CSV as sent.
    expect(
      (await tableText(page, '#totals-table')).find(
        (row) => row[0] === '100' && row[1] === MARKUP_TYPE,
      ),
    ).toEqual(['100', MARKUP_TYPE, '1', '0.001']);
    expect(await page.evaluate('"injected" in window')).toBe(false);
    expect(csv).toContain(
      `100,"${MARKUP_TYPE.replaceAll('"', '""')}",2026-11-05,1,0.001\r\n`,
    );
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
});
