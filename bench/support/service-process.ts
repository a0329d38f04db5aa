import { Result } from 'autocannon';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { databaseUrl, ROOT, API_KEY, aMessage } from './settings';
import { peakRssMb } from './cpu';
import { loadOn } from './load';

export async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${base} did not come up`);
}

/** The built service of `root` (this checkout, or BENCH_BASELINE's) on its database. */
export async function startService(
  port: number,
  env: Record<string, string> = {},
  build: { root: string; databaseUrl: string; node?: string } = {
    root: ROOT,
    databaseUrl,
  },
) {
  const child = spawn(build.node ?? process.execPath, ['dist/main.js'], {
    cwd: build.root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: build.databaseUrl,
      API_KEYS: `bench:ingest+read:${API_KEY}`,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  return { child, base };
}

export async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Forks a stand-alone server of bench/servers/ on port 3999 and waits until it listens. */
export async function forkServer(
  file: string,
  execArgv: string[] = [],
): Promise<ChildProcess> {
  const child = fork(join(__dirname, '..', 'servers', file), [], {
    env: { ...process.env, PORT: '3999' },
    execArgv,
  });
  await new Promise((resolve) => child.once('message', resolve));
  return child;
}

/** Forks a stand-alone server of bench/, loads its POST /messages, stops it. */
export async function loadForkedServer(
  file: string,
  execArgv: string[] = [],
): Promise<{ result: Result; cpuUs: number; rssMb: number }> {
  const child = await forkServer(file, execArgv);
  const measured = await loadOn(child.pid!, 'http://127.0.0.1:3999/messages', {
    makeBody: () => JSON.stringify(aMessage()),
  });
  const rssMb = peakRssMb(child.pid!);
  await stop(child);
  return { ...measured, rssMb };
}

// --- 1b. the framework floor -------------------------------------------------
export const TS_NODE = ['-r', 'ts-node/register/transpile-only'];
