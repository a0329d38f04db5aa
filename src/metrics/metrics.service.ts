import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import { DataSource } from 'typeorm';
import { dayStart } from '../common/utc-date';

export type MessageOutcome =
  | 'counted'
  | 'duplicate'
  | 'voided'
  | 'conflict'
  | 'invalid'
  | 'overflow'
  | 'outside_window';
export type DatabaseErrorKind = 'unavailable' | 'busy' | 'other';

interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** What became of a message consumed from RabbitMQ: what becomes of one posted. */
export type ConsumedOutcome = MessageOutcome;

/**
 * The service's Prometheus metrics, in a registry of its own (so two apps
 * in one process, as in the tests, do not collide), served at GET /metrics.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly messages = new Counter({
    name: 'message_stats_messages_total',
    help: 'Messages by outcome: counted, duplicate, voided (sent again after a void), conflict, overflow (a counter would pass its limit), outside_window (a timestamp too old or too far ahead), or invalid (a rejected ingest request).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly voids = new Counter({
    name: 'message_stats_voids_total',
    help: 'Void requests by outcome: voided, already_voided, settled (refused: its day is settled), or not_found.',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly requests = new Histogram({
    name: 'message_stats_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  private readonly databaseErrors = new Counter({
    name: 'message_stats_database_errors_total',
    help: 'Requests failed by the database: unavailable, busy (still deadlocked after retries), or other.',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  private readonly retries = new Counter({
    name: 'message_stats_transaction_retries_total',
    help: 'Transactions retried after a deadlock, a lock-wait timeout or a racing insert.',
    registers: [this.registry],
  });

  private readonly consumed = new Counter({
    name: 'message_stats_amqp_messages_total',
    help: 'Messages consumed from RabbitMQ by outcome: counted, duplicate (both acknowledged), conflict, invalid, overflow (all three dead-lettered).',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  private readonly redelivered = new Counter({
    name: 'message_stats_amqp_redeliveries_total',
    help: 'Messages RabbitMQ delivered again: a consumer stopped or lost its connection before acknowledging them.',
    registers: [this.registry],
  });

  private readonly ledgerRows = new Gauge({
    name: 'message_stats_ledger_rows',
    help: "Messages the ledger holds, as of the last retention pass (MySQL: InnoDB's estimate).",
    registers: [this.registry],
  });

  private readonly ledgerBytes = new Gauge({
    name: 'message_stats_ledger_bytes',
    help: 'Bytes of the ledger table and its indexes, as of the last retention pass.',
    registers: [this.registry],
  });

  private readonly ledgerOldestDay = new Gauge({
    name: 'message_stats_ledger_oldest_day_timestamp_seconds',
    help: 'Start (Unix time) of the oldest event day a ledger row holds, as of the last retention pass; 0 when it is empty.',
    registers: [this.registry],
  });

  private readonly ledgerFirstKeptDay = new Gauge({
    name: 'message_stats_ledger_first_kept_day_timestamp_seconds',
    help: 'Start (Unix time) of the first event day the ledger holds in full: earlier days are settled and their counters are the record.',
    registers: [this.registry],
  });

  private readonly ledgerRemoved = new Counter({
    name: 'message_stats_ledger_removed_rows_total',
    help: 'Ledger rows removed by retention.',
    registers: [this.registry],
  });

  private readonly retentionPasses = new Counter({
    name: 'message_stats_ledger_retention_passes_total',
    help: 'Retention passes by outcome: completed, yielded (another replica was removing the same rows), or failed.',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    // Unprefixed: stock Node.js dashboards look for process_* and nodejs_*.
    collectDefaultMetrics({ register: this.registry });
    const pool = (
      dataSource.driver as unknown as { pool?: Mysql2PoolInternals }
    ).pool;
    if (pool) {
      new Gauge({
        name: 'message_stats_database_pool_connections',
        help: 'MySQL pool connections: open, idle, and requests waiting for one.',
        labelNames: ['state'],
        registers: [this.registry],
        collect() {
          this.set({ state: 'open' }, pool._allConnections?.length ?? 0);
          this.set({ state: 'idle' }, pool._freeConnections?.length ?? 0);
          this.set({ state: 'waiting' }, pool._connectionQueue?.length ?? 0);
        },
      });
    }
  }

  countMessage(outcome: MessageOutcome, count = 1): void {
    this.messages.inc({ outcome }, count);
  }

  countVoid(
    outcome: 'voided' | 'already_voided' | 'settled' | 'not_found',
  ): void {
    this.voids.inc({ outcome });
  }

  observeRequest(
    method: string,
    route: string,
    status: number,
    seconds: number,
  ): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  countDatabaseError(kind: DatabaseErrorKind): void {
    this.databaseErrors.inc({ kind });
  }

  /** What a retention pass found: the ledger's size and its horizon. */
  observeLedger(
    size: { rows: number; bytes: number; oldestDay: string | null },
    firstKeptDay: string,
  ): void {
    this.ledgerRows.set(size.rows);
    this.ledgerBytes.set(size.bytes);
    this.ledgerOldestDay.set(
      size.oldestDay === null ? 0 : dayStartSeconds(size.oldestDay),
    );
    this.ledgerFirstKeptDay.set(dayStartSeconds(firstKeptDay));
  }

  countLedgerRemoved(rows: number): void {
    this.ledgerRemoved.inc(rows);
  }

  countRetentionPass(outcome: 'completed' | 'yielded' | 'failed'): void {
    this.retentionPasses.inc({ outcome });
  }

  countRetry(): void {
    this.retries.inc();
  }

  countConsumed(outcome: ConsumedOutcome, count = 1): void {
    this.consumed.inc({ outcome }, count);
  }

  countRedelivered(count: number): void {
    this.redelivered.inc(count);
  }
}

/** Unix seconds at the start of a YYYY-MM-DD UTC day. */
const dayStartSeconds = (day: string): number => dayStart(day) / 1000;
