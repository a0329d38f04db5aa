import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { OptionalBody } from '../../http/json-object-body.pipe';

/** The longest reason a void keeps, in Unicode characters. */
export const VOID_REASON_MAX_LENGTH = 256;

/** Well-formed UTF-16 (no lone surrogates) of at most 256 Unicode characters. */
const VOID_REASON_PATTERN =
  /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF]){0,256}$/;

export const VOID_REASON_RULE =
  'reason must be at most 256 characters of well-formed Unicode';

/** Why a message is taken back. The body is optional: none at all is a void without a reason. */
@OptionalBody()
export class VoidMessageDto {
  /**
   * Why the message is taken back, kept with the void.
   * @example "sent to the wrong customer"
   */
  @ApiProperty({ required: false, maxLength: VOID_REASON_MAX_LENGTH })
  @IsOptional()
  @Matches(VOID_REASON_PATTERN, { message: VOID_REASON_RULE })
  @IsString()
  reason?: string;
}
