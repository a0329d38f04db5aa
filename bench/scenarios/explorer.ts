import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { percentile } from '../../load/probe';
import {
  CHROMIUM_PATH,
  hasChromium,
} from '../../test/browser/support/chromium';
import { truncate } from '../support/database';
import { Line } from '../support/report';
import type { Scenario } from '../support/scenario';
import { seedYear, YEAR_TYPES } from '../support/seed-year';
import { startService, stop } from '../support/service-process';
import { API_KEY, ROOT } from '../support/settings';

const CUSTOMERS = 1000;
const RUNS = Number(process.env.BENCH_EXPLORER_RUNS ?? 10);

/** The page's files as the service sends them, raw and gzip -9 (as a proxy in front would). */
function assetLines(): Line[] {
  return ['explorer.js', 'explorer.css', 'index.html'].map((file) => {
    const body = readFileSync(join(ROOT, 'build', 'explorer', file));
    const gzip = gzipSync(body, { level: 9 }).length;
    return {
      name: `explorer page: ${file}`,
      unit: 'bytes',
      throughput: body.length,
      p50: 0,
      p99: 0,
      errors: 0,
      note: `${(gzip / 1024).toFixed(1)} KB gzipped`,
    };
  });
}

/**
 * The explorer page in headless Chromium against the built service on a
 * year of 1000 customers × 4 types: from a query's start to its chart
 * painted (the page's own performance measures), each query loaded RUNS
 * times in a tab that holds the key, as a person reloading a shared link.
 */
async function explorer(): Promise<Line[]> {
  const { child, base } = await startService(3998);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const lines = assetLines();
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    await page.goto(`${base}/explore`);
    await page.fill('#api-key', API_KEY);
    await page.click('#key-form button[type=submit]');
    const queries: Array<[string, string]> = [
      [
        "a year of one customer's days (4 types)",
        'from=2025-01-01&to=2025-12-31&customerId=777&groupBy=day',
      ],
      [
        `a month of ${CUSTOMERS} customers' days (4 types)`,
        'from=2025-06-01&to=2025-06-30&groupBy=day',
      ],
    ];
    for (const [what, search] of queries) {
      const total: number[] = [];
      const drawing: number[] = [];
      let status = '';
      // One more than timed: the first load warms the service and the page.
      for (let run = 0; run <= RUNS; run++) {
        await page.goto(`${base}/explore?${search}`);
        // Functions, not strings: the page's policy refuses eval.
        await page.waitForFunction(
          () =>
            performance.getEntriesByName('explorer:query-to-chart').length > 0,
          undefined,
          { timeout: 120_000 },
        );
        const [whole, drawn] = await page.evaluate(() =>
          ['explorer:query-to-chart', 'explorer:drawing'].map(
            (name) => performance.getEntriesByName(name)[0].duration,
          ),
        );
        status = (await page.textContent('#status')) ?? '';
        if (run === 0) continue;
        total.push(whole);
        drawing.push(drawn);
      }
      total.sort((a, b) => a - b);
      drawing.sort((a, b) => a - b);
      lines.push({
        name: `explorer page: query to drawn chart, ${what}`,
        unit: 'items',
        throughput: Number(/^(\d+) items/.exec(status)?.[1] ?? 0),
        p50: Math.round(percentile(total, 50)),
        p99: Math.round(total[total.length - 1]),
        errors: 0,
        note: `${status} Drawing (chart and tables) p50 ${Math.round(percentile(drawing, 50))} ms; the rest is reading the pages. p99 is the slowest of ${RUNS}.`,
      });
    }
  } finally {
    await browser.close();
    await stop(child);
  }
  return lines;
}

export const explorerScenario: Scenario = {
  name: 'explorer',
  enabled: hasChromium,
  async run({ pool }) {
    // The intervals scenario, run before, leaves the same year.
    const [[{ n }]] = (await pool.query(
      'SELECT COUNT(*) AS n FROM messages',
    )) as unknown as [[{ n: string }]];
    if (Number(n) !== CUSTOMERS * YEAR_TYPES.length * 365) {
      await truncate(pool);
      await seedYear(pool, CUSTOMERS);
    }
    return explorer();
  },
};
