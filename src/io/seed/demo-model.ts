import type { AssetKind, AssetStatus } from '../../inventory/assets/asset.entity';
import type { LicenseMetric } from '../../licensing/licenses/license.entity';
import type { OrganizationKind } from '../../catalog/organizations/organization.entity';

/**
 * The demo register of a fictitious mid-sized company, "Northwind Traders GmbH".
 * Records point at each other by key (organizations, locations, software), code
 * (org units) or employee number (persons); the writer turns those into ids.
 * Everything is fixed or drawn from a seeded PRNG, so one date gives one data set.
 */
export interface DemoData {
  organizations: DemoOrganization[];
  orgUnits: DemoOrgUnit[];
  locations: DemoLocation[];
  categories: string[];
  software: DemoSoftware[];
  persons: DemoPerson[];
  assets: DemoAsset[];
  licenses: DemoLicense[];
  seats: DemoSeats[];
}

export interface DemoOrganization {
  key: string;
  name: string;
  kind: OrganizationKind;
}

/** Parents come before their children in every tree list. */
export interface DemoOrgUnit {
  code: string;
  name: string;
  parent: string | null;
}

export interface DemoLocation {
  key: string;
  name: string;
  parent: string | null;
}

export interface DemoSoftware {
  key: string;
  name: string;
  version: string | null;
  publisher: string;
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
  employeeNumber: string;
  orgUnit: string;
  location: string;
  active: boolean;
}

export interface DemoAsset {
  name: string;
  inventoryNumber: string;
  serialNumber: string | null;
  kind: AssetKind;
  status: AssetStatus;
  orgUnit: string;
  location: string;
  /** Employee number of the owner. */
  owner: string | null;
}

export interface DemoLicense {
  name: string;
  category: string;
  software: string;
  /** null: usable company-wide. */
  orgUnit: string | null;
  locationStructure: string | null;
  location: string | null;
  supplier: string;
  serialNumber: string | null;
  inventoryNumber: string;
  purchaseDate: string;
  invoiceNumber: string;
  expirationDate: string | null;
  supportDate: string | null;
  currency: string;
  netUnitPrice: string;
  vatRate: string;
  metric: LicenseMetric;
  quantity: number;
  maxActivationsPerUser?: number;
  maxActivations?: number;
  maxDeviceResets?: number;
  notes?: string;
}

/** The seats of one demo license: persons (per_user) or assets (per_device), and the devices activated. */
export interface DemoSeats {
  license: string;
  /** Employee numbers (per_user) or inventory numbers (per_device), in assignment order. */
  holders: string[];
  devices: { person: string; asset: string }[];
}
