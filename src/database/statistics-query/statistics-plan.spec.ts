import { DAY, MONTH, QUARTER, YEAR } from '../periods';
import { groupsPerPage, planPage } from './statistics-plan';

describe('planPage', () => {
  it('reads a short interval per day from its listed days', () => {
    const plan = planPage({
      from: '2026-03-01',
      to: '2026-03-03',
      groupBy: 'day',
      limit: 1000,
    });
    expect(plan).toMatchObject({
      shape: 'days',
      listedDays: ['2026-03-01', '2026-03-02', '2026-03-03'],
      boundBy: {
        period: DAY,
        firsts: ['2026-03-01', '2026-03-02', '2026-03-03'],
      },
      rowsPerGroup: 3,
    });
  });

  it('reads a long interval per day as one range, bounded by four of its first days', () => {
    const plan = planPage({
      from: '2026-01-01',
      to: '2026-12-31',
      groupBy: 'day',
      limit: 1000,
    });
    expect(plan).toMatchObject({ shape: 'days', listedDays: undefined });
    expect(plan.boundBy.firsts).toHaveLength(4);
    expect(plan.boundBy.firsts[0]).toBe('2026-01-01');
  });

  it('totals a whole year from its yearly counter alone', () => {
    const plan = planPage({ from: '2026-01-01', to: '2026-12-31', limit: 10 });
    expect(plan).toMatchObject({
      shape: 'cover',
      terms: [{ period: YEAR, firsts: ['2026-01-01'], negative: false }],
      boundBy: { period: YEAR, firsts: ['2026-01-01'] },
      rowsPerGroup: 1,
    });
  });

  it('totals a ragged year as the year less its edge days', () => {
    const plan = planPage({ from: '2026-01-02', to: '2026-12-30', limit: 10 });
    expect(plan.shape === 'cover' && plan.terms).toEqual([
      { period: YEAR, firsts: ['2026-01-01'], negative: false },
      { period: DAY, firsts: ['2026-01-01', '2026-12-31'], negative: true },
    ]);
  });

  it('answers per month from monthly counters, never yearly ones', () => {
    const plan = planPage({
      from: '2025-01-01',
      to: '2026-12-31',
      groupBy: 'month',
      limit: 240,
    });
    expect(plan).toMatchObject({ shape: 'cover', rowsPerGroup: 24 });
    expect(plan.shape === 'cover' && plan.terms.map((t) => t.period)).toEqual([
      MONTH,
    ]);
  });

  it.each([
    ['2026-11-30', '2026-12-06', 1],
    ['2026-12-06', '2026-12-07', 2],
    ['2026-12-01', '2026-12-31', 5],
    ['2026-01-01', '2026-12-31', 53],
  ])(
    'answers per ISO week from the daily counters: %s to %s touches %d weeks',
    (from, to, weeks) => {
      const plan = planPage({ from, to, groupBy: 'week', limit: 1000 });
      expect(plan).toMatchObject({ shape: 'days', rowsPerGroup: weeks });
    },
  );

  it('reads a few days of totals from the daily counters', () => {
    expect(
      planPage({ from: '2026-03-01', to: '2026-03-03', limit: 10 }).shape,
    ).toBe('days');
  });
});

describe('groupsPerPage', () => {
  it('bounds a page over all customers by the groups that fill it', () => {
    const plan = planPage({
      from: '2026-03-01',
      to: '2026-03-03',
      groupBy: 'day',
      limit: 1000,
    });
    expect(groupsPerPage(plan)).toBe(334);
  });

  it('does not bound one customer, whose groups are few', () => {
    const plan = planPage({
      from: '2026-03-01',
      to: '2026-03-03',
      customerId: 1,
      limit: 1000,
    });
    expect(groupsPerPage(plan)).toBeUndefined();
  });

  describe('in a time zone', () => {
    const terms = (plan: ReturnType<typeof planPage>) =>
      plan.shape === 'cover' ? plan.terms : [];

    it("totals a Kolkata month as its UTC days, plus the evening before, less the last day's evening", () => {
      // 2026-03 in Asia/Kolkata (+05:30) is 2026-02-28T18:30Z to 2026-03-31T18:30Z.
      const plan = planPage({
        from: '2026-03-01',
        to: '2026-03-31',
        timeZone: 'Asia/Kolkata',
        limit: 10,
      });
      expect(terms(plan)).toEqual([
        { period: MONTH, firsts: ['2026-03-01'], negative: false },
        {
          period: QUARTER,
          firsts: ['2026-02-28'],
          quarters: [{ day: '2026-02-28', first: 74, last: 95 }],
          negative: false,
        },
        {
          period: QUARTER,
          firsts: ['2026-03-31'],
          quarters: [{ day: '2026-03-31', first: 74, last: 95 }],
          negative: true,
        },
      ]);
      expect(plan.boundBy).toEqual({ period: MONTH, firsts: ['2026-03-01'] });
    });

    it('totals a New York day across the spring-forward change: 23 hours, from 05:00Z to 04:00Z', () => {
      const plan = planPage({
        from: '2026-03-08',
        to: '2026-03-08',
        timeZone: 'America/New_York',
        limit: 10,
      });
      expect(terms(plan)).toEqual([
        { period: DAY, firsts: ['2026-03-08'], negative: false },
        {
          period: QUARTER,
          firsts: ['2026-03-09'],
          quarters: [{ day: '2026-03-09', first: 0, last: 15 }],
          negative: false,
        },
        {
          period: QUARTER,
          firsts: ['2026-03-08'],
          quarters: [{ day: '2026-03-08', first: 0, last: 19 }],
          negative: true,
        },
      ]);
    });

    it("groups Kolkata's days by month from the UTC months, and moves each month's edges by a day's evening", () => {
      const plan = planPage({
        from: '2026-03-01',
        to: '2026-04-30',
        timeZone: 'Asia/Kolkata',
        groupBy: 'month',
        limit: 10,
      });
      expect(terms(plan)).toEqual([
        {
          period: MONTH,
          firsts: ['2026-03-01', '2026-04-01'],
          negative: false,
        },
        {
          period: QUARTER,
          firsts: ['2026-02-28', '2026-03-31'],
          quarters: [
            { day: '2026-02-28', first: 74, last: 95 },
            { day: '2026-03-31', first: 74, last: 95 },
          ],
          negative: false,
          shift: 1,
        },
        {
          period: QUARTER,
          firsts: ['2026-03-31', '2026-04-30'],
          quarters: [
            { day: '2026-03-31', first: 74, last: 95 },
            { day: '2026-04-30', first: 74, last: 95 },
          ],
          negative: true,
        },
      ]);
      expect(plan.rowsPerGroup).toBe(2);
    });

    it("reads a Kathmandu day's hours from its quarter hours, from 18:15Z the day before, and goes on after a page's last hour", () => {
      const plan = planPage({
        from: '2026-03-02',
        to: '2026-03-02',
        timeZone: 'Asia/Kathmandu',
        groupBy: 'hour',
        after: { customerId: 1, type: 'A', hour: '2026-03-02T05:00:00+05:45' },
        limit: 10,
      });
      expect(plan).toMatchObject({
        shape: 'hours',
        quarters: [
          { day: '2026-03-01', first: 73, last: 95 },
          { day: '2026-03-02', first: 0, last: 72 },
        ],
        // 06:00 in Kathmandu is 00:15Z.
        resumeAt: { day: '2026-03-02', quarter: 1 },
      });
      expect(groupsPerPage(plan)).toBeUndefined();
    });

    it('plans nothing for a day the zone skipped', () => {
      const plan = planPage({
        from: '2011-12-30',
        to: '2011-12-30',
        timeZone: 'Pacific/Apia',
        limit: 10,
      });
      expect(terms(plan)).toEqual([]);
    });
  });
});
