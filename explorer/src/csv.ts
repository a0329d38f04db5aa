import type { StatsItem, StatsPage } from './stats-client';

/**
 * The answer as CSV (RFC 4180): one line per item of every page, in the
 * API's order, with its values as the API wrote them (amounts as their
 * exact strings). A field with a comma, quote or line break is quoted.
 */
export function csvOf(pages: readonly StatsPage[]): string {
  const items = pages.flatMap((page) => page.items);
  const period = PERIOD_COLUMNS.find((name) =>
    items.some((item) => item[name] !== undefined),
  );
  const columns: (keyof StatsItem)[] = [
    'customerId',
    'type',
    ...(period ? [period] : []),
    'messageCount',
    'totalAmount',
  ];
  const lines = [columns.join(',')];
  for (const item of items) {
    lines.push(
      columns.map((name) => field(String(item[name] ?? ''))).join(','),
    );
  }
  return lines.map((line) => `${line}\r\n`).join('');
}

const PERIOD_COLUMNS = ['hour', 'date', 'week', 'month'] as const;

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
