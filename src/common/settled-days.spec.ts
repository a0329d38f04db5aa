import { lastSettledDay } from './settled-days';

describe('lastSettledDay', () => {
  it('is the day before the one the window reaches back into', () => {
    // The window reaches back to 2026-10-21T19:19:27.877Z: that day may still change.
    expect(lastSettledDay(new Date('2026-11-25T19:19:27.877Z'), 35)).toBe(
      '2026-10-20',
    );
  });

  it('settles a day as soon as the window has left it, to the millisecond', () => {
    expect(lastSettledDay(new Date('2026-11-25T00:00:00.000Z'), 1)).toBe(
      '2026-11-23',
    );
    expect(lastSettledDay(new Date('2026-11-24T23:59:59.999Z'), 1)).toBe(
      '2026-11-22',
    );
  });

  it('is null while the calendar has no settled day yet', () => {
    expect(lastSettledDay(new Date('0001-01-20T00:00:00.000Z'), 35)).toBeNull();
    const firstDaySettles = new Date('0001-01-01T00:00:00.000Z');
    firstDaySettles.setUTCDate(1 + 1 + 35);
    expect(lastSettledDay(firstDaySettles, 35)).toBe('0001-01-01');
  });
});
