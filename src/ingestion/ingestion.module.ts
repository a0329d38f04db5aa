import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { IngestionController } from './ingestion.controller';
import { GroupCommitter } from './group-committer';
import { IngestionService } from './ingestion.service';
import { AmqpConsumer } from './amqp-consumer';
import { VoidController } from './void.controller';

@Module({
  imports: [DatabaseModule],
  controllers: [IngestionController, VoidController],
  providers: [IngestionService, GroupCommitter, AmqpConsumer],
})
export class IngestionModule {}
