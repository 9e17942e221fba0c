import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Asset } from './asset.entity';

// TODO(issue 2): service, controller, DTOs.
@Module({ imports: [TypeOrmModule.forFeature([Asset])] })
export class AssetsModule {}
