import {
  addMonths,
  fromSqlDateTime,
  isCalendarDate,
  monthOf,
  lastDayOfMonth,
  lastDayOfYear,
  quarterHourName,
  quarterOfDay,
  toSqlDateTime,
  utcDateOf,
} from './utc-date';

describe('utcDateOf', () => {
  it.each([
    ['2026-11-25T23:59:59.999Z', '2026-11-25'],
    ['2026-11-26T00:00:00.000Z', '2026-11-26'],
    ['2026-11-25T23:30:00.000-01:00', '2026-11-26'],
    ['2024-02-29T12:00:00.000Z', '2024-02-29'],
  ])('buckets %s on the UTC day %s', (instant, day) => {
    expect(utcDateOf(new Date(instant))).toBe(day);
  });
});

describe('isCalendarDate', () => {
  it.each([
    '2026-01-01',
    '2024-02-29',
    '2000-02-29',
    '0001-01-01',
    '9999-12-31',
  ])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '0000-01-01',
    '2026-1-01',
    '20260101',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    20260101,
    null,
  ])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('SQL date-times', () => {
  it('round-trip an instant through the stored UTC text', () => {
    const instant = new Date('2026-03-04T05:06:07.089Z');
    expect(toSqlDateTime(instant)).toBe('2026-03-04 05:06:07.089');
    expect(fromSqlDateTime(toSqlDateTime(instant))).toBe(
      '2026-03-04T05:06:07.089Z',
    );
  });
});

describe('monthOf, lastDayOfMonth and lastDayOfYear', () => {
  it.each([
    ['2024-02-29', '2024-02-01', '2024-02-29'],
    ['2025-02-03', '2025-02-01', '2025-02-28'],
    ['2000-02-10', '2000-02-01', '2000-02-29'],
    ['1900-02-10', '1900-02-01', '1900-02-28'],
    ['2025-04-30', '2025-04-01', '2025-04-30'],
    ['2025-12-31', '2025-12-01', '2025-12-31'],
    ['0001-01-01', '0001-01-01', '0001-01-31'],
    ['9999-12-31', '9999-12-01', '9999-12-31'],
  ])('put %s in the month from %s to %s', (day, month, last) => {
    expect(monthOf(day)).toBe(month);
    expect(lastDayOfMonth(day)).toBe(last);
  });

  it('ends the last year the API accepts within it', () => {
    expect(lastDayOfYear('9999-03-04')).toBe('9999-12-31');
  });
});

describe('addMonths', () => {
  it('moves across years in both directions', () => {
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2026-12-01', -24)).toBe('2024-12-01');
    expect(addMonths('0001-01-01', 0)).toBe('0001-01-01');
  });
});

describe('quarter hours of the UTC day', () => {
  it.each([
    ['0001-01-01T00:00:00.000Z', 0, '0001-01-01T00:00Z'],
    ['2026-10-21T00:14:59.999Z', 0, '2026-10-21T00:00Z'],
    ['2026-10-21T00:15:00.000Z', 1, '2026-10-21T00:15Z'],
    ['2026-10-21T13:45:00.000Z', 55, '2026-10-21T13:45Z'],
    ['9999-12-31T23:59:59.999Z', 95, '9999-12-31T23:45Z'],
  ])('put %s in quarter %i, named %s', (instant, quarter, name) => {
    expect(quarterOfDay(new Date(instant))).toBe(quarter);
    expect(quarterHourName(instant.slice(0, 10), quarter)).toBe(name);
  });
});
