import { Module } from '@nestjs/common';
import { SeatsModule } from '../../licensing/seats/seats.module';
import { UsersModule } from '../../access/users/users.module';
import { SeedService } from './seed.service';

@Module({ imports: [UsersModule, SeatsModule], providers: [SeedService] })
export class SeedModule {}
