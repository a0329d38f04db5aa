/** A non-negative decimal with 1–12 integer digits and at most 3 decimals. */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,3})?$/;

const SCALE = 3;
const MILLIS_PER_UNIT = 1000n;

/**
 * An exact amount of money, held as an integer count of thousandths.
 * Amounts never pass through a float: they are parsed from the wire string,
 * stored as integer thousandths and formatted back with exactly 3 decimals.
 */
export class Amount {
  private constructor(readonly milli: bigint) {}

  static readonly ZERO = new Amount(0n);

  /** Parses a wire amount such as "0.012"; throws RangeError on anything else. */
  static parse(text: string): Amount {
    if (!AMOUNT_PATTERN.test(text)) {
      throw new RangeError(`not an amount: ${JSON.stringify(text)}`);
    }
    const [units, decimals = ''] = text.split('.');
    return new Amount(BigInt(units + decimals.padEnd(SCALE, '0')));
  }

  /**
   * Takes integer thousandths as the database returns them: a bigint, a safe
   * integer number, or a decimal string of digits.
   */
  static fromMilli(value: bigint | number | string): Amount {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new RangeError(`unsafe integer amount: ${value}`);
    }
    if (typeof value === 'string' && !/^-?\d+$/.test(value)) {
      throw new RangeError(`not an integer amount: ${JSON.stringify(value)}`);
    }
    return new Amount(BigInt(value));
  }

  plus(other: Amount): Amount {
    return new Amount(this.milli + other.milli);
  }

  equals(other: Amount): boolean {
    return this.milli === other.milli;
  }

  /** Always exactly 3 decimals: "0.012", "7.000", "1234.500". */
  toString(): string {
    const negative = this.milli < 0n;
    const abs = negative ? -this.milli : this.milli;
    const units = abs / MILLIS_PER_UNIT;
    const fraction = (abs % MILLIS_PER_UNIT).toString().padStart(SCALE, '0');
    return `${negative ? '-' : ''}${units}.${fraction}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
