import { createConnection, Pool } from 'mysql2/promise';
import { SERVER_URL, DATABASE } from './settings';

export async function resetDatabase(name = DATABASE): Promise<void> {
  const admin = await createConnection({ uri: SERVER_URL.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = await createConnection({ uri: SERVER_URL.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
}

export async function truncate(pool: Pool): Promise<void> {
  await pool.query('TRUNCATE TABLE messages');
  await pool.query('TRUNCATE TABLE daily_statistics');
  // A baseline build may predate the monthly or yearly counters.
  for (const table of ['monthly_statistics', 'yearly_statistics']) {
    await pool
      .query(`TRUNCATE TABLE ${table}`)
      .catch((error: { code?: string }) => {
        if (error.code !== 'ER_NO_SUCH_TABLE') throw error;
      });
  }
}

/**
 * The monthly and yearly counters of day rows seeded straight into
 * daily_statistics, as the ledger would have written them.
 */
export const BACKFILL_MONTHS = `INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli)
SELECT DATE_FORMAT(stat_date, '%Y-%m-01'), customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM daily_statistics GROUP BY 1, 2, 3`;

export const BACKFILL_YEARS = `INSERT INTO yearly_statistics (stat_year, customer_id, type, message_count, total_amount_milli)
SELECT DATE_FORMAT(stat_month, '%Y-01-01'), customer_id, type, SUM(message_count), SUM(total_amount_milli)
FROM monthly_statistics GROUP BY 1, 2, 3`;
