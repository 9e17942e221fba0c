import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitsModule } from '../../catalog/org-units/org-units.module';
import { Asset } from './asset.entity';
import { AssetsRepository } from './assets.repository';
import { AssetsService } from './assets.service';
import { AssetsController } from './assets.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Asset]), OrgUnitsModule],
  providers: [AssetsRepository, AssetsService],
  controllers: [AssetsController],
  exports: [AssetsService, AssetsRepository],
})
export class AssetsModule {}
