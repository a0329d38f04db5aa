import { DynamicModule, Module } from '@nestjs/common';
import { ClockModule } from './common/clock.module';
import { AppConfig } from './config/app-config';
import { MetricsModule } from './metrics/metrics.module';
import { ConfigModule } from './config/config.module';
import { ExplorerModule } from './explorer/explorer.module';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { RetentionModule } from './retention/retention.module';
import { StatisticsModule } from './statistics/statistics.module';

@Module({})
export class AppModule {
  /** The whole service, for an already validated configuration. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        MetricsModule,
        IngestionModule,
        StatisticsModule,
        RetentionModule,
        HealthModule,
        ...(config.explorerEnabled ? [ExplorerModule] : []),
      ],
    };
  }
}
