import { Amount } from '../../common/amount';
import { voided, voidWithoutChange } from './ledger-entries';
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
