import Ajv2019 from 'ajv/dist/2019';
import schema from '../schemas/stats_message.json';
import { createTestApp, TestApp } from './support/test-app';

describe(`the message JSON Schema (${process.env.E2E_DATABASE})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const validate = new Ajv2019({ strict: false }).compile(schema);

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
    ]) {
      expect(validate(JSON.parse(JSON.stringify(bad)))).toBe(false);
      await t.http().post('/messages').send(bad).expect(400);
    }
  });
});
