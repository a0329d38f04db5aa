import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ExplorerAssets } from './explorer-assets';
import { ExplorerController } from './explorer.controller';

/** GET /explore: the usage explorer page; left out when EXPLORER_ENABLED=false. */
@Module({
  controllers: [ExplorerController],
  providers: [ExplorerAssets],
})
export class ExplorerModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * /explore/ sends the browser on to /explore, query and all: the page's
   * URLs are relative to /explore (so that it works behind a proxy's path
   * prefix), and would miss from /explore/. Nest drops a route's trailing
   * slash, so this one is Fastify's own. A 302, not a 301: browsers keep
   * a 301 for good.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/explore/', (request, reply) => {
      const query = request.url.indexOf('?');
      void reply.redirect(
        `../explore${query === -1 ? '' : request.url.slice(query)}`,
        302,
      );
    });
  }
}
