import { Module } from '@nestjs/common';
import { AssetsModule } from '../../inventory/assets/assets.module';
import { LicensesModule } from '../../licensing/licenses/licenses.module';
import { LocationsModule } from '../../catalog/locations/locations.module';
import { PersonsModule } from '../../inventory/persons/persons.module';
import { SeatsModule } from '../../licensing/seats/seats.module';
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
