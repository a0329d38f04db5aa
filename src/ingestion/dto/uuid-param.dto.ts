import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { lowercaseUuid } from '../../common/message-rules';
import { IsUUID } from 'class-validator';

export class UuidParamDto {
  /**
   * The message's uuid, in any case.
   * @example "a596b362-08be-419f-8070-9c3055566e7c"
   */
  @ApiProperty({ format: 'uuid' })
  @Transform(lowercaseUuid)
  @IsUUID('all')
  uuid: string;
}
