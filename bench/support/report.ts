import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { SECONDS, CONNECTIONS, ROOT } from './settings';

export interface Line {
  name: string;
  unit: string;
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb?: number;
  /** CPU time (user + system) the server process spent per unit. */
  cpuUs?: number;
  ceilings?: Array<{ name: string; throughput: number }>;
  /** Anything else worth a word, in the ratio column. */
  note?: string;
}

export const lines: Line[] = [];

export function markdown(seedSeconds: number | undefined): string {
  const rows = lines.map((line) => {
    const ratio = [
      ...(line.ceilings ?? []).map(
        ({ name, throughput }) =>
          `${((100 * line.throughput) / throughput).toFixed(0)}% of ${name}`,
      ),
      ...(line.note ? [line.note] : []),
    ].join('; ');
    return `| ${line.name} | ${line.throughput.toLocaleString('en-US')} ${line.unit} | ${line.p50} | ${line.p99} | ${line.errors} | ${line.rssMb ?? ''} | ${line.cpuUs ?? ''} | ${ratio} |`;
  });
  return [
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${SECONDS} s per load, ${CONNECTIONS} connections.`,
    ...(seedSeconds === undefined
      ? []
      : [
          `Seeding 10,000,000 statistics rows took ${seedSeconds.toFixed(0)} s.`,
        ]),
    '',
    '| scenario | throughput | p50 ms | p99 ms | errors | peak RSS MB | CPU µs per unit | ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function writeResults(text: string): void {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const current = readFileSync(file, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const updated =
    current.slice(0, current.indexOf(start) + start.length) +
    `\n${text}\n` +
    current.slice(current.indexOf(end));
  writeFileSync(file, updated);
}
