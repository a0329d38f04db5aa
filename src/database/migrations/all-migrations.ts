import type { MigrationInterface } from 'typeorm';
import { CreateLedgerAndDailyStatistics1764100000000 } from './1764100000000-create-ledger-and-daily-statistics';
import { AddMonthlyStatistics1764200000000 } from './1764200000000-add-monthly-statistics';
import { KeyDailyStatisticsByDay1764300000000 } from './1764300000000-key-daily-statistics-by-day';
import { AddCounterSlots1764400000000 } from './1764400000000-add-counter-slots';
import { AddYearlyStatistics1764500000000 } from './1764500000000-add-yearly-statistics';
import { AddEventTime1764600000000 } from './1764600000000-add-event-time';
import { AddVoids1764700000000 } from './1764700000000-add-voids';
import { AddLedgerHorizon1764800000000 } from './1764800000000-add-ledger-horizon';
import { KeyLedgerByDay1764900000000 } from './1764900000000-key-ledger-by-day';
import { AddQuarterHourStatistics1765000000000 } from './1765000000000-add-quarter-hour-statistics';
import type { MigrationDialect } from './migration-dialect';

const MIGRATIONS: Array<new (dialect: MigrationDialect) => MigrationInterface> =
  [
    CreateLedgerAndDailyStatistics1764100000000,
    AddMonthlyStatistics1764200000000,
    KeyDailyStatisticsByDay1764300000000,
    AddCounterSlots1764400000000,
    AddYearlyStatistics1764500000000,
    AddEventTime1764600000000,
    AddVoids1764700000000,
    AddLedgerHorizon1764800000000,
    KeyLedgerByDay1764900000000,
    AddQuarterHourStatistics1765000000000,
  ];

/**
 * Every migration, oldest first, bound to one database's dialect. TypeORM
 * makes each with `new`, without arguments; each keeps its `name`, which
 * is what the migrations table records.
 */
export function migrationsFor(
  dialect: MigrationDialect,
): Array<new () => MigrationInterface> {
  return MIGRATIONS.map(
    (Migration) =>
      class extends Migration {
        constructor() {
          super(dialect);
        }
      },
  );
}
