import { itemFirstDays, zoneEdges } from './zone-edges';

describe('zoneEdges', () => {
  it('moves each Rome month to its own midnight, an hour or two before UTC', () => {
    // Rome is +01:00 until 2026-03-29, +02:00 after: March begins at
    // 2026-02-28T23:00Z, April at 2026-03-31T22:00Z, May at 2026-04-30T22:00Z.
    expect(
      zoneEdges('Europe/Rome', '2026-03-01', '2026-04-30', 'month'),
    ).toEqual({
      addToNext: [
        { day: '2026-02-28', first: 92, last: 95 },
        { day: '2026-03-31', first: 88, last: 95 },
      ],
      subtract: [
        { day: '2026-03-31', first: 88, last: 95 },
        { day: '2026-04-30', first: 88, last: 95 },
      ],
      addToPrevious: [],
    });
  });

  it('moves each New York day to its own midnight, hours after UTC, across the spring-forward change', () => {
    // 2026-03-08 begins at 05:00Z (−05:00) and ends at 04:00Z (−04:00).
    expect(
      zoneEdges('America/New_York', '2026-03-08', '2026-03-09', 'day'),
    ).toEqual({
      addToNext: [],
      subtract: [
        { day: '2026-03-08', first: 0, last: 19 },
        { day: '2026-03-09', first: 0, last: 15 },
      ],
      addToPrevious: [
        { day: '2026-03-09', first: 0, last: 15 },
        { day: '2026-03-10', first: 0, last: 15 },
      ],
    });
  });

  it('leaves UTC days as they are', () => {
    expect(zoneEdges('UTC', '2026-03-01', '2026-03-31', 'week')).toEqual({
      addToNext: [],
      subtract: [],
      addToPrevious: [],
    });
  });

  it('takes out the whole of a day the zone skipped', () => {
    // Apia went from −10:00 to +14:00: 2011-12-30 is empty, 2011-12-31
    // begins where it would have, at 2011-12-30T10:00Z.
    const edges = zoneEdges('Pacific/Apia', '2011-12-30', '2011-12-30', 'day');
    expect(edges.subtract).toEqual([
      { day: '2011-12-30', first: 0, last: 39 },
      { day: '2011-12-30', first: 40, last: 95 },
    ]);
  });

  it('moves nothing past the ends of the calendar', () => {
    expect(
      zoneEdges('Pacific/Kiritimati', '0001-01-01', '0001-01-01', 'day')
        .addToNext,
    ).toEqual([]);
    expect(
      zoneEdges('Pacific/Pago_Pago', '9999-12-31', '9999-12-31', 'day')
        .addToPrevious,
    ).toEqual([]);
  });
});

describe('itemFirstDays', () => {
  it('begins an item on the first day, and on each Monday or first of a month after it', () => {
    expect(itemFirstDays('2026-12-02', '2026-12-15', 'week')).toEqual([
      '2026-12-02',
      '2026-12-07',
      '2026-12-14',
    ]);
    expect(itemFirstDays('2026-11-15', '2027-01-01', 'month')).toEqual([
      '2026-11-15',
      '2026-12-01',
      '2027-01-01',
    ]);
    expect(itemFirstDays('9999-12-30', '9999-12-31', 'day')).toEqual([
      '9999-12-30',
      '9999-12-31',
    ]);
    expect(itemFirstDays('9999-12-01', '9999-12-31', 'month')).toEqual([
      '9999-12-01',
    ]);
  });
});
