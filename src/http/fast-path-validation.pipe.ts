import {
  ArgumentMetadata,
  Injectable,
  PipeTransform,
  ValidationPipe,
} from '@nestjs/common';

/** Returns the DTO for a value that is valid as it stands, or undefined. */
export type FastValidator = (value: unknown) => object | undefined;

const FAST_VALIDATOR = Symbol('FastValidator');

/**
 * Declares a DTO's fast validator: a hand-written check that accepts what
 * the DTO's decorators accept, without class-transformer and
 * class-validator. For the DTOs of hot routes.
 */
export function FastPath(validator: FastValidator): ClassDecorator {
  return (dto) => {
    Object.defineProperty(dto, FAST_VALIDATOR, { value: validator });
  };
}

/**
 * Nest's ValidationPipe, with a fast path for DTOs that declare one
 * (@FastPath): when it accepts a value, the value skips class-transformer
 * and class-validator. Everything else, valid or not, goes through the
 * ValidationPipe, which alone words the errors.
 */
@Injectable()
export class FastPathValidationPipe implements PipeTransform {
  constructor(private readonly validation: ValidationPipe) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const validator = (
      metadata.metatype as { [FAST_VALIDATOR]?: FastValidator } | undefined
    )?.[FAST_VALIDATOR];
    return validator?.(value) ?? this.validation.transform(value, metadata);
  }
}
