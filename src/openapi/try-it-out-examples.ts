import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  ParameterObject,
  ReferenceObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { randomUUID } from 'node:crypto';
import { lastDayOfMonth, utcDateOf } from '../common/utc-date';

/**
 * The document Swagger UI's "Try it out" starts from, made when the page
 * loads: GET /stats asks for the current UTC month, and POST /messages and
 * the batch carry fresh uuids. With openapi.json's fixed examples a new
 * user who had just posted a message saw `"items": []` (the example month
 * was long past), and posting the example answered `duplicate`. The
 * committed document, and /docs-json, keep their fixed examples.
 */
export function withTryItOutExamples(
  document: OpenAPIObject,
  now: Date,
): OpenAPIObject {
  const copy = structuredClone(document);
  const today = utcDateOf(now);
  const month = { from: `${today.slice(0, 7)}-01`, to: lastDayOfMonth(today) };
  for (const parameter of copy.paths['/stats']?.get?.parameters ?? []) {
    const { name, schema } = parameter as ParameterObject;
    if ((name === 'from' || name === 'to') && schema && !isReference(schema)) {
      schema.example = month[name];
    }
  }
  const single = copy.paths['/messages']?.post?.requestBody;
  if (single && !isReference(single)) {
    single.content['application/json'].example = {
      customerId: 1,
      type: 'A',
      amount: '0.012',
      uuid: randomUUID(),
    };
  }
  const batch = copy.paths['/messages/batch']?.post?.requestBody;
  if (batch && !isReference(batch)) {
    for (const example of Object.values(
      batch.content['application/json'].examples ?? {},
    )) {
      if (isReference(example) || !Array.isArray(example.value)) continue;
      example.value = (example.value as Array<Record<string, unknown>>).map(
        (message) => ({ ...message, uuid: randomUUID() }),
      );
    }
  }
  return copy;
}

const isReference = (value: object): value is ReferenceObject =>
  '$ref' in value;
