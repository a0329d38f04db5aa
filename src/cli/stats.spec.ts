import { Amount } from '../common/amount';
import { describeDifference, parseCommand } from './stats';

describe('the stats command line', () => {
  it('reads a command and an inclusive interval', () => {
    expect(
      parseCommand(['verify', '--from', '2026-01-01', '--to', '2026-01-31']),
    ).toEqual({
      command: 'verify',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(
      parseCommand(['rebuild', '--from=2026-02-28', '--to=2026-02-28']).command,
    ).toBe('rebuild');
  });

  it.each([
    [[]],
    [['repair', '--from', '2026-01-01', '--to', '2026-01-02']],
    [['verify', '--from', '2026-01-01']],
    [['verify', '--from', '2026-02-30', '--to', '2026-03-01']],
    [['verify', '--from', '2026-01-02', '--to', '2026-01-01']],
  ])('refuses %j with the usage', (argv) => {
    expect(() => parseCommand(argv)).toThrow(/^usage: stats/);
  });

  it('describes a difference on one line', () => {
    expect(
      describeDifference({
        customerId: 7,
        date: '2026-11-25',
        type: 'A ',
        stored: { messageCount: 2, totalAmount: Amount.parse('0.024') },
        fromLedger: { messageCount: 3, totalAmount: Amount.parse('0.036') },
      }),
    ).toBe(
      'customer 7, 2026-11-25, type "A ": counted 2 messages / 0.024, ledger 3 messages / 0.036',
    );
  });
});
