import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import {
  IngestMessageDto,
  validMessageOrUndefined,
} from './ingest-message.dto';

function check(plain: Record<string, unknown>) {
  const dto = plainToInstance(IngestMessageDto, plain);
  const errors = validateSync(dto, { whitelist: true, stopAtFirstError: true });
  return { dto, fields: errors.map((error) => error.property) };
}

const valid = {
  customerId: 1,
  type: 'A',
  amount: '0.012',
  uuid: 'A596B362-08BE-419F-8070-9C3055566E7C',
};

describe('IngestMessageDto', () => {
  it('accepts the example message and lowercases its uuid', () => {
    const { dto, fields } = check(valid);
    expect(fields).toEqual([]);
    expect(dto.uuid).toBe('a596b362-08be-419f-8070-9c3055566e7c');
  });

  it('defaults a missing type to ""', () => {
    const withoutType: Record<string, unknown> = { ...valid };
    delete withoutType.type;
    const { dto, fields } = check(withoutType);
    expect(fields).toEqual([]);
    expect(dto.type).toBe('');
  });

  it.each([
    ['x'.repeat(64), true],
    ['😀'.repeat(64), true],
    ['x'.repeat(65), false],
    ['😀'.repeat(65), false],
    ['\ud83d', false],
    ['a\udc00b', false],
    ['', true],
  ])('judges the type %j valid: %s', (type, ok) => {
    expect(check({ ...valid, type }).fields).toEqual(ok ? [] : ['type']);
  });

  it.each([
    [{ customerId: '1' }, 'customerId'],
    [{ customerId: 2 ** 53 }, 'customerId'],
    [{ amount: '1.2345' }, 'amount'],
    [{ amount: 1 }, 'amount'],
    [{ uuid: '' }, 'uuid'],
  ])('refuses %j', (change, field) => {
    expect(check({ ...valid, ...change }).fields).toEqual([field]);
  });

  describe('validMessageOrUndefined, the fast path', () => {
    const anyValue = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary', maxLength: 70 }),
      fc.integer(),
      fc.double(),
      fc.constantFrom(2 ** 53, -1, -0, 1.5, '1', '', '\ud800', null),
    );
    const field = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: good, weight: 4 }, anyValue);
    const body = fc.record(
      {
        customerId: field(fc.nat()),
        type: field(fc.string({ unit: 'grapheme', maxLength: 66 })),
        amount: field(fc.stringMatching(/^\d{1,13}(\.\d{0,4})?$/)),
        uuid: field(
          fc.oneof(
            fc.uuid(),
            fc.uuid().map((uuid) => uuid.toUpperCase()),
            fc.constant('00000000-0000-0000-0000-000000000000'),
          ),
        ),
        extra: anyValue,
      },
      { requiredKeys: [] },
    );

    it('accepts exactly what the decorators accept, with the same DTO', () => {
      fc.assert(
        fc.property(body, (plain) => {
          const { dto, fields } = check(plain);
          const fast = validMessageOrUndefined(plain);
          expect(fast !== undefined).toBe(fields.length === 0);
          if (fast !== undefined) {
            expect(fast).toBeInstanceOf(IngestMessageDto);
            expect({ ...fast }).toEqual({ ...dto });
          }
        }),
        { numRuns: 5000 },
      );
    });

    it('leaves anything but an object to the decorators', () => {
      for (const value of [null, [valid], 'x', 1]) {
        expect(validMessageOrUndefined(value)).toBeUndefined();
      }
    });
  });
});
