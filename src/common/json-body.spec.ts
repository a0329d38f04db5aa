import {
  encodingProblem,
  mediaTypeDetail,
  nestsDeeperThan,
  readJsonBody,
} from './json-body';

describe('nestsDeeperThan', () => {
  const nested = (depth: number) =>
    JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

  it('counts each array or object as one level', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [{}] } }, 3)).toBe(true);
  });

  it('finds the deep branch among shallow ones', () => {
    expect(nestsDeeperThan({ a: 1, b: [2, 3], c: { d: [[[]]] } }, 3)).toBe(
      true,
    );
  });

  it('takes scalars and null as depth zero', () => {
    for (const value of [1, 'x', null, true]) {
      expect(nestsDeeperThan(value, 0)).toBe(false);
    }
  });

  it('stops at the limit, so a value a million deep cannot overflow the stack', () => {
    expect(nestsDeeperThan(nested(1_000_000), 32)).toBe(true);
  });
});

describe('readJsonBody', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  const detailOf = (body: Uint8Array) => {
    const read = readJsonBody(body);
    return 'problem' in read ? read.problem.detail : undefined;
  };

  it('reads a JSON object', () => {
    expect(readJsonBody(bytes('{"a": [1, "é"]}'))).toEqual({
      value: { a: [1, 'é'] },
    });
  });

  it('drops a leading byte order mark, as Fastify always did', () => {
    expect(readJsonBody(bytes('\uFEFF{"a": 1}'))).toEqual({ value: { a: 1 } });
  });

  it('refuses bytes that are not UTF-8 instead of replacing them with U+FFFD', () => {
    const body = Buffer.concat([
      bytes('{"type": "P'),
      Buffer.from([0xff, 0xfe]),
      bytes('"}'),
    ]);
    expect(detailOf(body)).toBe('The body is not valid UTF-8.');
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a lone surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
  ])('refuses %s', (_, sequence) => {
    const body = Buffer.concat([
      bytes('{"type": "'),
      Buffer.from(sequence),
      bytes('"}'),
    ]);
    expect(detailOf(body)).toBe('The body is not valid UTF-8.');
  });

  it.each([
    ['empty', '', 'The body is empty.'],
    ['not JSON', 'not json', 'The body is not valid JSON.'],
    [
      'a __proto__ key',
      '{"__proto__": {"x": 1}}',
      'The body is not valid JSON.',
    ],
    [
      'a constructor.prototype key',
      '{"constructor": {"prototype": {"x": 1}}}',
      'The body is not valid JSON.',
    ],
    [
      'nested too deep',
      `${'['.repeat(40)}${']'.repeat(40)}`,
      'The JSON body nests arrays or objects more than 32 deep.',
    ],
  ])('refuses a body that is %s with 400', (_, text, detail) => {
    expect(readJsonBody(bytes(text))).toEqual({
      problem: { status: 400, detail },
    });
  });

  it('never reads an inexact number as an integer', () => {
    const read = readJsonBody(bytes('{"n": 2.9999999999999999}'));
    expect(read).toEqual({ value: { n: expect.anything() } });
    const { n } = (read as { value: { n: unknown } }).value;
    expect(Number.isInteger(n)).toBe(false);
  });
});

describe('encodingProblem and mediaTypeDetail', () => {
  it('lets identity or no coding through and refuses any other with 415', () => {
    expect(encodingProblem(undefined)).toBeUndefined();
    expect(encodingProblem('identity')).toBeUndefined();
    expect(encodingProblem('gzip')).toEqual({
      status: 415,
      detail:
        'Content-Encoding "gzip" is not supported: send the JSON body uncompressed.',
    });
  });

  it('tells a client that sent no Content-Type which one to send', () => {
    expect(mediaTypeDetail(undefined)).toMatch(
      /no Content-Type.*Content-Type: application\/json/,
    );
    expect(mediaTypeDetail('application/x-www-form-urlencoded')).toMatch(
      /"application\/x-www-form-urlencoded" is not supported.*Content-Type: application\/json/,
    );
  });
});
