import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../../src/config/app-config';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/**
 * A new, empty database for one test file: an in-memory SQLite, or a fresh
 * database on the MySQL/MariaDB server of TEST_DATABASE_URL. Never touches a
 * database whose name lacks "test".
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.E2E_DATABASE !== 'mysql') {
    return {
      config: { type: 'sqlite', path: ':memory:' },
      drop: async () => {},
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const url = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const base = url.pathname.slice(1) || 'test';
  const name = `${base}_e2e_${randomBytes(4).toString('hex')}`;
  assertTestDatabaseName(name);
  const admin = await createConnection({ uri: url.toString() });
  try {
    await admin.query(`CREATE DATABASE \`${name}\``);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return {
    config: { type: 'mysql', url: url.toString(), poolSize: 10 },
    drop: async () => {
      const connection = await createConnection({ uri: url.toString() });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) {
    throw new Error(
      `refusing to use database "${name}": its name lacks "test"`,
    );
  }
}
