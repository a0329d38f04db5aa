import { format } from 'mysql2';
import { Amount } from '../../common/amount';
import { recordStatements, withValues } from './record-statements';

describe('a statement written with its values', () => {
  const hostile = [
    "it's",
    'a\\b',
    '\\',
    'x\u0000y',
    '\u001a',
    '\b\t\n\r',
    '"quoted"',
    '?',
    "'); DROP TABLE messages; --",
    'é ü 😀',
    '',
    '2026-12-04 10:00:00.000',
  ];

  it('is what mysql2 would send, for every kind of value the ledger binds', () => {
    const parameters = [
      ...hostile,
      0,
      1,
      9_007_199_254_740_991,
      -3,
      12345678901234567890n,
      null,
      Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
      Buffer.alloc(0),
    ];
    const sql = `SELECT ${parameters.map(() => '?').join(', ')}`;

    expect(withValues({ sql, parameters })).toBe(format(sql, parameters));
  });

  it("is what mysql2 would send for a batch's statements", () => {
    const entries = hostile.map((type, i) => ({
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      customerId: i + 1,
      type,
      amount: Amount.parse('1.5'),
      date: '2026-12-04',
      receivedAt: new Date('2026-12-04T10:00:00.000Z'),
      ...(i % 2 === 0 && { eventAt: new Date('2026-12-04T09:59:59.999Z') }),
    }));

    for (const statement of recordStatements(entries, 2)) {
      expect(withValues(statement)).toBe(
        format(statement.sql, statement.parameters as never),
      );
    }
  });

  it('refuses a parameter count that does not match its placeholders, and a value with no literal', () => {
    expect(() => withValues({ sql: 'SELECT ?, ?', parameters: [1] })).toThrow(
      '1 parameters for 2 placeholders',
    );
    expect(() =>
      withValues({ sql: 'SELECT ?', parameters: [Number.NaN] }),
    ).toThrow(TypeError);
    expect(() => withValues({ sql: 'SELECT ?', parameters: [{}] })).toThrow(
      TypeError,
    );
  });
});
