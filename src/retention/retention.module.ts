import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { LedgerRetentionService } from './ledger-retention.service';

/** Keeps the ledger bounded: LEDGER_RETENTION_DAYS of event days. */
@Module({
  imports: [DatabaseModule],
  providers: [LedgerRetentionService],
  exports: [LedgerRetentionService],
})
export class RetentionModule {}
