import { ConcurrencyGate, GateRefusedError } from './concurrency-gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyGate', () => {
  it('lets `concurrency` holders in at once and the next in line as each leaves', async () => {
    const gate = new ConcurrencyGate(2, 10, 10_000);
    const order: string[] = [];
    const [leaveA, leaveB] = await Promise.all([gate.enter(), gate.enter()]);
    const c = gate.enter().then((leave) => (order.push('c'), leave));
    const d = gate.enter().then((leave) => (order.push('d'), leave));
    await tick();
    expect(gate.load).toEqual({ holding: 2, waiting: 2 });
    expect(order).toEqual([]);

    leaveA();
    leaveA(); // a second call gives nothing back twice
    await tick();
    expect(order).toEqual(['c']);
    leaveB();
    await tick();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    (await d)();
    expect(gate.load).toEqual({ holding: 0, waiting: 0 });
  });

  it('refuses at once when the queue is full', async () => {
    const gate = new ConcurrencyGate(1, 1, 10_000);
    const leave = await gate.enter();
    const waiting = gate.enter();
    await expect(gate.enter()).rejects.toEqual(
      new GateRefusedError('queue-full'),
    );
    leave();
    (await waiting)();
  });

  it('refuses a waiter that waited too long, and forgets it', async () => {
    const gate = new ConcurrencyGate(1, 5, 20);
    const leave = await gate.enter();
    await expect(gate.enter()).rejects.toMatchObject({ reason: 'timed-out' });
    expect(gate.load).toEqual({ holding: 1, waiting: 0 });
    leave();
    expect(gate.load).toEqual({ holding: 0, waiting: 0 });
  });

  it('withdraws a waiter whose caller went away', async () => {
    const gate = new ConcurrencyGate(1, 5, 10_000);
    const leave = await gate.enter();
    const caller = new AbortController();
    const waiting = gate.enter(caller.signal);
    caller.abort();
    await expect(waiting).rejects.toMatchObject({ reason: 'gave-up' });
    leave();
    expect(gate.load).toEqual({ holding: 0, waiting: 0 });
  });
});
