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
  const addPeriod = (first: string, next: number, by: number) => {
    for (let day = numberOf(first); day < next; day++) add(dayOf(day), by);
  };
  for (const year of cover.addYears)
    addPeriod(year, Date.UTC(Number(year.slice(0, 4)) + 1, 0, 1) / DAY_MS, 1);
  const monthEnd = (month: string) => {
    const [year, number] = month.split('-').map(Number);
    return Date.UTC(year, number, 1) / DAY_MS;
  };
  for (const month of cover.addMonths) addPeriod(month, monthEnd(month), 1);
  for (const month of cover.subtractMonths)
    addPeriod(month, monthEnd(month), -1);
  for (const day of cover.addDays) add(day, 1);
  for (const day of cover.subtractDays) add(day, -1);
  for (const [day, n] of count) if (n === 0) count.delete(day);
  return count;
}

const rowsOf = (cover: ReturnType<typeof coverInterval>) =>
  cover.addYears.length +
  cover.addMonths.length +
  cover.subtractMonths.length +
  cover.addDays.length +
  cover.subtractDays.length;

const monthsOf = (year: number) =>
  Array.from(
    { length: 12 },
    (_, m) => `${year}-${String(m + 1).padStart(2, '0')}-01`,
  );

describe('coverInterval', () => {
  const none = {
    addYears: [],
    addMonths: [],
    subtractMonths: [],
    addDays: [],
    subtractDays: [],
  };

  it('covers one day with that day', () => {
    expect(coverInterval('2026-11-25', '2026-11-25')).toEqual({
      ...none,
      addDays: ['2026-11-25'],
    });
  });

  it('covers a whole month with its monthly counter', () => {
    expect(coverInterval('2024-02-01', '2024-02-29')).toEqual({
      ...none,
      addMonths: ['2024-02-01'],
    });
  });

  it('covers a whole year with its yearly counter, and whole years between ragged ends with theirs', () => {
    expect(coverInterval('2025-01-01', '2025-12-31')).toEqual({
      ...none,
      addYears: ['2025-01-01'],
    });
    expect(coverInterval('2023-03-01', '2026-04-30')).toEqual({
      ...none,
      addYears: ['2023-01-01', '2024-01-01', '2025-01-01'],
      subtractMonths: ['2023-01-01', '2023-02-01'],
      addMonths: ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01'],
    });
  });

  it('covers a ragged year with the year less the two days it leaves out', () => {
    expect(coverInterval('2025-01-02', '2025-12-30')).toEqual({
      ...none,
      addYears: ['2025-01-01'],
      subtractDays: ['2025-01-01', '2025-12-31'],
    });
  });

  it('covers a year less its first days and months with the year less them', () => {
    expect(coverInterval('2025-02-10', '2025-12-31')).toEqual({
      ...none,
      addYears: ['2025-01-01'],
      subtractMonths: ['2025-01-01'],
      subtractDays: Array.from({ length: 9 }, (_, d) => `2025-02-0${d + 1}`),
    });
  });

  it('covers a ragged year with months when an answer per month is asked for', () => {
    expect(coverInterval('2025-01-02', '2025-12-30', { years: false })).toEqual(
      {
        ...none,
        addMonths: monthsOf(2025),
        subtractDays: ['2025-01-01', '2025-12-31'],
      },
    );
  });

  it('keeps years before 100 apart from the 1900s', () => {
    expect(coverInterval('0050-01-01', '0050-12-31')).toEqual({
      ...none,
      addYears: ['0050-01-01'],
    });
    expect(coverInterval('0099-12-31', '0100-01-01')).toEqual({
      ...none,
      addDays: ['0099-12-31', '0100-01-01'],
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
    expect(coverInterval('9998-01-01', '9999-12-31').addYears).toEqual([
      '9998-01-01',
      '9999-01-01',
    ]);
  });

  it.each([
    ['with years', true],
    ['without years', false],
  ])(
    'stands for every day of the interval exactly once, %s, and reads at most 16 rows per edge month',
    (_, years) => {
      const day = fc.integer({
        min: numberOf('1999-12-01'),
        max: numberOf('2031-02-28'),
      });
      fc.assert(
        fc.property(
          day,
          fc.oneof(fc.nat({ max: 800 }), fc.nat({ max: 4000 })),
          (start, length) => {
            const [from, to] = [dayOf(start), dayOf(start + length)];
            const cover = coverInterval(from, to, { years });
            const expected = new Map<string, number>();
            for (let d = start; d <= start + length; d++)
              expected.set(dayOf(d), 1);
            expect(expand(cover)).toEqual(expected);
            if (!years) expect(cover.addYears).toEqual([]);
            const [fromYear, toYear] = [from, to].map((d) =>
              Number(d.slice(0, 4)),
            );
            const months =
              (toYear - fromYear) * 12 +
              Number(to.slice(5, 7)) -
              Number(from.slice(5, 7)) +
              1;
            expect(rowsOf(cover)).toBeLessThanOrEqual(months + 2 * 15);
            // With years, each edge year costs at most about half of its
            // months and the split month's days.
            if (years)
              expect(rowsOf(cover)).toBeLessThanOrEqual(
                toYear - fromYear + 1 + 2 * 22,
              );
          },
        ),
        { numRuns: 1000 },
      );
    },
  );
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
