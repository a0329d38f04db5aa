import { ValidationPipe } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loggableError } from './database/database-errors';
import { databaseProblemFor } from './database/database-problems';
import { FastPathValidationPipe } from './http/fast-path-validation.pipe';
import { JsonObjectBodyPipe } from './http/json-object-body.pipe';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { validationExceptionFactory } from './http/validation-exception.factory';
import { ingestionProblemOf } from './ingestion/ingestion-problems';
import { MetricsService } from './metrics/metrics.service';
import { createOpenApiDocument } from './openapi/openapi-document';
import { withTryItOutExamples } from './openapi/try-it-out-examples';

/**
 * Everything about the app that is not a module: validation, the error
 * shape, the OpenAPI document, shutdown. main.ts and the e2e tests both call
 * it, so what is tested is what runs.
 */
export function configureApp(
  app: NestFastifyApplication,
): NestFastifyApplication {
  app.useGlobalPipes(
    new JsonObjectBodyPipe(),
    new FastPathValidationPipe(
      new ValidationPipe({
        transform: true,
        // Extra properties are allowed by the message schema: drop them, do not reject.
        whitelist: true,
        forbidUnknownValues: true,
        // One message per bad field: the first rule it breaks.
        stopAtFirstError: true,
        exceptionFactory: validationExceptionFactory,
      }),
    ),
  );
  const metrics = app.get(MetricsService);
  app.useGlobalFilters(
    new ProblemDetailsFilter({
      translators: [ingestionProblemOf, databaseProblemFor(metrics)],
      loggable: loggableError,
      // A 500 is almost always a database error no rule knows.
      onInternalError: () => metrics.countDatabaseError('other'),
    }),
  );
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    // Only the page's own copy: /docs-json stays the committed openapi.json.
    patchDocumentOnRequest: (request, reply, served) => {
      if (!(request as FastifyRequest).url.endsWith('/swagger-ui-init.js')) {
        return served;
      }
      void (reply as FastifyReply).header('cache-control', 'no-store');
      return withTryItOutExamples(served, new Date());
    },
  });
  return app;
}
