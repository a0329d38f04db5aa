import { Controller, Get, Header, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/require-scope.decorator';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @RequireScope('read')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    operationId: 'getMetrics',
    description:
      "The Prometheus text format: the service's own metrics (message_stats_*) and the Node.js process metrics under their standard names.",
    summary:
      'Prometheus metrics: messages by outcome, latency, database errors, pool',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The Prometheus text exposition format, version 0.0.4.',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example:
          '# HELP message_stats_messages_total Messages by outcome: counted, duplicate, conflict, overflow (a counter would pass its limit), or invalid (a rejected ingest request).\n' +
          '# TYPE message_stats_messages_total counter\n' +
          'message_stats_messages_total{outcome="counted"} 2\n',
      },
    },
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
