import {
  coverInstants,
  InstantCover,
  QUARTER_MS,
  QUARTERS_PER_DAY,
} from './instant-cover';

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

/**
 * How many times the cover counts each quarter hour of [low, high): the
 * whole days' quarters and the added ones once, the subtracted ones
 * taken back.
 */
function counted(cover: InstantCover, low: number, high: number): number[] {
  const counts = new Array<number>((high - low) / QUARTER_MS).fill(0);
  const add = (day: string, first: number, last: number, by: number) => {
    for (let quarter = first; quarter <= last; quarter++) {
      const index = (Date.parse(day) + quarter * QUARTER_MS - low) / QUARTER_MS;
      if (index < 0 || index >= counts.length)
        throw new Error(`${day} ${quarter} outside`);
      counts[index] += by;
    }
  };
  if (cover.days) {
    for (
      let day = Date.parse(cover.days.from);
      day <= Date.parse(cover.days.to);
      day += DAY
    ) {
      add(new Date(day).toISOString().slice(0, 10), 0, QUARTERS_PER_DAY - 1, 1);
    }
  }
  for (const { day, first, last } of cover.addQuarters)
    add(day, first, last, 1);
  for (const { day, first, last } of cover.subtractQuarters)
    add(day, first, last, -1);
  return counts;
}

describe('coverInstants', () => {
  it('reads a local month in Kolkata as UTC days and two short edges', () => {
    expect(
      coverInstants(at('2026-11-30T18:30:00Z'), at('2026-12-31T18:30:00Z')),
    ).toEqual({
      days: { from: '2026-12-01', to: '2026-12-31' },
      addQuarters: [{ day: '2026-11-30', first: 74, last: 95 }],
      subtractQuarters: [{ day: '2026-12-31', first: 74, last: 95 }],
    });
  });

  it('reads whole UTC days alone', () => {
    expect(
      coverInstants(at('2026-12-01T00:00:00Z'), at('2026-12-03T00:00:00Z')),
    ).toEqual({
      days: { from: '2026-12-01', to: '2026-12-02' },
      addQuarters: [],
      subtractQuarters: [],
    });
  });

  it('reads a short span inside one day as its quarters', () => {
    expect(
      coverInstants(at('2026-12-01T10:00:00Z'), at('2026-12-01T11:00:00Z')),
    ).toEqual({
      addQuarters: [{ day: '2026-12-01', first: 40, last: 43 }],
      subtractQuarters: [],
    });
  });

  it('reads most of one day as the day less the rest', () => {
    // A Kathmandu day: 18:15 to 18:15.
    expect(
      coverInstants(at('2026-12-03T18:15:00Z'), at('2026-12-04T18:15:00Z')),
    ).toEqual({
      days: { from: '2026-12-04', to: '2026-12-04' },
      addQuarters: [{ day: '2026-12-03', first: 73, last: 95 }],
      subtractQuarters: [{ day: '2026-12-04', first: 73, last: 95 }],
    });
  });

  it('is empty for an empty interval', () => {
    expect(
      coverInstants(at('2011-12-30T10:00:00Z'), at('2011-12-30T10:00:00Z')),
    ).toEqual({
      addQuarters: [],
      subtractQuarters: [],
    });
  });

  it('reaches the calendar first and last days', () => {
    const start = at('0001-01-01T00:00:00Z');
    const end = at('9999-12-31T00:00:00Z') + DAY;
    expect(coverInstants(start, end).days).toEqual({
      from: '0001-01-01',
      to: '9999-12-31',
    });
  });

  it('counts every quarter of the interval once and none outside it', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const base = at('2026-01-01T00:00:00Z');
    for (let run = 0; run < 300; run++) {
      const start = base + Math.floor(random() * 400) * QUARTER_MS;
      const end = start + Math.floor(random() * 600) * QUARTER_MS;
      const low = base - 2 * DAY;
      const high = base + 12 * DAY;
      const counts = counted(coverInstants(start, end), low, high);
      const expected = counts.map((_, index) => {
        const quarter = low + index * QUARTER_MS;
        return quarter >= start && quarter < end ? 1 : 0;
      });
      const where = `${new Date(start).toISOString()}..${new Date(end).toISOString()}`;
      expect([where, counts]).toEqual([where, expected]);
    }
  });

  it('reads at most a day of quarters for both edges together', () => {
    for (let head = 0; head < QUARTERS_PER_DAY; head++) {
      for (const tail of [0, 1, 47, 48, 49, 95]) {
        const cover = coverInstants(
          at('2026-12-01T00:00:00Z') + head * QUARTER_MS,
          at('2026-12-05T00:00:00Z') + tail * QUARTER_MS,
        );
        const read = [...cover.addQuarters, ...cover.subtractQuarters].reduce(
          (sum, { first, last }) => sum + last - first + 1,
          0,
        );
        expect(read).toBeLessThanOrEqual(QUARTERS_PER_DAY);
      }
    }
  });
});
