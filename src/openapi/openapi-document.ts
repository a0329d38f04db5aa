import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER_SCHEME } from '../auth/require-scope.decorator';
import { addCommonResponses } from './common-responses';

/**
 * The service's OpenAPI document, as /docs-json serves it and as
 * `npm run openapi` writes it to openapi.json, the contract CI lints and
 * generates the typed client from.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('message-stats')
      .setDescription(
        'Counts the messages other services process, exactly, and serves the statistics back. ' +
          'Errors are RFC 9457 problem details (application/problem+json). ' +
          'Every response carries X-Request-Id, the id the logs know the request by.',
      )
      .setVersion('1.0.0')
      .addTag(
        'messages',
        'Count processed messages, one or a batch at a time, and look one up.',
      )
      .addTag(
        'statistics',
        'Messages and total amount per customer and type over UTC days.',
      )
      .addTag(
        'health',
        'Liveness and readiness, for orchestrators and load balancers; no API key.',
      )
      .addTag('metrics', 'Prometheus metrics.')
      .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
      // Relative: the document is served by the service it describes.
      .addServer('/', 'The service serving this document')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        // An opaque key, not a JWT (Nest's default format).
        bearerFormat: 'API key',
        description: 'An API key from API_KEYS',
      })
      .addApiKey(
        {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'The same key, in a header',
        },
        API_KEY_HEADER_SCHEME,
      )
      .build(),
  );
  return addCommonResponses(document);
}
