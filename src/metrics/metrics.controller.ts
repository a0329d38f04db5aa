import { Controller, Get, Header, HttpStatus } from '@nestjs/common';
import {
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiSecuredResponses } from '../auth/api-secured-responses.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@ApiSecuredResponses()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @RequireScope('read')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      'Prometheus metrics: messages by outcome, latency, database errors, pool',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The Prometheus text format.',
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
