import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiProblemResponse } from '../http/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import { DATABASE_UNAVAILABLE, tooBusy } from '../http/problem-examples';
import { Workload } from '../http/workload.decorator';
import { StatsPageDto } from './dto/stats-page.dto';
import { StatsQueryDto } from './dto/stats-query.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('stats')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @RequireScope('read')
  @Workload('read')
  @ApiOperation({
    operationId: 'getStatistics',
    summary:
      'Messages and total amount per customer and type over an interval of days',
    description:
      '`from` and `to` are both inclusive, days in `timeZone` (UTC by default). Pages follow `nextCursor` until it is null. Days up to `settledThrough` (UTC) are final; later ones may still grow by late messages.',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    type: StatsPageDto,
    example: {
      from: '2026-11-01',
      to: '2026-11-30',
      timeZone: 'UTC',
      items: [
        { customerId: 1, type: 'A', messageCount: 2, totalAmount: '0.024' },
      ],
      nextCursor: null,
      settledThrough: '2026-10-20',
    },
  })
  @ApiProblemResponse(
    HttpStatus.BAD_REQUEST,
    'An invalid parameter; `errors` names it.',
    {
      type: ProblemType.validation,
      title: 'Invalid request',
      detail: 'Invalid to.',
      errors: [{ field: 'to', message: 'to must not be before from' }],
    },
  )
  @ApiProblemResponse(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'The interval, in `timeZone`, begins before the first day with counters per quarter hour (a database upgraded after retention removed older messages); the problem names that day.',
    {
      type: ProblemType.beforeQuarterHours,
      title: 'Days before the quarter-hour counters',
      detail:
        '2025-03-01 in Asia/Kolkata begins on 2025-02-28 in UTC, before 2025-03-01, the first day with counters per quarter hour: earlier days are answered in UTC only.',
      firstQuarterHourDay: '2025-03-01',
    },
  )
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'Too many reads are in progress (READ_CONCURRENCY, WORKLOAD_QUEUE_LIMIT), or the database cannot be reached. Retry after the Retry-After seconds.',
    tooBusy('GET /stats'),
    DATABASE_UNAVAILABLE,
  )
  page(@Query() query: StatsQueryDto): Promise<StatsPageDto> {
    return this.statistics.page(query);
  }
}
