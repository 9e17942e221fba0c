import { Module } from '@nestjs/common';
import { UsersModule } from '../../access/users/users.module';
import { REGISTER_MODULES } from '../register-modules';
import { DemoDataWriter } from './demo-data-writer';
import { SeedRepository } from './seed.repository';
import { SeedService } from './seed.service';

@Module({
  imports: [UsersModule, ...REGISTER_MODULES],
  providers: [SeedService, SeedRepository, DemoDataWriter],
})
export class SeedModule {}
