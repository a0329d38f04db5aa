import { decodeCursor, encodeCursor } from './stats-cursor';

describe('stats cursors', () => {
  it.each([
    [{ customerId: 1, type: 'A' }, undefined],
    [
      { customerId: 9007199254740991, type: 'A \u0000😀', date: '2026-11-25' },
      'day',
    ],
    [{ customerId: 7, type: 'B', month: '2024-02' }, 'month'],
    [{ customerId: 7, type: 'B', week: '2026-W53' }, 'week'],
    [{ customerId: 7, type: 'B', hour: '2025-11-02T01:00:00-05:00' }, 'hour'],
    [{ customerId: 0, type: '' }, undefined],
  ] as const)('round-trip the key %j', (key, groupBy) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, groupBy)).toEqual(key);
  });

  it('belong to one grouping only', () => {
    const total = encodeCursor({ customerId: 1, type: 'A' });
    const day = encodeCursor({ customerId: 1, type: 'A', date: '2026-01-01' });
    const month = encodeCursor({ customerId: 1, type: 'A', month: '2026-01' });
    const week = encodeCursor({ customerId: 1, type: 'A', week: '2026-W01' });
    expect(decodeCursor(total, 'day')).toBeUndefined();
    expect(decodeCursor(total, 'week')).toBeUndefined();
    expect(decodeCursor(day, 'week')).toBeUndefined();
    expect(decodeCursor(month, 'week')).toBeUndefined();
    expect(decodeCursor(week, 'day')).toBeUndefined();
    expect(decodeCursor(week, 'month')).toBeUndefined();
    expect(decodeCursor(week, undefined)).toBeUndefined();
    const hour = encodeCursor({
      customerId: 1,
      type: 'A',
      hour: '2026-01-01T13:00:00+05:45',
    });
    expect(decodeCursor(hour, 'day')).toBeUndefined();
    expect(decodeCursor(day, 'hour')).toBeUndefined();
    expect(decodeCursor(hour, 'hour')).toBeDefined();
    for (const text of [
      '2026-02-30T13:00:00+05:45',
      '2026-01-01T13:15:00+05:45',
      '2026-01-01T24:00:00Z',
      '2026-01-01T13:00:00',
    ]) {
      const crafted = encodeCursor({ customerId: 1, type: 'A', hour: text });
      expect({ text, key: decodeCursor(crafted, 'hour') }).toEqual({
        text,
        key: undefined,
      });
    }
    expect(decodeCursor(total, 'month')).toBeUndefined();
    expect(decodeCursor(day, undefined)).toBeUndefined();
    expect(decodeCursor(day, 'month')).toBeUndefined();
    expect(decodeCursor(month, 'day')).toBeUndefined();
    expect(decodeCursor(month, undefined)).toBeUndefined();
  });

  const encode = (payload: unknown) =>
    Buffer.from(JSON.stringify(payload)).toString('base64url');

  it.each([
    ['not base64url', '***', undefined],
    ['not JSON', Buffer.from('nope').toString('base64url'), undefined],
    ['an object', encode({ customerId: 1, type: 'A' }), undefined],
    ['a negative customer', encode([-1, 'A']), undefined],
    ['a fractional customer', encode([1.5, 'A']), undefined],
    ['a string customer', encode(['1', 'A']), undefined],
    ['a non-string type', encode([1, 2]), undefined],
    ['an impossible date', encode([1, 'A', '2026-02-30']), 'day'],
    [
      'a customer whose text is not an exact integer',
      Buffer.from('[2.9999999999999999,"A"]').toString('base64url'),
      undefined,
    ],
    [
      'a key written differently',
      Buffer.from('[1, "A"]').toString('base64url'),
      undefined,
    ],
    ['an impossible month', encode([1, 'A', '2026-13']), 'month'],
    ['a week 53 of a year of 52', encode([1, 'A', '2025-W53']), 'week'],
    ['a week without its W', encode([1, 'A', '2026-49']), 'week'],
  ] as const)('refuse %s', (_what, cursor, groupBy) => {
    expect(decodeCursor(cursor, groupBy)).toBeUndefined();
  });
});
