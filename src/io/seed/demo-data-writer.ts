import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LicenseCategoriesRepository } from '../../catalog/license-categories/license-categories.repository';
import { LocationsRepository } from '../../catalog/locations/locations.repository';
import { OrganizationsRepository } from '../../catalog/organizations/organizations.repository';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { SoftwareRepository } from '../../catalog/software/software.repository';
import { AssetsRepository } from '../../inventory/assets/assets.repository';
import { PersonsRepository } from '../../inventory/persons/persons.repository';
import { LicensesRepository } from '../../licensing/licenses/licenses.repository';
import { SeatDevicesRepository } from '../../licensing/seats/seat-devices.repository';
import { SeatEventsRepository } from '../../licensing/seats/seat-events.repository';
import { DEMO_COMPANY } from './demo-data';
import type { DemoData } from './demo-model';

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

/** A seat the seat service handed out to the demo: its id, license and person (per_user). */
export interface DemoSeat {
  id: string;
  licenseId: string;
  personId: string | null;
}

/**
 * Writes the demo data set, all but its seats, through the repositories of the
 * modules that own the tables, in the caller's transaction: one bulk insert per table.
 */
@Injectable()
export class DemoDataWriter {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly locations: LocationsRepository,
    private readonly categories: LicenseCategoriesRepository,
    private readonly software: SoftwareRepository,
    private readonly persons: PersonsRepository,
    private readonly assets: AssetsRepository,
    private readonly licenses: LicensesRepository,
    private readonly devices: SeatDevicesRepository,
    private readonly events: SeatEventsRepository,
  ) {}

  /** No record in any register table: demo data only goes into an empty register. */
  async registerIsEmpty(): Promise<boolean> {
    for (const table of [
      this.organizations,
      this.orgUnits,
      this.locations,
      this.categories,
      this.software,
      this.persons,
      this.assets,
      this.licenses,
    ]) {
      if (await table.hasAny()) return false;
    }
    return true;
  }

  /**
   * The catalogs get their ids here, so trees and cross references resolve before
   * insert (parents precede children in each list); persons, assets and licenses take
   * those the database gives, in order.
   */
  async write(data: DemoData): Promise<{ counts: DemoCounts; ids: DemoIds }> {
    const org = keyed(
      data.organizations.map((o) => o.key),
      'organization',
    );
    const unit = keyed(
      data.orgUnits.map((u) => u.code),
      'org unit',
    );
    const place = keyed(
      data.locations.map((l) => l.key),
      'location',
    );
    const category = keyed(data.categories, 'license category');
    const software = keyed(
      data.software.map((s) => s.key),
      'software',
    );
    const company = org(DEMO_COMPANY);

    await this.organizations.insertMany(
      data.organizations.map((o) => ({ id: org(o.key), name: o.name, kind: o.kind })),
    );
    await this.orgUnits.insertMany(
      data.orgUnits.map((u) => ({
        id: unit(u.code),
        name: u.name,
        code: u.code,
        parentId: opt(unit, u.parent),
        organizationId: company,
      })),
    );
    await this.locations.insertMany(
      data.locations.map((l) => ({ id: place(l.key), name: l.name, parentId: opt(place, l.parent) })),
    );
    await this.categories.insertMany(data.categories.map((name) => ({ id: category(name), name })));
    await this.software.insertMany(
      data.software.map((s) => ({
        id: software(s.key),
        name: s.name,
        version: s.version,
        publisherId: org(s.publisher),
      })),
    );
    const persons = await this.persons.createMany(
      data.persons.map(({ orgUnit, location, ...p }) => ({
        ...p,
        orgUnitId: unit(orgUnit),
        locationId: place(location),
      })),
    );
    const person = keyed(
      data.persons.map((p) => p.employeeNumber),
      'person',
      persons.map((p) => p.id),
    );
    const assets = await this.assets.createMany(
      data.assets.map(({ orgUnit, location, owner, ...a }) => ({
        ...a,
        orgUnitId: unit(orgUnit),
        locationId: place(location),
        ownerPersonId: opt(person, owner),
      })),
    );
    const licenses = await this.licenses.createMany(
      data.licenses.map((l) => ({
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
    const ids = {
      orgUnit: unit,
      person,
      asset: keyed(
        data.assets.map((a) => a.inventoryNumber),
        'asset',
        assets.map((a) => a.id),
      ),
      license: keyed(
        data.licenses.map((l) => l.name),
        'license',
        licenses.map((l) => l.id),
      ),
    };
    return { counts, ids };
  }

  /**
   * Activates the demo devices on their holders' `seats` (handed out before by the
   * seat service), with their history. The seat triggers count them and refuse any
   * beyond the per-user or license-wide limits, as for the API's activations.
   */
  async writeDevices(data: DemoData, ids: DemoIds, seats: DemoSeat[], actorId: string): Promise<number> {
    const seatOf = new Map<string, string>(); // "licenseId person" -> seat id
    for (const s of seats) if (s.personId) seatOf.set(`${s.licenseId} ${s.personId}`, s.id);
    const devices = data.seats.flatMap(({ license, devices }) =>
      devices.map(({ person, asset }) => {
        const licenseId = ids.license(license);
        const personId = ids.person(person);
        const seatId = seatOf.get(`${licenseId} ${personId}`);
        if (!seatId) throw new Error(`demo data: ${person} holds no seat of ${license}`);
        return { licenseId, seatId, personId, assetId: ids.asset(asset) };
      }),
    );
    if (!devices.length) return 0;
    await this.devices.activateMany(
      devices.map(({ licenseId, seatId, assetId }) => ({ licenseId, seatId, assetId, activatedBy: actorId })),
    );
    await this.events.append(devices.map((d) => ({ ...d, action: 'activate' as const, actorId })));
    return devices.length;
  }
}

/**
 * An id per key: new ones, or `given` (in the keys' order). An unknown key is a bug
 * in the data set, so it throws (and rolls back).
 */
function keyed(
  keys: string[],
  what: string,
  given: string[] = keys.map(() => randomUUID()),
): (key: string) => string {
  const map = new Map(keys.map((key, i) => [key, given[i]]));
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
