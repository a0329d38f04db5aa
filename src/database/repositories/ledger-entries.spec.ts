import { Amount } from '../../common/amount';
import {
  counterIncrements,
  countersOf,
  counterValues,
  LedgerEntry,
  PeriodIncrements,
  voided,
  voidWithoutChange,
} from './ledger-entries';
import type { StoredMessage } from './stored-message';

const counted: StoredMessage = {
  uuid: 'a596b362-08be-419f-8070-9c3055566e7c',
  customerId: 1,
  type: 'A',
  amount: Amount.parse('0.012'),
  date: '2026-10-21',
  receivedAt: '2026-10-21T12:00:00.000Z',
};

describe('a void', () => {
  it('voids a counted message whose day is not settled', () => {
    expect(voidWithoutChange(counted, '2026-10-20')).toBeUndefined();
    expect(voidWithoutChange(counted, null)).toBeUndefined();
  });

  it('refuses a message counted on the last settled day, or before', () => {
    expect(voidWithoutChange(counted, '2026-10-21')).toEqual({
      outcome: 'settled',
      message: counted,
    });
    expect(voidWithoutChange(counted, '9999-12-31')?.outcome).toBe('settled');
  });

  it('answers a voided message with its first void, settled or not', () => {
    const before = { ...counted, voidedAt: '2026-10-22T00:00:00.000Z' };
    expect(voidWithoutChange(before, '2026-11-30')).toEqual({
      outcome: 'already_voided',
      message: before,
    });
  });

  it('finds nothing to void for an unknown uuid', () => {
    expect(voidWithoutChange(undefined, null)).toEqual({
      outcome: 'not_found',
    });
  });

  it('keeps the time to the millisecond and a reason only when one was given', () => {
    const at = new Date('2026-10-22T08:09:10.011Z');
    expect(
      voided(counted, { uuid: counted.uuid, at, settledThrough: null }),
    ).toEqual({
      values: ['2026-10-22 08:09:10.011', null],
      message: { ...counted, voidedAt: '2026-10-22T08:09:10.011Z' },
    });
    expect(
      voided(counted, {
        uuid: counted.uuid,
        at,
        reason: '',
        settledThrough: null,
      }).message.voidReason,
    ).toBe('');
  });
});

describe("a transaction's counter increments", () => {
  const entry = (
    uuid: string,
    customerId: number,
    milli: string,
    receivedAt: string,
    eventAt?: string,
  ): LedgerEntry => ({
    uuid,
    customerId,
    type: 'A',
    amount: Amount.parse(milli),
    date: (eventAt ?? receivedAt).slice(0, 10),
    receivedAt: new Date(receivedAt),
    ...(eventAt !== undefined && { eventAt: new Date(eventAt) }),
  });
  const summary = (increments: PeriodIncrements[]) =>
    increments.map(({ period, deltas }) => [
      period.name,
      deltas.map((d) =>
        [d.date, d.quarter, d.customerId, d.count, d.milli.toString()].join(
          ' ',
        ),
      ),
    ]);

  it('go to the quarter hour of each message, then its day, month and year, finest first, in key order', () => {
    const increments = counterIncrements([
      entry('u1', 2, '1', '2026-10-21T12:14:59.999Z'),
      entry('u2', 1, '2', '2026-10-21T12:15:00.000Z'),
      entry('u3', 2, '4', '2026-10-21T12:00:00.000Z'),
      // Arrived after midnight; its own time is the day before's last quarter.
      entry(
        'u4',
        1,
        '8',
        '2026-10-22T00:01:00.000Z',
        '2026-10-21T23:59:59.999Z',
      ),
    ]);

    expect(summary(increments)).toEqual([
      [
        'quarter hour',
        [
          '2026-10-21 48 2 2 5000',
          '2026-10-21 49 1 1 2000',
          '2026-10-21 95 1 1 8000',
        ],
      ],
      ['day', ['2026-10-21  1 2 10000', '2026-10-21  2 2 5000']],
      ['month', ['2026-10-01  1 2 10000', '2026-10-01  2 2 5000']],
      ['year', ['2026-01-01  1 2 10000', '2026-01-01  2 2 5000']],
    ]);
    expect(counterValues(increments[0].deltas[0], 3)).toEqual([
      '2026-10-21',
      48,
      2,
      'A',
      3,
      2,
      '5000',
    ]);
    expect(counterValues(increments[1].deltas[0], 3)).toEqual([
      '2026-10-21',
      1,
      'A',
      3,
      2,
      '10000',
    ]);
  });

  it("name a voided message's quarter hour by its own time, or its arrival's", () => {
    expect(countersOf(counted).map(({ key }) => key)).toEqual([
      ['2026-10-21', 48, 1, 'A'],
      ['2026-10-21', 1, 'A'],
      ['2026-10-01', 1, 'A'],
      ['2026-01-01', 1, 'A'],
    ]);
    expect(
      countersOf({ ...counted, eventAt: '2026-10-21T05:44:59.999Z' })[0].key,
    ).toEqual(['2026-10-21', 22, 1, 'A']);
  });
});
