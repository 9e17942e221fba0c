import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LicensesModule } from '../licenses/licenses.module';
import { OrgUnitsModule } from '../../catalog/org-units/org-units.module';
import { PersonsModule } from '../../inventory/persons/persons.module';
import { AssetsModule } from '../../inventory/assets/assets.module';
import { LicenseSeat } from './license-seat.entity';
import { SeatDevice } from './seat-device.entity';
import { SeatEvent } from './seat-event.entity';
import { SeatHistory } from './seat-history.service';
import { SeatRelease } from './seat-release';
import { SeatsService } from './seats.service';
import { SeatUsageRepository } from './seat-usage.repository';
import { SeatsRepository } from './seats.repository';
import { SeatDevicesRepository } from './seat-devices.repository';
import { SeatEventsRepository } from './seat-events.repository';
import { HolderScopeRepository } from './holder-scope.repository';
import { SeatRefusals } from '../seat-engine/seat-refusals';
import { DevicesService } from './devices.service';
import { LicenseSeatsController } from './license-seats.controller';
import { SeatDevicesController } from './seat-devices.controller';
import { HolderSeatsController } from './holder-seats.controller';

/** Seats, device activations and their history: the assignment engine. */
@Module({
  imports: [
    TypeOrmModule.forFeature([LicenseSeat, SeatDevice, SeatEvent]),
    LicensesModule,
    OrgUnitsModule,
    PersonsModule,
    AssetsModule,
  ],
  providers: [
    SeatHistory,
    SeatRelease,
    SeatsService,
    DevicesService,
    SeatUsageRepository,
    SeatsRepository,
    SeatDevicesRepository,
    SeatEventsRepository,
    HolderScopeRepository,
    SeatRefusals,
  ],
  controllers: [LicenseSeatsController, SeatDevicesController, HolderSeatsController],
  exports: [SeatsService, SeatUsageRepository, SeatsRepository, SeatDevicesRepository, SeatEventsRepository],
})
export class SeatsModule {}
