import type { QueryRunner } from 'typeorm';

/**
 * KeyLedgerByDay1764900000000 on MySQL/MariaDB, frozen as it first ran.
 *
 * A partitioned table needs its partition column in every unique key, so
 * the ledger becomes keyed by (stat_date, uuid), in month partitions that
 * retention drops whole, and the uuid's uniqueness moves to
 * `message_uuids`: 16 bytes and a day per message, the one place a uuid is
 * kept once (and what makes two Galera nodes' inserts of one uuid
 * conflict). Keyed by day first, a period's rows are one range of the
 * ledger's own key: a check or a rebuild reads them without a look-up
 * per row.
 *
 * The old table is renamed first, so that a replica of the previous build
 * still running fails its writes (no such table, then a uuid too long for
 * 16 bytes) instead of writing where the copy has passed: stop old
 * replicas before upgrading. Rows are copied in chunks of the old key's
 * order, each chunk its own statement; docs/operations.md gives the time
 * it takes. MySQL's DDL commits as it goes, so an upgrade cut off half way
 * leaves the renamed table behind: the next start copies again from it.
 */

const OLD = 'messages_keyed_by_uuid';
const CHUNK = 20_000;

/** Monthly partitions this far back from the upgrade's month; older rows go to the first partition. */
const MONTHS_BACK = 24;
/** And this far ahead; later rows go to the last, until retention adds months. */
const MONTHS_AHEAD = 2;

const COLUMNS = `customer_id BIGINT UNSIGNED NOT NULL,
  type VARBINARY(256) NOT NULL,
  amount_milli BIGINT UNSIGNED NOT NULL,
  stat_date DATE NOT NULL,
  received_at DATETIME(3) NOT NULL,
  event_at DATETIME(3) NULL,
  voided_at DATETIME(3) NULL,
  void_reason VARCHAR(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`;

const REST =
  'customer_id, type, amount_milli, stat_date, received_at, event_at, voided_at, void_reason';

const BINARY_UUID = `UNHEX(REPLACE(uuid, '-', ''))`;

const TEXT_UUID = `LOWER(CONCAT_WS('-', SUBSTR(HEX(m.uuid), 1, 8), SUBSTR(HEX(m.uuid), 9, 4),
  SUBSTR(HEX(m.uuid), 13, 4), SUBSTR(HEX(m.uuid), 17, 4), SUBSTR(HEX(m.uuid), 21)))`;

export async function keyLedgerByDay(
  queryRunner: QueryRunner,
  now: Date,
): Promise<void> {
  const found = await tablesNamed(queryRunner, [OLD, 'message_uuids']);
  if (found.has(OLD)) {
    // An upgrade cut off before it was recorded: its copy starts again.
    await queryRunner.query('DROP TABLE IF EXISTS messages, message_uuids');
  } else if (found.has('message_uuids')) {
    // Cut off after its copy was whole and the old table dropped.
    return;
  } else {
    await queryRunner.query(`RENAME TABLE messages TO ${OLD}`);
  }
  const [range] = (await queryRunner.query(
    `SELECT MIN(stat_date) AS first FROM ${OLD}`,
  )) as Array<{ first: string | Date | null }>;
  await queryRunner.query(`CREATE TABLE messages (
  uuid BINARY(16) NOT NULL,
  ${COLUMNS},
  PRIMARY KEY (stat_date, uuid)
) ENGINE = InnoDB
PARTITION BY RANGE COLUMNS (stat_date) (
  ${partitions(range?.first ?? null, now).join(',\n  ')}
)`);
  await queryRunner.query(`CREATE TABLE message_uuids (
  uuid BINARY(16) NOT NULL,
  stat_date DATE NOT NULL,
  PRIMARY KEY (uuid)
) ENGINE = InnoDB`);
  let after = '';
  for (;;) {
    const [last] = (await queryRunner.query(
      `SELECT uuid FROM ${OLD} WHERE uuid > ? ORDER BY uuid LIMIT 1 OFFSET ${CHUNK - 1}`,
      [after],
    )) as Array<{ uuid: string }>;
    const chunk = last
      ? { where: 'uuid > ? AND uuid <= ?', parameters: [after, last.uuid] }
      : { where: 'uuid > ?', parameters: [after] };
    await queryRunner.query(
      `INSERT INTO messages (uuid, ${REST})
SELECT ${BINARY_UUID}, ${REST} FROM ${OLD} WHERE ${chunk.where}`,
      chunk.parameters,
    );
    await queryRunner.query(
      `INSERT INTO message_uuids (uuid, stat_date)
SELECT ${BINARY_UUID}, stat_date FROM ${OLD} WHERE ${chunk.where}`,
      chunk.parameters,
    );
    if (!last) break;
    after = last.uuid;
  }
  await queryRunner.query(`DROP TABLE ${OLD}`);
}

/**
 * Back to one row per uuid keyed by it, in one statement. Only the rows
 * whose uuid `message_uuids` holds go back: rows retention was dropping
 * are behind the horizon, and a uuid counted again after retention would
 * be there twice.
 */
export async function keyLedgerByUuid(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('RENAME TABLE messages TO messages_keyed_by_day');
  await queryRunner.query(`CREATE TABLE messages (
  uuid CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ${COLUMNS},
  PRIMARY KEY (uuid),
  INDEX idx_messages_stat_date (stat_date)
) ENGINE = InnoDB`);
  await queryRunner.query(`INSERT INTO messages (uuid, ${REST})
SELECT ${TEXT_UUID}, ${REST.split(', ')
    .map((column) => `m.${column}`)
    .join(', ')}
FROM message_uuids u JOIN messages_keyed_by_day m ON m.stat_date = u.stat_date AND m.uuid = u.uuid`);
  await queryRunner.query('DROP TABLE message_uuids');
  await queryRunner.query('DROP TABLE messages_keyed_by_day');
}

/** Which of these tables the database has. */
async function tablesNamed(
  queryRunner: QueryRunner,
  names: string[],
): Promise<Set<string>> {
  const rows = (await queryRunner.query(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${names.map(() => '?').join(', ')})`,
    names,
  )) as Array<{ name: string }>;
  return new Set(rows.map((row) => row.name));
}

/** The partitions: before the first month, each month, and after the last. */
function partitions(first: string | Date | null, now: Date): string[] {
  const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const oldest = first === null ? thisMonth : monthStartOf(first);
  const start = Math.max(oldest, addMonths(thisMonth, -MONTHS_BACK));
  const bounds: number[] = [];
  for (let month = start; month <= addMonths(thisMonth, MONTHS_AHEAD);) {
    month = addMonths(month, 1);
    bounds.push(month);
  }
  return [
    `PARTITION p_before VALUES LESS THAN ('${day(start)}')`,
    ...bounds.map(
      (bound) =>
        `PARTITION m${day(addMonths(bound, -1)).slice(0, 7).replace('-', '')} VALUES LESS THAN ('${day(bound)}')`,
    ),
    'PARTITION p_future VALUES LESS THAN (MAXVALUE)',
  ];
}

function monthStartOf(value: string | Date): number {
  const text = value instanceof Date ? value.toISOString() : String(value);
  return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, 1);
}

function addMonths(monthStart: number, months: number): number {
  const date = new Date(monthStart);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}

const day = (instant: number) => new Date(instant).toISOString().slice(0, 10);
