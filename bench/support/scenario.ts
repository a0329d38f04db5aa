import type { Pool } from 'mysql2/promise';
import type { Line } from './report';

/** The lines measured earlier in the run that later ones are compared with. */
export type CeilingName = 'HTTP' | 'Nest floor' | 'DB 1/tx' | 'DB 64/tx';

/** What the scenarios of one run share. */
export interface BenchContext {
  /** A pool on the run's database, which the service's first start migrated. */
  pool: Pool;
  ceilings: Partial<Record<CeilingName, Line>>;
  /** How long seeding the 10-million-row statistics took, if a scenario did. */
  seedSeconds?: number;
}

/** One measurement: what BENCH_ONLY selects it by, and how to run it. */
export interface Scenario {
  name: string;
  /** False when what it needs was not given (a baseline, a cluster). */
  enabled?: () => boolean;
  /** Measures, and answers the lines for the results table. */
  run(context: BenchContext): Promise<Line[]>;
}

/** Each ceiling that was measured, as a ratio column's denominator. */
export function ceilingsOf(
  context: BenchContext,
  names: CeilingName[],
): Array<{ name: string; throughput: number }> {
  return names.flatMap((name) => {
    const line = context.ceilings[name];
    return line ? [{ name, throughput: line.throughput }] : [];
  });
}
