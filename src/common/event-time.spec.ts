import { parseTimestamp } from './event-time';

describe('parseTimestamp', () => {
  it.each([
    ['2026-12-03T10:15:30.123Z', '2026-12-03T10:15:30.123Z'],
    ['2026-12-03T11:15:30+01:00', '2026-12-03T10:15:30.000Z'],
    ['2026-12-03T05:00:00-05:30', '2026-12-03T10:30:00.000Z'],
    ['2026-12-03t10:15:30z', '2026-12-03T10:15:30.000Z'],
    ['2026-12-03T10:15:30.1Z', '2026-12-03T10:15:30.100Z'],
    ['2026-12-03T10:15:30.12Z', '2026-12-03T10:15:30.120Z'],
    ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['2026-12-03T00:30:00+23:59', '2026-12-02T00:31:00.000Z'],
    ['2026-12-03T10:15:30-00:00', '2026-12-03T10:15:30.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as the instant %s', (text, instant) => {
    expect(new Date(parseTimestamp(text)!).toISOString()).toBe(instant);
  });

  it.each([
    ['a date alone', '2026-12-03'],
    ['no offset', '2026-12-03T10:15:30'],
    ['an epoch number', 1764756930123],
    ['an epoch number as text', '1764756930123'],
    ['24:00', '2026-12-03T24:00:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['microseconds', '2026-12-03T10:15:30.123456Z'],
    ['a day that does not exist', '2026-02-29T10:00:00Z'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['an offset of 24 hours', '2026-12-03T10:00:00+24:00'],
    ['an offset without a colon', '2026-12-03T10:00:00+0100'],
    ['a space for T', '2026-12-03 10:15:30Z'],
    ['a five-digit year', '10000-01-01T00:00:00Z'],
    ['a trailing newline', '2026-12-03T10:15:30Z\n'],
    ['null', null],
    ['an empty string', ''],
  ])('refuses %s', (_, value) => {
    expect(parseTimestamp(value)).toBeUndefined();
  });
});

describe('parseTimestamp in the first century', () => {
  it.each([
    ['0001-01-01T00:00:00.001Z', '0001-01-01T00:00:00.001Z'],
    ['0099-12-31T23:59:59.999Z', '0099-12-31T23:59:59.999Z'],
    ['0050-06-15T12:30:00+01:00', '0050-06-15T11:30:00.000Z'],
    ['0100-01-01T00:00:00Z', '0100-01-01T00:00:00.000Z'],
  ])('reads %s as %s, not as a year of the 1900s', (text, instant) => {
    expect(new Date(parseTimestamp(text)!).toISOString()).toBe(instant);
  });
});
