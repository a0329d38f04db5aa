/**
 * Messages whose own timestamps lie outside the accepted window: too old,
 * or too far ahead of the time the service received them. Nothing was
 * written.
 */
export class TimestampOutsideWindowError extends Error {
  override name = 'TimestampOutsideWindowError';

  constructor(
    /** The positions of the refused messages in what was sent. */
    readonly indexes: number[],
    /** Sent in a batch: fields are then named `[i].timestamp`. */
    readonly inBatch: boolean,
    /** The first and last accepted instants. */
    readonly earliest: Date,
    readonly latest: Date,
    /** The window's size, as configured. */
    readonly window: { maxAgeDays: number; maxSkewS: number },
  ) {
    super(
      `timestamp must lie between ${earliest.toISOString()} and ${latest.toISOString()}`,
    );
  }

  /** The refused fields: `timestamp`, or `[i].timestamp` in a batch. */
  get fields(): string[] {
    return this.indexes.map((i) =>
      this.inBatch ? `[${i}].timestamp` : 'timestamp',
    );
  }
}
