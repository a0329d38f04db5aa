import { parseMessageBody } from './amqp-message';

const body = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const valid = {
  customerId: 1,
  type: 'A',
  amount: '0.012',
  uuid: 'a596b362-08be-419f-8070-9c3055566e7c',
};

describe('parseMessageBody', () => {
  it('reads a message as POST /messages does, leaving out unknown properties', () => {
    const parsed = parseMessageBody(body({ ...valid, extra: true }));
    expect(parsed).toEqual({ message: expect.objectContaining(valid) });
    expect('message' in parsed && 'extra' in parsed.message).toBe(false);
  });

  it.each([
    ['not JSON', 'not json', /not JSON/],
    ['an array', '[1, 2]', /one JSON object/],
    ['nested too deep', `${'['.repeat(40)}${']'.repeat(40)}`, /nests/],
    ['four decimals', { ...valid, amount: '0.0001' }, /^amount: /],
    ['a negative customer', { ...valid, customerId: -1 }, /^customerId: /],
    [
      'an inexact integer',
      '{"customerId": 2.9999999999999999, "type": "A", "amount": "1", "uuid": "a596b362-08be-419f-8070-9c3055566e7c"}',
      /^customerId: /,
    ],
    ['no uuid', { ...valid, uuid: undefined }, /^uuid: /],
  ])('names the problem of %s', (_, value, problem) => {
    const parsed = parseMessageBody(body(value));
    expect(parsed).toEqual({ problem: expect.stringMatching(problem) });
  });
});
