import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs src/main.ts as `npm start` would, with only the given environment. */
function startService(env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/main.ts'],
    {
      cwd: join(__dirname, '..'),
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function outputOf(child: ChildProcess): { text: () => string } {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { text: () => text };
}

function exitOf(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Spawning a process is slow and the same for both databases: run it once.
const describeOnce =
  process.env.E2E_DATABASE === 'sqlite' ? describe : describe.skip;

describeOnce('starting the service', () => {
  it('refuses an invalid environment with one clear line', async () => {
    const child = startService({
      PORT: 'eighty',
      DATABASE_URL: 'postgres://x/y',
    });
    const output = outputOf(child);

    expect(await exitOf(child)).toBe(1);
    const lines = output.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^message-stats: invalid environment: .*PORT.*DATABASE_URL/,
    );
  });

  it('reports an unreachable database in one line, not a stack dump', async () => {
    const port = await freePort();
    const child = startService({
      DATABASE_URL: `mysql://root@127.0.0.1:${port}/test`,
    });
    const output = outputOf(child);

    expect(await exitOf(child)).toBe(1);
    const lines = output.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 60,
      msg: expect.stringMatching(
        /^cannot reach the database at mysql:\/\/root@127\.0\.0\.1:\d+\/test: .*ECONNREFUSED/,
      ),
    });
  });

  it('runs on the embedded SQLite, serves requests, and stops cleanly on SIGTERM', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'message-stats-'));
    const port = await freePort();
    const child = startService({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(directory, 'nested', 'stats.sqlite')}`,
      NODE_ENV: 'production',
    });
    const output = outputOf(child);
    const exited = exitOf(child);
    try {
      const started = Date.now();
      while (!output.text().includes('listening on')) {
        if (Date.now() - started > 30000) throw new Error(output.text());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);

      child.kill('SIGTERM');

      // Nest closes the app (drains requests, closes the database), then
      // re-raises the signal so the process ends the conventional way.
      expect(await exited).toBe('SIGTERM');
      const lines = output
        .text()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'request completed',
          method: 'GET',
          url: '/health',
          statusCode: 200,
        }),
      );
    } finally {
      child.kill('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
