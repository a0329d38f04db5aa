import type { ExecuteValues } from 'mysql2';
import { createPool, PoolConnection } from 'mysql2/promise';
import { percentile } from '../../load/probe';
import {
  onePacket,
  recordStatements,
} from '../../src/database/mysql/record-statements';
import type { Line } from '../support/report';
import type { BenchContext, Scenario } from '../support/scenario';
import { truncate } from '../support/database';
import {
  CONNECTIONS,
  databaseUrl,
  entriesReceivedNow,
  SECONDS,
} from '../support/settings';

/**
 * The database's ceiling for the service's own writes: a bare mysql2 client
 * sends exactly the statements the service sends (recordStatements: the
 * uuid and ledger inserts and the quarter-hour, daily, monthly and yearly
 * upserts), so the ratio of the service to it compares like work. `text`
 * sends each transaction as the service does, one multi-statement packet
 * written by onePacket; `prepared` sends each
 * statement as a server-side prepared statement (`execute`), cached per
 * connection, between BEGIN and COMMIT.
 */
export async function databaseCeiling(
  perTransaction: number,
  statements: 'text' | 'prepared' = 'text',
): Promise<Line> {
  const pool = createPool({
    uri: databaseUrl,
    connectionLimit: CONNECTIONS,
    multipleStatements: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const cpuBefore = process.cpuUsage();
  const deadline = Date.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let messages = 0;
  let errors = 0;
  async function transaction(connection: PoolConnection): Promise<void> {
    const entries = entriesReceivedNow(perTransaction);
    const writes = recordStatements(entries, 0);
    if (statements === 'text') {
      await onePacket(connection, [
        { sql: 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED' },
        { sql: 'START TRANSACTION' },
        ...writes,
        { sql: 'COMMIT' },
      ]);
      return;
    }
    await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await connection.beginTransaction();
    for (const { sql, parameters = [] } of writes) {
      await connection.execute(sql, parameters as ExecuteValues[]);
    }
    await connection.commit();
  }
  async function worker(): Promise<void> {
    const connection = await pool.getConnection();
    try {
      while (Date.now() < deadline) {
        const started = performance.now();
        try {
          await transaction(connection);
          messages += perTransaction;
          latencies.push(performance.now() - started);
        } catch {
          errors += 1;
          await connection.query('ROLLBACK').catch(() => undefined);
        }
      }
    } finally {
      connection.release();
    }
  }
  const started = Date.now();
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  } finally {
    await pool.end();
  }
  const elapsed = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    name: `database ceiling: the service's statements from mysql2${statements === 'prepared' ? ' as prepared statements' : ''}, ${perTransaction} message${perTransaction > 1 ? 's' : ''} per transaction, ${CONNECTIONS} workers`,
    unit: 'messages/s',
    throughput: (messages / elapsed) | 0,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    errors,
    // The client's CPU: the benchmark process, which builds the statements and runs mysql2.
    cpuUs: Math.round((cpu.user + cpu.system) / messages),
  };
}

async function ceiling(
  context: BenchContext,
  perTransaction: number,
  statements?: 'prepared',
): Promise<Line> {
  await truncate(context.pool);
  return databaseCeiling(perTransaction, statements);
}

export const databaseCeilingScenarios: Scenario[] = [
  {
    name: 'database',
    async run(context) {
      const single = await ceiling(context, 1);
      const batched = await ceiling(context, 64);
      context.ceilings['DB 1/tx'] = single;
      context.ceilings['DB 64/tx'] = batched;
      return [single, batched];
    },
  },
  {
    name: 'prepared',
    async run(context) {
      return [
        await ceiling(context, 1, 'prepared'),
        await ceiling(context, 64, 'prepared'),
      ];
    },
  },
];
