import {
  applyDecorators,
  Controller,
  Get,
  HttpStatus,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '../http/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import { HealthDto } from './dto/health.dto';
import { DatabaseHealthRepository } from '../database/repositories/database-health.repository';
import { describePending } from '../database/run-migrations';

type Healthy = HealthDto;

/** The answers of a check that asks the database. */
const ApiDatabaseCheck = () =>
  applyDecorators(
    ApiResponse({
      status: HttpStatus.OK,
      description: 'The database answers.',
      type: HealthDto,
    }),
    ApiProblemResponse(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The database does not answer within 2 s, or its schema is behind this build (migrations pending).',
      {
        type: ProblemType.databaseUnavailable,
        title: 'Database unavailable',
        detail: 'The database does not answer.',
      },
    ),
  );

/**
 * Liveness and readiness, for orchestrators and load balancers. Liveness
 * never touches the database, so a database outage cannot get a healthy
 * process restarted; readiness asks the database on a connection of its
 * own, so a busy pool does not read as an outage.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealthRepository) {}

  @Get('live')
  @ApiOperation({
    operationId: 'getLiveness',
    summary: 'Liveness: is the process up and answering? (no database)',
    description:
      'Never touches the database, so a database outage cannot get a healthy process restarted. The container health check.',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The process answers.',
    type: HealthDto,
  })
  live(): Healthy {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: does the database answer within 2 s?',
    description:
      'Asks the database on a connection of its own, so a busy pool does not read as an outage. For load balancers.',
  })
  @ApiDatabaseCheck()
  ready(): Promise<Healthy> {
    return this.checkDatabase();
  }

  @Get()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Is the service up and its database answering? (as /health/ready)',
    description:
      'The same check as /health/ready, at the path tools look for first.',
  })
  @ApiDatabaseCheck()
  check(): Promise<Healthy> {
    return this.checkDatabase();
  }

  private async checkDatabase(): Promise<Healthy> {
    if (!(await this.database.ping())) {
      throw new ServiceUnavailableException({
        type: ProblemType.databaseUnavailable,
        title: 'Database unavailable',
        detail: 'The database does not answer.',
      });
    }
    const pending = await this.database.pendingMigrations();
    if (pending.length > 0) {
      throw new ServiceUnavailableException({
        type: ProblemType.databaseUnavailable,
        title: 'Database schema behind',
        detail: `${describePending(pending)}.`,
      });
    }
    return { status: 'ok' };
  }
}
