import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { LicensesModule } from '../licenses/licenses.module';
import { LocationsModule } from '../locations/locations.module';
import { PersonsModule } from '../persons/persons.module';
import { SeatsModule } from '../seats/seats.module';
import { AssetsImporter } from './assets.importer';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { LicensesImporter } from './licenses.importer';
import { PersonsImporter } from './persons.importer';
import { ReferenceResolver } from './references';
import { SeatsImporter } from './seats.importer';

/** Bulk import from xlsx and CSV: templates, and one transaction per file through the services. */
@Module({
  imports: [PersonsModule, AssetsModule, LicensesModule, SeatsModule, LocationsModule],
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
