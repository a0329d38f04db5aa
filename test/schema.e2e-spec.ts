import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import schema from '../schemas/stats_message.json';
import { useTestApp } from './support/test-app';

describe(`the message JSON Schema (${process.env.E2E_DATABASE})`, () => {
  const t = useTestApp();

  // With formats: without them Ajv ignores "date-time" and lets any string through.
  const validate = addFormats(new Ajv2019({ strict: false })).compile(schema);

  it('is draft 2019-09 with the agreed $id', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2019-09/schema');
    expect(schema.$id).toBe('http://jagaad.com/stats_message.json');
  });

  it('validates its own example, and the API accepts that example', async () => {
    const [example] = schema.examples;
    expect(validate(example)).toBe(true);

    const response = await t.http().post('/messages').send(example).expect(201);

    expect(response.body).toEqual({ uuid: example.uuid, status: 'counted' });
  });

  it('rejects what the API rejects for lack of a required field or a wrong JSON type', async () => {
    const [example] = schema.examples;
    for (const bad of [
      { ...example, customerId: '1' },
      { ...example, amount: 0.012 },
      { ...example, uuid: undefined },
      { ...example, uuid: 'a596b36208be419f80709c3055566e7c' },
    ]) {
      expect(validate(JSON.parse(JSON.stringify(bad)))).toBe(false);
      await t.http().post('/messages').send(bad).expect(400);
    }
  });

  it('states the uuid rule the API applies: any version and variant, any case', async () => {
    const [example] = schema.examples;
    const { pattern } = schema.properties.uuid;
    const served = (await t.http().get('/docs-json').expect(200)).body as {
      components: {
        schemas: {
          IngestMessageDto: { properties: { uuid: { pattern: string } } };
        };
      };
    };
    expect(
      served.components.schemas.IngestMessageDto.properties.uuid.pattern,
    ).toBe(pattern);
    for (const uuid of [
      '11111111-1111-1111-1111-111111111111',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    ]) {
      expect(validate({ ...example, uuid })).toBe(true);
      await t
        .http()
        .post('/messages')
        .send({ ...example, uuid })
        .expect(201);
    }
  });

  it('states the timestamp rule the API applies, and refuses what the API refuses as malformed', async () => {
    const [example] = schema.examples;
    const { pattern } = schema.properties.timestamp;
    const served = (await t.http().get('/docs-json').expect(200)).body as {
      components: {
        schemas: {
          IngestMessageDto: { properties: { timestamp: { pattern: string } } };
        };
      };
    };
    expect(
      served.components.schemas.IngestMessageDto.properties.timestamp.pattern,
    ).toBe(pattern);
    for (const timestamp of [
      '2026-11-25T11:00:00.123+01:00',
      '2026-11-25t10:00:00z',
      schema.properties.timestamp.examples[0],
    ]) {
      expect({ timestamp, valid: validate({ ...example, timestamp }) }).toEqual(
        { timestamp, valid: true },
      );
    }
    for (const timestamp of [
      '2026-11-25',
      '2026-11-25T10:00:00',
      '2026-11-25T10:00:00.1234Z',
      '2026-11-25 10:00:00Z',
      '2026-02-30T10:00:00Z',
      1764064800,
    ]) {
      expect({ timestamp, valid: validate({ ...example, timestamp }) }).toEqual(
        { timestamp, valid: false },
      );
      await t
        .http()
        .post('/messages')
        .send({ ...example, timestamp })
        .expect(400);
    }
  });

  it('leaves type out as the API does: counted under ""', async () => {
    const [example] = schema.examples;
    const { type: _left, ...message } = {
      ...example,
      uuid: 'a596b362-08be-419f-8070-9c3055566e7d',
    };
    await t.http().post('/messages').send(message).expect(201);
    const found = await t.http().get(`/messages/${message.uuid}`).expect(200);
    expect(found.body.type).toBe('');
  });
});
