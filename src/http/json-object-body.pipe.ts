import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { validationExceptionFactory } from './validation-exception.factory';

const OPTIONAL_BODY = Symbol('optional body');

/**
 * Marks a body DTO whose fields are all optional: a request without any
 * body reads as `{}`. A body that is sent must still be a JSON object.
 */
export function OptionalBody(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(OPTIONAL_BODY, true, target);
  };
}

/**
 * A JSON body bound to a DTO must be an object: an array, string, number or
 * null is one clear 400. Bodies declared as arrays have their own pipe.
 */
@Injectable()
export class JsonObjectBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || metadata.metatype === Array) return value;
    if (
      value === undefined &&
      metadata.metatype !== undefined &&
      Reflect.getMetadata(OPTIONAL_BODY, metadata.metatype) === true
    ) {
      return {};
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value;
    }
    throw validationExceptionFactory([
      {
        property: '',
        children: [],
        constraints: { isObject: 'the request body must be a JSON object' },
      },
    ]);
  }
}
