import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import {
  lowercaseUuid,
  UUID_PATTERN,
  UUID_RULE,
} from '../../common/message-rules';

export class UuidParamDto {
  /**
   * The message's uuid, in any case.
   * @example "a596b362-08be-419f-8070-9c3055566e7c"
   */
  @ApiProperty({ format: 'uuid', pattern: UUID_PATTERN.source })
  @Transform(lowercaseUuid)
  @Matches(UUID_PATTERN, { message: UUID_RULE })
  uuid: string;
}
