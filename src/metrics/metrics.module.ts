import { Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** Global: ingestion, the repositories and the error filter all report to it. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Times every request by its route template, and counts the refusals of routes that ask (@CountsRefusedMessages). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      this.metrics.observeRequest(
        request.method,
        route,
        status,
        reply.elapsedTime / 1000,
      );
      const config = (request.routeOptions.config ?? {}) as {
        countsRefusedMessages?: boolean;
      };
      if (
        config.countsRefusedMessages === true &&
        [400, 413, 415].includes(status)
      ) {
        this.metrics.countMessage('invalid');
      }
      done();
    });
  }
}
