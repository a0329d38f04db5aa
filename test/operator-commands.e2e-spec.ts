import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The commands themselves, once: each runs in a process of its own.
const describeOnce =
  process.env.E2E_DATABASE === 'sqlite' ? describe : describe.skip;

/** Runs an npm script as an operator would, with only the given environment. */
function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      {
        cwd: join(__dirname, '..'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code) : 0,
          output: `${stdout}${stderr}`,
        }),
    );
  });
}

describeOnce('the operator commands', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'message-stats-operator-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('list, apply and list the migrations in production without API keys, printing no SQL', async () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${join(directory, 'migrate.sqlite')}`,
    };
    const pending = await run('migration:show', [], env);
    expect(pending.code).toBe(1);
    expect(pending.output).toContain(
      '[ ] CreateLedgerAndDailyStatistics1764100000000',
    );

    const applied = await run('migration:run', [], env);
    expect(applied.code).toBe(0);
    expect(applied.output).toContain('[X] AddYearlyStatistics1764500000000');
    expect(applied.output).not.toMatch(/query:|CREATE TABLE/);

    expect(await run('migration:show', [], env)).toMatchObject({ code: 0 });
    expect(
      await run(
        'stats:verify',
        ['--from', '2026-01-01', '--to', '2026-01-31'],
        env,
      ),
    ).toMatchObject({
      code: 0,
      output: expect.stringContaining('every counter matches the ledger'),
    });
  });

  it('tell a usage error (64) from a database they cannot reach (69), naming it with its password masked', async () => {
    const unreachable = {
      DATABASE_URL: 'mysql://ops:secret@127.0.0.1:1/message_stats',
    };
    const usage = await run(
      'stats:verify',
      ['--from', '2026-02-01'],
      unreachable,
    );
    expect(usage.code).toBe(64);
    expect(usage.output).toMatch(/^stats: usage: stats <verify\|rebuild>/m);

    const away = await run(
      'stats:verify',
      ['--from', '2026-02-01', '--to', '2026-02-01'],
      unreachable,
    );
    expect(away.code).toBe(69);
    expect(away.output).toContain(
      'stats: cannot reach the database at mysql://ops:***@127.0.0.1:1/message_stats',
    );
    expect(away.output).not.toContain('secret');

    expect(await run('migration:show', [], unreachable)).toMatchObject({
      code: 69,
    });
  });
});
