import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { FastPath, FastPathValidationPipe } from './fast-path-validation.pipe';

@FastPath((value: unknown) => (value === 'ok' ? { n: 1 } : undefined))
class HotDto {
  n: number;
}
class OtherDto {}

describe('FastPathValidationPipe', () => {
  const validation = { transform: jest.fn(() => 'from ValidationPipe') };
  const pipe = new FastPathValidationPipe(
    validation as unknown as ValidationPipe,
  );
  const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({
    type: 'body',
    metatype,
  });

  beforeEach(() => validation.transform.mockClear());

  it('answers with the fast validator when it accepts the value', () => {
    expect(pipe.transform('ok', body(HotDto))).toEqual({ n: 1 });
    expect(validation.transform).not.toHaveBeenCalled();
  });

  it('hands what the fast validator does not accept to the ValidationPipe', () => {
    expect(pipe.transform('bad', body(HotDto))).toBe('from ValidationPipe');
    expect(validation.transform).toHaveBeenCalledWith('bad', body(HotDto));
  });

  it('hands every other type to the ValidationPipe', () => {
    expect(pipe.transform('ok', body(OtherDto))).toBe('from ValidationPipe');
    expect(pipe.transform('ok', body(undefined))).toBe('from ValidationPipe');
  });
});
