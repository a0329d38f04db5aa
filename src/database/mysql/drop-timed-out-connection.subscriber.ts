import { EventSubscriber } from 'typeorm';
import type { AfterQueryEvent, EntitySubscriberInterface } from 'typeorm';

/**
 * mysql2's query timeout fails the query but leaves the connection waiting
 * for the server's answer: every later command on it (TypeORM's ROLLBACK, or
 * the next request's query once it is back in the pool) would wait forever.
 * So a connection whose query timed out is destroyed at once; the pool opens
 * a fresh one when the database answers again.
 */
@EventSubscriber()
export class DropTimedOutConnectionSubscriber implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (
      (event.error as { code?: unknown } | undefined)?.code !==
      'PROTOCOL_SEQUENCE_TIMEOUT'
    )
      return;
    const runner = event.queryRunner as unknown as {
      databaseConnection?: { destroy(): void };
    };
    runner.databaseConnection?.destroy();
  }
}
