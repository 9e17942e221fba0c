import { LicenseCategoriesModule } from '../catalog/license-categories/license-categories.module';
import { LocationsModule } from '../catalog/locations/locations.module';
import { OrganizationsModule } from '../catalog/organizations/organizations.module';
import { OrgUnitsModule } from '../catalog/org-units/org-units.module';
import { SoftwareModule } from '../catalog/software/software.module';
import { AssetsModule } from '../inventory/assets/assets.module';
import { PersonsModule } from '../inventory/persons/persons.module';
import { LicensesModule } from '../licensing/licenses/licenses.module';
import { SeatsModule } from '../licensing/seats/seats.module';

/**
 * The modules of the register's records, which imports and the demo seed read and
 * write through (their services' use cases, their repositories' bulk reads and writes).
 */
export const REGISTER_MODULES = [
  OrganizationsModule,
  OrgUnitsModule,
  LocationsModule,
  LicenseCategoriesModule,
  SoftwareModule,
  PersonsModule,
  AssetsModule,
  LicensesModule,
  SeatsModule,
];
