import type { IngestMessageDto } from './dto/ingest-message.dto';
import { CounterOverflowError } from '../database/counter-overflow.error';
import { Disposal, refused } from './dead-letter';
import type { IngestionService } from './ingestion.service';
import { TimestampOutsideWindowError } from './timestamp-outside-window.error';
import { UuidConflictError } from './uuid-conflict.error';

/**
 * One transaction for the group. If a counter would overflow, the whole
 * transaction is refused: the group is then written one message at a
 * time, and only the messages refused alone are dead-lettered.
 */
export async function writeGroup(
  ingestion: IngestionService,
  messages: IngestMessageDto[],
): Promise<Disposal[]> {
  try {
    const { results } = await ingestion.ingestBatch(messages);
    return results.map(({ status }, i) =>
      status === 'conflict'
        ? refused('conflict', new UuidConflictError(messages[i].uuid))
        : { ack: status },
    );
  } catch (error) {
    if (error instanceof TimestampOutsideWindowError) {
      return refuseOutsideWindow(ingestion, messages, error);
    }
    if (!(error instanceof CounterOverflowError)) throw error;
    if (messages.length === 1) return [refused('overflow', error)];
  }
  const disposals: Disposal[] = [];
  for (const message of messages) {
    disposals.push(...(await writeGroup(ingestion, [message])));
  }
  return disposals;
}

/**
 * Dead-letters the messages whose timestamps lie outside the window, each
 * with the problem POST /messages answers for it, and writes the rest.
 */
async function refuseOutsideWindow(
  ingestion: IngestionService,
  messages: IngestMessageDto[],
  error: TimestampOutsideWindowError,
): Promise<Disposal[]> {
  const outside = new Set(error.indexes);
  const rest = messages.filter((_, i) => !outside.has(i));
  const written = rest.length > 0 ? await writeGroup(ingestion, rest) : [];
  const alone = new TimestampOutsideWindowError(
    [0],
    false,
    error.earliest,
    error.latest,
    error.window,
  );
  let next = 0;
  return messages.map((_, i) =>
    outside.has(i) ? refused('outside_window', alone) : written[next++],
  );
}
