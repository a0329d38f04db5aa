import { eventTimesOf } from './event-window';
import { TimestampOutsideWindowError } from './timestamp-outside-window.error';

describe('eventTimesOf', () => {
  const receivedAt = new Date('2026-11-25T12:00:00.000Z');
  const window = { maxAgeDays: 2, maxSkewS: 60 };

  it('reads each timestamp as its instant, and none where there is none', () => {
    expect(
      eventTimesOf(
        ['2026-11-24T13:00:00+01:00', undefined],
        receivedAt,
        window,
        false,
      ),
    ).toEqual([new Date('2026-11-24T12:00:00.000Z'), undefined]);
  });

  it('accepts both bounds, to the millisecond', () => {
    expect(() =>
      eventTimesOf(
        ['2026-11-23T12:00:00.000Z', '2026-11-25T12:01:00.000Z'],
        receivedAt,
        window,
        true,
      ),
    ).not.toThrow();
  });

  it('names every timestamp a millisecond outside, as a batch names fields', () => {
    let refused: unknown;
    try {
      eventTimesOf(
        ['2026-11-23T11:59:59.999Z', undefined, '2026-11-25T12:01:00.001Z'],
        receivedAt,
        window,
        true,
      );
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TimestampOutsideWindowError);
    expect(refused).toMatchObject({
      fields: ['[0].timestamp', '[2].timestamp'],
      indexes: [0, 2],
      earliest: new Date('2026-11-23T12:00:00.000Z'),
      latest: new Date('2026-11-25T12:01:00.000Z'),
    });
  });
});
