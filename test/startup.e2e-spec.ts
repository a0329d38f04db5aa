import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { aMessage } from './support/message-factory';
import {
  exitOf,
  freePort,
  outputOf,
  startService,
  waitForListening,
  waitForOutput,
} from './support/service-process';
import { createTestDatabase } from './support/test-database';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Spawning a process is slow and the same for both databases: run it once.
const describeOnce =
  process.env.E2E_DATABASE === 'sqlite' ? describe : describe.skip;

describeOnce('starting the service', () => {
  it.each([
    ['the service', ['-r', 'ts-node/register/transpile-only', 'src/main.ts']],
    ['the test run', ['jest.config.js']],
  ])(
    'refuses an unsupported Node.js in %s with one line, before anything native loads',
    async (_, entry) => {
      // Node.js 20 as the process reports itself; better-sqlite3 would
      // otherwise end such a run with "Segmentation fault".
      const pretend =
        "Object.defineProperty(process, 'version', { value: 'v20.20.2' });" +
        "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });";
      const [first, ...rest] = entry;
      const child = spawn(
        process.execPath,
        first === '-r'
          ? [first, rest[0], '-e', `${pretend} require('./${rest[1]}')`]
          : ['-e', `${pretend} require('./${first}')`],
        { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const output = outputOf(child);
      expect(await exitOf(child)).toBe(1);
      expect(output.text().trim()).toMatch(
        /^message-stats needs Node\.js 22 or newer .*this is Node\.js v20\.20\.2\. Use Node\.js 24: eval "\$\(scripts\/toolchain\.sh\)"/,
      );
    },
  );

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

  it('names the database, password masked, when it refuses the user', async () => {
    const server = new URL(
      process.env.TEST_DATABASE_URL || 'mysql://root@127.0.0.1:3306/test',
    );
    const reachable = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(server.port || 3306), server.hostname);
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (!reachable) return; // no MySQL/MariaDB here: nothing to refuse us
    const child = startService({
      DATABASE_URL: `mysql://no_such_user_e2e:secret@${server.host}/test`,
    });
    const output = outputOf(child);
    expect(await exitOf(child)).toBe(1);
    const lines = output.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    const { msg } = JSON.parse(lines[0]) as { msg: string };
    expect(msg).toMatch(
      /^cannot reach the database at mysql:\/\/no_such_user_e2e:\*\*\*@.*\/test: Access denied/,
    );
    expect(msg).not.toContain('secret');
  });

  it('says at start-up that the schema is behind when MIGRATIONS_RUN=false leaves migrations pending', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'message-stats-behind-'));
    const child = startService({
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(directory, 'behind.sqlite')}`,
      MIGRATIONS_RUN: 'false',
    });
    const output = outputOf(child);
    try {
      await waitForListening(output);
      expect(output.text()).toContain(
        'the database schema is behind this build: 10 migration(s) pending',
      );
    } finally {
      child.kill('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('finds a port in use before it touches the database, and says so in one line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'message-stats-port-'));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const file = join(directory, 'never.sqlite');
    try {
      const child = startService({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${file}`,
      });
      const output = outputOf(child);
      expect(await exitOf(child)).toBe(1);
      const lines = output.text().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
        level: 60,
        msg: `cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      });
      // No migrations ran: the database was never opened.
      expect(existsSync(file)).toBe(false);
    } finally {
      taken.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses to run in production without API keys, unless told to', async () => {
    const refused = startService({ NODE_ENV: 'production' });
    const output = outputOf(refused);
    expect(await exitOf(refused)).toBe(1);
    expect(output.text().trim()).toMatch(
      /^message-stats: invalid environment: NODE_ENV=production needs API_KEYS \(or AUTH_DISABLED=true/,
    );
  });

  it('runs on the embedded SQLite, serves requests, never logs a key, and stops cleanly on SIGTERM', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'message-stats-'));
    const port = await freePort();
    const key = 'k-0123456789abcdef-secret';
    const child = startService({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(directory, 'stats.sqlite')}`,
      NODE_ENV: 'production',
      API_KEYS: `tester:ingest+read:${key}`,
    });
    const output = outputOf(child);
    const exited = exitOf(child);
    try {
      await waitForListening(output);
      const health = await fetch(`http://127.0.0.1:${port}/health`, {
        headers: { 'x-request-id': 'trace-startup-1' },
      });
      expect(health.status).toBe(200);
      const stats = await fetch(
        `http://127.0.0.1:${port}/stats?from=2026-01-01&to=2026-01-01`,
        {
          headers: { authorization: `Bearer ${key}` },
        },
      );
      expect(stats.status).toBe(200);
      const refused = await fetch(
        `http://127.0.0.1:${port}/stats?from=2026-01-01&to=2026-01-01`,
        {
          headers: { 'x-api-key': `${key}-wrong` },
        },
      );
      expect(refused.status).toBe(401);
      // A key sent by mistake in the query string never reaches the logs.
      const inQuery = await fetch(
        `http://127.0.0.1:${port}/stats?from=2026-01-01&to=2026-01-01&api_key=${key}`,
      );
      expect(inQuery.status).toBe(401);
      await waitForOutput(
        output,
        (text) => text.split('request completed').length - 1 === 4,
      );

      child.kill('SIGTERM');

      // Nest closes the app (drains requests, closes the database), then
      // re-raises the signal so the process ends the conventional way.
      expect(await exited).toBe('SIGTERM');
      const lines = output
        .text()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      // The first start applied the migrations and said so; the keys are
      // named, never shown.
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: expect.stringMatching(/^applied \w+\d{13}$/),
        }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'API keys: tester (ingest+read)' }),
      );
      // Request lines in the shape pino-http and Fastify use.
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'request completed',
          reqId: 'trace-startup-1',
          req: { method: 'GET', url: '/health' },
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
        }),
      );
      // With the name of the key it was made with, when there was one.
      expect(lines).toContainEqual(
        expect.objectContaining({
          req: { method: 'GET', url: '/stats?from=2026-01-01&to=2026-01-01' },
          res: { statusCode: 200 },
          apiKey: 'tester',
        }),
      );
      // Every request's line carries its id, given or made.
      const requestLines = lines.filter((line) => line.req !== undefined);
      expect(requestLines).toHaveLength(4);
      expect(requestLines).toContainEqual(
        expect.objectContaining({
          req: {
            method: 'GET',
            url: '/stats?from=2026-01-01&to=2026-01-01&api_key=[REDACTED]',
          },
          res: { statusCode: 401 },
        }),
      );
      for (const line of requestLines) {
        expect(line.reqId).toEqual(expect.any(String));
      }
      expect(output.text()).not.toContain(key);
      expect(output.text()).not.toContain('AUTHENTICATION IS OFF');
    } finally {
      child.kill('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describeOnce(
  'the TypeORM CLI through ormconfig.ts (for migration:generate)',
  () => {
    it('reads the migrations of DATABASE_URL', async () => {
      const directory = mkdtempSync(join(tmpdir(), 'message-stats-cli-'));
      try {
        // TypeORM's migration:show exits 1 while migrations are pending.
        const { stdout } = await promisify(execFile)(
          'npm',
          ['run', '--silent', 'typeorm', '--', 'migration:show'],
          {
            cwd: join(__dirname, '..'),
            env: {
              ...process.env,
              DATABASE_URL: `sqlite:${join(directory, 'cli.sqlite')}`,
            },
          },
        ).catch((error: { stdout: string }) => error);
        expect(stdout).toContain(
          '[ ] CreateLedgerAndDailyStatistics1764100000000',
        );
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  },
);

const describeMysql =
  process.env.E2E_DATABASE === 'mysql' ? describe : describe.skip;

describeMysql('stopping the service under a request (mysql)', () => {
  it('stops accepting, finishes the in-flight request, then exits on SIGTERM', async () => {
    const database = await createTestDatabase();
    if (database.config.type !== 'mysql') throw new Error('mysql only');
    const port = await freePort();
    const child = startService({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.config.url,
    });
    const output = outputOf(child);
    const exited = exitOf(child);
    const outputClosed = new Promise((resolve) => child.once('close', resolve));
    const locker = await createConnection({ uri: database.config.url });
    const base = `http://127.0.0.1:${port}`;
    const post = (body: unknown) =>
      fetch(`${base}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      await waitForListening(output);
      expect((await post(aMessage({ customerId: 5 }))).status).toBe(201);

      // Hold the counter row so the next request stays in flight.
      await locker.query('START TRANSACTION');
      await locker.query(
        'SELECT * FROM daily_statistics WHERE customer_id = 5 FOR UPDATE',
      );
      const uuid = randomUUID();
      const inFlight = post(aMessage({ uuid, customerId: 5 }));
      await new Promise((resolve) => setTimeout(resolve, 500));

      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expect(fetch(`${base}/health`)).rejects.toThrow();

      await locker.query('ROLLBACK');
      const response = await inFlight;
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ uuid, status: 'counted' });
      expect(await exited).toBe('SIGTERM');
      // 'exit' can come before the last lines are read from the pipe: 'close' comes after.
      await outputClosed;
      // The drain is logged from its start, with what was in flight, to its end.
      const said = output
        .text()
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      const start = said.indexOf(
        'shutting down: no new connections; 1 request(s) in flight are answered first',
      );
      const end = said.findIndex((msg) =>
        /^every request answered \(\d+ ms\); closing the database$/.test(msg),
      );
      // A failure shows what the drain logged, from its start.
      expect({
        started: start >= 0,
        answeredAfter: end > start,
        drain: said.slice(Math.max(start, 0)),
      }).toMatchObject({ started: true, answeredAfter: true });
    } finally {
      child.kill('SIGKILL');
      await locker.end();
      await database.drop();
    }
  });
});
