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

  it('takes a message with a byte order mark, or declared application/json with a charset', () => {
    const parsed = parseMessageBody(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body(valid)]),
      { contentType: 'application/json; charset=utf-8' },
    );
    expect(parsed).toEqual({ message: expect.objectContaining(valid) });
  });

  it.each([
    ['an array', '[1, 2]', /one JSON object/],
    ['four decimals', { ...valid, amount: '0.0001' }, /^amount: /],
    ['a negative customer', { ...valid, customerId: -1 }, /^customerId: /],
    [
      'an inexact integer',
      '{"customerId": 2.9999999999999999, "type": "A", "amount": "1", "uuid": "a596b362-08be-419f-8070-9c3055566e7c"}',
      /^customerId: /,
    ],
    ['no uuid', { ...valid, uuid: undefined }, /^uuid: /],
  ])('names the validation problem of %s', (_, value, detail) => {
    expect(parseMessageBody(body(value))).toEqual({
      problem: {
        type: 'urn:message-stats:problem:validation-error',
        title: 'Invalid request',
        status: 400,
        detail: expect.stringMatching(detail),
      },
    });
  });

  // The problems POST /messages answers before validation, word for word.
  it.each([
    ['not JSON', body('not json'), {}, 400, 'The body is not valid JSON.'],
    [
      'nested too deep',
      body(`${'['.repeat(40)}${']'.repeat(40)}`),
      {},
      400,
      'The JSON body nests arrays or objects more than 32 deep.',
    ],
    [
      'not UTF-8 (FF FE inside type)',
      Buffer.concat([
        body('{"customerId": 777, "type": "P'),
        Buffer.from([0xff, 0xfe]),
        body(
          '", "amount": "1", "uuid": "a596b362-08be-419f-8070-9c3055566e7c"}',
        ),
      ]),
      {},
      400,
      'The body is not valid UTF-8.',
    ],
    [
      'prototype poisoning',
      body(`{"__proto__": {"x": 1}, ${JSON.stringify(valid).slice(1)}`),
      {},
      400,
      'The body is not valid JSON.',
    ],
    [
      'over 64 KiB',
      body({ ...valid, padding: 'x'.repeat(64 * 1024) }),
      {},
      413,
      'Request body is too large',
    ],
    [
      'declared text/plain',
      body(valid),
      { contentType: 'text/plain' },
      415,
      expect.stringMatching(/"text\/plain" is not supported/),
    ],
    [
      'gzip-encoded',
      body(valid),
      { contentEncoding: 'gzip' },
      415,
      expect.stringMatching(/"gzip" is not supported/),
    ],
  ])(
    'refuses a body %s as POST /messages does',
    (_, content, properties, status, detail) => {
      expect(parseMessageBody(content, properties)).toEqual({
        problem: {
          type: 'about:blank',
          title: expect.any(String),
          status,
          detail,
        },
      });
    },
  );

  it('refuses a body one byte over the limit, not one at it', () => {
    const at = (size: number) => {
      const message = body(valid);
      const padded = body({
        ...valid,
        padding: 'x'.repeat(size - message.length - ',"padding":""'.length),
      });
      expect(padded.length).toBe(size);
      return parseMessageBody(padded);
    };
    expect(at(64 * 1024)).toHaveProperty('message');
    expect(at(64 * 1024 + 1)).toHaveProperty('problem.status', 413);
  });
});
