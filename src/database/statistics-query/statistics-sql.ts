import { isoWeekLastDay, isoWeekStart } from '../../common/local-calendar';
import { DAY, MONTH, QUARTER } from '../periods';
import { placeholders } from '../repositories/ledger-entries';
import type { Sql, SqlDialect } from '../sql-dialect';
import { Conditions } from './sql-conditions';
import type { QuarterRange } from './instant-cover';
import type { DayGrouping } from './zone-edges';
import type {
  CoverTerm,
  GroupKey,
  PagePlan,
  StatisticsFilter,
  StatisticsKey,
} from './statistics-plan';

/** Beyond this many whole months or years, they are read as one range (SQLite caps parameters). */
const MAX_LISTED_PERIODS = 240;

/**
 * The first and the last day any counter holds. Two subqueries: SQLite
 * reads a lone MIN or MAX from the end of the key.
 */
export const COUNTED_DAYS_SQL = `SELECT (SELECT MIN(${DAY.column}) FROM ${DAY.table}) AS first_day,
  (SELECT MAX(${DAY.column}) FROM ${DAY.table}) AS last_day`;

/**
 * The SQL of a page, up to the group `upTo` (included) when it is bounded.
 * Rows come in key order (customer, type, then day, week or month), after the
 * filter's `after` key (keyset pagination).
 */
export function pageSql(
  plan: PagePlan,
  dialect: SqlDialect,
  upTo?: GroupKey,
): Sql {
  if (plan.shape === 'hours') return hoursSql(plan, dialect);
  return plan.shape === 'days'
    ? daysSql(plan.filter, plan.listedDays, dialect, upTo)
    : coverSql(plan.filter, plan.terms, dialect, upTo);
}

/** An hour holds at most four quarter hours. */
const QUARTERS_PER_HOUR = 4;

/**
 * The quarter hours of a page per hour, summed per (customer, type,
 * quarter), in time order within each group: enough rows for `limit`
 * hours and one more, which may be cut short.
 */
function hoursSql(
  plan: Extract<PagePlan, { shape: 'hours' }>,
  dialect: SqlDialect,
): Sql {
  const { filter, resumeAt } = plan;
  const { table, column } = QUARTER;
  const parameters: unknown[] = [];
  const where = new Conditions(parameters);
  where.add(...quartersCondition(plan.quarters, column, filter));
  where.groups(filter);
  if (filter.after && resumeAt) {
    where.afterQuarter(filter.after, resumeAt.day, resumeAt.quarter);
  } else if (filter.after) {
    where.afterGroup(filter.after);
  }
  parameters.push(QUARTERS_PER_HOUR * (filter.limit + 1));
  const key = `customer_id, type, ${column}, quarter`;
  return {
    sql: `SELECT ${key}, ${counterSums(dialect)}
FROM ${source(filter, table, dialect)}
WHERE ${where.clause}
GROUP BY ${key}
HAVING SUM(message_count) > 0
ORDER BY ${key}
LIMIT ?`,
    parameters,
  };
}

/**
 * The last group a page can need: for each of the plan's bounding periods,
 * the group `groups` past the page's start, which fills the page alone; the
 * least of them. Each read is a short range of a period-first index, with
 * no look-up of the row.
 */
export function boundSql(plan: PagePlan, groups: number): Sql {
  const { filter } = plan;
  const { period, firsts } = plan.boundBy;
  const parameters: unknown[] = [];
  const reads = firsts.map((first, index) => {
    const where = new Conditions(parameters);
    where.add(`${period.column} = ?`, first);
    where.groups(filter);
    if (filter.after) where.afterGroup(filter.after);
    parameters.push(groups - 1);
    return `SELECT customer_id, type FROM (SELECT customer_id, type FROM ${period.table}
  WHERE ${where.clause}
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p${index}`;
  });
  return {
    sql: `SELECT customer_id, type FROM (${reads.join('\nUNION ALL\n')}) AS bounds
ORDER BY customer_id, type
LIMIT 1`,
    parameters,
  };
}

/**
 * The interval's day rows, per day, or summed per ISO week or per
 * (customer, type). Each listed day is a range of the day-first key in
 * (customer, type) order, which the group conditions narrow; a longer
 * interval, not listed, is one range (all customers) or one customer's
 * range of the group index.
 */
function daysSql(
  filter: StatisticsFilter,
  listed: string[] | undefined,
  dialect: SqlDialect,
  upTo?: GroupKey,
): Sql {
  const parameters: unknown[] = [];
  const where = new Conditions(parameters);
  if (listed)
    where.add(`stat_date IN (${placeholders(listed.length)})`, ...listed);
  else where.add('stat_date BETWEEN ? AND ?', filter.from, filter.to);
  where.groups(filter);
  if (filter.after?.date !== undefined) {
    where.afterKey(filter.after, 'stat_date', filter.after.date);
  } else if (filter.after?.week !== undefined) {
    // The rows after a week's are those after its last day: a range of the key.
    where.afterKey(
      filter.after,
      'stat_date',
      isoWeekLastDay(filter.after.week),
    );
  } else if (filter.after) {
    where.afterGroup(filter.after);
  }
  if (upTo) where.upToGroup(upTo);
  const key =
    filter.groupBy === 'day'
      ? 'customer_id, type, stat_date'
      : filter.groupBy === 'week'
        ? 'customer_id, type, week_start'
        : 'customer_id, type';
  const select =
    filter.groupBy === 'week'
      ? `customer_id, type, ${dialect.weekStart('stat_date')} AS week_start`
      : key;
  parameters.push(filter.limit);
  return {
    sql: `SELECT ${select}, ${counterSums(dialect)}
FROM ${listed ? source(filter, DAY.table, dialect) : DAY.table}
WHERE ${where.clause}
GROUP BY ${key}
ORDER BY ${key}
LIMIT ?`,
    parameters,
  };
}

/**
 * The interval's totals per (customer, type), or per (customer, type,
 * month), from the fewest counters; or, in a zone, per day, week or month
 * from the UTC days and the quarter hours at the zone's edges: each term a
 * range of a primary key that holds its periods, summed per group, added
 * or subtracted. A group whose days in the interval had no message nets
 * to zero messages and is left out, as it would be had its day rows been
 * read.
 */
function coverSql(
  filter: StatisticsFilter,
  terms: CoverTerm[],
  dialect: SqlDialect,
  upTo?: GroupKey,
): Sql {
  // Hours are read by hoursSql.
  const grouping = filter.groupBy as DayGrouping | undefined;
  // A cover of whole years or months alone (or of days alone) is one
  // term: summed straight, without the union and its regrouping (about
  // 15 % of the database's CPU for one customer's year of months).
  const single = terms.length === 1;
  const parameters: unknown[] = [];
  const selects = terms.map((term) => {
    const { period, firsts, negative, quarters } = term;
    const { table, column } = period;
    const where = new Conditions(parameters);
    // Each listed period is its own range of the period-first key, which
    // the group conditions narrow (one customer, the page's groups).
    // So many periods that the list would cost more than one range
    // (SQLite caps parameters) are consecutive whole months or years
    // (edge days and months are few): they are read as one range.
    if (quarters) {
      where.add(...quartersCondition(quarters, column, filter));
    } else if (firsts.length > MAX_LISTED_PERIODS) {
      where.add(`${column} BETWEEN ? AND ?`, firsts[0], firsts.at(-1));
    } else {
      where.add(`${column} IN (${placeholders(firsts.length)})`, ...firsts);
    }
    where.groups(filter);
    const label = grouping && periodLabel(term, grouping, dialect);
    // Per period, a page goes on after its last group's period, which may
    // have later periods: the condition holds row by row, so in each term.
    const afterPeriod = filter.after && periodOf(filter.after);
    if (label && filter.after && afterPeriod !== undefined) {
      where.afterKey(filter.after, label, afterPeriod);
    } else if (filter.after) {
      where.afterGroup(filter.after);
    }
    if (upTo) where.upToGroup(upTo);
    // Each term is summed per group first: what the union holds and
    // regroups is then a row per group and term, not one per period.
    const alias = grouping && LABEL_ALIASES[grouping];
    const group = `customer_id, type${label ? `, ${label}` : ''}`;
    const sums = single ? counterSums(dialect) : dialect.termSums(negative);
    return `SELECT customer_id, type,${label ? ` ${label} AS ${alias},` : ''} ${sums}
FROM ${source(filter, table, dialect)} WHERE ${where.clause}
GROUP BY ${group}${single ? '\nHAVING SUM(message_count) > 0' : ''}`;
  });
  const key = `customer_id, type${grouping ? `, ${LABEL_ALIASES[grouping]}` : ''}`;
  parameters.push(filter.limit);
  return {
    sql: single
      ? `${selects[0]}
ORDER BY ${key}
LIMIT ?`
      : `SELECT ${key}, ${dialect.coverSums}
FROM (${selects.join('\nUNION ALL\n')}) AS covered
GROUP BY ${key}
HAVING SUM(n) > 0
ORDER BY ${key}
LIMIT ?`,
    parameters,
  };
}

/** What a grouping's period is selected as; the repository reads it back by this name. */
const LABEL_ALIASES = {
  day: 'stat_date',
  week: 'week_start',
  month: 'month',
} as const;

/**
 * The period a term's row counts for, as a DATE: its day (moved a day on
 * or back for a zone's edges), that day's ISO week's Monday, or its month.
 */
function periodLabel(
  { period, shift }: CoverTerm,
  grouping: DayGrouping,
  dialect: SqlDialect,
): string {
  if (period === MONTH) return period.column;
  const day = shift ? dialect.addDays(period.column, shift) : period.column;
  if (grouping === 'day') return day;
  return grouping === 'week' ? dialect.weekStart(day) : dialect.monthStart(day);
}

/** A page's last period, as periodLabel selects it. */
function periodOf(after: StatisticsKey): string | undefined {
  if (after.date !== undefined) return after.date;
  if (after.week !== undefined) return isoWeekStart(after.week) ?? undefined;
  if (after.month !== undefined) return `${after.month}-01`;
  return undefined;
}

/**
 * Quarter ranges of days, the days of a range as one list: a range of the
 * key per day. For one customer each quarter is listed, so that the
 * customer narrows the key's range too.
 */
function quartersCondition(
  quarters: QuarterRange[],
  column: string,
  filter: StatisticsFilter,
): [string, ...unknown[]] {
  const ranges = new Map<
    string,
    { first: number; last: number; days: string[] }
  >();
  for (const { day, first, last } of quarters) {
    const range = ranges.get(`${first}-${last}`);
    if (range) range.days.push(day);
    else ranges.set(`${first}-${last}`, { first, last, days: [day] });
  }
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const { first, last, days } of ranges.values()) {
    values.push(...days);
    if (filter.customerId === undefined) {
      parts.push(
        `(${column} IN (${placeholders(days.length)}) AND quarter BETWEEN ? AND ?)`,
      );
      values.push(first, last);
    } else {
      const listed = Array.from(
        { length: last - first + 1 },
        (_, i) => first + i,
      );
      parts.push(
        `(${column} IN (${placeholders(days.length)}) AND quarter IN (${placeholders(listed.length)}))`,
      );
      values.push(...listed);
    }
  }
  return [`(${parts.join(' OR ')})`, ...values];
}

/** A group's message count and exact total, as the repository reads them. */
const counterSums = (dialect: SqlDialect) =>
  `SUM(message_count) AS message_count, ${dialect.exactSum('total_amount_milli', 'total_amount_milli')}`;

/** Where all customers' rows of listed periods are read from: the period-first primary key. */
const source = (
  filter: StatisticsFilter,
  table: string,
  dialect: SqlDialect,
) => (filter.customerId === undefined ? dialect.byPrimaryKey(table) : table);
