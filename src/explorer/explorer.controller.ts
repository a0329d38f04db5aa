import {
  Controller,
  Get,
  NotFoundException,
  Param,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExplorerAssets } from './explorer-assets';

/**
 * The page's own policy, stricter than the service's (which leaves Swagger
 * UI its inline script): its own script and styles only, no inline code,
 * no eval, requests to this service only, never framed.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  `default-src 'none'`,
  `script-src 'self'`,
  `style-src 'self'`,
  `connect-src 'self'`,
  `img-src 'self'`,
  `form-action 'self'`,
  `base-uri 'none'`,
  `frame-ancestors 'none'`,
].join('; ');

/** The usage explorer: a page over GET /stats (docs/explorer.md). */
@ApiExcludeController()
@Controller('explore')
export class ExplorerController {
  constructor(private readonly assets: ExplorerAssets) {}

  @Get()
  page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send('index.html', request, reply);
  }

  @Get('assets/:file')
  asset(
    @Param('file') file: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    if (file === 'index.html') throw new NotFoundException();
    this.send(file, request, reply);
  }

  private send(name: string, request: FastifyRequest, reply: FastifyReply) {
    if (this.assets.missing) {
      throw new ServiceUnavailableException(this.assets.missing);
    }
    const asset = this.assets.get(name);
    if (asset === undefined) throw new NotFoundException();
    // Revalidated on every load: a new build is picked up at once, an
    // unchanged one costs a 304.
    void reply
      .header('content-security-policy', EXPLORER_CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .header('etag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) {
      void reply.code(304).send();
      return;
    }
    void reply.header('content-type', asset.contentType).send(asset.body);
  }
}
