import {
  Controller,
  Get,
  HttpStatus,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '../common/api-problem-response.decorator';
import { ProblemType } from '../common/problem-details';
import { DatabaseHealthRepository } from '../database/repositories/database-health.repository';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealthRepository) {}

  @Get()
  @ApiOperation({ summary: 'Is the service up and its database answering?' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'Up.',
    example: { status: 'ok' },
  })
  @ApiProblemResponse(
    HttpStatus.SERVICE_UNAVAILABLE,
    'The database does not answer.',
  )
  async check(): Promise<{ status: 'ok' }> {
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
