import { Amount } from '../common/amount';
import { Clock } from '../common/clock';
import { AppConfig, DEFAULT_EVENT_WINDOW } from '../config/app-config';
import { CounterOverflowError } from '../database/counter-overflow.error';
import {
  LedgerEntry,
  MessageLedgerRepository,
  RecordResult,
} from '../database/repositories/message-ledger.repository';
import { StoredMessage } from '../database/repositories/stored-message';
import { LedgerRetentionRepository } from '../database/repositories/ledger-retention.repository';
import { IngestMessageDto } from './dto/ingest-message.dto';
import { MetricsService } from '../metrics/metrics.service';
import { GroupCommitter } from './group-committer';
import { IngestionService } from './ingestion.service';
import { MessageNotFoundError } from './message-not-found.error';
import { UuidConflictError } from './uuid-conflict.error';

const uuid = 'a596b362-08be-419f-8070-9c3055566e7c';

function aDto(overrides: Partial<IngestMessageDto> = {}): IngestMessageDto {
  return Object.assign(new IngestMessageDto(), {
    customerId: 1,
    type: 'A',
    amount: '5.5',
    uuid,
    ...overrides,
  });
}

function stored(overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    uuid,
    customerId: 1,
    type: 'A',
    amount: Amount.parse('5.500'),
    date: '2026-11-25',
    receivedAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

describe('IngestionService', () => {
  const now = new Date('2026-11-25T23:59:59.999Z');
  let committer: { submit: jest.Mock<Promise<RecordResult>, [LedgerEntry]> };
  let ledger: { findByUuid: jest.Mock };
  let metrics: { countMessage: jest.Mock };
  let service: IngestionService;

  beforeEach(() => {
    committer = { submit: jest.fn() };
    metrics = { countMessage: jest.fn() };
    ledger = { findByUuid: jest.fn() };
    const clock: Clock = { now: () => now };
    service = new IngestionService(
      ledger as unknown as MessageLedgerRepository,
      committer as unknown as GroupCommitter,
      clock,
      metrics as unknown as MetricsService,
      { eventWindow: DEFAULT_EVENT_WINDOW } as AppConfig,
      {
        firstKeptDay: () => Promise.resolve('0001-01-01'),
      } as unknown as LedgerRetentionRepository,
    );
  });

  it('records a new message on the UTC day of the clock, with its amount exact', async () => {
    committer.submit.mockResolvedValue({ recorded: true });

    await expect(service.ingest(aDto())).resolves.toEqual({
      uuid,
      status: 'counted',
    });
    expect(metrics.countMessage).toHaveBeenCalledWith('counted');

    const [entry] = committer.submit.mock.calls[0];
    expect(entry).toMatchObject({
      uuid,
      customerId: 1,
      type: 'A',
      date: '2026-11-25',
      receivedAt: now,
    });
    expect(entry.amount.milli).toBe(5500n);
  });

  it('calls a known uuid with equal content a duplicate, comparing amounts by value', async () => {
    committer.submit.mockResolvedValue({ recorded: false, existing: stored() });

    await expect(service.ingest(aDto({ amount: '5.50' }))).resolves.toEqual({
      uuid,
      status: 'duplicate',
    });
  });

  it.each([
    ['customerId', { customerId: 2 }],
    ['type', { type: 'a' }],
    ['type', { type: 'A ' }],
    ['amount', { amount: '5.501' }],
  ])(
    'calls a known uuid with another %s a conflict',
    async (_field, change) => {
      committer.submit.mockResolvedValue({
        recorded: false,
        existing: stored(),
      });

      await expect(service.ingest(aDto(change))).rejects.toBeInstanceOf(
        UuidConflictError,
      );
    },
  );

  it('refuses a message that would overflow its counter, and counts the refusal', async () => {
    const overflow = new CounterOverflowError(
      [{ customerId: 1, type: 'A', date: '2026-11-25' }],
      Amount.fromMilli(2n ** 64n - 1n),
    );
    committer.submit.mockRejectedValue(overflow);

    await expect(service.ingest(aDto())).rejects.toBe(overflow);
    expect(metrics.countMessage).toHaveBeenCalledWith('overflow', 1);
  });

  it('passes any other failure on as it is', async () => {
    const failure = new Error('database gone');
    committer.submit.mockRejectedValue(failure);

    await expect(service.ingest(aDto())).rejects.toBe(failure);
  });

  it('shows a stored message with its amount to 3 decimals', async () => {
    ledger.findByUuid.mockResolvedValue(stored());

    await expect(service.find(uuid)).resolves.toEqual({
      uuid,
      customerId: 1,
      type: 'A',
      amount: '5.500',
      date: '2026-11-25',
      receivedAt: '2026-11-25T10:00:00.000Z',
    });
  });

  it('is a not-found for an unknown uuid', async () => {
    ledger.findByUuid.mockResolvedValue(null);

    await expect(service.find(uuid)).rejects.toBeInstanceOf(
      MessageNotFoundError,
    );
  });
});
