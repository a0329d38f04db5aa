/**
 * JSON.parse reads every number as a double, so `2.9999999999999999`,
 * `1.0000000000000001` and `1e-400` arrive as the integers 3, 1 and 0, and an
 * integer rule can no longer tell them from the integer the client did not
 * send. This module finds such numbers in the JSON text itself, before any
 * rounding, so that the body parser can keep them from passing as integers.
 */

/**
 * A number token with a fraction or an exponent, where a JSON value can
 * start: only such a token can be rounded to an integer. It may also match
 * inside a string (`"x,1.5"`); that only costs the exact scan below.
 */
const FRACTION_OR_EXPONENT = /[:,[]\s*-?\d+[.eE]/;

/** A JSON string (skipped whole) or a number token. */
const STRING_OR_NUMBER =
  /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Stands in for an inexact integer: a number no integer rule accepts. */
export const INEXACT_INTEGER_STAND_IN = '0.5';

/**
 * True when a JSON number token denotes an integer exactly: `1`, `1.0`,
 * `1e2` and `1.5e1` do; `2.9999999999999999`, `1e-400` and `1.5` do not.
 */
export function denotesInteger(token: string): boolean {
  const match = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!match) throw new RangeError(`not a JSON number: ${token}`);
  const [, units, fraction = '', exponent = '0'] = match;
  const digits = units + fraction;
  // Where the decimal point falls among the digits once the exponent is applied.
  const point = units.length + Number(exponent);
  return /^0*$/.test(digits.slice(Math.max(0, point)));
}

/**
 * The JSON text with every number that JSON.parse would round to an integer,
 * although the text does not denote one, replaced by a non-integer. Valid
 * JSON only (parse it first); a text with no fraction or exponent is
 * returned as it is after one quick scan.
 */
export function withoutInexactIntegers(json: string): string {
  if (!FRACTION_OR_EXPONENT.test(json)) return json;
  return json.replace(STRING_OR_NUMBER, (token) =>
    token.startsWith('"') ||
    denotesInteger(token) ||
    !Number.isInteger(Number(token))
      ? token
      : INEXACT_INTEGER_STAND_IN,
  );
}
