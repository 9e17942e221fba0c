import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Location } from './location.entity';

// TODO(issue 2): service, controller, DTOs.
@Module({ imports: [TypeOrmModule.forFeature([Location])] })
export class LocationsModule {}
