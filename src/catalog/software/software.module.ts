import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Software } from './software.entity';
import { SoftwareRepository } from './software.repository';
import { SoftwareService } from './software.service';
import { SoftwareController } from './software.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Software])],
  providers: [SoftwareRepository, SoftwareService],
  controllers: [SoftwareController],
  exports: [SoftwareService, SoftwareRepository],
})
export class SoftwareModule {}
