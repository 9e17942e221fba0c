import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Location } from './location.entity';
import { LocationsRepository } from './locations.repository';
import { LocationsService } from './locations.service';
import { LocationsController } from './locations.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Location])],
  providers: [LocationsRepository, LocationsService],
  controllers: [LocationsController],
  exports: [LocationsService, LocationsRepository],
})
export class LocationsModule {}
