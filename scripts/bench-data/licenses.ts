import { License, Location, Metric, Organization, OrgUnit, Software } from './model';
import { FAMILIES } from './products';
import { Rng, weightedIndex } from './random';
import { isoDaysAfter, isoDaysBefore } from './time';

export interface LicenseInputs {
  organizations: Organization[];
  locations: Location[];
  orgUnits: OrgUnit[];
  categories: string[];
  software: Software[];
  today: string;
}

const FX: Record<string, number> = { EUR: 1, USD: 1.08, GBP: 0.86, CHF: 0.95 };
const CURRENCY_OF: Record<string, string> = { DE: 'EUR', PL: 'EUR', GB: 'GBP', CH: 'CHF', US: 'USD' };
const VAT_OF: Record<string, string> = { DE: '19.00', PL: '23.00', GB: '20.00', CH: '8.10', US: '0.00' };
// Where in the tree a license sits: null (everyone), root, division, department, team.
const PLACEMENT: [number | null, number][] = [
  [null, 4],
  [0, 10],
  [1, 16],
  [2, 30],
  [3, 40],
];
// prettier-ignore
const NOTES = ['Renewal handled by central procurement.', 'True-up due at the agreement anniversary.',
  'Includes Software Assurance.', 'Taken over from the legacy asset inventory.', 'Reserved partly for new hires.',
  'Reseller contract renegotiated last year.'];

/**
 * The licenses, without quantities (those follow from the seats). The first
 * `poolCount` are per_user licenses on the root unit, active for years: the
 * benchmark assigns and unassigns on them.
 */
export function generateLicenses(
  rng: Rng,
  count: number,
  poolCount: number,
  input: LicenseInputs,
): License[] {
  const { organizations, orgUnits, software, categories, today } = input;
  // Language and sector editions exist in the catalog but are bought less than the standard one.
  const softwareOf = weightedIndex(
    software.map((s) => FAMILIES[s.family].popularity * (s.name === FAMILIES[s.family].name ? 4 : 1)),
  );
  const perUserSoftware = software.flatMap((s, i) => (FAMILIES[s.family].metric === 'per_user' ? [i] : []));
  const unitsAt = [0, 1, 2, 3].map((d) => orgUnits.flatMap((u, i) => (u.depth === d ? [i] : [])));
  const category = (name: string) => categories.indexOf(name);
  const suppliers = organizations.flatMap((o, i) => (o.kind === 'supplier' ? [i] : []));

  const licenses: License[] = [];
  for (let i = 0; i < count; i++) {
    const pool = i < poolCount;
    const sw = pool ? rng.pick(perUserSoftware) : softwareOf(rng);
    const title = software[sw];
    const family = FAMILIES[title.family];
    const metric: Metric = pool || rng.chance(0.95) ? family.metric : flip(family.metric);
    const depth = pool ? 0 : rng.weighted(PLACEMENT);
    const orgUnit = depth === null ? null : rng.pick(unitsAt[depth]);
    const unit = orgUnit === null ? null : orgUnits[orgUnit];
    const organization = unit ? unit.organization : 0;
    const country = organizations[organization].country ?? 'DE';
    const currency = country !== 'US' && rng.chance(0.06) ? 'USD' : CURRENCY_OF[country];
    // Bought abroad in another currency, or intra-EU with reverse charge: no VAT on the invoice.
    const vatRate = currency !== CURRENCY_OF[country] || rng.chance(0.08) ? '0.00' : VAT_OF[country];
    const supplier = rng.chance(0.2)
      ? title.publisher
      : rng.pick(suppliersFor(organizations, suppliers, currency === 'USD' ? 'US' : country));
    const dates = pool
      ? {
          purchaseDate: isoDaysBefore(today, rng.int(30, 700)),
          expirationDate: isoDaysAfter(today, rng.int(200, 900)),
          supportDate: null,
        }
      : licenseDates(rng, family.subscription, today);
    const categoryName = categoryFor(rng, family.subscription, metric);
    const year = dates.purchaseDate.slice(0, 4);
    const scope = unit ? unit.name : 'Company-wide';
    const number = String(i + 1).padStart(6, '0');
    const perUserLimit = metric === 'per_user' ? activationsPerUser(rng, title.name) : 1;
    licenses.push({
      id: rng.uuid(),
      name: `${title.name} ${title.version} – ${scope} – ${categoryName} ${year} #${number}`,
      category: category(categoryName),
      software: sw,
      organization,
      orgUnit,
      locationStructure: rng.chance(0.5) && unit ? countryNode(input.locations, unit.site) : null,
      location: rng.chance(0.25) && unit ? unit.site : null,
      supplier,
      serialNumber: serialFor(rng, categoryName),
      inventoryNumber: `LIC-${year}-${number}`,
      invoiceNumber: `${invoicePrefix(organizations[supplier].name)}-${year}-${String(rng.int(1, 999_999)).padStart(6, '0')}`,
      ...dates,
      currency,
      netUnitPrice: money(family.price * FX[currency] * (0.8 + rng.float() * 0.3)),
      vatRate,
      metric,
      serverOnly: metric === 'per_device' && family.server === true,
      quantity: 0,
      maxActivationsPerUser: perUserLimit,
      maxActivations: null,
      maxDeviceResets: metric === 'per_user' && rng.chance(0.35) ? rng.pick([3, 5, 10, 20, 50]) : null,
      notes: pool ? 'Company-wide pool for new joiners.' : rng.chance(0.1) ? rng.pick(NOTES) : null,
      benchPool: pool,
    });
  }
  return licenses;
}

const flip = (m: Metric): Metric => (m === 'per_user' ? 'per_device' : 'per_user');

/**
 * Purchases spread evenly over the last four years. Subscriptions expire: most
 * in the future (renewed: the register carries the current term's end), 12%
 * within the next 90 days, 10% already (not renewed yet: a compliance finding
 * while seats are in use). Perpetual licenses do not expire; many have a
 * support end, some of it past.
 */
function licenseDates(rng: Rng, subscription: boolean, today: string) {
  const age = rng.int(1, 4 * 365);
  const purchaseDate = isoDaysBefore(today, age);
  if (!subscription) {
    const supportDate = rng.chance(0.7) ? isoDaysAfter(purchaseDate, rng.pick([1095, 1826])) : null;
    return { purchaseDate, expirationDate: null, supportDate };
  }
  const expiresIn = rng.weighted([
    [-rng.int(1, 400), 10],
    [rng.int(0, 90), 12],
    [rng.int(91, 1100), 78],
  ]);
  // An expired one ran at least a month after it was bought.
  const expirationDate = isoDaysAfter(today, Math.max(expiresIn, 30 - age));
  return { purchaseDate, expirationDate, supportDate: null };
}

function categoryFor(rng: Rng, subscription: boolean, metric: Metric): string {
  if (subscription) {
    return rng.weighted([
      ['Subscription', 50],
      ['Enterprise Agreement', 25],
      ['CSP', 20],
      ['Academic', 5],
    ]);
  }
  if (metric === 'per_device') {
    return rng.weighted([
      ['Volume', 35],
      ['Open/MOLP', 25],
      ['OEM', 25],
      ['Retail', 15],
    ]);
  }
  return rng.weighted([
    ['Volume', 40],
    ['Open/MOLP', 30],
    ['Retail', 15],
    ['Concurrent', 10],
    ['Site License', 5],
  ]);
}

/** Cloud suites allow several devices per user; desktop software mostly one or two. */
function activationsPerUser(rng: Rng, name: string): number {
  if (/365|Creative Cloud|Acrobat/.test(name)) return 5;
  return rng.weighted([
    [1, 35],
    [2, 20],
    [3, 20],
    [5, 25],
  ]);
}

function serialFor(rng: Rng, category: string): string | null {
  const digits = (n: number) => String(rng.int(0, 10 ** n - 1)).padStart(n, '0');
  if (category === 'Open/MOLP') return `MOLP-${digits(8)}`;
  if (category === 'Enterprise Agreement') return `EA-${digits(4)}-${digits(4)}`;
  if (category === 'OEM') return null;
  return rng.chance(0.5) ? `SN-${digits(4)}-${digits(4)}-${digits(4)}` : null;
}

function suppliersFor(organizations: Organization[], suppliers: number[], country: string): number[] {
  const local = suppliers.filter((i) => organizations[i].country === country);
  return local.length ? local : suppliers;
}

function countryNode(locations: Location[], site: number): number {
  let node = site;
  for (let hops = 0; hops < 3 && locations[node].parent !== null; hops++)
    node = locations[node].parent as number;
  return node;
}

/** 'SoftwareOne Deutschland GmbH' → 'SOD': the invoice numbers of one supplier look alike. */
function invoicePrefix(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Za-z]/g, '').charAt(0))
    .join('')
    .slice(0, 3)
    .toUpperCase();
}

/** Cents as a decimal string; the value is computed in whole cents, never sent as a float. */
function money(amount: number): string {
  const cents = Math.round(amount * 100);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
