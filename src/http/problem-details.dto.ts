import { ApiProperty } from '@nestjs/swagger';
import { FieldErrorDto } from './field-error.dto';
import { ProblemCounterDto } from './problem-counter.dto';

/** RFC 9457 problem details: the body of every error response (application/problem+json). */
export class ProblemDetailsDto {
  /**
   * A URI naming the kind of problem; "about:blank" when the status says it all.
   * @example "urn:message-stats:problem:validation-error"
   */
  type: string;

  /** @example "Invalid request" */
  title: string;

  /**
   * The HTTP status, repeated.
   * @example 400
   */
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599 })
  status: number;

  /** @example "Invalid amount." */
  detail?: string;

  /** @example "/messages" */
  instance?: string;

  /** Every invalid field, for validation errors. */
  errors?: FieldErrorDto[];

  /** The counters that would overflow, for counter-overflow problems. */
  counters?: ProblemCounterDto[];

  /**
   * The UTC day the message counted on, for message-settled problems.
   * @example "2026-10-01"
   */
  @ApiProperty({ required: false, format: 'date' })
  date?: string;

  /**
   * The last settled UTC day, for message-settled problems.
   * @example "2026-10-20"
   */
  @ApiProperty({ required: false, format: 'date' })
  settledThrough?: string;

  /**
   * The first UTC day with counters per quarter hour, for before-quarter-hours problems.
   * @example "2025-03-01"
   */
  @ApiProperty({ required: false, format: 'date' })
  firstQuarterHourDay?: string;

  /**
   * The request's id, as in the X-Request-Id header and the logs.
   * @example "6f1c0c1e-8a55-4b8e-9d47-0f1e2d3c4b5a"
   */
  requestId?: string;
}
