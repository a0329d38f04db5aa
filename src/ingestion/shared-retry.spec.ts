import { SharedRetry } from './shared-retry';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedRetry', () => {
  function retrying() {
    const retries: unknown[] = [];
    const outages = { began: 0, ended: 0 };
    const retry = new SharedRetry(
      () => 1,
      (error) => retries.push(error),
      { began: () => outages.began++, ended: () => outages.ended++ },
    );
    return { retry, retries, outages };
  }

  it('writes at once, and concurrently, while nothing fails', async () => {
    const { retry, retries } = retrying();
    let running = 0;
    let most = 0;
    const write = async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      return 'done';
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => retry.run(write, () => false)),
    );
    expect(results).toEqual(Array(5).fill('done'));
    expect(most).toBe(5);
    expect(retries).toEqual([]);
  });

  it('retries one write while the database is away, and lets the others wait for it', async () => {
    const { retry, retries, outages } = retrying();
    let up = false;
    let attempts = 0;
    const write = async (name: string) => {
      attempts++;
      await tick();
      if (!up) throw new Error('down');
      return name;
    };
    const writes = ['a', 'b', 'c', 'd'].map((name) =>
      retry.run(
        () => write(name),
        () => false,
      ),
    );
    // Each write tries once; then only the one that started the outage retries.
    while (retries.length < 20) await tick();
    expect(retry.failing).toBe(true);
    expect(outages).toEqual({ began: 1, ended: 0 });
    expect(attempts).toBe(4 + retries.length - 1);
    up = true;
    expect(await Promise.all(writes)).toEqual(['a', 'b', 'c', 'd']);
    expect(retry.failing).toBe(false);
    expect(outages).toEqual({ began: 1, ended: 1 });
  });

  it('gives up without writing again once stopped', async () => {
    const { retry } = retrying();
    let stopped = false;
    let attempts = 0;
    const write = async () => {
      attempts++;
      await tick();
      throw new Error('down');
    };
    const first = retry.run(write, () => stopped);
    const second = retry.run(write, () => stopped);
    while (attempts < 4) await tick();
    stopped = true;
    expect(await Promise.all([first, second])).toEqual([undefined, undefined]);
    const after = attempts;
    await tick();
    expect(attempts).toBe(after);
  });
});
