import { amountOf, thousandthsOf } from './amounts';

describe('amounts', () => {
  it('adds past the largest float-exact integer without losing a thousandth', () => {
    const big = thousandthsOf('9007199254740993.001');
    expect(amountOf(big + thousandthsOf('0.001'))).toBe('9007199254740993.002');
  });

  it('writes small amounts with a leading zero and three decimals', () => {
    expect(amountOf(0n)).toBe('0.000');
    expect(amountOf(7n)).toBe('0.007');
    expect(amountOf(1234n)).toBe('1.234');
  });

  it('refuses what is not an amount as the API writes it', () => {
    expect(() => thousandthsOf('1.5')).toThrow('not an amount');
  });
});
