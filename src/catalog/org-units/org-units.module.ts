import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitsService } from './org-units.service';
import { OrgScope } from './org-scope.service';
import { OrgUnitsController } from './org-units.controller';

@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit])],
  providers: [OrgUnitsService, OrgScope],
  controllers: [OrgUnitsController],
  exports: [OrgUnitsService, OrgScope],
})
export class OrgUnitsModule {}
