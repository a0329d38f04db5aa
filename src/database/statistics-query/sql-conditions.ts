import type { GroupKey, StatisticsFilter } from './statistics-plan';

/** A WHERE clause's conditions, joined by AND, and their parameters, in order. */
export class Conditions {
  private readonly conditions: string[] = [];

  constructor(private readonly parameters: unknown[]) {}

  add(condition: string, ...values: unknown[]): void {
    this.conditions.push(condition);
    this.parameters.push(...values);
  }

  /** The customer and type a query may be narrowed to. */
  groups(filter: Pick<StatisticsFilter, 'customerId' | 'type'>): void {
    if (filter.customerId !== undefined) {
      this.add('customer_id = ?', filter.customerId);
    }
    if (filter.type !== undefined) this.add('type = ?', filter.type);
  }

  /** Rows of groups after `after`'s group. */
  afterGroup(after: GroupKey): void {
    this.add(
      '(customer_id > ? OR (customer_id = ? AND type > ?))',
      after.customerId,
      after.customerId,
      after.type,
    );
  }

  /** Rows after `after`'s key: of later groups, or of its group's later periods. */
  afterKey(after: GroupKey, period: string, value: string): void {
    this.add(
      `(customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND ${period} > ?))))`,
      after.customerId,
      after.customerId,
      after.type,
      after.type,
      value,
    );
  }

  /** Quarter-hour rows from a quarter on: of later groups, or of `after`'s group from that quarter. */
  afterQuarter(after: GroupKey, day: string, quarter: number): void {
    this.add(
      '(customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND (stat_date > ? OR (stat_date = ? AND quarter >= ?))))))',
      after.customerId,
      after.customerId,
      after.type,
      after.type,
      day,
      day,
      quarter,
    );
  }

  /** Rows of groups up to `upTo`'s, included. */
  upToGroup(upTo: GroupKey): void {
    this.add(
      '(customer_id < ? OR (customer_id = ? AND type <= ?))',
      upTo.customerId,
      upTo.customerId,
      upTo.type,
    );
  }

  /** The conditions joined by AND. */
  get clause(): string {
    return this.conditions.join(' AND ');
  }
}
