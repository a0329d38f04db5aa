import { Module } from '@nestjs/common';
import { ExplorerAssets } from './explorer-assets';
import { ExplorerController } from './explorer.controller';

/** GET /explore: the usage explorer page; left out when EXPLORER_ENABLED=false. */
@Module({
  controllers: [ExplorerController],
  providers: [ExplorerAssets],
})
export class ExplorerModule {}
