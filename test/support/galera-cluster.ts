import { ChildProcess, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, createConnection } from 'mysql2/promise';
import { RunningService, startHealthyService } from './service-process';
import { assertTestDatabaseName } from './test-database';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', 'scripts', 'galera-cluster.sh');

export interface GaleraDatabase {
  /** One URL per node, all naming the same fresh database. */
  readonly urls: string[];
  /** Starts a replica of the service on node `node` (0-based). */
  start(node: number, env?: Record<string, string>): Promise<RunningService>;
  /** A connection to node `node`, closed when the file ends. */
  sql(node: number): Promise<Connection>;
  /** kill -9 of a node's mariadbd, and its restart (it rejoins and syncs). */
  killNode(node: number): Promise<void>;
  restartNode(node: number): Promise<void>;
}

/**
 * The nodes of the cluster that scripts/galera-cluster.sh started, from
 * TEST_GALERA_URLS (one server URL per node). A fresh database for each
 * test; DDL replicates to every node, so it is created on the first.
 */
export function useGaleraDatabase(): GaleraDatabase {
  const servers = (process.env.TEST_GALERA_URLS ?? '')
    .split(',')
    .filter(Boolean)
    .map((url) => new URL(url));
  let urls: string[] = [];
  const children: ChildProcess[] = [];
  let connections = new Map<number, Connection>();

  beforeEach(async () => {
    if (servers.length !== 3) {
      throw new Error('TEST_GALERA_URLS must name the three nodes');
    }
    const name = `test_galera_${randomBytes(4).toString('hex')}`;
    assertTestDatabaseName(name);
    const admin = await createConnection({ uri: servers[0].toString() });
    try {
      await admin.query(`CREATE DATABASE \`${name}\``);
    } finally {
      await admin.end();
    }
    urls = servers.map((server) => {
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    });
  });

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const connection of connections.values()) {
      await connection.end().catch(() => undefined);
    }
    connections = new Map();
    // Every node back, for the next test.
    for (let node = 0; node < servers.length; node++) await restart(node);
    const admin = await createConnection({ uri: urls[0] });
    try {
      await admin.query(
        `DROP DATABASE IF EXISTS \`${new URL(urls[0]).pathname.slice(1)}\``,
      );
    } finally {
      await admin.end();
    }
  });

  const restart = async (node: number) => {
    await run(SCRIPT, ['start-node', String(node + 1)], { timeout: 120_000 });
  };

  return {
    get urls() {
      return urls;
    },
    start(node, env = {}) {
      return startHealthyService(
        { DATABASE_URL: urls[node], ...env },
        children,
      );
    },
    async sql(node) {
      let connection = connections.get(node);
      if (!connection) {
        connection = await createConnection({ uri: urls[node] });
        connections.set(node, connection);
      }
      return connection;
    },
    async killNode(node) {
      await connections
        .get(node)
        ?.end()
        .catch(() => undefined);
      connections.delete(node);
      await run(SCRIPT, ['kill-node', String(node + 1)]);
    },
    restartNode: restart,
  };
}
