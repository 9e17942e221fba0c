import { Module } from '@nestjs/common';
import { SeatsModule } from '../seats/seats.module';
import { UsersModule } from '../users/users.module';
import { SeedService } from './seed.service';

@Module({ imports: [UsersModule, SeatsModule], providers: [SeedService] })
export class SeedModule {}
