import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IngestMessageDto } from './ingest-message.dto';

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
});
