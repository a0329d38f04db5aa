import { ApiProperty } from '@nestjs/swagger';

/** The answer of a health check that passed. */
export class HealthDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}
