import { Scope, SCOPES } from './api-key-ring';

/** So many requests per so many seconds. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/**
 * Parses RATE_LIMITS: comma-separated `target=requests/unit`, unit `s`, `m`
 * or `h`; the target is a scope (`read=50/s`: every key, on read routes) or
 * the name of a key (`dashboard=5/s`: that key, on every route, instead of
 * the scopes' limits). Throws one line naming the bad entry.
 */
export function parseRateLimits(
  text: string | undefined,
  keyNames: readonly string[],
): Map<string, RateLimit> {
  const limits = new Map<string, RateLimit>();
  if (text === undefined || text.trim() === '') return limits;
  for (const entry of text.split(',')) {
    const match = /^([\w.-]+)=(\d{1,9})\/([smh])$/.exec(entry.trim());
    const target = match?.[1];
    if (!match || !target || Number(match[2]) < 1) {
      throw new Error(
        `RATE_LIMITS entry "${entry.trim()}" must look like read=50/s (a scope or key name, requests, s, m or h)`,
      );
    }
    if (
      !(SCOPES as readonly string[]).includes(target) &&
      !keyNames.includes(target)
    ) {
      throw new Error(
        `RATE_LIMITS entry "${target}" names neither a scope (${SCOPES.join(', ')}) nor a key of API_KEYS`,
      );
    }
    if (limits.has(target)) {
      throw new Error(`RATE_LIMITS names "${target}" twice`);
    }
    limits.set(target, {
      requests: Number(match[2]),
      perSeconds: UNITS[match[3]],
    });
  }
  return limits;
}

interface Bucket {
  tokens: number;
  /** When the tokens were last counted, in seconds. */
  at: number;
}

/**
 * Per-key rate limits as token buckets: a key may send a limit's worth of
 * requests at once, then one per its share of the period. Each request
 * costs O(1) time and the state is one bucket per key and scope in use, a
 * set as small as API_KEYS.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: ReadonlyMap<string, RateLimit>,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  get enabled(): boolean {
    return this.limits.size > 0;
  }

  /** The limit a key works under on a scope's routes, if any. */
  limitOf(keyName: string, scope: Scope): RateLimit | undefined {
    return this.limits.get(keyName) ?? this.limits.get(scope);
  }

  /**
   * Takes one request from the key's budget: undefined when it may go on,
   * otherwise the whole seconds until it may send the next.
   */
  take(keyName: string, scope: Scope): number | undefined {
    const limit = this.limitOf(keyName, scope);
    if (limit === undefined) return undefined;
    // A key's own limit covers all its requests; a scope's, that scope's.
    const id = this.limits.has(keyName) ? keyName : `${keyName}\u0000${scope}`;
    const rate = limit.requests / limit.perSeconds;
    const now = this.now();
    const bucket = this.buckets.get(id) ?? { tokens: limit.requests, at: now };
    bucket.tokens = Math.min(
      limit.requests,
      bucket.tokens + (now - bucket.at) * rate,
    );
    bucket.at = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  }
}
