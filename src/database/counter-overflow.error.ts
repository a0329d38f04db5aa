import { Amount } from '../common/amount';

/** One counter: a customer's messages of one type on one UTC day (or in a month or year). */
export interface CounterKey {
  customerId: number;
  type: string;
  /** YYYY-MM-DD; a month's YYYY-MM, a year's YYYY, where a problem names them. */
  date: string;
}

/**
 * Counting would take a counter past the largest total its column holds.
 * The transaction was rolled back: nothing was written.
 */
export class CounterOverflowError extends Error {
  override name = 'CounterOverflowError';

  constructor(
    /** The counters that would overflow; empty if they could not be told. */
    readonly counters: CounterKey[],
    /** The largest total a counter holds. */
    readonly limit: Amount,
  ) {
    super(
      `counting would take ${counters.length || 'a'} counter(s) past ${limit.toString()}`,
    );
  }
}
