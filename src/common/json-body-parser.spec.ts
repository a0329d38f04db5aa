import { nestsDeeperThan } from './json-body-parser';

describe('nestsDeeperThan', () => {
  const nested = (depth: number) =>
    JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

  it('counts each array or object as one level', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [{}] } }, 3)).toBe(true);
  });

  it('finds the deep branch among shallow ones', () => {
    expect(nestsDeeperThan({ a: 1, b: [2, 3], c: { d: [[[]]] } }, 3)).toBe(
      true,
    );
  });

  it('takes scalars and null as depth zero', () => {
    for (const value of [1, 'x', null, true]) {
      expect(nestsDeeperThan(value, 0)).toBe(false);
    }
  });

  it('stops at the limit, so a value a million deep cannot overflow the stack', () => {
    expect(nestsDeeperThan(nested(1_000_000), 32)).toBe(true);
  });
});
