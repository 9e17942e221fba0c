import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitsModule } from '../../catalog/org-units/org-units.module';
import { License } from './license.entity';
import { LicenseKey } from './license-key.entity';
import { LicensesService } from './licenses.service';
import { LicensesRepository } from './licenses.repository';
import { LicenseKeysRepository } from './license-keys.repository';
import { LicenseLinesRepository } from './license-lines.repository';
import { LicenseKeysService } from './license-keys.service';
import { KeyCipher } from '../../platform/crypto/key-cipher';
import { LicensesController } from './licenses.controller';
import { LicenseKeysController } from './license-keys.controller';
import { registerConstraintErrors } from '../../platform/database/database-errors';
import { SEAT_GUARD_ERRORS } from '../seat-engine/seat-guard-errors';

@Module({
  imports: [TypeOrmModule.forFeature([License, LicenseKey]), OrgUnitsModule],
  providers: [
    LicensesService,
    LicenseKeysService,
    KeyCipher,
    LicenseLinesRepository,
    LicensesRepository,
    LicenseKeysRepository,
  ],
  controllers: [LicensesController, LicenseKeysController],
  exports: [LicensesService, LicenseKeysService, KeyCipher, LicenseLinesRepository, LicensesRepository],
})
export class LicensesModule {
  constructor() {
    // The seat guards' violations answer as the seat rules do, wherever they are translated.
    registerConstraintErrors(SEAT_GUARD_ERRORS);
  }
}
