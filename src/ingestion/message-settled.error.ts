/**
 * A message counted on a settled day cannot be voided: no void may change
 * a day a billing run may already have read as final.
 */
export class MessageSettledError extends Error {
  override name = 'MessageSettledError';

  constructor(
    readonly uuid: string,
    /** The UTC day it counted on. */
    readonly date: string,
    readonly settledThrough: string,
  ) {
    super(`message ${uuid} counted on ${date}, a settled day`);
  }
}
