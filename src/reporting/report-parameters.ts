import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@libs/errors';
import { LicenseCategoriesService } from '../catalog/license-categories/license-categories.service';
import { LocationsService } from '../catalog/locations/locations.service';
import { OrganizationsService } from '../catalog/organizations/organizations.service';
import { OrgUnitsService } from '../catalog/org-units/org-units.service';
import { SoftwareService } from '../catalog/software/software.service';
import { LicenseFilters } from '../licensing/licenses/dto/license.dto';

/** A line of a summary sheet: label and value. */
export type ReportParameter = [label: string, value: string];

type NameOf = (id: string) => Promise<string>;

/**
 * What a report's summary sheet lists as its filters: the ones set, by a readable
 * label, a record's name instead of its id (one small look-up each, through the
 * catalog that owns it), and nothing of paging, sorting or the file format, which do
 * not change a file's content.
 */
@Injectable()
export class ReportParameters {
  /** The license list's filters as a summary sheet shows them, in this order. */
  private readonly filtersShown: { key: keyof LicenseFilters; label: string; nameOf?: NameOf }[];

  constructor(
    software: SoftwareService,
    categories: LicenseCategoriesService,
    organizations: OrganizationsService,
    orgUnits: OrgUnitsService,
    locations: LocationsService,
  ) {
    // Name and version, as the reports show a software (a missing version is left out).
    const softwareName: NameOf = async (id) => {
      const { name, version } = await software.get(id);
      return version === null ? name : `${name} ${version}`;
    };
    const organizationName: NameOf = async (id) => (await organizations.get(id)).name;
    const locationName: NameOf = async (id) => (await locations.get(id)).name;
    this.filtersShown = [
      { key: 'q', label: 'Search' },
      { key: 'softwareId', label: 'Software', nameOf: softwareName },
      { key: 'categoryId', label: 'Category', nameOf: async (id) => (await categories.get(id)).name },
      { key: 'organizationId', label: 'Organization', nameOf: organizationName },
      {
        key: 'orgUnitId',
        label: 'Org unit',
        nameOf: async (id) => {
          const unit = await orgUnits.get(id);
          return `${unit.name} (${unit.code})`;
        },
      },
      { key: 'supplierId', label: 'Supplier', nameOf: organizationName },
      { key: 'locationStructureId', label: 'Location structure', nameOf: locationName },
      { key: 'locationId', label: 'Location', nameOf: locationName },
      { key: 'metric', label: 'Metric' },
      { key: 'currency', label: 'Currency' },
      { key: 'status', label: 'Status' },
      { key: 'expiringWithinDays', label: 'Expiring within (days)' },
    ];
  }

  async filters(query: LicenseFilters): Promise<ReportParameter[]> {
    const out: ReportParameter[] = [];
    for (const { key, label, nameOf } of this.filtersShown) {
      const value = query[key];
      if (value === undefined || value === null || value === '') continue;
      out.push([label, nameOf ? await nameOrUnknown(nameOf, String(value)) : String(value)]);
    }
    return out;
  }
}

async function nameOrUnknown(nameOf: NameOf, id: string): Promise<string> {
  try {
    return await nameOf(id);
  } catch (error) {
    if (error instanceof NotFoundError) return `(unknown id ${id})`;
    throw error;
  }
}
