import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Runs src/main.ts as `npm start` would, with only the given environment. */
export function startService(env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/main.ts'],
    {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** Everything a process writes, stdout and stderr together. */
export function outputOf(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { text: () => text };
}

/** The exit code, or the signal that ended the process. */
export function exitOf(
  child: ChildProcess,
): Promise<number | NodeJS.Signals | null> {
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
}

export async function waitForListening(output: {
  text: () => string;
}): Promise<void> {
  await waitForOutput(output, (text) => text.includes('listening on'));
}

/**
 * Waits until the output satisfies `done`. A request's log line is written
 * just after its answer is sent, so a client can hold the answer before
 * the line is out.
 */
export async function waitForOutput(
  output: { text: () => string },
  done: (text: string) => boolean,
): Promise<void> {
  const started = Date.now();
  while (!done(output.text())) {
    if (Date.now() - started > 30000) throw new Error(output.text());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningService {
  child: ChildProcess;
  base: string;
  output: { text: () => string };
}

/**
 * Starts the service on a free port of 127.0.0.1 and waits until /health
 * answers 200. The process is added to `children`, for the test to kill.
 */
export async function startHealthyService(
  env: Record<string, string>,
  children: ChildProcess[],
): Promise<RunningService> {
  const port = await freePort();
  const child = startService({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    ...env,
  });
  children.push(child);
  const output = outputOf(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base, output };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the service did not come up:\n${output.text()}`);
}
