import { Asset, AssetKind, Location, OrgUnit, Person } from './model';
import { emailLocal, LANGUAGE_OF, NAMES } from './names';
import { Rng, weightedIndex } from './random';
import { isoDaysBefore } from './time';

/** Relative head count by level: most people work in teams, a few directly in a division or at the top. */
const PEOPLE_BY_DEPTH = [0.03, 0.06, 0.35, 1];
const INACTIVE_SHARE = 0.03;
const EMAIL_DOMAIN = 'meridian-group.example';

export function generatePersons(
  rng: Rng,
  count: number,
  units: OrgUnit[],
  locations: Location[],
  today: string,
): Person[] {
  // A size per unit, fixed once: units differ in head count, as real ones do.
  const unitOf = weightedIndex(units.map((u) => PEOPLE_BY_DEPTH[u.depth] * rng.lognormal(0.4)));
  const sites = locations.flatMap((l, i) => (l.level === 'site' ? [i] : []));
  const taken = new Map<string, number>();
  const persons: Person[] = [];
  for (let i = 0; i < count; i++) {
    const orgUnit = unitOf(rng);
    const location = rng.chance(0.85) ? units[orgUnit].site : rng.pick(sites);
    const names = NAMES[LANGUAGE_OF[locations[location].country] ?? 'en'];
    const firstName = rng.pick(names.first);
    const lastName = rng.pick(names.last);
    // Namesakes get a number, as mail systems do: anna.mueller, anna.mueller2, ...
    const local = emailLocal(firstName, lastName);
    const seen = (taken.get(local) ?? 0) + 1;
    taken.set(local, seen);
    persons.push({
      id: rng.uuid(),
      firstName,
      lastName,
      email: `${local}${seen > 1 ? seen : ''}@${EMAIL_DOMAIN}`,
      employeeNumber: `E${String(i + 1).padStart(6, '0')}`,
      orgUnit,
      location,
      active: !rng.chance(INACTIVE_SHARE),
      createdAt: `${isoDaysBefore(today, rng.int(30, 5 * 365))}T08:00:00Z`,
    });
  }
  return persons;
}

const KINDS: [AssetKind, number][] = [
  ['laptop', 45],
  ['desktop', 22],
  ['mobile', 12],
  ['virtual_machine', 10],
  ['server', 6],
  ['other', 5],
];
const HOST_PREFIX: Record<AssetKind, string> = {
  laptop: 'NB',
  desktop: 'PC',
  mobile: 'MOB',
  virtual_machine: 'VM',
  server: 'SRV',
  other: 'DEV',
};
const SERIAL_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/**
 * Laptops, desktops and phones belong to a person and sit in their unit and site;
 * servers, virtual machines and other devices belong to a unit. A few are in stock
 * or retired (retired ones keep their history but take no seat).
 */
export function generateAssets(
  rng: Rng,
  count: number,
  persons: Person[],
  units: OrgUnit[],
  locations: Location[],
  today: string,
): Asset[] {
  const dataCenter = locations.findIndex((l) => l.name.includes('Data Center'));
  const assets: Asset[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted(KINDS);
    const status = rng.weighted([
      ['in_use', 88],
      ['in_stock', 8],
      ['retired', 4],
    ] as const);
    const personal = kind === 'laptop' || kind === 'desktop' || kind === 'mobile';
    const owner = personal && status === 'in_use' ? rng.int(0, persons.length - 1) : null;
    const orgUnit = owner !== null ? persons[owner].orgUnit : rng.int(0, units.length - 1);
    const server = kind === 'server' || kind === 'virtual_machine';
    const location =
      owner !== null
        ? persons[owner].location
        : server && dataCenter >= 0 && rng.chance(0.6)
          ? dataCenter
          : units[orgUnit].site;
    const serial = Array.from({ length: 10 }, () => SERIAL_CHARS[rng.int(0, SERIAL_CHARS.length - 1)]).join(
      '',
    );
    assets.push({
      id: rng.uuid(),
      name: `${HOST_PREFIX[kind]}-${locations[location].country}-${String(i + 1).padStart(6, '0')}`,
      inventoryNumber: `INV-${String(i + 1).padStart(7, '0')}`,
      serialNumber: serial,
      kind,
      status,
      orgUnit,
      location,
      owner,
      createdAt: `${isoDaysBefore(today, rng.int(1, 6 * 365))}T10:00:00Z`,
    });
  }
  return assets;
}
