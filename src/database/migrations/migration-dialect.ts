import type {
  QueryRunner,
  TableCheckOptions,
  TableColumnOptions,
} from 'typeorm';

/** A back-fill of one period's counters by summing finer ones. */
export interface BackFill {
  /** What the migration adds, for the message: "the monthly counters". */
  adding: string;
  /** The period being filled, as the message names it: YYYY-MM, YYYY. */
  period: string;
  /** The finer counters summed, and their period column. */
  from: { table: string; column: string };
  first: string;
  last: string;
}

/** A counter table whose key a migration changes. */
export interface CounterTable {
  name: 'daily_statistics' | 'monthly_statistics';
  /** The key as it is, without the slot. */
  key: string[];
  /** The key column the slot follows in the table's column order. */
  lastKeyColumn: string;
}

/** A primary key and the one secondary index of the daily counters. */
export interface DailyKeys {
  primaryKey: string[];
  dropIndex: string;
  index: { name: string; columnNames: string[] };
}

type Column = Partial<TableColumnOptions>;

/**
 * What the migrations do differently on each database. Each database's
 * folder gives its own, frozen as the migrations first wrote it: a
 * migration must not change when the entities do.
 */
export interface MigrationDialect {
  /** Not the entities' ColumnTypes, though alike today: those may change, these must not. */
  types: {
    uuid: Column;
    /** Byte-exact keys: MySQL's text collations would merge "A", "a" and "A ". */
    messageType: Column;
    counter: Column;
    /** A month's or a year's total. */
    wideTotal: Column;
    receivedAt: Column;
    slot: Column;
  };
  /** The CHECK that refuses a total turned into a float, where it is needed. */
  exactTotalChecks(table: string): TableCheckOptions[];
  /** KeyDailyStatisticsByDay1764300000000: the daily counters' new key and index. */
  rekeyDailyStatistics(
    queryRunner: QueryRunner,
    keys: DailyKeys,
  ): Promise<void>;
  /** AddCounterSlots1764400000000: adds the slot to the key, or takes it away. */
  setCounterSlot(
    queryRunner: QueryRunner,
    table: CounterTable,
    withSlot: boolean,
  ): Promise<void>;
  /**
   * AddEventTime1764600000000: adds a nullable column of `types.receivedAt`
   * without rewriting the table (MySQL's INSTANT add, SQLite's ADD COLUMN),
   * so that upgrading a large ledger takes no time and blocks nothing.
   */
  addNullableInstant(
    queryRunner: QueryRunner,
    table: string,
    column: string,
  ): Promise<void>;
  /**
   * AddVoids1764700000000: adds a nullable column of Unicode text of at
   * most `length` characters, compared byte for byte, without rewriting the
   * table.
   */
  addNullableText(
    queryRunner: QueryRunner,
    table: string,
    column: string,
    length: number,
  ): Promise<void>;
  /**
   * KeyLedgerByDay1764900000000: the ledger keyed by (stat_date, uuid) in
   * month partitions, its uuids 16 bytes, and a table of its own keeping
   * each uuid once; or, going down, back as it was. Where a database needs
   * none of it (SQLite), nothing.
   */
  keyLedgerByDay(queryRunner: QueryRunner, now: Date): Promise<void>;
  keyLedgerByUuid(queryRunner: QueryRunner): Promise<void>;
  /**
   * AddQuarterHourStatistics1765000000000: the UTC quarter hour of the day
   * (0–95) of a stored instant, as an integer.
   */
  quarterOfDay(expression: string): string;
  /** A back-fill statement failed: say why in the database's own terms, or rethrow. */
  backFillFailed(
    queryRunner: QueryRunner,
    error: Error,
    backFill: BackFill,
  ): Promise<never>;
}
