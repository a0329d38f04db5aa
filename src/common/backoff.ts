/** The pause before retry `attempt` (0 for the first), in milliseconds. */
export type Backoff = (attempt: number) => number;

/**
 * Pauses doubling from `firstMs` up to `maxMs`, each between half and all
 * of it: writers that failed together do not retry together, and none
 * waits less than half its turn.
 */
export function backoff({
  firstMs,
  maxMs,
}: {
  firstMs: number;
  maxMs: number;
}): Backoff {
  return (attempt) =>
    Math.min(maxMs, firstMs * 2 ** attempt) * (0.5 + Math.random() / 2);
}
