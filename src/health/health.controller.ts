import {
  applyDecorators,
  Controller,
  Get,
  HttpStatus,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '../common/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import { DatabaseHealthRepository } from '../database/repositories/database-health.repository';

type Healthy = { status: 'ok' };

/** The answers of a check that asks the database. */
const ApiDatabaseCheck = () =>
  applyDecorators(
    ApiResponse({
      status: HttpStatus.OK,
      description: 'The database answers.',
      example: { status: 'ok' },
    }),
    ApiProblemResponse(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The database does not answer within 2 s.',
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
    summary: 'Liveness: is the process up and answering? (no database)',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The process answers.',
    example: { status: 'ok' },
  })
  live(): Healthy {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: does the database answer within 2 s?',
  })
  @ApiDatabaseCheck()
  ready(): Promise<Healthy> {
    return this.checkDatabase();
  }

  @Get()
  @ApiOperation({
    summary: 'Is the service up and its database answering? (as /health/ready)',
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
    return { status: 'ok' };
  }
}
