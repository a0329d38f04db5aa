import { createHash, timingSafeEqual } from 'node:crypto';

export const SCOPES = ['ingest', 'read'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKey {
  name: string;
  scopes: Scope[];
  /** SHA-256 of the key: the key itself is not kept. */
  digest: Buffer;
}

/** What a presented key turned out to be. */
export type Caller = { name: string; scopes: Scope[] };

const MIN_KEY_LENGTH = 16;

const digestOf = (key: string) =>
  createHash('sha256').update(key, 'utf8').digest();

/**
 * Parses API_KEYS: comma-separated entries `name:scopes:key`, scopes joined
 * by `+` (`producer:ingest:3f9c…,dashboard:read:a71e…,ops:ingest+read:…`).
 * Throws one line naming the entry (by name or position, never the key).
 */
export function parseApiKeys(text: string | undefined): ApiKey[] {
  if (text === undefined || text.trim() === '') return [];
  const names = new Set<string>();
  const digests = new Set<string>();
  return text.split(',').map((entry, index) => {
    const [name, scopeList, ...rest] = entry.trim().split(':');
    const key = rest.join(':');
    const where = name
      ? `API_KEYS entry "${name}"`
      : `API_KEYS entry ${index + 1}`;
    if (
      !name ||
      scopeList === undefined ||
      rest.length === 0 ||
      !/^[\w.-]+$/.test(name)
    ) {
      throw new Error(
        `${where} must look like name:scopes:key (scopes join with +, as in ops:ingest+read:KEY, and entries with commas)`,
      );
    }
    const scopes = scopeList.split('+');
    if (
      scopes.some((scope) => !(SCOPES as readonly string[]).includes(scope))
    ) {
      throw new Error(
        `${where} has scopes "${scopeList}"; use ingest, read or ingest+read`,
      );
    }
    if (key.length < MIN_KEY_LENGTH || /\s/.test(key)) {
      throw new Error(
        `${where} needs a key of at least ${MIN_KEY_LENGTH} characters, no spaces`,
      );
    }
    const digest = digestOf(key);
    if (names.has(name) || digests.has(digest.toString('hex'))) {
      throw new Error(`${where} repeats a name or a key`);
    }
    names.add(name);
    digests.add(digest.toString('hex'));
    return { name, scopes: [...new Set(scopes as Scope[])], digest };
  });
}

/** The configured keys, checked in constant time. */
export class ApiKeyRing {
  constructor(private readonly keys: ApiKey[]) {}

  get enabled(): boolean {
    return this.keys.length > 0;
  }

  /**
   * The caller a key belongs to, or undefined. Every configured key is
   * compared, digest against digest, so the time taken says nothing about
   * which key matched or how much of it.
   */
  identify(presented: string): Caller | undefined {
    const digest = digestOf(presented);
    let found: ApiKey | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(key.digest, digest)) found = key;
    }
    return found && { name: found.name, scopes: found.scopes };
  }
}
