import { Logger } from '@nestjs/common';
import { Amount } from '../common/amount';
import { AppConfig, GroupCommitConfig } from '../config/app-config';
import {
  LedgerEntry,
  MessageLedgerRepository,
  RecordResult,
} from '../database/repositories/message-ledger.repository';
import { GroupCommitter } from './group-committer';

function anEntry(uuid: string): LedgerEntry {
  return {
    uuid,
    customerId: 1,
    type: 'A',
    amount: Amount.parse('1'),
    date: '2026-11-25',
    receivedAt: new Date('2026-11-25T12:00:00Z'),
  };
}

/** A ledger whose transactions end when the test says so. */
class ControlledLedger {
  readonly batches: string[][] = [];
  private readonly pending: Array<() => void> = [];
  failWhen: (uuids: string[]) => Error | undefined = () => undefined;

  recordBatch(entries: LedgerEntry[]): Promise<RecordResult[]> {
    const uuids = entries.map((entry) => entry.uuid);
    this.batches.push(uuids);
    return new Promise((resolve, reject) => {
      this.pending.push(() => {
        const error = this.failWhen(uuids);
        if (error) reject(error);
        else resolve(entries.map(() => ({ recorded: true })));
      });
    });
  }

  /** Ends every transaction under way. */
  commitAll(): void {
    this.pending.splice(0).forEach((commit) => commit());
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Lets every callback the committer has queued run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await tick();
}

describe('GroupCommitter', () => {
  let ledger: ControlledLedger;

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  function committer(
    settings: Partial<GroupCommitConfig> = {},
  ): GroupCommitter {
    ledger = new ControlledLedger();
    const config = {
      groupCommit: {
        maxBatch: 128,
        maxWaitMs: 2,
        maxConcurrent: 1,
        ...settings,
      },
    } as AppConfig;
    return new GroupCommitter(
      ledger as unknown as MessageLedgerRepository,
      config,
    );
  }

  it('writes a lone message at once, in a transaction of its own', async () => {
    const sut = committer();
    const result = sut.submit(anEntry('a'));
    await tick();
    expect(ledger.batches).toEqual([['a']]);
    ledger.commitAll();
    await expect(result).resolves.toEqual({ recorded: true });
  });

  it('lets messages that arrive while a transaction is under way share the next one', async () => {
    const sut = committer();
    const first = sut.submit(anEntry('a'));
    await tick();
    const rest = ['b', 'c', 'd'].map((uuid) => sut.submit(anEntry(uuid)));
    await tick();
    expect(ledger.batches).toEqual([['a']]);

    ledger.commitAll();
    await first;
    await settle();
    expect(ledger.batches).toEqual([['a'], ['b', 'c', 'd']]);
    ledger.commitAll();
    await expect(Promise.all(rest)).resolves.toHaveLength(3);
  });

  it('never puts more than maxBatch messages in one transaction', async () => {
    const sut = committer({ maxBatch: 2, maxConcurrent: 3 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((uuid) =>
      sut.submit(anEntry(uuid)),
    );
    await tick();
    expect(ledger.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    ledger.commitAll();
    await expect(Promise.all(all)).resolves.toHaveLength(5);
  });

  it('runs at most maxConcurrent transactions at once', async () => {
    const sut = committer({ maxBatch: 1, maxConcurrent: 2 });
    const all = ['a', 'b', 'c'].map((uuid) => sut.submit(anEntry(uuid)));
    await tick();
    expect(ledger.batches).toEqual([['a'], ['b']]);
    ledger.commitAll();
    await settle();
    expect(ledger.batches).toEqual([['a'], ['b'], ['c']]);
    ledger.commitAll();
    await expect(Promise.all(all)).resolves.toHaveLength(3);
  });

  it('records a failed batch message by message, so one bad message fails alone', async () => {
    const sut = committer();
    ledger.failWhen = (uuids) =>
      uuids.includes('bad') ? new Error('out of range') : undefined;
    const first = sut.submit(anEntry('first'));
    await tick();
    const others = Promise.allSettled(
      ['a', 'bad', 'b'].map((uuid) => sut.submit(anEntry(uuid))),
    );
    ledger.commitAll();
    await first;
    for (let i = 0; i < 5; i++) {
      await settle();
      ledger.commitAll();
    }

    const [a, bad, b] = await others;
    expect(a).toEqual({ status: 'fulfilled', value: { recorded: true } });
    expect(b).toEqual({ status: 'fulfilled', value: { recorded: true } });
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: new Error('out of range'),
    });
    expect(ledger.batches).toEqual([
      ['first'],
      ['a', 'bad', 'b'],
      ['a'],
      ['bad'],
      ['b'],
    ]);
  });

  it.each([
    ['the database cannot be reached', 'ECONNREFUSED'],
    ['a lock conflict outlasted the ledger retries', 'ER_LOCK_WAIT_TIMEOUT'],
  ])('fails the whole batch at once when %s', async (_, code) => {
    const sut = committer();
    ledger.failWhen = () => Object.assign(new Error(code), { code });
    const first = sut.submit(anEntry('first'));
    await tick();
    const others = Promise.allSettled(
      ['a', 'b'].map((uuid) => sut.submit(anEntry(uuid))),
    );
    ledger.commitAll();
    await expect(first).rejects.toThrow(code);
    await settle();
    ledger.commitAll();

    expect((await others).map((result) => result.status)).toEqual([
      'rejected',
      'rejected',
    ]);
    expect(ledger.batches).toEqual([['first'], ['a', 'b']]);
  });
});
