import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { StatsQueryDto, validStatsQueryOrUndefined } from './stats-query.dto';

/** What the ValidationPipe does with a query: transform, then validate with the whitelist. */
function check(plain: Record<string, unknown>) {
  const dto = plainToInstance(StatsQueryDto, plain);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
  });
  return { dto, fields: errors.map((error) => error.property) };
}

describe('StatsQueryDto', () => {
  describe('validStatsQueryOrUndefined, the fast path', () => {
    // A query string gives strings, and arrays of them for repeated keys.
    const anyValue = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.array(fc.string({ maxLength: 12 }), { minLength: 2, maxLength: 3 }),
      fc.constantFrom('', '0', '-1', '1e3', ' 5', '0x10', '1.5', '\ud800'),
    );
    const field = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: good, weight: 4 }, anyValue);
    const day = fc
      .date({
        min: new Date('0001-01-01T00:00:00Z'),
        max: new Date('9999-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
    const aDay = fc.oneof(
      day,
      fc.constantFrom('2024-02-29', '2025-02-29', '2026-13-01', '2026-1-01'),
    );
    const digits = fc.oneof(
      fc.nat({ max: 20_000 }).map(String),
      fc.bigInt({ min: 0n, max: 10n ** 17n }).map(String),
      fc.constantFrom('9007199254740991', '9007199254740992', '00012'),
    );
    const query = fc.record(
      {
        from: field(aDay),
        to: field(aDay),
        customerId: field(digits),
        type: field(fc.string({ unit: 'grapheme', maxLength: 66 })),
        groupBy: field(
          fc.constantFrom('day', 'week', 'month', 'year', 'Day', 'hour'),
        ),
        limit: field(digits),
        cursor: field(fc.string({ maxLength: 30 })),
        extra: anyValue,
      },
      { requiredKeys: [] },
    );

    it('accepts exactly what the decorators accept, with the same DTO', () => {
      fc.assert(
        fc.property(query, (plain) => {
          const { dto, fields } = check(plain);
          const fast = validStatsQueryOrUndefined(plain);
          expect(fast !== undefined).toBe(fields.length === 0);
          if (fast !== undefined) {
            expect(fast).toBeInstanceOf(StatsQueryDto);
            expect({ ...fast }).toEqual({ ...dto });
          }
        }),
        { numRuns: 5000 },
      );
    });

    it('accepts the common queries, with the default page size', () => {
      expect({
        ...validStatsQueryOrUndefined({
          from: '2026-01-01',
          to: '2026-12-31',
          customerId: '42',
        }),
      }).toEqual({
        from: '2026-01-01',
        to: '2026-12-31',
        customerId: 42,
        limit: 1000,
      });
    });

    it('leaves anything but an object to the decorators', () => {
      for (const value of [null, ['from'], 'x', 1]) {
        expect(validStatsQueryOrUndefined(value)).toBeUndefined();
      }
    });
  });
});
