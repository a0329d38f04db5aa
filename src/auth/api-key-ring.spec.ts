import { ApiKeyRing, parseApiKeys } from './api-key-ring';

const K1 = 'producer-key-0123456789';
const K2 = 'dashboard-key-0123456789';

describe('parseApiKeys', () => {
  it('reads name:scopes:key entries, keeping only a digest of each key', () => {
    const keys = parseApiKeys(
      `producer:ingest:${K1}, dashboard:read:${K2},ops:ingest+read:a:b:c:0123456789abcdef`,
    );
    expect(keys.map(({ name, scopes }) => ({ name, scopes }))).toEqual([
      { name: 'producer', scopes: ['ingest'] },
      { name: 'dashboard', scopes: ['read'] },
      { name: 'ops', scopes: ['ingest', 'read'] },
    ]);
    expect(JSON.stringify(keys)).not.toContain(K1);
  });

  it('reads nothing from an unset or empty variable', () => {
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys('  ')).toEqual([]);
  });

  it.each([
    ['producer', /entry "producer" must look like name:scopes:key/],
    [`producer:write:${K1}`, /scopes "write"/],
    ['producer:ingest:short', /at least 16 characters/],
    [`producer:ingest:${K1},producer:read:${K2}`, /repeats a name or a key/],
    [`a:ingest:${K1},b:read:${K1}`, /entry "b" repeats a name or a key/],
    [`:ingest:${K1}`, /entry 1 must look like/],
  ])(
    'refuses %j with a line that names the entry, not the key',
    (text, message) => {
      expect(() => parseApiKeys(text)).toThrow(message);
      try {
        parseApiKeys(text);
      } catch (error) {
        expect((error as Error).message).not.toContain(K1);
      }
    },
  );
});

describe('ApiKeyRing', () => {
  const ring = new ApiKeyRing(
    parseApiKeys(`producer:ingest:${K1},dashboard:read:${K2}`),
  );

  it('tells who a key belongs to and what it may do', () => {
    expect(ring.identify(K1)).toEqual({ name: 'producer', scopes: ['ingest'] });
    expect(ring.identify(K2)).toEqual({ name: 'dashboard', scopes: ['read'] });
  });

  it('knows no other key, however close', () => {
    expect(ring.identify(`${K1}x`)).toBeUndefined();
    expect(ring.identify(K1.slice(0, -1))).toBeUndefined();
    expect(ring.identify('')).toBeUndefined();
  });

  it('is off when no keys are configured', () => {
    expect(new ApiKeyRing([]).enabled).toBe(false);
    expect(ring.enabled).toBe(true);
  });
});
