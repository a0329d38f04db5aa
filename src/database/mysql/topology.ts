import { createConnection } from 'mysql2/promise';
import { CONNECT_TIMEOUT_MS } from './mysql-connection-options';

/**
 * What kind of MySQL-compatible server the service talks to. A Galera node
 * (MariaDB with wsrep on) is one primary of several: a transaction that
 * conflicts with one committed on another node is aborted at COMMIT or
 * between its statements instead of waiting, a named lock (GET_LOCK) holds
 * on one node only, and a read may not yet see a write acknowledged by
 * another node. The service adapts to each (see docs/operations.md, "Running on a
 * Galera cluster").
 */
export interface Topology {
  galera: boolean;
  /**
   * The counter slot this server's writers increment: 0 on a single server;
   * on Galera the node's index in the cluster when the service started, so
   * that writers on different nodes update different rows of a counter
   * (AddCounterSlots1764400000000). Two nodes sharing a slot after the
   * cluster's membership changed only conflict more; the counts stay exact.
   */
  counterSlot: number;
}

const SINGLE: Topology = { galera: false, counterSlot: 0 };

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
    const [on] = await connection.query("SHOW VARIABLES LIKE 'wsrep_on'");
    if ((on as Array<{ Value?: string }>)[0]?.Value !== 'ON') return SINGLE;
    const [index] = await connection.query(
      "SHOW STATUS LIKE 'wsrep_local_index'",
    );
    const value = Number((index as Array<{ Value?: string }>)[0]?.Value);
    // The slot column holds 0-255; a node not (yet) in a cluster has none.
    const counterSlot =
      Number.isInteger(value) && value >= 0 && value <= 255 ? value : 0;
    return { galera: true, counterSlot };
  } finally {
    await connection.end();
  }
}
