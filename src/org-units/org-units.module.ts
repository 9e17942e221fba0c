import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitsService } from './org-units.service';
import { OrgUnitsController } from './org-units.controller';

@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit])],
  providers: [OrgUnitsService],
  controllers: [OrgUnitsController],
  exports: [OrgUnitsService],
})
export class OrgUnitsModule {}
