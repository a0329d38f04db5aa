/**
 * A class-transformer `@Transform` for text that should hold an integer
 * (query strings, environment variables): only plain digits become a number,
 * so "1e3", " 5", "0x10" and "" stay strings and fail their @IsInt rule.
 */
export const digitsToInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
