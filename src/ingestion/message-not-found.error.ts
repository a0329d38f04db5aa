import { FIRST_DAY } from '../common/ledger-retention';

/**
 * No message with this uuid is in the ledger. Once retention has removed
 * days (`firstKeptDay` after the calendar's first), that is also what a
 * message counted on a removed day looks like: the answer says so.
 */
export class MessageNotFoundError extends Error {
  override name = 'MessageNotFoundError';

  constructor(
    readonly uuid: string,
    readonly firstKeptDay = FIRST_DAY,
  ) {
    super(
      firstKeptDay === FIRST_DAY
        ? `No message with uuid ${uuid} was counted.`
        : `No message with uuid ${uuid} is in the ledger, which holds the days from ${firstKeptDay} on: it was never counted, or it counted on an earlier day, which is settled.`,
    );
  }
}
