import fc from 'fast-check';
import { coverInterval, daysBetween } from './interval-cover';

const DAY_MS = 86_400_000;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const numberOf = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

/** The days a cover stands for, with their multiplicity: each must come out exactly once. */
function expand(cover: ReturnType<typeof coverInterval>): Map<string, number> {
  const count = new Map<string, number>();
  const add = (day: string, by: number) =>
    count.set(day, (count.get(day) ?? 0) + by);
  for (const month of cover.addMonths) {
    const first = numberOf(month);
    const [year, number] = month.split('-').map(Number);
    const last = Date.UTC(year, number, 1) / DAY_MS - 1;
    for (let day = first; day <= last; day++) add(dayOf(day), 1);
  }
  for (const day of cover.addDays) add(day, 1);
  for (const day of cover.subtractDays) add(day, -1);
  for (const [day, n] of count) if (n === 0) count.delete(day);
  return count;
}

describe('coverInterval', () => {
  it('covers one day with that day', () => {
    expect(coverInterval('2026-11-25', '2026-11-25')).toEqual({
      addMonths: [],
      addDays: ['2026-11-25'],
      subtractDays: [],
    });
  });

  it('covers a whole month with its monthly counter', () => {
    expect(coverInterval('2024-02-01', '2024-02-29')).toEqual({
      addMonths: ['2024-02-01'],
      addDays: [],
      subtractDays: [],
    });
  });

  it('covers a ragged year with twelve months less the two days it leaves out', () => {
    expect(coverInterval('2025-01-02', '2025-12-30')).toEqual({
      addMonths: Array.from(
        { length: 12 },
        (_, m) => `2025-${String(m + 1).padStart(2, '0')}-01`,
      ),
      addDays: [],
      subtractDays: ['2025-01-01', '2025-12-31'],
    });
  });

  it('keeps years before 100 apart from the 1900s', () => {
    expect(coverInterval('0050-01-01', '0050-01-31')).toEqual({
      addMonths: ['0050-01-01'],
      addDays: [],
      subtractDays: [],
    });
    expect(coverInterval('0099-12-31', '0100-01-01')).toEqual({
      addMonths: [],
      addDays: ['0099-12-31', '0100-01-01'],
      subtractDays: [],
    });
    expect(daysBetween('0004-02-28', '0004-03-01')).toEqual([
      '0004-02-28',
      '0004-02-29',
      '0004-03-01',
    ]);
  });

  it('reaches the last day there is', () => {
    expect(coverInterval('9999-12-01', '9999-12-31').addMonths).toEqual([
      '9999-12-01',
    ]);
  });

  it('stands for every day of the interval exactly once, and reads at most 16 rows per edge month', () => {
    const day = fc.integer({
      min: numberOf('1999-12-01'),
      max: numberOf('2031-02-28'),
    });
    fc.assert(
      fc.property(day, fc.nat({ max: 800 }), (start, length) => {
        const [from, to] = [dayOf(start), dayOf(start + length)];
        const cover = coverInterval(from, to);
        const expected = new Map<string, number>();
        for (let d = start; d <= start + length; d++) expected.set(dayOf(d), 1);
        expect(expand(cover)).toEqual(expected);
        const rows =
          cover.addMonths.length +
          cover.addDays.length +
          cover.subtractDays.length;
        const months =
          (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
          Number(to.slice(5, 7)) -
          Number(from.slice(5, 7)) +
          1;
        expect(rows).toBeLessThanOrEqual(months + 2 * 15);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('daysBetween', () => {
  it('lists the days of an interval, both ends included, across months', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(daysBetween('2026-05-05', '2026-05-05')).toEqual(['2026-05-05']);
  });
});
