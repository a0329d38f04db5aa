import { decodeCursor, encodeCursor } from './stats-cursor';

describe('stats cursors', () => {
  it.each([
    [{ customerId: 1, type: 'A' }, false],
    [
      { customerId: 9007199254740991, type: 'A \u0000😀', date: '2026-11-25' },
      true,
    ],
    [{ customerId: 0, type: '' }, false],
  ])('round-trip the key %j', (key, byDay) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, byDay)).toEqual(key);
  });

  it('belong to one grouping only', () => {
    expect(
      decodeCursor(encodeCursor({ customerId: 1, type: 'A' }), true),
    ).toBeUndefined();
    expect(
      decodeCursor(
        encodeCursor({ customerId: 1, type: 'A', date: '2026-01-01' }),
        false,
      ),
    ).toBeUndefined();
  });

  const encode = (payload: unknown) =>
    Buffer.from(JSON.stringify(payload)).toString('base64url');

  it.each([
    ['not base64url', '***', false],
    ['not JSON', Buffer.from('nope').toString('base64url'), false],
    ['an object', encode({ customerId: 1, type: 'A' }), false],
    ['a negative customer', encode([-1, 'A']), false],
    ['a fractional customer', encode([1.5, 'A']), false],
    ['a string customer', encode(['1', 'A']), false],
    ['a non-string type', encode([1, 2]), false],
    ['an impossible date', encode([1, 'A', '2026-02-30']), true],
    [
      'a customer whose text is not an exact integer',
      Buffer.from('[2.9999999999999999,"A"]').toString('base64url'),
      false,
    ],
    [
      'a key written differently',
      Buffer.from('[1, "A"]').toString('base64url'),
      false,
    ],
  ])('refuse %s', (_what, cursor, byDay) => {
    expect(decodeCursor(cursor, byDay)).toBeUndefined();
  });
});
