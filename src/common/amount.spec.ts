import { Amount } from './amount';

describe('Amount', () => {
  it.each([
    ['0', 0n, '0.000'],
    ['7', 7000n, '7.000'],
    ['1.5', 1500n, '1.500'],
    ['0.012', 12n, '0.012'],
    ['007.10', 7100n, '7.100'],
    ['999999999999.999', 999999999999999n, '999999999999.999'],
  ])(
    'parses %j to %s thousandths and formats it as %j',
    (text, milli, formatted) => {
      const amount = Amount.parse(text);
      expect(amount.milli).toBe(milli);
      expect(amount.toString()).toBe(formatted);
      expect(JSON.stringify({ amount })).toBe(`{"amount":"${formatted}"}`);
    },
  );

  it.each([
    '',
    ' 1',
    '1 ',
    '-1',
    '+1',
    '1e3',
    '1.',
    '.5',
    '0.0001',
    '1,5',
    'NaN',
    '1234567890123',
    '١',
  ])('refuses %j rather than round or guess', (text) => {
    expect(() => Amount.parse(text)).toThrow(RangeError);
  });

  it('adds exactly where floats do not', () => {
    const sum = Amount.parse('0.1').plus(Amount.parse('0.2'));
    expect(sum.toString()).toBe('0.300');
    expect(sum.equals(Amount.parse('0.3'))).toBe(true);
  });

  it('stays exact past 2^53 thousandths', () => {
    let total = Amount.ZERO;
    for (let i = 0; i < 12; i++)
      total = total.plus(Amount.parse('999999999999.999'));
    expect(total.toString()).toBe('11999999999999.988');
  });

  it('compares by value, so "5.5" equals "5.500"', () => {
    expect(Amount.parse('5.5').equals(Amount.parse('5.500'))).toBe(true);
    expect(Amount.parse('5.5').equals(Amount.parse('5.501'))).toBe(false);
  });

  it.each([
    [12, '0.012'],
    ['11999999999999988', '11999999999999.988'],
    [12n, '0.012'],
  ])('reads the database value %p as %j', (value, formatted) => {
    expect(Amount.fromMilli(value).toString()).toBe(formatted);
  });

  it.each([[0.5], [2 ** 53], ['1.5'], ['abc']])(
    'refuses the lossy or malformed database value %p',
    (value) => {
      expect(() => Amount.fromMilli(value)).toThrow(RangeError);
    },
  );
});
