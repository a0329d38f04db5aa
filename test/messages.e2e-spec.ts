import { randomUUID } from 'node:crypto';
import { aMessage, aMessageWithInvalidUtf8 } from './support/message-factory';
import { useTestApp } from './support/test-app';

describe(`POST /messages and GET /messages/:uuid (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  const post = (body: unknown) =>
    t
      .http()
      .post('/messages')
      .set('content-type', 'application/json')
      .send(JSON.stringify(body));

  /** Bytes as they are, with only the headers given (supertest would re-encode a Buffer). */
  const postBytes = async (
    body: Uint8Array,
    headers: Record<string, string>,
  ) => {
    const response = await fetch(`${t.baseUrl}/messages`, {
      method: 'POST',
      headers,
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  describe('a new message', () => {
    it('is counted, answered 201 and can be looked up', async () => {
      t.clock.set('2026-03-04T05:06:07.089Z');
      const message = aMessage({ customerId: 7, type: 'B', amount: '1.5' });

      const created = await post(message).expect(201);
      expect(created.body).toEqual({ uuid: message.uuid, status: 'counted' });

      const found = await t
        .http()
        .get(`/messages/${String(message.uuid)}`)
        .expect(200);
      expect(found.body).toEqual({
        uuid: message.uuid,
        customerId: 7,
        type: 'B',
        amount: '1.500',
        date: '2026-03-04',
        receivedAt: '2026-03-04T05:06:07.089Z',
      });
    });

    it('takes the schema default "" when type is missing', async () => {
      const message = aMessage({ type: undefined });
      await post(message).expect(201);
      const found = await t
        .http()
        .get(`/messages/${String(message.uuid)}`)
        .expect(200);
      expect(found.body.type).toBe('');
    });

    it('ignores extra properties', async () => {
      const message = aMessage({ note: 'extra', nested: { a: 1 } });
      await post(message).expect(201);
      const found = await t
        .http()
        .get(`/messages/${String(message.uuid)}`)
        .expect(200);
      expect(found.body).not.toHaveProperty('note');
    });

    it('stores the uuid lowercase and finds it in any case', async () => {
      const uuid = randomUUID();
      const created = await post(aMessage({ uuid: uuid.toUpperCase() })).expect(
        201,
      );
      expect(created.body.uuid).toBe(uuid);
      await t.http().get(`/messages/${uuid.toUpperCase()}`).expect(200);
      await post(aMessage({ uuid })).expect(200);
    });

    it('accepts a UUID of any version and variant, the nil and the max UUID, and finds each', async () => {
      for (const uuid of [
        '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
        '017f22e2-79b0-7cc3-98c4-dc0c0c07398f',
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        // Version 1 by its digit, of the NCS variant: what the README's "any version" promises.
        '11111111-1111-1111-1111-111111111111',
        // Version 0 and 9-f, which no RFC defines.
        'abcdef01-2345-0789-c123-456789abcdef',
        'ABCDEF01-2345-F789-7123-456789ABCDEF',
      ]) {
        await post(aMessage({ uuid })).expect(201);
        await t.http().get(`/messages/${uuid}`).expect(200);
      }
    });

    it.each([
      'a596b362-08be-419f-8070-9c3055566e7',
      'a596b362-08be-419f-8070-9c3055566e7cc',
      'a596b36208be419f80709c3055566e7c',
      '{a596b362-08be-419f-8070-9c3055566e7c}',
      'g596b362-08be-419f-8070-9c3055566e7c',
      ' a596b362-08be-419f-8070-9c3055566e7c',
    ])('refuses the uuid %j with 400 naming the rule', async (uuid) => {
      const response = await post(aMessage({ uuid })).expect(400);
      expect(response.body.errors).toEqual([
        {
          field: 'uuid',
          message:
            'uuid must be a UUID: 32 hex digits grouped 8-4-4-4-12, any version',
        },
      ]);
    });

    it.each(['0', '7', '1.5', '0.012', '999999999999.999', '000000000001.000'])(
      'accepts the amount %j',
      async (amount) => {
        await post(aMessage({ amount })).expect(201);
      },
    );

    // JSON Schema's integer: any number with a zero fraction, however written.
    it.each([
      ['1.0', 1],
      ['1e2', 100],
      ['1.5e1', 15],
      ['-0', 0],
    ])(
      'accepts the customerId %s, an exact integer, as %d',
      async (text, customerId) => {
        const uuid = randomUUID();
        await t
          .http()
          .post('/messages')
          .set('content-type', 'application/json')
          .send(
            `{"customerId": ${text}, "type": "A", "amount": "1", "uuid": "${uuid}"}`,
          )
          .expect(201);
        const found = await t.http().get(`/messages/${uuid}`).expect(200);
        expect(found.body.customerId).toBe(customerId);
      },
    );

    it('accepts customerId 0 and 9007199254740991', async () => {
      await post(aMessage({ customerId: 0 })).expect(201);
      await post(aMessage({ customerId: Number.MAX_SAFE_INTEGER })).expect(201);
    });
  });

  describe('a uuid that was already counted', () => {
    it('with the same content is a 200 duplicate that changes nothing', async () => {
      const message = aMessage({ amount: '5.5' });
      await post(message).expect(201);
      const before = await t.countRows('messages');

      const again = await post({ ...message, amount: '5.500' }).expect(200);

      expect(again.body).toEqual({ uuid: message.uuid, status: 'duplicate' });
      expect(await t.countRows('messages')).toBe(before);
    });

    it.each([
      ['customerId', { customerId: 2 }],
      ['type', { type: 'a' }],
      ['amount', { amount: '5.501' }],
    ])(
      'with a different %s is a 409 conflict that changes nothing',
      async (_field, change) => {
        const message = aMessage({ customerId: 1, type: 'A', amount: '5.5' });
        await post(message).expect(201);
        const stats = await t
          .http()
          .get('/stats?from=2026-11-25&to=2026-11-25&customerId=1&type=A');

        const conflict = await post({ ...message, ...change })
          .expect(409)
          .expect('content-type', /application\/problem\+json/);

        expect(conflict.body).toMatchObject({
          type: 'urn:message-stats:problem:uuid-conflict',
          status: 409,
        });
        const after = await t
          .http()
          .get('/stats?from=2026-11-25&to=2026-11-25&customerId=1&type=A');
        expect(after.body).toEqual(stats.body);
      },
    );
  });

  describe('an invalid message', () => {
    const invalid: Array<[string, Record<string, unknown>]> = [
      ['customerId', { customerId: '1' }],
      ['customerId', { customerId: 1.5 }],
      ['customerId', { customerId: -1 }],
      ['customerId', { customerId: true }],
      ['customerId', { customerId: null }],
      ['customerId', { customerId: undefined }],
      ['customerId', { customerId: 9007199254740992 }],
      ['type', { type: 1 }],
      ['type', { type: null }],
      ['type', { type: 'x'.repeat(65) }],
      ['type', { type: '\ud800' }],
      ['amount', { amount: 0.012 }],
      ['amount', { amount: 12 }],
      ['amount', { amount: '-1' }],
      ['amount', { amount: '+1' }],
      ['amount', { amount: '1e3' }],
      ['amount', { amount: ' 1' }],
      ['amount', { amount: '1 ' }],
      ['amount', { amount: '1,5' }],
      ['amount', { amount: 'NaN' }],
      ['amount', { amount: '' }],
      ['amount', { amount: '0.0001' }],
      ['amount', { amount: '1.' }],
      ['amount', { amount: '.5' }],
      ['amount', { amount: '1234567890123' }],
      ['amount', { amount: '١' }],
      ['amount', { amount: undefined }],
      ['uuid', { uuid: 'not-a-uuid' }],
      ['uuid', { uuid: 'a596b36208be419f80709c3055566e7c' }],
      ['uuid', { uuid: 42 }],
      ['uuid', { uuid: undefined }],
    ];

    it.each(invalid)(
      'is a 400 naming %s for %j, and writes nothing',
      async (field, change) => {
        const before = await t.countRows('messages');
        const response = await post(aMessage(change))
          .expect(400)
          .expect('content-type', /application\/problem\+json/);
        expect(response.body).toMatchObject({
          type: 'urn:message-stats:problem:validation-error',
          status: 400,
          instance: '/messages',
        });
        expect(response.body.errors).toEqual([
          { field, message: expect.any(String) },
        ]);
        expect(await t.countRows('messages')).toBe(before);
      },
    );

    // JSON.parse would round each to an integer (3, 1, 0, 4) before any rule ran.
    it.each([
      '2.9999999999999999',
      '1.0000000000000001',
      '1e-400',
      '4.00000000000000000001e0',
      '-1e-400',
    ])(
      'is a 400 naming customerId for %s, whose text is not an exact integer, and writes nothing',
      async (customerId) => {
        const before = await t.countRows('messages');
        const response = await t
          .http()
          .post('/messages')
          .set('content-type', 'application/json')
          .send(
            `{"customerId": ${customerId}, "type": "A", "amount": "1", "uuid": "${randomUUID()}"}`,
          )
          .expect(400);
        expect(response.body.errors).toEqual([
          { field: 'customerId', message: expect.any(String) },
        ]);
        expect(await t.countRows('messages')).toBe(before);
      },
    );

    it('names every bad field at once', async () => {
      const response = await post({
        customerId: 'x',
        amount: 1,
        uuid: 'y',
        type: 3,
      }).expect(400);
      const fields = (response.body.errors as Array<{ field: string }>).map(
        (e) => e.field,
      );
      expect(fields.sort()).toEqual(['amount', 'customerId', 'type', 'uuid']);
    });

    it.each([['[]'], ['[1]'], ['"text"'], ['42'], ['null']])(
      'is a 400 when the body %s is not an object',
      async (body) => {
        const response = await t
          .http()
          .post('/messages')
          .set('content-type', 'application/json')
          .send(body)
          .expect(400)
          .expect('content-type', /application\/problem\+json/);
        expect(response.body.errors).toEqual([
          { field: 'body', message: expect.any(String) },
        ]);
      },
    );

    it('is a 400 when the JSON is malformed', async () => {
      const response = await t
        .http()
        .post('/messages')
        .set('content-type', 'application/json')
        .send('{"customerId": 1,')
        .expect(400)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 400,
        title: 'Bad Request',
      });
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded'])(
      'is a 415 when the content type is %s, saying which one to send',
      async (contentType) => {
        const response = await t
          .http()
          .post('/messages')
          .set('content-type', contentType)
          .send('customerId=1')
          .expect(415)
          .expect('content-type', /application\/problem\+json/);
        expect(response.body.detail).toBe(
          `Content-Type "${contentType}" is not supported: send the body as JSON with Content-Type: application/json.`,
        );
      },
    );

    it('is a 415 saying to send Content-Type: application/json when the header is missing', async () => {
      const response = await postBytes(
        Buffer.from(JSON.stringify(aMessage())),
        {},
      );
      expect(response).toEqual({
        status: 415,
        body: expect.objectContaining({
          detail:
            'The request has no Content-Type: send the body as JSON with Content-Type: application/json.',
        }),
      });
    });

    it('is a 400 naming UTF-8 when the body is not valid UTF-8, and writes nothing', async () => {
      const before = await t.countRows('messages');
      const body = aMessageWithInvalidUtf8({ customerId: 777 });
      const response = await postBytes(body, {
        'content-type': 'application/json',
      });
      expect(response).toEqual({
        status: 400,
        body: expect.objectContaining({
          detail: 'The body is not valid UTF-8.',
        }),
      });
      expect(await t.countRows('messages')).toBe(before);
    });

    it('is a 415 when the body is declared gzip-encoded, and writes nothing', async () => {
      const before = await t.countRows('messages');
      const response = await postBytes(
        Buffer.from(JSON.stringify(aMessage())),
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      );
      expect(response).toEqual({
        status: 415,
        body: expect.objectContaining({
          detail: expect.stringMatching(/"gzip" is not supported/),
        }),
      });
      expect(await t.countRows('messages')).toBe(before);
    });

    it('takes a body that starts with a byte order mark', async () => {
      const response = await postBytes(
        Buffer.from(`\uFEFF${JSON.stringify(aMessage())}`),
        { 'content-type': 'application/json' },
      );
      expect(response.status).toBe(201);
    });

    it('is a 413 when the body is over 64 KiB, and writes nothing', async () => {
      const before = await t.countRows('messages');
      const response = await post(aMessage({ padding: 'x'.repeat(64 * 1024) }))
        .expect(413)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body.status).toBe(413);
      expect(await t.countRows('messages')).toBe(before);
    });

    it('is accepted just under the 64 KiB limit', async () => {
      const message = aMessage();
      const size = JSON.stringify({ ...message, padding: '' }).length;
      await post({ ...message, padding: 'x'.repeat(64 * 1024 - size) }).expect(
        201,
      );
    });
  });

  describe('GET /messages/:uuid', () => {
    it('is a 404 problem for an unknown uuid', async () => {
      const response = await t
        .http()
        .get(`/messages/${randomUUID()}`)
        .expect(404)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body.status).toBe(404);
    });

    it('is a 400 problem when the path is not a UUID', async () => {
      const response = await t.http().get('/messages/nope').expect(400);
      expect(response.body.errors).toEqual([
        { field: 'uuid', message: expect.any(String) },
      ]);
    });
  });
});
