import { Amount } from '../../common/amount';
import {
  fromSqlDateTime,
  quarterOfDay,
  toSqlDateTime,
} from '../../common/utc-date';
import type { CounterKey } from '../counter-overflow.error';
import { keyColumns, Period, PERIODS, QUARTER } from '../periods';
import { readAmount, readSafeInteger, readText, readUuid } from './sql-values';
import type { StoredMessage } from './stored-message';

/** What both ledgers share: the rows they write and the rules of their answers. */

export interface LedgerEntry {
  uuid: string;
  customerId: number;
  type: string;
  amount: Amount;
  /** The UTC day it counts on: its event time's. */
  date: string;
  receivedAt: Date;
  /** Its own timestamp's instant; none when it was sent without one. */
  eventAt?: Date;
}

/** What became of one entry: newly counted, or its uuid was already in the ledger. */
export type RecordResult =
  { recorded: true } | { recorded: false; existing: StoredMessage };

/** The columns a new ledger row is written with, in ledgerValues' order. */
export const LEDGER_INSERT_COLUMNS =
  'uuid, customer_id, type, amount_milli, stat_date, received_at, event_at';
/** The columns a stored message is read from (toStoredMessage). */
export const LEDGER_COLUMN_NAMES = [
  ...LEDGER_INSERT_COLUMNS.split(', '),
  'voided_at',
  'void_reason',
];
export const LEDGER_COLUMNS = LEDGER_COLUMN_NAMES.join(', ');
/** A counter table's columns, in the order counterValues gives them. */
export const counterColumns = (period: Period): string =>
  `${keyColumns(period).join(', ')}, slot, message_count, total_amount_milli`;

/** How many values counterValues gives for a counter of `period`. */
export const counterWidth = (period: Period): number =>
  keyColumns(period).length + 3;

export interface CounterDelta extends CounterKey {
  /** The UTC quarter hour of the day (0–95), in a quarter hour's counter only. */
  quarter?: number;
  /** The type as the VARBINARY column orders it. */
  typeBytes: Buffer;
  count: number;
  milli: bigint;
}

const placeholderRows = new Map<string, string>();

/** `count` rows of `width` placeholders, `(?, ?), (?, ?)`; made once per shape. */
export function rowPlaceholders(count: number, width: number): string {
  const shape = `${count}x${width}`;
  let rows = placeholderRows.get(shape);
  if (rows === undefined) {
    rows = Array(count)
      .fill(`(${Array(width).fill('?').join(', ')})`)
      .join(', ');
    // Batches are at most 1000 messages, so there are few shapes.
    if (placeholderRows.size < 4096) placeholderRows.set(shape, rows);
  }
  return rows;
}

export const placeholders = (count: number) =>
  Array(count).fill('?').join(', ');

/** The first entry of each uuid, in order. */
export function firstOccurrences(
  entries: LedgerEntry[],
): Map<string, LedgerEntry> {
  const firsts = new Map<string, LedgerEntry>();
  for (const entry of entries) {
    if (!firsts.has(entry.uuid)) firsts.set(entry.uuid, entry);
  }
  return firsts;
}

/**
 * The first entry of each uuid, in uuid order: the ledger's rows in key
 * order, so that concurrent batches take their locks in one order and
 * cannot deadlock each other.
 */
export function inKeyOrder(entries: LedgerEntry[]): LedgerEntry[] {
  return [...firstOccurrences(entries).values()].sort((a, b) =>
    a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0,
  );
}

export const counterKey = ({
  customerId,
  type,
  date,
  quarter,
}: CounterKey & { quarter?: number }) =>
  `${customerId}\u0000${type}\u0000${date}\u0000${quarter ?? ''}`;

/** One period's counter increments, in its table's key order. */
export interface PeriodIncrements {
  period: Period;
  deltas: CounterDelta[];
}

/**
 * The increments of the counted entries for every period, finest first.
 * Each coarser period is summed from the finer one; the days of a
 * transaction are nearly always one day, so a month's or a year's
 * increments are nearly always the day's, re-keyed.
 */
export function counterIncrements(counted: LedgerEntry[]): PeriodIncrements[] {
  let deltas = quarterDeltas(counted);
  return PERIODS.map((period) => {
    if (period !== QUARTER) deltas = rolledUp(deltas, period.firstDay);
    return { period, deltas };
  });
}

/** The values of one increment, in counterColumns' order. */
export const counterValues = (delta: CounterDelta, slot: number) =>
  delta.quarter === undefined
    ? [
        delta.date,
        delta.customerId,
        delta.type,
        slot,
        delta.count,
        delta.milli.toString(),
      ]
    : [
        delta.date,
        delta.quarter,
        delta.customerId,
        delta.type,
        slot,
        delta.count,
        delta.milli.toString(),
      ];

/** The UTC quarter hour of the day a message counts in: its own time's, or its arrival's. */
export const quarterOf = (message: {
  eventAt?: Date | string;
  receivedAt: Date | string;
}): number => {
  const at = message.eventAt ?? message.receivedAt;
  return quarterOfDay(typeof at === 'string' ? new Date(at) : at);
};

function quarterDeltas(counted: LedgerEntry[]): CounterDelta[] {
  const deltas = new Map<string, CounterDelta>();
  for (const entry of counted) {
    const quarter = quarterOf(entry);
    const key = `${counterKey(entry)}${quarter}`;
    const delta = deltas.get(key);
    if (delta) {
      delta.count += 1;
      delta.milli += entry.amount.milli;
    } else {
      deltas.set(key, {
        customerId: entry.customerId,
        type: entry.type,
        typeBytes: Buffer.from(entry.type, 'utf8'),
        date: entry.date,
        quarter,
        count: 1,
        milli: entry.amount.milli,
      });
    }
  }
  return [...deltas.values()].sort(byPrimaryKey);
}

function rolledUp(
  deltas: CounterDelta[],
  periodOf: (day: string) => string,
): CounterDelta[] {
  if (deltas.length === 0) return [];
  const [first, last] = [deltas[0], deltas[deltas.length - 1]];
  // In key order, the first and the last of one day's quarter (nearly
  // every transaction) bracket one delta per group, already in group
  // order: re-keyed, they need no merging and no sort.
  if (first.date === last.date && first.quarter === last.quarter) {
    const date = periodOf(first.date);
    return deltas.map((delta) => ({ ...delta, date, quarter: undefined }));
  }
  const periods = new Map<string, CounterDelta>();
  for (const delta of deltas) {
    const date = periodOf(delta.date);
    const key = counterKey({ ...delta, date, quarter: undefined });
    const period = periods.get(key);
    if (period) {
      period.count += delta.count;
      period.milli += delta.milli;
    } else {
      periods.set(key, { ...delta, date, quarter: undefined });
    }
  }
  return [...periods.values()].sort(byPrimaryKey);
}

/** The order of every counter table's primary key: period, quarter, customer, type as bytes (VARBINARY). */
function byPrimaryKey(a: CounterDelta, b: CounterDelta): number {
  return (
    compareText(a.date, b.date) ||
    (a.quarter ?? 0) - (b.quarter ?? 0) ||
    a.customerId - b.customerId ||
    Buffer.compare(a.typeBytes, b.typeBytes)
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The answer for each entry, in order, once `existing` holds every uuid the
 * ledger had before: the first new occurrence of a uuid is counted, any
 * other is answered with the message its uuid already stands for.
 */
export function outcomes(
  entries: LedgerEntry[],
  existing: Map<string, StoredMessage>,
): RecordResult[] {
  const counted = new Map<string, StoredMessage>();
  return entries.map((entry) => {
    const stored = existing.get(entry.uuid) ?? counted.get(entry.uuid);
    if (stored) return { recorded: false, existing: stored };
    counted.set(entry.uuid, {
      ...entry,
      receivedAt: entry.receivedAt.toISOString(),
      eventAt: entry.eventAt?.toISOString(),
    });
    return { recorded: true };
  });
}

/** A new ledger row's values; the uuid as its column holds it (SqlDialect.uuidValue). */
export function ledgerValues(
  entry: LedgerEntry,
  milli: string | bigint,
  uuid: unknown = entry.uuid,
): unknown[] {
  return [
    uuid,
    entry.customerId,
    entry.type,
    milli,
    entry.date,
    toSqlDateTime(entry.receivedAt),
    entry.eventAt === undefined ? null : toSqlDateTime(entry.eventAt),
  ];
}

export function toStoredMessage(row: unknown): StoredMessage {
  const record = row as Record<string, unknown>;
  return {
    uuid: readUuid(record.uuid),
    customerId: readSafeInteger(record.customer_id),
    type: readText(record.type),
    amount: readAmount(record.amount_milli),
    date: readText(record.stat_date),
    receivedAt: fromSqlDateTime(readText(record.received_at)),
    eventAt: optionalInstant(record.event_at),
    voidedAt: optionalInstant(record.voided_at),
    voidReason:
      record.void_reason === null || record.void_reason === undefined
        ? undefined
        : readText(record.void_reason),
  };
}

const optionalInstant = (value: unknown): string | undefined =>
  value === null || value === undefined
    ? undefined
    : fromSqlDateTime(readText(value));

/** Marks a ledger row voided: voided_at, void_reason, then its key: stat_date, uuid. */
export const VOID_LEDGER =
  'UPDATE messages SET voided_at = ?, void_reason = ? WHERE stat_date = ? AND uuid = ?';

/** Taking a counted message back: when, why, and the last day no void may change. */
export interface VoidRequest {
  uuid: string;
  at: Date;
  reason?: string;
  /** The last settled day: a message counted on it, or before, stays counted. Null: none is settled. */
  settledThrough: string | null;
}

/**
 * What became of a void: done now, done before (the stored void is the
 * answer), refused because the message's day is settled, or no such message.
 */
export type VoidResult =
  | {
      outcome: 'voided' | 'already_voided' | 'settled';
      message: StoredMessage;
    }
  | { outcome: 'not_found' };

/**
 * The answer to a void without changing anything, from the message as the
 * transaction locked it; undefined when it is to be voided now.
 */
export function voidWithoutChange(
  stored: StoredMessage | undefined,
  settledThrough: string | null,
): VoidResult | undefined {
  if (stored === undefined) return { outcome: 'not_found' };
  if (stored.voidedAt !== undefined) {
    return { outcome: 'already_voided', message: stored };
  }
  if (settledThrough !== null && stored.date <= settledThrough) {
    return { outcome: 'settled', message: stored };
  }
  return undefined;
}

/** The ledger row's new values (voided_at, void_reason), and the message as voided. */
export function voided(
  stored: StoredMessage,
  { at, reason }: VoidRequest,
): { values: [string, string | null]; message: StoredMessage } {
  return {
    values: [toSqlDateTime(at), reason ?? null],
    message: {
      ...stored,
      voidedAt: at.toISOString(),
      ...(reason !== undefined && { voidReason: reason }),
    },
  };
}

/** The counter of each period a stored message counted in: its key (keyColumns' order), finest first. */
export const countersOf = (message: StoredMessage) =>
  PERIODS.map((period) => ({
    period,
    key: [
      period.firstDay(message.date),
      ...(period.within ? [quarterOf(message)] : []),
      message.customerId,
      message.type,
    ],
  }));

/** A void that found no counter to take its message from: the counters disagree with the ledger. */
export function countersDisagree(message: StoredMessage, period: Period) {
  return new Error(
    `voiding ${message.uuid} found no ${period.name} counter of customer ${message.customerId}, ` +
      `type ${JSON.stringify(message.type)} holding it: the counters disagree with the ledger (run stats:verify)`,
  );
}
