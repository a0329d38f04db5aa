import { ApiProperty } from '@nestjs/swagger';
export const INGEST_STATUSES = ['counted', 'duplicate', 'voided'] as const;

/** What became of an ingested message. */
export class IngestResultDto {
  /**
   * The message's uuid, lowercase.
   * @example "a596b362-08be-419f-8070-9c3055566e7c"
   */
  @ApiProperty({ format: 'uuid' })
  uuid: string;

  /**
   * `counted`: new, recorded and counted. `duplicate`: already counted with the same content; nothing changed.
   * `voided`: sent before with the same content and since voided; it is not counted again.
   * @example "counted"
   */
  status: (typeof INGEST_STATUSES)[number];
}
