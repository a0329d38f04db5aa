import { createConnection } from 'mysql2/promise';
import { CONNECT_TIMEOUT_MS } from './data-source-options';

/**
 * What kind of MySQL-compatible server the service talks to. A Galera node
 * (MariaDB with wsrep on) is one primary of several: a transaction that
 * conflicts with one committed on another node is aborted at COMMIT or
 * between its statements instead of waiting, a named lock (GET_LOCK) holds
 * on one node only, and a read may not yet see a write acknowledged by
 * another node. The service adapts to each (see the README, "Running on a
 * Galera cluster").
 */
export type Topology = 'single' | 'galera';

const asked = new Map<string, Promise<Topology>>();

/**
 * Asks the server over a connection of its own, before any pool exists, once
 * per URL: the driver's session settings, the migration lock and the ledger
 * each need the answer at start-up.
 */
export function topologyOf(url: string): Promise<Topology> {
  let topology = asked.get(url);
  if (topology === undefined) {
    topology = ask(url);
    asked.set(url, topology);
    // A server that was down may be up on the next start-up attempt.
    topology.catch(() => asked.delete(url));
  }
  return topology;
}

async function ask(url: string): Promise<Topology> {
  const connection = await createConnection({
    uri: url,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  try {
    // MySQL has no such variable: no row, a single server.
    const [rows] = await connection.query("SHOW VARIABLES LIKE 'wsrep_on'");
    const [row] = rows as Array<{ Value?: string }>;
    return row?.Value === 'ON' ? 'galera' : 'single';
  } finally {
    await connection.end();
  }
}
