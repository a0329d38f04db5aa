import { parseRateLimits, RateLimiter } from './rate-limiter';

describe('parseRateLimits', () => {
  it('reads scopes and key names with their periods', () => {
    expect(
      parseRateLimits('read=50/s, dashboard=300/m,ingest=1/h', ['dashboard']),
    ).toEqual(
      new Map([
        ['read', { requests: 50, perSeconds: 1 }],
        ['dashboard', { requests: 300, perSeconds: 60 }],
        ['ingest', { requests: 1, perSeconds: 3600 }],
      ]),
    );
    expect(parseRateLimits(undefined, [])).toEqual(new Map());
    expect(parseRateLimits(' ', [])).toEqual(new Map());
  });

  it.each([
    ['read=50', /must look like read=50\/s/],
    ['read=0/s', /must look like/],
    ['read=5/d', /must look like/],
    ['read=-5/s', /must look like/],
    ['admin=5/s', /"admin" names neither a scope/],
    ['read=5/s,read=6/s', /names "read" twice/],
  ])('refuses %s in one line', (text, message) => {
    expect(() => parseRateLimits(text, ['dashboard'])).toThrow(message);
  });
});

describe('RateLimiter', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1000;
  });

  it('lets a burst of one period through, then one request per share of it', () => {
    const limiter = new RateLimiter(parseRateLimits('read=3/s', []), now);

    expect([1, 2, 3].map(() => limiter.take('a', 'read'))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(limiter.take('a', 'read')).toBe(1);
    clock += 1 / 3;
    expect(limiter.take('a', 'read')).toBeUndefined();
    expect(limiter.take('a', 'read')).toBe(1);
  });

  it('says how many whole seconds to wait', () => {
    const limiter = new RateLimiter(parseRateLimits('read=1/m', []), now);
    expect(limiter.take('a', 'read')).toBeUndefined();
    expect(limiter.take('a', 'read')).toBe(60);
    clock += 45;
    expect(limiter.take('a', 'read')).toBe(15);
  });

  it('keeps keys and scopes apart, and lets a key limit override the scope', () => {
    const limiter = new RateLimiter(
      parseRateLimits('read=1/s,ops=2/s', ['ops']),
      now,
    );
    expect(limiter.take('a', 'read')).toBeUndefined();
    expect(limiter.take('b', 'read')).toBeUndefined();
    expect(limiter.take('a', 'ingest')).toBeUndefined();
    expect(limiter.take('a', 'read')).toBe(1);

    // ops has 2 a second, for read and ingest together.
    expect(limiter.take('ops', 'read')).toBeUndefined();
    expect(limiter.take('ops', 'ingest')).toBeUndefined();
    expect(limiter.take('ops', 'read')).toBe(1);
  });

  it('limits nothing it has no limit for', () => {
    const limiter = new RateLimiter(parseRateLimits('read=1/h', []), now);
    for (let i = 0; i < 1000; i++) {
      expect(limiter.take('a', 'ingest')).toBeUndefined();
    }
  });
});
