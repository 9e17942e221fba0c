import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Software } from './software.entity';

// TODO(issue 2): service, controller, DTOs.
@Module({ imports: [TypeOrmModule.forFeature([Software])] })
export class SoftwareModule {}
