import {
  denotesInteger,
  INEXACT_INTEGER_STAND_IN,
  withoutInexactIntegers,
} from './inexact-integers';

describe('denotesInteger', () => {
  it.each([
    '0',
    '-0',
    '1',
    '1.0',
    '1.000',
    '1e2',
    '1E+2',
    '1.5e1',
    '0e-5',
    '12.30e1',
    '1e400',
  ])('takes %s for an integer', (token) =>
    expect(denotesInteger(token)).toBe(true),
  );

  it.each([
    '1.5',
    '2.9999999999999999',
    '1.0000000000000001',
    '1e-400',
    '4.00000000000000000001e0',
    '1.25e1',
    '-0.1',
    '9007199254740991.5',
  ])('takes %s for a non-integer', (token) =>
    expect(denotesInteger(token)).toBe(false),
  );
});

describe('withoutInexactIntegers', () => {
  it.each([
    ['2.9999999999999999'],
    ['1.0000000000000001'],
    ['1e-400'],
    ['4.00000000000000000001e0'],
    ['-1e-400'],
  ])('keeps %s from reading as an integer', (token) => {
    const json = `{"customerId": ${token}, "list": [${token}]}`;
    expect(JSON.parse(withoutInexactIntegers(json))).toEqual({
      customerId: Number(INEXACT_INTEGER_STAND_IN),
      list: [Number(INEXACT_INTEGER_STAND_IN)],
    });
  });

  it('leaves exact integers, plain fractions and strings alone', () => {
    const json =
      '{"a": 1.0, "b": 1e2, "c": 1.5, "d": "2.9999999999999999", "e": "x\\",1.0000000000000001", "f": -7}';
    expect(withoutInexactIntegers(json)).toBe(json);
  });

  it('returns a text with no fraction or exponent as it is', () => {
    const json = '{"customerId": 1, "amount": "0.012", "uuid": "a5-9e"}';
    expect(withoutInexactIntegers(json)).toBe(json);
  });

  it('scans a megabyte of strings and numbers without trouble', () => {
    const item = `{"customerId": 1.0000000000000001, "type": "${'x\\"'.repeat(100)}"}`;
    const json = `[${Array(2000).fill(item).join(',')}]`;
    const parsed = JSON.parse(withoutInexactIntegers(json)) as Array<{
      customerId: number;
    }>;
    expect(parsed.every((m) => m.customerId === 0.5)).toBe(true);
  });
});
