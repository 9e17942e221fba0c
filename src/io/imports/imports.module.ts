import { Module } from '@nestjs/common';
import { REGISTER_MODULES } from '../register-modules';
import { AssetsImporter } from './assets.importer';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { LicensesImporter } from './licenses.importer';
import { PersonsImporter } from './persons.importer';
import { ReferenceResolver } from './references';
import { SeatsImporter } from './seats.importer';

/** Bulk import from xlsx and CSV: templates, and one transaction per file through the services. */
@Module({
  imports: REGISTER_MODULES,
  providers: [
    ImportsService,
    ReferenceResolver,
    LicensesImporter,
    PersonsImporter,
    AssetsImporter,
    SeatsImporter,
  ],
  controllers: [ImportsController],
})
export class ImportsModule {}
