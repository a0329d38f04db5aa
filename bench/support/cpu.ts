import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  // utime and stime, fields 14 and 15 of stat, in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** As cpuSeconds, or 0 for a process that has ended since it was found (a server's helper). */
function cpuSecondsIfAlive(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0;
  }
}

/** Every process whose command name is `name` (pgrep -x), or none. */
export function pidsOf(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/**
 * CPU seconds of the whole machine so far (all cores, /proc/stat): busy,
 * and stolen, which the hypervisor gave to other machines while this one
 * wanted it. On a shared host steal moves a latency line more than a
 * change of the service does: one customer's year at 16 connections, the
 * same build four times in a row, gave p99 16 ms with 2 % of the cores
 * stolen and 29 ms with 19 %.
 */
export function machineCpuSeconds(): { busy: number; stolen: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait.
  const busy = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { busy: (busy - ticks[3] - ticks[4]) / 100, stolen: ticks[7] / 100 };
}

/**
 * Where the machine's CPU goes while a load runs: the whole machine's,
 * and the database's, the broker's and the service's shares of it. On two
 * shared cores, messages/s can be no more than two CPU seconds over what
 * all of them spend per message.
 */
export function cpuShares(servicePid: number) {
  const processes = {
    MariaDB: pidsOf('mariadbd'),
    RabbitMQ: pidsOf('beam.smp'),
    service: [servicePid],
  };
  const sample = (): Record<string, number> => {
    const { busy, stolen } = machineCpuSeconds();
    return {
      wall: performance.now() / 1000,
      stolen,
      machine: busy,
      ...Object.fromEntries(
        Object.entries(processes).map(([name, pids]) => [
          name,
          pids.reduce((sum, pid) => sum + cpuSecondsIfAlive(pid), 0),
        ]),
      ),
    };
  };
  const before = sample();
  return {
    /** CPU µs per unit since the start, for `units` units: the service's, and all shares as a note. */
    perUnit(
      units: number,
      unit = 'message',
    ): { serviceUs: number; note: string } {
      const after = sample();
      const us = (name: string) =>
        Math.round(((after[name] - before[name]) * 1e6) / units);
      const parts = Object.keys(processes)
        .map((name) => `${name} ${us(name)}`)
        .join(', ');
      const stolen = Math.round(
        (100 * (after.stolen - before.stolen)) /
          ((after.wall - before.wall) * cpus().length),
      );
      return {
        serviceUs: us('service'),
        note: `machine CPU ${us('machine')} µs per ${unit} (${parts}), ${stolen} % of the cores stolen by the host`,
      };
    },
  };
}
