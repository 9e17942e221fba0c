/**
 * The generated organization, in memory before it is written. Records point at
 * each other by array index (cheap while generating); each has its final id.
 */
export interface Organization {
  id: string;
  name: string;
  kind: 'internal' | 'supplier' | 'manufacturer';
  /** Internal companies: the country they buy in (currency, VAT). */
  country?: string;
}

export interface Location {
  id: string;
  name: string;
  parent: number | null;
  level: 'country' | 'city' | 'site';
  /** ISO code of the country the node is in. */
  country: string;
}

export interface OrgUnit {
  id: string;
  name: string;
  code: string;
  parent: number | null;
  depth: number;
  /** Owning internal organization (index into organizations). */
  organization: number;
  /** Site most of its people work at (index into locations). */
  site: number;
}

export interface Category {
  id: string;
  name: string;
}

export interface Software {
  id: string;
  name: string;
  version: string;
  publisher: number;
  family: number;
}

export interface Person {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  employeeNumber: string;
  orgUnit: number;
  location: number;
  active: boolean;
  createdAt: string;
}

export type AssetKind = 'desktop' | 'laptop' | 'server' | 'virtual_machine' | 'mobile' | 'other';

export interface Asset {
  id: string;
  name: string;
  inventoryNumber: string;
  serialNumber: string;
  kind: AssetKind;
  status: 'in_use' | 'in_stock' | 'retired';
  orgUnit: number;
  location: number;
  owner: number | null;
  createdAt: string;
}

export type Metric = 'per_user' | 'per_device';

export interface License {
  id: string;
  name: string;
  category: number;
  software: number;
  organization: number;
  /** null: usable by everyone. */
  orgUnit: number | null;
  locationStructure: number | null;
  location: number | null;
  supplier: number;
  serialNumber: string | null;
  inventoryNumber: string;
  invoiceNumber: string;
  purchaseDate: string;
  expirationDate: string | null;
  supportDate: string | null;
  currency: string;
  netUnitPrice: string;
  vatRate: string;
  metric: Metric;
  /** per_device licenses for servers go to servers and virtual machines only. */
  serverOnly: boolean;
  /** Set once seats are allocated: used + free. */
  quantity: number;
  maxActivationsPerUser: number;
  maxActivations: number | null;
  maxDeviceResets: number | null;
  notes: string | null;
  /** One of the root licenses kept roomy for the benchmark's assign/unassign loop. */
  benchPool: boolean;
}

/** Who did something, resolved to a user id when written. */
export type Actor = 'admin' | 'asset_manager' | 'department_head';

export interface Seat {
  id: string;
  license: number;
  /** Person index (per_user) or asset index (per_device). */
  holder: number;
  assignedAt: number;
  assignedBy: Actor;
  releasedAt: number | null;
  releasedBy: Actor | null;
  /** How the app names it: an unassign, an offboarding, a retirement. */
  releaseReason: 'unassigned' | 'offboarded' | 'asset_retired' | null;
}

export interface Device {
  id: string;
  /** Index into the seats list. */
  seat: number;
  asset: number;
  activatedAt: number;
  activatedBy: Actor;
  /** Set for devices reset (deactivated) in the past: they count against maxDeviceResets. */
  deactivatedAt: number | null;
}

export interface SeatEvent {
  at: number;
  seat: number;
  action: 'assign' | 'unassign' | 'release' | 'activate' | 'reset';
  asset: number | null;
  actor: Actor;
  details: string;
}

export interface Model {
  organizations: Organization[];
  locations: Location[];
  orgUnits: OrgUnit[];
  categories: Category[];
  software: Software[];
  persons: Person[];
  assets: Asset[];
  licenses: License[];
  seats: Seat[];
  devices: Device[];
  events: SeatEvent[];
}
