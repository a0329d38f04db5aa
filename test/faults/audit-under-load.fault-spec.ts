import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Load, sendAll } from '../support/load';
import { aMessage } from '../support/message-factory';
import { useFaultDatabase } from '../support/fault-database';

/** The stats CLI as `npm run stats:*` runs it, straight through node. */
async function stats(
  command: 'verify' | 'rebuild',
  url: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return promisify(execFile)(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      'src/cli/stats.ts',
      command,
      '--from',
      day(-1),
      '--to',
      day(1),
    ],
    {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: url },
    },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

/**
 * stats:verify and stats:rebuild while the service ingests: verify never
 * reports a difference that is not there, rebuild never dies of a lost race.
 */
describe('verifying and rebuilding under live ingestion (mysql)', () => {
  const database = useFaultDatabase();
  let load: Load | undefined;

  afterEach(async () => {
    // The service is killed by now: what is left fails at once.
    await load?.done;
    load = undefined;
  });

  async function ingesting(): Promise<void> {
    const { base } = await database.start();
    // Few counters, so ingestion and the rebuild want the same rows.
    const messages = Array.from({ length: 10_000 }, (_, i) =>
      aMessage({ customerId: 1 + (i % 5), type: ['A', 'B'][i % 2] }),
    );
    load = sendAll([base], messages, 32);
    while (load.answered() < 200) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('verify finds no difference while messages are being counted', async () => {
    await ingesting();
    for (let run = 0; run < 4; run++) {
      const verify = await stats('verify', database.url);
      expect({ run, ...verify }).toMatchObject({
        run,
        code: 0,
        stdout: expect.stringContaining('every counter matches the ledger'),
      });
    }
  });

  it('rebuild finishes, and leaves every counter equal to the ledger, while messages are being counted', async () => {
    await ingesting();
    for (let run = 0; run < 3; run++) {
      const rebuild = await stats('rebuild', database.url);
      expect({ run, ...rebuild }).toMatchObject({
        run,
        code: 0,
        stdout: expect.stringContaining('every counter matches the ledger'),
      });
    }
    const outcomes = await load!.done;
    expect([...new Set(outcomes.values())]).toEqual([201]);
    expect(await stats('verify', database.url)).toMatchObject({ code: 0 });
    // Four CLI processes, each compiled by ts-node, beside the service and
    // 10,000 messages: on a machine also running CI's cluster tier this
    // took past the default 60 s once.
  }, 180_000);
});
