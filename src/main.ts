// Before anything native loads: one line on an unsupported Node.js.
import './config/supported-node';
import { NestFactory } from '@nestjs/core';
import { createServer } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import {
  createFastifyAdapter,
  createLogger,
  NEST_APP_OPTIONS,
} from './http/fastify-adapter';
import { PinoLoggerService } from './http/pino-logger.service';
import { AppConfig, describeDatabase } from './config/app-config';
import { isDatabaseUnavailable } from './database/database-errors';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    console.error(`message-stats: ${(error as Error).message}`);
    process.exit(1);
  }
  const logger = createLogger(config);
  // Before the database and its migrations: a port in use is found at once.
  const portProblem = await portInUse(config.host, config.port);
  if (portProblem) {
    logger.fatal(
      `cannot listen on ${config.host}:${config.port}: ${portProblem}`,
    );
    process.exit(1);
  }

  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot(config),
      createFastifyAdapter(logger, config),
      // Start-up failures are reported below in one line, not as Nest's stack dump.
      {
        ...NEST_APP_OPTIONS,
        bufferLogs: true,
        autoFlushLogs: false,
        abortOnError: false,
      },
    );
  } catch (error) {
    const reason = isDatabaseUnavailable(error)
      ? `cannot reach the database at ${describeDatabase(config.database)}`
      : 'cannot start';
    logger.fatal(`${reason}: ${(error as Error).message}`);
    process.exit(1);
  }
  app.useLogger(new PinoLoggerService(logger));
  app.flushLogs();
  configureApp(app);
  if (config.apiKeys.length > 0) {
    // Names and scopes only: the keys themselves are never logged.
    logger.info(
      `API keys: ${config.apiKeys.map((key) => `${key.name} (${key.scopes.join('+')})`).join(', ')}`,
    );
  } else {
    logger.warn(
      'AUTHENTICATION IS OFF: no API_KEYS are configured, so anyone who can reach this service can write and read its statistics',
    );
  }
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    logger.fatal(
      `cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
    );
    await app.close();
    process.exit(1);
  }
  logger.info(
    `message-stats listening on http://${config.host}:${config.port} (docs at /docs), database ${describeDatabase(config.database)}`,
  );
}

/** Why nothing can listen on host:port now (say, EADDRINUSE), or undefined. */
function portInUse(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error) => resolve(error.message));
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

void bootstrap();
