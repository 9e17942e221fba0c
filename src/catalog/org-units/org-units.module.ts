import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitsRepository } from './org-units.repository';
import { OrgUnitsService } from './org-units.service';
import { OrgScope } from './org-scope.service';
import { OrgUnitsController } from './org-units.controller';

@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit])],
  providers: [OrgUnitsRepository, OrgUnitsService, OrgScope],
  controllers: [OrgUnitsController],
  exports: [OrgUnitsRepository, OrgUnitsService, OrgScope],
})
export class OrgUnitsModule {}
