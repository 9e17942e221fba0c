import { Client } from 'pg';
import { bulkInsert, Column, step } from './bulk';
import { Actor, License, Model, Seat } from './model';
import { isoTimestamp } from './time';

type Rows = Record<string, number>;
/** A table's columns: name, PostgreSQL type, and how to read the value from a generated record. */
type Spec<T> = [name: string, type: string, value: (row: T) => unknown][];

function columns<T>(rows: readonly T[], spec: Spec<T>): Column[] {
  return spec.map(([name, type, value]) => ({ name, type, values: rows.map(value) }));
}

async function insert<T>(client: Client, table: string, rows: readonly T[], spec: Spec<T>): Promise<number> {
  return step(
    table,
    () => bulkInsert(client, table, columns(rows, spec)),
    (n) => n,
  );
}

const idOf =
  <T extends { id: string }>(list: T[]) =>
  (i: number | null): string | null =>
    i === null ? null : list[i].id;

const time = (ms: number | null) => (ms === null ? null : isoTimestamp(ms));

/** The catalogs: organizations, locations, org units, license categories, software. */
export async function writeCatalogs(client: Client, m: Model): Promise<Rows> {
  const org = idOf(m.organizations);
  const place = idOf(m.locations);
  const unit = idOf(m.orgUnits);
  return {
    organizations: await insert(client, 'organizations', m.organizations, [
      ['id', 'uuid', (o) => o.id],
      ['name', 'text', (o) => o.name],
      ['kind', 'text', (o) => o.kind],
    ]),
    locations: await insert(client, 'locations', m.locations, [
      ['id', 'uuid', (l) => l.id],
      ['name', 'text', (l) => l.name],
      ['parent_id', 'uuid', (l) => place(l.parent)],
    ]),
    org_units: await insert(client, 'org_units', m.orgUnits, [
      ['id', 'uuid', (u) => u.id],
      ['name', 'text', (u) => u.name],
      ['code', 'text', (u) => u.code],
      ['parent_id', 'uuid', (u) => unit(u.parent)],
      ['organization_id', 'uuid', (u) => org(u.organization)],
    ]),
    license_categories: await insert(client, 'license_categories', m.categories, [
      ['id', 'uuid', (c) => c.id],
      ['name', 'text', (c) => c.name],
    ]),
    software: await insert(client, 'software', m.software, [
      ['id', 'uuid', (s) => s.id],
      ['name', 'text', (s) => s.name],
      ['version', 'text', (s) => s.version],
      ['publisher_id', 'uuid', (s) => org(s.publisher)],
    ]),
  };
}

/** Persons, assets, licenses, seats, devices and history; `actors` resolves who did what. */
export async function writeRegister(client: Client, m: Model, actors: Record<Actor, string>): Promise<Rows> {
  const who = (a: Actor | null) => (a === null ? null : actors[a]);
  const org = idOf(m.organizations);
  const place = idOf(m.locations);
  const unit = idOf(m.orgUnits);
  const person = idOf(m.persons);
  const asset = idOf(m.assets);
  const license = idOf(m.licenses);
  const seat = idOf(m.seats);
  const isPerUser = (s: Seat) => m.licenses[s.license].metric === 'per_user';
  const perUser = (s: number) => isPerUser(m.seats[s]);
  // A license was recorded the morning it was bought.
  const recorded = (l: License) => `${l.purchaseDate}T09:00:00Z`;

  return {
    persons: await insert(client, 'persons', m.persons, [
      ['id', 'uuid', (p) => p.id],
      ['first_name', 'text', (p) => p.firstName],
      ['last_name', 'text', (p) => p.lastName],
      ['email', 'text', (p) => p.email],
      ['employee_number', 'text', (p) => p.employeeNumber],
      ['org_unit_id', 'uuid', (p) => unit(p.orgUnit)],
      ['location_id', 'uuid', (p) => place(p.location)],
      ['active', 'bool', (p) => p.active],
      ['created_at', 'timestamptz', (p) => p.createdAt],
      ['updated_at', 'timestamptz', (p) => p.createdAt],
    ]),
    assets: await insert(client, 'assets', m.assets, [
      ['id', 'uuid', (a) => a.id],
      ['name', 'text', (a) => a.name],
      ['inventory_number', 'text', (a) => a.inventoryNumber],
      ['serial_number', 'text', (a) => a.serialNumber],
      ['kind', 'text', (a) => a.kind],
      ['status', 'text', (a) => a.status],
      ['org_unit_id', 'uuid', (a) => unit(a.orgUnit)],
      ['location_id', 'uuid', (a) => place(a.location)],
      ['owner_person_id', 'uuid', (a) => person(a.owner)],
      ['created_at', 'timestamptz', (a) => a.createdAt],
      ['updated_at', 'timestamptz', (a) => a.createdAt],
    ]),
    licenses: await insert(client, 'licenses', m.licenses, [
      ['id', 'uuid', (l) => l.id],
      ['created_at', 'timestamptz', recorded],
      ['updated_at', 'timestamptz', recorded],
      ['name', 'text', (l) => l.name],
      ['category_id', 'uuid', (l) => m.categories[l.category].id],
      ['software_id', 'uuid', (l) => m.software[l.software].id],
      ['organization_id', 'uuid', (l) => org(l.organization)],
      ['org_unit_id', 'uuid', (l) => unit(l.orgUnit)],
      ['location_structure_id', 'uuid', (l) => place(l.locationStructure)],
      ['location_id', 'uuid', (l) => place(l.location)],
      ['serial_number', 'text', (l) => l.serialNumber],
      ['inventory_number', 'text', (l) => l.inventoryNumber],
      ['supplier_id', 'uuid', (l) => org(l.supplier)],
      ['expiration_date', 'date', (l) => l.expirationDate],
      ['support_date', 'date', (l) => l.supportDate],
      ['purchase_date', 'date', (l) => l.purchaseDate],
      ['invoice_number', 'text', (l) => l.invoiceNumber],
      ['currency', 'text', (l) => l.currency],
      ['net_unit_price', 'numeric', (l) => l.netUnitPrice],
      ['vat_rate', 'numeric', (l) => l.vatRate],
      ['metric', 'text', (l) => l.metric],
      ['quantity', 'int4', (l) => l.quantity],
      ['max_activations_per_user', 'int4', (l) => l.maxActivationsPerUser],
      ['max_activations', 'int4', (l) => l.maxActivations],
      ['max_device_resets', 'int4', (l) => l.maxDeviceResets],
      ['notes', 'text', (l) => l.notes],
    ]),
    license_seats: await insert(client, 'license_seats', m.seats, [
      ['id', 'uuid', (s) => s.id],
      ['license_id', 'uuid', (s) => license(s.license)],
      ['person_id', 'uuid', (s) => (isPerUser(s) ? person(s.holder) : null)],
      ['asset_id', 'uuid', (s) => (isPerUser(s) ? null : asset(s.holder))],
      ['assigned_at', 'timestamptz', (s) => time(s.assignedAt)],
      ['assigned_by', 'uuid', (s) => who(s.assignedBy)],
      ['released_at', 'timestamptz', (s) => time(s.releasedAt)],
      ['released_by', 'uuid', (s) => who(s.releasedBy)],
      ['release_reason', 'text', (s) => s.releaseReason],
    ]),
    seat_devices: await insert(client, 'seat_devices', m.devices, [
      ['id', 'uuid', (d) => d.id],
      ['seat_id', 'uuid', (d) => seat(d.seat)],
      ['license_id', 'uuid', (d) => license(m.seats[d.seat].license)],
      ['asset_id', 'uuid', (d) => asset(d.asset)],
      ['activated_at', 'timestamptz', (d) => time(d.activatedAt)],
      ['activated_by', 'uuid', (d) => who(d.activatedBy)],
      ['deactivated_at', 'timestamptz', (d) => time(d.deactivatedAt)],
      // Deactivated rows are resets, done by whoever activated the device.
      ['deactivated_by', 'uuid', (d) => (d.deactivatedAt === null ? null : who(d.activatedBy))],
      ['deactivation_reason', 'text', (d) => (d.deactivatedAt === null ? null : 'reset')],
    ]),
    seat_events: await insert(client, 'seat_events', m.events, [
      ['at', 'timestamptz', (e) => time(e.at)],
      ['license_id', 'uuid', (e) => license(m.seats[e.seat].license)],
      ['seat_id', 'uuid', (e) => seat(e.seat)],
      ['action', 'text', (e) => e.action],
      // A device event names the seat's person and the asset activated; a seat event its holder.
      ['person_id', 'uuid', (e) => (perUser(e.seat) ? person(m.seats[e.seat].holder) : null)],
      ['asset_id', 'uuid', (e) => asset(e.asset ?? (perUser(e.seat) ? null : m.seats[e.seat].holder))],
      ['actor_id', 'uuid', (e) => who(e.actor)],
      ['details', 'jsonb', (e) => e.details],
    ]),
  };
}
