import { ApiProperty } from '@nestjs/swagger';
/** What became of one message of a batch. */
export class BatchItemResultDto {
  /**
   * The message's uuid, lowercase.
   * @example "a596b362-08be-419f-8070-9c3055566e7c"
   */
  @ApiProperty({ format: 'uuid' })
  uuid: string;

  /**
   * `counted`: new, recorded and counted. `duplicate`: already counted with the same content.
   * `voided`: sent before with the same content and since voided; not counted again.
   * `conflict`: already counted with different content. None of the last three changes anything.
   * @example "counted"
   */
  status: 'counted' | 'duplicate' | 'voided' | 'conflict';
}
