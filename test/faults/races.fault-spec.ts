import { Connection, createConnection } from 'mysql2/promise';
import { countersOffTheLedger } from '../support/counters-off-the-ledger';
import { useFaultDatabase } from '../support/fault-database';
import { expectCleanRaces } from '../support/uuid-races';

/**
 * Two service processes on one MariaDB, and clients that race the same
 * uuids through single POSTs and 500-message batches, with the same content
 * and with other content: a duplicate-key race is never the caller's error.
 */
describe('racing the same uuids through single and batch requests (mysql)', () => {
  const database = useFaultDatabase('all');
  let sql: Connection | undefined;

  afterAll(async () => {
    await sql?.end();
  });

  it('answers every request with counted, duplicate or conflict, counts each uuid once, and keeps the counters equal to the ledger', async () => {
    const [a, b] = await Promise.all([database.start(), database.start()]);
    await expectCleanRaces([a.base, b.base], 6);
    sql = await createConnection({ uri: database.url });
    expect(await countersOffTheLedger(sql)).toEqual([]);
  });
});
