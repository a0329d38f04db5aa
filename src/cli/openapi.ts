/**
 * Prints the OpenAPI document the service serves at /docs-json.
 *
 *   npm run openapi        builds, then writes openapi.json (the committed contract)
 *
 * It runs from the build (node dist/cli/openapi.js): the swagger CLI plugin
 * that turns the DTOs' types and comments into schemas is applied by
 * `nest build`. The app is created, never listens, on a throw-away SQLite
 * file: the document does not depend on the database or the configuration.
 */
import '../config/supported-node';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import {
  createFastifyAdapter,
  createLogger,
  NEST_APP_OPTIONS,
} from '../http/fastify-adapter';
import { AppConfig } from '../config/app-config';
import { createOpenApiDocument } from '../openapi/openapi-document';

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'message-stats-openapi-'));
  try {
    const config = AppConfig.fromEnv({
      DATABASE_URL: `sqlite:${join(folder, 'openapi.sqlite')}`,
      LOG_LEVEL: 'silent',
    });
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config),
      createFastifyAdapter(createLogger(config), config),
      { ...NEST_APP_OPTIONS, logger: false },
    );
    const document = createOpenApiDocument(app);
    await app.close();
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`openapi: ${(error as Error).message}`);
  process.exit(1);
});
