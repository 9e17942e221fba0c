import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitsModule } from '../../catalog/org-units/org-units.module';
import { Person } from './person.entity';
import { PersonsRepository } from './persons.repository';
import { PersonsService } from './persons.service';
import { PersonsController } from './persons.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Person]), OrgUnitsModule],
  providers: [PersonsRepository, PersonsService],
  controllers: [PersonsController],
  exports: [PersonsService, PersonsRepository],
})
export class PersonsModule {}
