import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitsModule } from '../../catalog/org-units/org-units.module';
import { License } from './license.entity';
import { LicenseKey } from './license-key.entity';
import { LicensesService } from './licenses.service';
import { LicenseKeysService } from './license-keys.service';
import { KeyCipher } from '../../platform/crypto/key-cipher';
import { LicensesController } from './licenses.controller';
import { LicenseKeysController } from './license-keys.controller';

@Module({
  imports: [TypeOrmModule.forFeature([License, LicenseKey]), OrgUnitsModule],
  providers: [LicensesService, LicenseKeysService, KeyCipher],
  controllers: [LicensesController, LicenseKeysController],
  exports: [LicensesService, LicenseKeysService, KeyCipher],
})
export class LicensesModule {}
