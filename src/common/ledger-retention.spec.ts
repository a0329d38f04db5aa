import { firstKeptDay, FIRST_DAY } from './ledger-retention';

describe('firstKeptDay', () => {
  it('keeps the given number of whole days before today, and today', () => {
    expect(firstKeptDay(new Date('2026-12-03T00:00:00.000Z'), 400)).toBe(
      '2025-10-29',
    );
    expect(firstKeptDay(new Date('2026-12-03T23:59:59.999Z'), 400)).toBe(
      '2025-10-29',
    );
    expect(firstKeptDay(new Date('2024-03-01T12:00:00.000Z'), 1)).toBe(
      '2024-02-29',
    );
  });

  it('never goes before the calendar', () => {
    expect(firstKeptDay(new Date('0001-01-05T00:00:00.000Z'), 400)).toBe(
      FIRST_DAY,
    );
    expect(firstKeptDay(new Date('0001-01-05T00:00:00.000Z'), 4)).toBe(
      FIRST_DAY,
    );
    expect(firstKeptDay(new Date('0001-01-05T00:00:00.000Z'), 3)).toBe(
      '0001-01-02',
    );
  });

  it('answers for the calendar’s last day', () => {
    expect(firstKeptDay(new Date('9999-12-31T23:59:59.999Z'), 365)).toBe(
      '9998-12-31',
    );
  });
});
