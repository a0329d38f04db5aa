import { ApiProperty } from '@nestjs/swagger';

/** One invalid input field. */
export class FieldErrorDto {
  /** @example "amount" */
  field: string;

  /** What is wrong with it. */
  @ApiProperty({
    example:
      'amount must be a decimal string with 1-12 integer digits and at most 3 decimals, such as "0.012"',
  })
  message: string;
}
