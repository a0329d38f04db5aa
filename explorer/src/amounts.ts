import { Amount } from '../../src/common/amount';

/**
 * Amounts as the API writes them ("12.345": always three decimals), added
 * exactly as integer thousandths. Only a chart's pixel places them as a
 * float (chartNumber); every number a person reads comes from here.
 */
export function thousandthsOf(amount: string): bigint {
  const match = /^(\d+)\.(\d{3})$/.exec(amount);
  if (match === null) throw new Error(`not an amount: ${amount}`);
  return BigInt(match[1] + match[2]);
}

export function amountOf(thousandths: bigint): string {
  return Amount.fromMilli(thousandths).toString();
}

/** Where a chart draws an amount: a position, not a number anyone reads. */
export function chartNumber(thousandths: bigint): number {
  return Number(thousandths) / 1000;
}
