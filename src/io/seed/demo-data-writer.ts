import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Asset } from '../../inventory/assets/asset.entity';
import { LicenseCategory } from '../../catalog/license-categories/license-category.entity';
import { License } from '../../licensing/licenses/license.entity';
import { Location } from '../../catalog/locations/location.entity';
import { OrgUnit } from '../../catalog/org-units/org-unit.entity';
import { Organization } from '../../catalog/organizations/organization.entity';
import { Person } from '../../inventory/persons/person.entity';
import { Software } from '../../catalog/software/software.entity';
import { LicenseSeat } from '../../licensing/seats/license-seat.entity';
import { SeatDevice } from '../../licensing/seats/seat-device.entity';
import { SeatEvent } from '../../licensing/seats/seat-event.entity';
import { DEMO_COMPANY, DemoData } from './demo-data';

/** Ids of the written records by their demo keys, for what is written after them (seats). */
export interface DemoIds {
  orgUnit: (code: string) => string;
  person: (employeeNumber: string) => string;
  asset: (inventoryNumber: string) => string;
  license: (name: string) => string;
}

export interface DemoCounts {
  organizations: number;
  orgUnits: number;
  locations: number;
  licenseCategories: number;
  software: number;
  persons: number;
  assets: number;
  licenses: number;
}

/** Tables whose rows make the register non-empty; demo data only goes into an empty one. */
export const REGISTER_TABLES = [
  Organization,
  OrgUnit,
  Location,
  LicenseCategory,
  Software,
  Person,
  Asset,
  License,
] as const;

/**
 * Inserts the data set, all but its seats, with the caller's transaction manager, one bulk
 * insert per table. Ids are made here, so trees and cross references resolve before
 * insert (parents precede children in each list).
 */
export async function writeDemoData(
  manager: EntityManager,
  data: DemoData,
): Promise<{ counts: DemoCounts; ids: DemoIds }> {
  const org = ids(
    data.organizations.map((o) => o.key),
    'organization',
  );
  const unit = ids(
    data.orgUnits.map((u) => u.code),
    'org unit',
  );
  const place = ids(
    data.locations.map((l) => l.key),
    'location',
  );
  const category = ids(data.categories, 'license category');
  const software = ids(
    data.software.map((s) => s.key),
    'software',
  );
  const person = ids(
    data.persons.map((p) => p.employeeNumber),
    'person',
  );
  const asset = ids(
    data.assets.map((a) => a.inventoryNumber),
    'asset',
  );
  const license = ids(
    data.licenses.map((l) => l.name),
    'license',
  );
  const company = org(DEMO_COMPANY);

  await manager.insert(
    Organization,
    data.organizations.map((o) => ({ id: org(o.key), name: o.name, kind: o.kind })),
  );
  await manager.insert(
    OrgUnit,
    data.orgUnits.map((u) => ({
      id: unit(u.code),
      name: u.name,
      code: u.code,
      parentId: opt(unit, u.parent),
      organizationId: company,
    })),
  );
  await manager.insert(
    Location,
    data.locations.map((l) => ({ id: place(l.key), name: l.name, parentId: opt(place, l.parent) })),
  );
  await manager.insert(
    LicenseCategory,
    data.categories.map((name) => ({ id: category(name), name })),
  );
  await manager.insert(
    Software,
    data.software.map((s) => ({
      id: software(s.key),
      name: s.name,
      version: s.version,
      publisherId: org(s.publisher),
    })),
  );
  await manager.insert(
    Person,
    data.persons.map(({ orgUnit, location, ...p }) => ({
      ...p,
      id: person(p.employeeNumber),
      orgUnitId: unit(orgUnit),
      locationId: place(location),
    })),
  );
  await manager.insert(
    Asset,
    data.assets.map(({ orgUnit, location, owner, ...a }) => ({
      ...a,
      id: asset(a.inventoryNumber),
      orgUnitId: unit(orgUnit),
      locationId: place(location),
      ownerPersonId: opt(person, owner),
    })),
  );
  await manager.insert(
    License,
    data.licenses.map((l) => ({
      id: license(l.name),
      name: l.name,
      categoryId: category(l.category),
      softwareId: software(l.software),
      organizationId: company,
      orgUnitId: opt(unit, l.orgUnit),
      locationStructureId: opt(place, l.locationStructure),
      locationId: opt(place, l.location),
      serialNumber: l.serialNumber,
      inventoryNumber: l.inventoryNumber,
      supplierId: org(l.supplier),
      expirationDate: l.expirationDate,
      supportDate: l.supportDate,
      purchaseDate: l.purchaseDate,
      invoiceNumber: l.invoiceNumber,
      currency: l.currency,
      netUnitPrice: l.netUnitPrice,
      vatRate: l.vatRate,
      metric: l.metric,
      quantity: l.quantity,
      maxActivationsPerUser: l.maxActivationsPerUser ?? 1,
      maxActivations: l.maxActivations ?? null,
      maxDeviceResets: l.maxDeviceResets ?? null,
      notes: l.notes ?? null,
    })),
  );

  const counts = {
    organizations: data.organizations.length,
    orgUnits: data.orgUnits.length,
    locations: data.locations.length,
    licenseCategories: data.categories.length,
    software: data.software.length,
    persons: data.persons.length,
    assets: data.assets.length,
    licenses: data.licenses.length,
  };
  return { counts, ids: { orgUnit: unit, person, asset, license } };
}

/**
 * Activates the demo devices on their holders' seats (written before, through the
 * seat service), with their history. The seat triggers count them and refuse any
 * beyond the per-user or license-wide limits, as for the API's activations.
 */
export async function writeDemoDevices(
  manager: EntityManager,
  data: DemoData,
  ids: DemoIds,
  actorId: string,
): Promise<number> {
  const seats = new Map<string, string>(); // "licenseId person" -> seat id
  for (const s of await manager.find(LicenseSeat, { where: { releasedAt: IsNull() } })) {
    if (s.personId) seats.set(`${s.licenseId} ${s.personId}`, s.id);
  }
  const devices = data.seats.flatMap(({ license, devices }) =>
    devices.map(({ person, asset }) => {
      const licenseId = ids.license(license);
      const personId = ids.person(person);
      const seatId = seats.get(`${licenseId} ${personId}`);
      if (!seatId) throw new Error(`demo data: ${person} holds no seat of ${license}`);
      return { licenseId, seatId, personId, assetId: ids.asset(asset) };
    }),
  );
  if (!devices.length) return 0;
  await manager.insert(
    SeatDevice,
    devices.map(({ licenseId, seatId, assetId }) => ({ licenseId, seatId, assetId, activatedBy: actorId })),
  );
  await manager.insert(
    SeatEvent,
    devices.map((d) => ({ ...d, action: 'activate' as const, actorId })),
  );
  return devices.length;
}

/** A new id per key; an unknown key is a bug in the data set, so it throws (and rolls back). */
function ids(keys: string[], what: string): (key: string) => string {
  const map = new Map(keys.map((key) => [key, randomUUID()]));
  if (map.size !== keys.length) throw new Error(`demo data: duplicate ${what} key`);
  return (key) => {
    const id = map.get(key);
    if (!id) throw new Error(`demo data: unknown ${what} "${key}"`);
    return id;
  };
}

function opt(ref: (key: string) => string, key: string | null): string | null {
  return key === null ? null : ref(key);
}
