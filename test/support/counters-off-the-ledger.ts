import type { Connection } from 'mysql2/promise';

export interface CounterDifference {
  counter: string;
  stored: string;
  ledger: string;
}

/** Every quarter-hour, daily, monthly and yearly counter (the sum of its slots) that differs from the sums of the ledger rows it was counted from. */
export async function countersOffTheLedger(
  sql: Connection,
): Promise<CounterDifference[]> {
  const differences: CounterDifference[] = [];
  for (const [table, period, ledgerPeriod] of [
    // Periods as text on both sides (mysql2 alone reads DATE as a Date).
    [
      'quarter_hour_statistics',
      "CONCAT(DATE_FORMAT(stat_date, '%Y-%m-%d'), ' quarter ', quarter)",
      "CONCAT(DATE_FORMAT(stat_date, '%Y-%m-%d'), ' quarter ', HOUR(COALESCE(event_at, received_at)) * 4 + MINUTE(COALESCE(event_at, received_at)) DIV 15)",
    ],
    [
      'daily_statistics',
      "DATE_FORMAT(stat_date, '%Y-%m-%d')",
      "DATE_FORMAT(stat_date, '%Y-%m-%d')",
    ],
    [
      'monthly_statistics',
      "DATE_FORMAT(stat_month, '%Y-%m-%d')",
      "DATE_FORMAT(stat_date, '%Y-%m-01')",
    ],
    [
      'yearly_statistics',
      "DATE_FORMAT(stat_year, '%Y-%m-%d')",
      "DATE_FORMAT(stat_date, '%Y-01-01')",
    ],
  ]) {
    const [counters] = await sql.query(
      `SELECT customer_id, HEX(type) AS type, ${period} AS period, SUM(message_count) AS n, SUM(total_amount_milli) AS total FROM ${table} GROUP BY customer_id, type, ${period}`,
    );
    const [ledger] = await sql.query(
      `SELECT customer_id, HEX(type) AS type, ${ledgerPeriod} AS period, COUNT(*) AS n, SUM(amount_milli) AS total FROM messages WHERE voided_at IS NULL GROUP BY customer_id, type, ${ledgerPeriod}`,
    );
    const key = (row: Record<string, unknown>) =>
      `${table}/${String(row.customer_id)}/${String(row.type)}/${String(row.period)}`;
    const value = (row?: Record<string, unknown>) =>
      row ? `${String(row.n)} / ${String(row.total)}` : 'none';
    const stored = new Map(
      (counters as Array<Record<string, unknown>>).map((r) => [key(r), r]),
    );
    const summed = new Map(
      (ledger as Array<Record<string, unknown>>).map((r) => [key(r), r]),
    );
    differences.push(
      ...[...new Set([...stored.keys(), ...summed.keys()])]
        .filter((k) => value(stored.get(k)) !== value(summed.get(k)))
        .map((k) => ({
          counter: k,
          stored: value(stored.get(k)),
          ledger: value(summed.get(k)),
        })),
    );
  }
  return differences;
}
